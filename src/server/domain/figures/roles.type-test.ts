import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { exportFiguresCsv } from "./export-figures-csv";
import { getProgrammeFigures } from "./get-programme-figures";

/** Type test (`tsc --noEmit` checks it, nothing calls it): the programme's figures are brand staff's (and administrators'). */
export function figuresRoleTypes({ shopper, moderator, staff, admin }: TestActors): void {
  void getProgrammeFigures(staff, inputOf(getProgrammeFigures));
  void exportFiguresCsv(admin, inputOf(exportFiguresCsv));
  // @ts-expect-error a shopper does not see the programme's figures
  void getProgrammeFigures(shopper, inputOf(getProgrammeFigures));
  // @ts-expect-error a moderator does not see them either
  void exportFiguresCsv(moderator, inputOf(exportFiguresCsv));
}
