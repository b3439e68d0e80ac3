// Fraud signals and the risk level they add up to (docs/rules/auto-moderation.md, "Fraud signals" and
// "Risk level"): the codes stored in review_requests.risk_reasons, their Russian labels, and the rule that
// turns them into low / medium / high. Shared by the assessment (src/server/domain/fraud-signals), the
// queue, the decision page and the benchmark. A signal is for the moderator's eyes; it never decides.

export const RISK_SIGNALS = ["shared-device", "shared-screenshot", "shared-recipient-phone", "shared-recipient-point", "shared-contact-email", "velocity"] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

export const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_LABEL: Record<RiskLevel, string> = { LOW: "низкий", MEDIUM: "средний", HIGH: "высокий" };

/** What each signal says, as the moderator reads it beside "Риск: …". */
export const RISK_SIGNAL_LABEL: Record<RiskSignal, string> = {
  "shared-device": "входил из того же браузера, что и другие аккаунты",
  "shared-screenshot": "скриншоты почти совпадают со скриншотами другого аккаунта",
  "shared-recipient-phone": "тот же телефон получателя приза, что у другого аккаунта",
  "shared-recipient-point": "те же имя получателя и пункт выдачи, что у другого аккаунта",
  "shared-contact-email": "тот же email для уведомлений, что у другого аккаунта",
  velocity: "слишком много заявок за день",
};

/**
 * One of these alone makes a request high risk: one browser behind several accounts, or the same picture
 * filed from two accounts, is how a ring of accounts looks. The others are what families and friends share
 * too, so one alone is medium and two together high.
 */
export const HIGH_RISK_SIGNALS: readonly RiskSignal[] = ["shared-device", "shared-screenshot"];

export function riskLevelOf(signals: readonly RiskSignal[]): RiskLevel {
  const distinct = new Set(signals);
  if ([...distinct].some((signal) => HIGH_RISK_SIGNALS.includes(signal))) return "HIGH";
  if (distinct.size >= 2) return "HIGH";
  return distinct.size === 1 ? "MEDIUM" : "LOW";
}

/** Stored codes read back defensively: an unknown code (from a later version) is dropped, not shown raw. */
export function readRiskSignals(codes: readonly string[] | null | undefined): RiskSignal[] {
  return RISK_SIGNALS.filter((signal) => codes?.includes(signal));
}

/** Velocity: more than this many requests filed by one shopper in one Moscow day is a signal (a setting). */
export const VELOCITY_REQUESTS_PER_DAY = { default: 3, min: 1, max: 50 } as const;
