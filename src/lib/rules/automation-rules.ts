// The automatic receipt rules (docs/rules/auto-moderation.md, "Automatic receipt decisions"): their names,
// what each decides and the comment a rejection carries when no template is kept for it. Shared by the
// administrator's switches (/admin/settings), the rule engine (src/server/domain/auto-moderation) and the
// benchmark. All are off until an administrator switches them on, each on its own.
import type { ReceiptProductFinding } from "./receipt-line-match";

export const AUTOMATION_RULES = ["receipt.approve", "receipt.reject-operation", "receipt.reject-outside-window", "receipt.reject-credited", "receipt.reject-no-brand-product"] as const;
export type AutomationRule = (typeof AUTOMATION_RULES)[number];

/** Who decided, wherever a decision's author is shown (the audit log, the request page). */
export const AUTOMATIC_DECIDER_NAME = "Автоматическая проверка";

export const AUTOMATION_RULE_LABEL: Record<AutomationRule, { title: string; description: string }> = {
  "receipt.approve": {
    title: "Одобрять подтверждённый чек с продуктом",
    description: "ФНС подтвердила продажу, дата внутри периода акции, в чеке есть продукт из заявки, чек ещё не приносил баллы.",
  },
  "receipt.reject-operation": { title: "Отклонять чеки возврата и расхода", description: "В QR-коде признак «возврат прихода», «расход» или «возврат расхода»." },
  "receipt.reject-outside-window": { title: "Отклонять чеки вне периода акции", description: "Дата покупки раньше начала или позже окончания акции." },
  "receipt.reject-credited": { title: "Отклонять чеки, уже принёсшие баллы", description: "Этот же чек (ФН, ФД, ФП) одобрен в другой заявке." },
  "receipt.reject-no-brand-product": { title: "Отклонять чеки без продуктов бренда", description: "ФНС подтвердила чек, но ни одна строка не продукт бренда." },
};

/** The comment an automatic approval carries, shown to the shopper beside +points. */
export const AUTOMATION_APPROVAL_TEXT = "Чек подтверждён ФНС, в нём есть продукт из заявки.";

/** The rejection's comment when no active template is kept for the rule (rejection_templates.auto_rule). */
export const AUTOMATION_REJECTION_TEXT: Record<Exclude<AutomationRule, "receipt.approve">, string> = {
  "receipt.reject-operation": "Это чек возврата или расхода, а не покупки: баллы начисляются только за чек покупки.",
  "receipt.reject-outside-window": "Покупка сделана вне периода акции: баллы начисляются за чеки, пробитые во время акции.",
  "receipt.reject-credited": "Этот чек уже принёс баллы в другой заявке: один чек учитывается один раз.",
  "receipt.reject-no-brand-product": "В чеке нет продуктов бренда: загрузите чек, где есть продукт из заявки.",
};

export type AutomationSwitches = Record<AutomationRule, boolean>;

export const AUTOMATION_SWITCHES_OFF: AutomationSwitches = Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, false])) as AutomationSwitches;

/** What the rules look at: the receipt as decoded and checked, and the programme's window. */
export interface ReceiptFacts {
  /** The QR's n: 1 sale, 2 sale refund, 3 expense, 4 expense refund; null when the QR gave none. */
  operationType: number | null;
  purchasedAt: Date | null;
  /** fn|i|fp; null when the QR was not read. */
  fiscalKey: string | null;
  /** Another request's receipt with this key has been credited. */
  creditedElsewhere: boolean;
  checkStatus: "NOT_CHECKED" | "CHECKING" | "CONFIRMED" | "NOT_FOUND" | "FAILED";
  /** From the confirmed check's lines; null unless CONFIRMED with lines. */
  product: Pick<ReceiptProductFinding, "verdict" | "certain"> | null;
  campaignStartsAt: Date | null;
  campaignEndsAt: Date | null;
}

export type RuleDecision = { rule: AutomationRule; decision: "APPROVE" | "REJECT" } | null;

/**
 * The first rule that applies and is switched on, or null: the receipt stays with a person. A rejection by
 * what the QR says (refund, dates, a repeat) needs no online check; an approval and "no brand product" need
 * the check's confirmation, and a receipt still being checked waits for it.
 */
export function evaluateReceiptRules(facts: ReceiptFacts, switches: AutomationSwitches): RuleDecision {
  if (!facts.fiscalKey || facts.checkStatus === "CHECKING") return null;
  const outsideWindow =
    facts.purchasedAt !== null && ((facts.campaignStartsAt !== null && facts.purchasedAt < facts.campaignStartsAt) || (facts.campaignEndsAt !== null && facts.purchasedAt > facts.campaignEndsAt));
  if (facts.operationType !== null && facts.operationType !== 1) return switches["receipt.reject-operation"] ? { rule: "receipt.reject-operation", decision: "REJECT" } : null;
  if (outsideWindow) return switches["receipt.reject-outside-window"] ? { rule: "receipt.reject-outside-window", decision: "REJECT" } : null;
  if (facts.creditedElsewhere) return switches["receipt.reject-credited"] ? { rule: "receipt.reject-credited", decision: "REJECT" } : null;
  if (facts.checkStatus !== "CONFIRMED" || !facts.product) return null;
  if (facts.product.verdict === "NO_BRAND_PRODUCT") return switches["receipt.reject-no-brand-product"] && facts.product.certain ? { rule: "receipt.reject-no-brand-product", decision: "REJECT" } : null;
  const approvable = facts.operationType === 1 && facts.purchasedAt !== null && facts.product.verdict === "SELECTED_PRODUCT" && facts.product.certain;
  return approvable && switches["receipt.approve"] ? { rule: "receipt.approve", decision: "APPROVE" } : null;
}
