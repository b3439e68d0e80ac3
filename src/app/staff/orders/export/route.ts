import { AREA_ROLES } from "@/server/auth/session";
import { exportOrdersCsv, exportOrdersCsvInput } from "@/server/domain/fulfilment/export-orders-csv";
import { defineRoute } from "@/server/http/define-route";
import { fileDownload } from "@/server/http/file-download";

/** GET /staff/orders/export?carrier=CDEK|RUSSIAN_POST: the orders to ship by that carrier, as CSV (staff only). */
export const GET = defineRoute({
  name: "staff/orders/export",
  roles: AREA_ROLES.staff,
  query: exportOrdersCsvInput,
  run: async ({ actor, input }) => fileDownload(await exportOrdersCsv(actor, input.query), "text/csv"),
});
