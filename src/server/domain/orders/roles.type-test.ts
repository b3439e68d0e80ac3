import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { placePrizeOrder } from "./place-prize-order";

/** Type test (`tsc --noEmit` checks it, nothing calls it): prizes are ordered by shoppers, with their own points. */
export function ordersRoleTypes({ shopper, staff, admin }: TestActors): void {
  void placePrizeOrder(shopper, inputOf(placePrizeOrder));
  // @ts-expect-error brand staff hold no points to spend
  void placePrizeOrder(staff, inputOf(placePrizeOrder));
  // @ts-expect-error nor do administrators
  void placePrizeOrder(admin, inputOf(placePrizeOrder));
}
