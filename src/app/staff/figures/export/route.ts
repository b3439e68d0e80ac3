import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { exportFiguresCsv, exportFiguresCsvInput } from "@/server/domain/figures/export-figures-csv";
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
    const { fileName, content } = await exportFiguresCsv(actor, input);
    return new Response(content, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        // Programme figures are internal: never kept by a shared cache.
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return jsonError(error, "staff/figures/export");
  }
}
