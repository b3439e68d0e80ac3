import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { approveOrder } from "./approve-order";
import { shipOrder } from "./ship-order";

/** Type test (`tsc --noEmit` checks it, nothing calls it): orders are fulfilled by brand staff (and administrators). */
export function fulfilmentRoleTypes({ shopper, moderator, staff, admin }: TestActors): void {
  void approveOrder(staff, inputOf(approveOrder));
  void shipOrder(admin, inputOf(shipOrder));
  // @ts-expect-error a shopper does not approve orders, not even their own
  void approveOrder(shopper, inputOf(approveOrder));
  // @ts-expect-error a moderator does not fulfil orders
  void shipOrder(moderator, inputOf(shipOrder));
}
