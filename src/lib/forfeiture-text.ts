import { formatDate, formatPoints } from "@/lib/format";
import { pluralRu } from "@/lib/plural-ru";

// The forfeiture warning's words, the same in the cabinet's countdown, its notification and the email.

/** "1 500 баллов сгорят", "21 балл сгорит": the number agrees with the noun and the verb. */
export function pointsWillBurn(points: number): string {
  return `${formatPoints(points)} ${pluralRu(points, ["балл", "балла", "баллов"])} ${pluralRu(points, ["сгорит", "сгорят", "сгорят"])}`;
}

/** "1 500 баллов сгорят 15.06.2026, если не оформить заказ приза" (the date in Moscow time). */
export function forfeitureCountdownText(points: number, forfeitAt: Date): string {
  return `${pointsWillBurn(points)} ${formatDate(forfeitAt)}, если не оформить заказ приза`;
}
