import "server-only";
import { z } from "zod";
import { isDateKey } from "@/lib/moscow-time";
import { CALENDAR_YEAR_RANGE } from "@/lib/rules/calendar";

/** A Moscow calendar date "YYYY-MM-DD" (what `<input type="date">` sends). */
export const calendarDateSchema = z
  .string({ error: "Укажите дату." })
  .trim()
  .min(1, "Укажите дату.")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Укажите дату в формате ГГГГ-ММ-ДД.")
  .refine(isDateKey, "Такой даты нет в календаре.")
  .refine((key) => {
    const year = Number(key.slice(0, 4));
    return year >= CALENDAR_YEAR_RANGE.min && year <= CALENDAR_YEAR_RANGE.max;
  }, `Календарь ведётся для ${CALENDAR_YEAR_RANGE.min}–${CALENDAR_YEAR_RANGE.max} годов.`);
