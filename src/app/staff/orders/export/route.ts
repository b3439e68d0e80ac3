import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { exportOrdersCsv, exportOrdersCsvInput } from "@/server/domain/fulfilment/export-orders-csv";
import { fileDownload } from "@/server/http/file-download";
import { jsonError } from "@/server/http/json-response";

/** GET /staff/orders/export?carrier=CDEK|RUSSIAN_POST: the orders to ship by that carrier, as CSV (staff only). */
export async function GET(request: Request): Promise<Response> {
  try {
    // Route handlers are outside the staff layout's role check: this one checks for itself.
    const actor = await requireActorRole(AREA_ROLES.staff);
    const input = exportOrdersCsvInput.parse({ carrier: new URL(request.url).searchParams.get("carrier") ?? undefined });
    return fileDownload(await exportOrdersCsv(actor, input), "text/csv");
  } catch (error) {
    return jsonError(error, "staff/orders/export");
  }
}
