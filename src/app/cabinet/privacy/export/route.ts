import { AREA_ROLES } from "@/server/auth/session";
import { exportMyData } from "@/server/domain/privacy/export-my-data";
import { defineRoute } from "@/server/http/define-route";
import { fileDownload } from "@/server/http/file-download";

/** GET /cabinet/privacy/export: everything the portal holds about the signed-in shopper, as a JSON download. */
export const GET = defineRoute({
  name: "cabinet/privacy/export",
  roles: AREA_ROLES.cabinet,
  // The shopper is the session's, never a parameter.
  run: async ({ actor }) => fileDownload(await exportMyData(actor, {}), "application/json"),
});
