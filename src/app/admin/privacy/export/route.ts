import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { exportMyData, exportMyDataInput } from "@/server/domain/privacy/export-my-data";
import { fileDownload } from "@/server/http/file-download";
import { jsonError } from "@/server/http/json-response";

/** GET /admin/privacy/export?customerId=123: a shopper's data as JSON, for answering a request by letter or call (administrators; audited). */
export async function GET(request: Request): Promise<Response> {
  try {
    // Route handlers are outside the admin layout's role check: this one checks for itself.
    const actor = await requireActorRole(AREA_ROLES.admin);
    const input = exportMyDataInput.parse({ customerId: new URL(request.url).searchParams.get("customerId") ?? undefined });
    return fileDownload(await exportMyData(actor, input), "application/json");
  } catch (error) {
    return jsonError(error, "admin/privacy/export");
  }
}
