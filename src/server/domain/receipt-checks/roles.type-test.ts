import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { recheckReceipt } from "./recheck-receipt";

/** Type test (`tsc --noEmit` checks it, nothing calls it): asking the receipt-check service again is a moderator's. */
export function receiptCheckRoleTypes({ shopper, moderator, staff, admin }: TestActors): void {
  void recheckReceipt(moderator, inputOf(recheckReceipt));
  void recheckReceipt(admin, inputOf(recheckReceipt));
  // @ts-expect-error a shopper does not re-check receipts
  void recheckReceipt(shopper, inputOf(recheckReceipt));
  // @ts-expect-error brand staff do not moderate
  void recheckReceipt(staff, inputOf(recheckReceipt));
}
