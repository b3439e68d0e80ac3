import "server-only";
import { AUTOMATION_APPROVAL_TEXT, AUTOMATION_REJECTION_TEXT, type AutomationRule, type RuleDecision, evaluateReceiptRules } from "@/lib/rules/automation-rules";
import { findProductInReceipt } from "@/lib/rules/receipt-line-match";
import { Prisma } from "@/generated/prisma/client";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { type RecordedDecision, recordPartDecision } from "@/server/domain/moderation/record-part-decision";
import { renderDecisionEmail } from "@/server/domain/moderation/render-decision-email";
import { AppError } from "@/server/errors";
import { loadMatchCatalogue, receiptItemsOf } from "@/server/receipts/receipt-products";
import { getAutomationSwitches } from "@/server/settings/automation-settings";
import { getProgrammeSettings } from "@/server/settings/programme-settings";

export type AutomaticOutcome = { decided: false; reason: "rules-off" | "not-pending" | "left-to-a-person" } | { decided: true; rule: AutomationRule; outcome: RecordedDecision };

/**
 * Lets the automatic rules decide a receipt part once what they look at is known: called when the online
 * check settles (the receipt-check job) and, without an online check, when the request is filed. Idempotent:
 * a part already decided, by a person or by this call's twin, is left alone (recordPartDecision's
 * conditional update), and a rule's approval credits once like any other.
 */
export async function decideReceiptAutomatically(input: { receiptId: number }): Promise<AutomaticOutcome> {
  const switches = await getAutomationSwitches();
  if (!Object.values(switches).some(Boolean)) return { decided: false, reason: "rules-off" };
  const receipt = await db.receipt.findUnique({
    where: { id: input.receiptId },
    select: {
      attempt: true,
      fiscalKey: true,
      operationType: true,
      purchasedAt: true,
      checkStatus: true,
      checkResult: true,
      part: { select: { status: true, attempt: true, kind: true, request: { select: { id: true, productId: true } } } },
    },
  });
  // Only the part's current receipt, still waiting, is the rules' to decide.
  if (!receipt || receipt.part.kind !== "RECEIPT" || receipt.part.status !== "PENDING" || receipt.part.attempt !== receipt.attempt) return { decided: false, reason: "not-pending" };

  const settings = await getProgrammeSettings();
  const creditedElsewhere = receipt.fiscalKey ? (await db.receipt.count({ where: { creditedFiscalKey: receipt.fiscalKey, id: { not: input.receiptId } } })) > 0 : false;
  const items = receipt.checkStatus === "CONFIRMED" ? receiptItemsOf(receipt.checkResult) : [];
  const product = items.length > 0 ? findProductInReceipt(items, receipt.part.request.productId, (await loadMatchCatalogue()).prepared) : null;
  const verdict: RuleDecision = evaluateReceiptRules(
    {
      operationType: receipt.operationType,
      purchasedAt: receipt.purchasedAt,
      fiscalKey: receipt.fiscalKey,
      creditedElsewhere,
      checkStatus: receipt.checkStatus,
      product,
      campaignStartsAt: settings.campaignStartsAt,
      campaignEndsAt: settings.campaignEndsAt,
    },
    switches,
  );
  if (!verdict) return { decided: false, reason: "left-to-a-person" };

  const approve = verdict.decision === "APPROVE";
  const comment = approve ? AUTOMATION_APPROVAL_TEXT : await rejectionComment(verdict.rule as Exclude<AutomationRule, "receipt.approve">);
  const points = approve ? settings.receiptPoints : 0;
  const requestId = receipt.part.request.id;
  const email = await renderDecisionEmail({ requestId, part: "RECEIPT", decision: approve ? "APPROVED" : "REJECTED", points, comment });
  try {
    const outcome = await db.$transaction(async (tx) => {
      // The switch once more, under the settings' lock (update-automation-rules.ts takes it exclusively):
      // a switch-off committed since the read above stops this decision; one still saving waits for it.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended('settings.automation', 0))`;
      if (!(await getAutomationSwitches(tx))[verdict.rule]) return null;
      return recordPartDecision(tx, { requestId, partKind: "RECEIPT", decision: verdict.decision, attempt: receipt.attempt, comment, points, email, decider: { rule: verdict.rule }, at: now() });
    });
    return outcome ? { decided: true, rule: verdict.rule, outcome } : { decided: false, reason: "rules-off" };
  } catch (error) {
    // The same receipt credited in another request a moment ago (its earns-once key): a person looks.
    if ((error instanceof AppError && error.code === "CONFLICT") || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) {
      return { decided: false, reason: "left-to-a-person" };
    }
    throw error;
  }
}

/** The rule's template as the administrator keeps it (rejection_templates.auto_rule), or the built-in text. */
async function rejectionComment(rule: Exclude<AutomationRule, "receipt.approve">): Promise<string> {
  const template = await db.rejectionTemplate.findFirst({ where: { autoRule: rule, isActive: true }, select: { text: true } });
  return template?.text ?? AUTOMATION_REJECTION_TEXT[rule];
}
