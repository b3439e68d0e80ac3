import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { adjustPoints } from "./adjust-points";
import { listStaff } from "./list-staff";
import { updateProgrammeSettings } from "./update-programme-settings";

/** Type test (`tsc --noEmit` checks it, nothing calls it): programme settings, staff accounts and points adjustments are administrators'. */
export function adminRoleTypes({ shopper, moderator, staff, admin }: TestActors): void {
  void updateProgrammeSettings(admin, inputOf(updateProgrammeSettings));
  void adjustPoints(admin, inputOf(adjustPoints));
  void listStaff(admin);
  // @ts-expect-error a shopper does not change the programme's settings
  void updateProgrammeSettings(shopper, inputOf(updateProgrammeSettings));
  // @ts-expect-error a moderator does not adjust points
  void adjustPoints(moderator, inputOf(adjustPoints));
  // @ts-expect-error brand staff do not manage staff accounts
  void listStaff(staff);
}
