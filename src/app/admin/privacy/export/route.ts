import { AREA_ROLES } from "@/server/auth/session";
import { exportMyData, exportMyDataInput } from "@/server/domain/privacy/export-my-data";
import { defineRoute } from "@/server/http/define-route";
import { fileDownload } from "@/server/http/file-download";

/** GET /admin/privacy/export?customerId=123: a shopper's data as JSON, for answering a request by letter or call (administrators; audited). */
export const GET = defineRoute({
  name: "admin/privacy/export",
  roles: AREA_ROLES.admin,
  query: exportMyDataInput,
  run: async ({ actor, input }) => fileDownload(await exportMyData(actor, input.query), "application/json"),
});
