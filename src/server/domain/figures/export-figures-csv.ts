import "server-only";
import { z } from "zod";
import { type CsvCell, toCsv } from "@/lib/csv";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { approvalFigures } from "./approval-figures";
import { cohortFigures } from "./cohort-figures";
import { decisionFigures } from "./decision-figures";
import { type FiguresRange, figuresRangeInput, resolveFiguresRange } from "./figures-range";
import { lowStockPrizes, orderFigures } from "./order-figures";
import { moderationFigures } from "./moderation-figures";
import { participantFigures } from "./participant-figures";
import { pointFigures } from "./point-figures";
import { topProducts } from "./product-figures";
import { receiptFigures } from "./receipt-figures";
import { repeatFigures } from "./repeat-figures";
import { requestFigures } from "./request-figures";

export const FIGURE_BLOCKS = ["participants", "requests", "approval", "decisions", "points", "orders", "stock", "products", "receipts", "repeat", "cohorts", "moderation"] as const;
export type FigureBlock = (typeof FIGURE_BLOCKS)[number];

export const exportFiguresCsvInput = figuresRangeInput.and(
  z.object({ block: z.enum(FIGURE_BLOCKS, { error: "Неизвестный блок показателей." }) }),
);

type Table = { header: string[]; rows: CsvCell[][] };

/** Shares go out as percentages rounded to one decimal, hours to one decimal: numbers a spreadsheet can sum. */
const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const percent = (share: number | null): CsvCell => (share === null ? null : oneDecimal(share * 100));
const hours = (value: number | null): CsvCell => (value === null ? null : oneDecimal(value));

const BLOCKS: Record<FigureBlock, (range: FiguresRange, at: Date) => Promise<Table>> = {
  participants: async (range) => {
    const figures = await participantFigures(range);
    return {
      header: ["Дата", "Новые участники"],
      rows: [...figures.perDay.map((day) => [day.day, day.newCount]), ["Итого новых", figures.newCount], ["Всего участников", figures.total], ["Активные участники", figures.activeShoppers]],
    };
  },
  requests: async (range) => {
    const figures = await requestFigures(range);
    return { header: ["Дата", "Заявок подано"], rows: [...figures.perDay.map((day) => [day.day, day.filed]), ["Итого", figures.filed]] };
  },
  approval: async (range) => ({
    header: ["Часть", "Решений", "Одобрено", "Отклонено", "Доля одобренных (%)"],
    rows: (await approvalFigures(range)).map((part) => [part.kind === "REVIEW" ? "Отзыв" : "Чек", part.decided, part.approved, part.rejected, percent(part.rate)]),
  }),
  decisions: async (range, at) => {
    const figures = await decisionFigures(range, at);
    return {
      header: ["Показатель", "Значение"],
      rows: [
        ["Решено заявок", figures.decided],
        ["Медиана до решения (ч)", hours(figures.medianHours)],
        ["95-й процентиль до решения (ч)", hours(figures.p95Hours)],
        ["Подано заявок", figures.filed],
        ["Нарушен срок", figures.slaBreached],
        ["Решены позже срока", figures.slaBreachedDecidedLate],
        ["Открыты после срока", figures.slaBreachedOpen],
      ],
    };
  },
  points: async (range) => {
    const figures = await pointFigures(range);
    return {
      header: ["Дата", "Начислено", "Потрачено", "Сгорело"],
      rows: [
        ...figures.perDay.map((day) => [day.day, day.credited, day.spent, day.forfeited]),
        ["Итого", figures.credited, figures.spent, figures.forfeited],
        ["Корректировки (со знаком)", figures.adjusted, null, null],
        ["На счетах сейчас", figures.outstanding, null, null],
      ],
    };
  },
  orders: async (range) => ({
    header: ["Статус", "Заказов"],
    rows: (await orderFigures(range)).byStatus.map((row) => [row.status, row.count]),
  }),
  stock: async () => ({
    header: ["Приз", "Тип", "Осталось"],
    rows: (await lowStockPrizes()).map((prize) => [prize.title, prize.kind === "PHYSICAL" ? "Физический" : "Цифровой", prize.left]),
  }),
  products: async (range) => ({
    header: ["Продукт", "Одобренных отзывов"],
    rows: (await topProducts(range)).map((product) => [product.name, product.approvedReviews]),
  }),
  receipts: async (range) => {
    const figures = await receiptFigures(range);
    return {
      header: ["Показатель", "Значение"],
      rows: [
        ["Чеков", figures.count],
        ["Средняя сумма (₽)", figures.averageKopecks === null ? null : figures.averageKopecks / 100],
        ["Подано заявок", figures.requestsFiled],
        ["С чеком", figures.requestsWithReceipt],
        ["Доля с чеком (%)", percent(figures.withReceiptShare)],
      ],
    };
  },
  repeat: async (range) => {
    const figures = await repeatFigures(range);
    return {
      header: ["Показатель", "Значение"],
      rows: [
        ["Участники с одобренной заявкой", figures.withApproved],
        ["Из них с 2 и более", figures.withTwoOrMore],
        ["Доля повторных (%)", percent(figures.share)],
      ],
    };
  },
  moderation: async (range) => {
    const figures = await moderationFigures(range);
    const row = (name: string, line: { decisions: number; decisionsPerDay: number; medianHours: number | null; slaKeptShare: number | null; reversals: number }): CsvCell[] => [
      name,
      line.decisions,
      oneDecimal(line.decisionsPerDay),
      hours(line.medianHours),
      percent(line.slaKeptShare),
      line.reversals,
    ];
    return {
      header: ["Кто решал", "Решений", "Решений в день", "Медиана от открытия до решения (ч)", "В срок (%)", "Отменено решений"],
      rows: [
        ...figures.deciders.map((decider) => row(decider.name, decider)),
        ...(figures.rules ? [row("Все правила вместе", figures.rules)] : []),
        ["Доля решений правилами (%)", percent(figures.ruleShare), null, null, null, null],
      ],
    };
  },
  cohorts: async (range) => {
    const cohorts = await cohortFigures(range);
    const span = Math.max(1, ...cohorts.map((cohort) => cohort.retention.length));
    return {
      header: ["Когорта", "Участников", ...Array.from({ length: span }, (_, k) => `Месяц ${k} (%)`)],
      rows: cohorts.map((cohort) => [cohort.cohort, cohort.size, ...Array.from({ length: span }, (_, k) => (k < cohort.retention.length ? percent(cohort.retention[k]!) : null))]),
    };
  },
};

/** One dashboard block for the range as CSV (UTF-8 with BOM, `;`), named after the block and the dates. */
export async function exportFiguresCsv(actor: StaffActor, input: z.infer<typeof exportFiguresCsvInput>): Promise<{ fileName: string; content: string }> {
  assertActorRole(actor, AREA_ROLES.staff);
  const at = now();
  const range = resolveFiguresRange(input, at);
  const table = await BLOCKS[input.block](range, at);
  return { fileName: `figures-${input.block}-${range.from}-${range.to}.csv`, content: toCsv(table.header, table.rows) };
}
