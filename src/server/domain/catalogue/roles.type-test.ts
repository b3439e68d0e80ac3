import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { createPrize } from "./create-prize";
import { listPrizesForStaff } from "./list-prizes-for-staff";
import { setProductShopLinks } from "./set-product-shop-links";

/** Type test (`tsc --noEmit` checks it, nothing calls it): the catalogue is brand staff's (and administrators'). */
export function catalogueRoleTypes({ shopper, moderator, staff, admin }: TestActors): void {
  void createPrize(staff, inputOf(createPrize));
  void listPrizesForStaff(admin);
  // @ts-expect-error a shopper does not keep the catalogue
  void createPrize(shopper, inputOf(createPrize));
  // @ts-expect-error a moderator does not keep the catalogue
  void listPrizesForStaff(moderator);
  void setProductShopLinks(staff, inputOf(setProductShopLinks));
  // @ts-expect-error a shopper does not say where products are sold
  void setProductShopLinks(shopper, inputOf(setProductShopLinks));
}
