import { Hourglass } from "lucide-react";
import { cn } from "@/lib/cn";
import { forfeitureCountdownText } from "@/lib/forfeiture-text";
import { pluralRu } from "@/lib/plural-ru";
import type { ForfeitureOutlook } from "@/server/domain/forfeiture/get-forfeiture-outlook";

/**
 * The forfeiture countdown under the balance, shown whenever the shopper holds points (docs/rules/forfeiture.md:
 * on the cabinet's front page always). Quiet while the date is far; within the 30-day warning it stands
 * out and says how many days are left.
 */
export function ForfeitureCountdown({ outlook }: { outlook: ForfeitureOutlook }) {
  const text = forfeitureCountdownText(outlook.points, outlook.forfeitAt);
  return (
    <p
      data-testid="forfeiture-countdown"
      data-urgent={outlook.urgent ? "true" : "false"}
      className={cn(
        "mt-3 flex items-start gap-2 text-sm",
        outlook.urgent ? "rounded-xl bg-amber-50 px-3 py-2 font-medium text-amber-900 ring-1 ring-amber-200" : "text-white/80",
      )}
    >
      <Hourglass aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>
        {text}
        {outlook.urgent && outlook.daysLeft > 0 && (
          <>
            {" "}
            (через {outlook.daysLeft} {pluralRu(outlook.daysLeft, ["день", "дня", "дней"])})
          </>
        )}
        .
      </span>
    </p>
  );
}
