import { NextResponse } from "next/server";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { searchPickupPoints, searchPickupPointsInput } from "@/server/domain/pickup-points/search-pickup-points";
import { toActionError } from "@/server/errors";
import { jsonError, jsonOk } from "@/server/http/json-response";

/**
 * GET /api/pickup-points?carrier=CDEK|RUSSIAN_POST&city=…&q=…: the carrier's pickup points in the city, for the
 * shopper's picker. Answers `{ ok: true, data: PickupPointRecord[] }`; a malformed query is a 400 with the
 * reason (`{ ok: false, code: "VALIDATION", message, fieldErrors }`), a carrier API that fails a 503.
 * Signed-in shoppers only.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireActorRole(AREA_ROLES.cabinet);
    const params = new URL(request.url).searchParams;
    const input = searchPickupPointsInput.safeParse({
      carrier: params.get("carrier") ?? undefined,
      city: params.get("city") ?? undefined,
      q: params.get("q") ?? undefined,
    });
    if (!input.success) return NextResponse.json(toActionError(input.error, "api/pickup-points"), { status: 400 });

    const response = jsonOk(await searchPickupPoints(input.data));
    response.headers.set("Cache-Control", "private, no-store");
    return response;
  } catch (error) {
    return jsonError(error, "api/pickup-points");
  }
}
