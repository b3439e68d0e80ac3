import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { exportMyData } from "@/server/domain/privacy/export-my-data";
import { fileDownload } from "@/server/http/file-download";
import { jsonError } from "@/server/http/json-response";

/** GET /cabinet/privacy/export: everything the portal holds about the signed-in shopper, as a JSON download. */
export async function GET(): Promise<Response> {
  try {
    // Route handlers are outside the cabinet layout's role check; the shopper is the session's, never a parameter.
    const actor = await requireActorRole(AREA_ROLES.cabinet);
    return fileDownload(await exportMyData(actor, {}), "application/json");
  } catch (error) {
    return jsonError(error, "cabinet/privacy/export");
  }
}
