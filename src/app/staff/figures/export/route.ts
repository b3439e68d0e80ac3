import { z } from "zod";
import { AREA_ROLES } from "@/server/auth/session";
import { exportFiguresCsv, exportFiguresCsvInput } from "@/server/domain/figures/export-figures-csv";
import { defineRoute } from "@/server/http/define-route";
import { fileDownload } from "@/server/http/file-download";

/** An empty `from=` or `to=` means the default range, as on the dashboard. */
const emptyAsMissing = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());

/** GET /staff/figures/export?block=…&from=YYYY-MM-DD&to=YYYY-MM-DD: one dashboard block as CSV (staff only). */
export const GET = defineRoute({
  name: "staff/figures/export",
  roles: AREA_ROLES.staff,
  query: z.object({ block: z.string().optional(), from: emptyAsMissing, to: emptyAsMissing }),
  // The domain's schema names the wrong block or date in Russian.
  run: async ({ actor, input }) => fileDownload(await exportFiguresCsv(actor, exportFiguresCsvInput.parse(input.query)), "text/csv"),
});
