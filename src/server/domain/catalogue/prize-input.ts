import "server-only";
import { z } from "zod";
import { groupDigits } from "@/lib/format";
import { PRIZE_LIMITS } from "@/lib/rules/prize-catalogue";

/**
 * A whole number typed into a form: spaces (also the non-breaking ones Russian formatting puts between
 * thousands) are ignored, an empty field counts as missing, anything else that is not a number is refused
 * with `required` rather than zod's English default.
 */
function wholeNumber(required: string, notWhole: string) {
  return z.preprocess(
    (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.replace(/[\s\u00a0\u202f]/g, ""))) : value),
    z.number({ error: required }).int(notWhole),
  );
}

const SORT_ORDER_MESSAGE = `Порядок — число от −${groupDigits(PRIZE_LIMITS.sortOrder)} до ${groupDigits(PRIZE_LIMITS.sortOrder)}.`;

/** An optional number field: left empty, it is simply not given. */
function blankAsMissing<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);
}

export const prizeIdSchema = z.coerce.number({ error: "Приз не найден." }).int("Приз не найден.").positive("Приз не найден.");

export const prizeFields = z
  .object({
    title: z
      .string({ error: "Укажите название приза." })
      .trim()
      .min(1, "Укажите название приза — его видит участник в каталоге.")
      .max(PRIZE_LIMITS.titleMaxLength, `Название — не длиннее ${PRIZE_LIMITS.titleMaxLength} символов.`),
    description: z
      .string()
      .trim()
      .max(PRIZE_LIMITS.descriptionMaxLength, `Описание — не длиннее ${PRIZE_LIMITS.descriptionMaxLength} символов.`)
      .optional()
      .transform((value) => value || null),
    partnerName: z
      .string({ error: "Укажите партнёра." })
      .trim()
      .min(1, "Укажите партнёра: Carely для призов бренда или название партнёра.")
      .max(PRIZE_LIMITS.partnerNameMaxLength, `Название партнёра — не длиннее ${PRIZE_LIMITS.partnerNameMaxLength} символов.`),
    kind: z.enum(["PHYSICAL", "DIGITAL"], { error: "Выберите тип приза: физический или цифровой." }),
    pointsPrice: wholeNumber("Укажите цену в баллах.", "Цена — целое число баллов.")
      .pipe(z.number().positive("Цена должна быть больше нуля.").max(PRIZE_LIMITS.maxPrice, "Цена слишком большая.")),
    /** Physical prizes only: units in stock. Digital prizes are limited by their codes. */
    stock: blankAsMissing(
      wholeNumber("Укажите остаток — сколько штук есть на складе.", "Остаток — целое число штук.")
        .pipe(z.number().min(0, "Остаток не может быть отрицательным.").max(PRIZE_LIMITS.maxStock, "Остаток слишком большой."))
        .optional(),
    ),
    isActive: z.boolean({ error: "Укажите, показывать ли приз в каталоге." }),
    sortOrder: blankAsMissing(
      wholeNumber("Укажите порядок в каталоге числом.", "Порядок — целое число.")
        .pipe(z.number().min(-PRIZE_LIMITS.sortOrder, SORT_ORDER_MESSAGE).max(PRIZE_LIMITS.sortOrder, SORT_ORDER_MESSAGE))
        .optional(),
    ).transform((value) => value ?? 0),
  })
  .superRefine((value, context) => {
    if (value.kind === "PHYSICAL" && value.stock === undefined) {
      context.addIssue({ code: "custom", path: ["stock"], message: "Укажите остаток — сколько штук есть на складе." });
    }
  });

export type PrizeFields = z.infer<typeof prizeFields>;

/** The prize's row as the form's fields set it: a digital prize keeps no unit stock (its codes are the stock). */
export function prizeData(fields: PrizeFields) {
  return {
    title: fields.title,
    description: fields.description,
    partnerName: fields.partnerName,
    kind: fields.kind,
    pointsPrice: fields.pointsPrice,
    stock: fields.kind === "PHYSICAL" ? (fields.stock ?? 0) : 0,
    isActive: fields.isActive,
    sortOrder: fields.sortOrder,
  };
}
