import { Badge } from "@/components/ui/badge";
import { formatPoints } from "@/lib/format";
import { pluralRu } from "@/lib/plural-ru";

/** "доступно" / "не хватает N баллов" / "закончился", as the catalogue and the prize page show it. */
export function AvailabilityBadge({ prize }: { prize: { inStock: boolean; affordable: boolean; missingPoints: number } }) {
  if (!prize.inStock) {
    return (
      <Badge tone="neutral" data-testid="prize-availability" data-availability="out-of-stock">
        Закончился
      </Badge>
    );
  }
  if (prize.affordable) {
    return (
      <Badge tone="success" data-testid="prize-availability" data-availability="affordable">
        Доступно
      </Badge>
    );
  }
  return (
    <Badge tone="warning" data-testid="prize-availability" data-availability="missing-points">
      Не хватает {formatPoints(prize.missingPoints)} {pluralRu(prize.missingPoints, ["балла", "баллов", "баллов"])}
    </Badge>
  );
}
