import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { exportMyData } from "@/server/domain/privacy/export-my-data";
import { jsonError } from "@/server/http/json-response";

/** GET /cabinet/privacy/export: everything the portal holds about the signed-in shopper, as a JSON download. */
export async function GET(): Promise<Response> {
  try {
    // Route handlers are outside the cabinet layout's role check; the shopper is the session's, never a parameter.
    const actor = await requireActorRole(AREA_ROLES.cabinet);
    const { fileName, content } = await exportMyData(actor, {});
    return new Response(content, {
      status: 200,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        // Personal data: never kept by a shared cache.
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return jsonError(error, "cabinet/privacy/export");
  }
}
