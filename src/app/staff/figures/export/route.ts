import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { exportFiguresCsv, exportFiguresCsvInput } from "@/server/domain/figures/export-figures-csv";
import { fileDownload } from "@/server/http/file-download";
import { jsonError } from "@/server/http/json-response";

/** GET /staff/figures/export?block=…&from=YYYY-MM-DD&to=YYYY-MM-DD: one dashboard block as CSV (staff only). */
export async function GET(request: Request): Promise<Response> {
  try {
    // Route handlers are outside the staff layout's role check: this one checks for itself.
    const actor = await requireActorRole(AREA_ROLES.staff);
    const params = new URL(request.url).searchParams;
    const input = exportFiguresCsvInput.parse({
      block: params.get("block") ?? undefined,
      from: params.get("from") || undefined,
      to: params.get("to") || undefined,
    });
    return fileDownload(await exportFiguresCsv(actor, input), "text/csv");
  } catch (error) {
    return jsonError(error, "staff/figures/export");
  }
}
