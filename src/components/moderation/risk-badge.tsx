import { Badge } from "@/components/ui/badge";
import { RISK_LEVEL_LABEL, type RiskLevel } from "@/lib/rules/risk-signals";

const RISK_TONE = { LOW: "neutral", MEDIUM: "warning", HIGH: "danger" } as const;

/** "Риск: высокий" beside a request, in the queue and on the decision page; low risk is shown only where asked. */
export function RiskBadge({ level, showLow = false }: { level: RiskLevel; showLow?: boolean }) {
  if (level === "LOW" && !showLow) return null;
  return (
    <Badge tone={RISK_TONE[level]} data-testid="risk-level" data-level={level}>
      Риск: {RISK_LEVEL_LABEL[level]}
    </Badge>
  );
}
