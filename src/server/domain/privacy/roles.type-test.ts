import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { deleteShopperData } from "./delete-shopper-data";
import { exportMyData } from "./export-my-data";
import { findShopperForPrivacy } from "./find-shopper-for-privacy";

/**
 * Type test (`tsc --noEmit` checks it, nothing calls it): a shopper exports and deletes their own data, an
 * administrator anyone's; moderators and brand staff neither. Finding a shopper by phone is administrators'.
 */
export function privacyRoleTypes({ shopper, moderator, staff, admin, unchecked }: TestActors): void {
  void deleteShopperData(shopper, inputOf(deleteShopperData));
  void deleteShopperData(admin, inputOf(deleteShopperData));
  void exportMyData(shopper, inputOf(exportMyData));
  void findShopperForPrivacy(admin, inputOf(findShopperForPrivacy));
  // @ts-expect-error a moderator does not delete a shopper's data
  void deleteShopperData(moderator, inputOf(deleteShopperData));
  // @ts-expect-error brand staff do not export a shopper's data
  void exportMyData(staff, inputOf(exportMyData));
  // @ts-expect-error an actor whose role was never checked
  void deleteShopperData(unchecked, inputOf(deleteShopperData));
  // @ts-expect-error a shopper does not look other shoppers up
  void findShopperForPrivacy(shopper, inputOf(findShopperForPrivacy));
}
