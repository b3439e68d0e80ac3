import { AREA_ROLES } from "@/server/auth/session";
import { searchPickupPoints, searchPickupPointsInput } from "@/server/domain/pickup-points/search-pickup-points";
import { byActor } from "@/server/http/edge-call";
import { defineRoute } from "@/server/http/define-route";
import { jsonOk } from "@/server/http/json-response";

/**
 * GET /api/pickup-points?carrier=CDEK|RUSSIAN_POST&city=…&q=…: the carrier's pickup points in the city, for the
 * shopper's picker. Answers `{ ok: true, data: PickupPointRecord[] }`; a malformed query is a 400 with the
 * reason (`{ ok: false, code: "VALIDATION", message, fieldErrors }`), a carrier API that fails a 503.
 * Signed-in shoppers only; the picker asks as the shopper types, so the limit is generous.
 */
export const GET = defineRoute({
  name: "api/pickup-points",
  roles: AREA_ROLES.cabinet,
  query: searchPickupPointsInput,
  limits: [
    {
      bucket: "pickup-points",
      key: byActor,
      rules: [{ limit: 300, windowSeconds: 10 * 60 }],
      tooMany: (wait) => `Слишком много запросов пунктов выдачи. Попробуйте ${wait}.`,
    },
  ],
  run: async ({ input }) => {
    const response = jsonOk(await searchPickupPoints(input.query));
    response.headers.set("Cache-Control", "private, no-store");
    return response;
  },
});
