import { RISK_LEVEL_LABEL, RISK_SIGNAL_LABEL, type RiskLevel, type RiskSignal } from "@/lib/rules/risk-signals";
import { maskPhone } from "@/lib/phone-format";
import { pluralRu } from "@/lib/plural-ru";
import type { LinkedAccount } from "@/server/domain/fraud-signals/find-linked-accounts";

/** What links each account to this shopper, in a few words. */
const LINK_LABEL: Record<RiskSignal, string> = {
  "shared-device": "тот же браузер",
  "shared-screenshot": "похожие скриншоты",
  "shared-recipient-phone": "телефон получателя приза",
  "shared-recipient-point": "имя получателя и пункт выдачи",
  "shared-contact-email": "email для уведомлений",
  velocity: "много заявок за день",
};

/**
 * The request's risk level with its reasons, and the accounts linked to the shopper with what links them
 * and how many requests each filed. Signals are for the moderator's judgement; they decide nothing.
 */
export function RiskSummary({ risk, linkedAccounts }: { risk: { level: RiskLevel; signals: RiskSignal[] }; linkedAccounts: LinkedAccount[] }) {
  if (risk.level === "LOW" && linkedAccounts.length === 0) return null;
  return (
    <div className="space-y-1 rounded-lg bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200" data-testid="risk-summary">
      {risk.signals.length > 0 && (
        <p data-testid="risk-reasons">
          Риск {RISK_LEVEL_LABEL[risk.level]}: {risk.signals.map((signal) => RISK_SIGNAL_LABEL[signal]).join("; ")}.
        </p>
      )}
      {linkedAccounts.length > 0 && (
        <p data-testid="linked-accounts">
          Связанные аккаунты:{" "}
          {linkedAccounts
            .map(
              (account) =>
                `${account.phone ? maskPhone(account.phone) : "данные удалены"} (${account.signals.map((signal) => LINK_LABEL[signal]).join(", ")}) — ${account.requests} ${pluralRu(account.requests, ["заявка", "заявки", "заявок"])}`,
            )
            .join("; ")}
        </p>
      )}
    </div>
  );
}
