import "server-only";
import { z } from "zod";
import { PICKUP_POINT_CITY_MAX_LENGTH, PICKUP_POINT_QUERY_MAX_LENGTH, PICKUP_POINT_RESULT_LIMIT as RESULT_LIMIT } from "@/lib/rules/pickup-point-search";
import { type PickupPointRecord, pickupPointDirectory } from "@/server/adapters/pickup-points";
import { db } from "@/server/db/client";
import { directoryUnavailable } from "./directory-unavailable";

export const searchPickupPointsInput = z.object({
  carrier: z.enum(["CDEK", "RUSSIAN_POST"], { error: "Выберите службу доставки: СДЭК или Почта России." }),
  city: z
    .string({ error: "Укажите город." })
    .trim()
    .min(1, "Укажите город.")
    .max(PICKUP_POINT_CITY_MAX_LENGTH, `Название города слишком длинное — не больше ${PICKUP_POINT_CITY_MAX_LENGTH} символов.`),
  q: z
    .string()
    .trim()
    .max(PICKUP_POINT_QUERY_MAX_LENGTH, `Запрос слишком длинный — не больше ${PICKUP_POINT_QUERY_MAX_LENGTH} символов: улица и дом, код пункта или индекс.`)
    .transform((value) => (value === "" ? undefined : value))
    .optional(),
});

export type SearchPickupPointsInput = z.infer<typeof searchPickupPointsInput>;

/**
 * The carrier's pickup points in a city, narrowed by street words, point code or office index, best matches
 * first; points staff have switched off are left out. An unknown city is an empty list, not an error.
 */
export async function searchPickupPoints(input: SearchPickupPointsInput): Promise<PickupPointRecord[]> {
  const directory = pickupPointDirectory(input.carrier);
  let points: PickupPointRecord[];
  try {
    points = await directory.search({ carrier: input.carrier, city: input.city, query: input.q, limit: RESULT_LIMIT });
  } catch (error) {
    throw directoryUnavailable(input.carrier, error);
  }
  if (points.length === 0) return points;

  const switchedOff = await db.pickupPoint.findMany({
    where: { carrier: input.carrier, isActive: false, code: { in: points.map((point) => point.code) } },
    select: { code: true },
  });
  if (switchedOff.length === 0) return points;
  const hidden = new Set(switchedOff.map((point) => point.code));
  return points.filter((point) => !hidden.has(point.code));
}
