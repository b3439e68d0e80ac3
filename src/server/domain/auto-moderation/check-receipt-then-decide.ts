import "server-only";
import { checkReceipt } from "@/server/domain/receipt-checks/check-receipt";
import { decideReceiptAutomatically } from "./decide-receipt-automatically";

/**
 * The receipt-check job's one run: one try of the online check, then the automatic rules on its answer
 * (docs/rules/auto-moderation.md, "When"). A "try later" answer throws from the check, so the rules wait for
 * the retry; a retry whose twin settled the check first still lets the rules look (they decide only once).
 */
export async function checkReceiptThenDecide(input: { receiptId: number; maxAttempts?: number; retryDelaySeconds?: number }) {
  const checked = await checkReceipt(input);
  const automatic = await decideReceiptAutomatically({ receiptId: input.receiptId });
  return { ...checked, automatic: automatic.decided ? automatic.rule : automatic.reason };
}
