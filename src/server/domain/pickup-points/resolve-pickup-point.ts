import "server-only";
import type { Carrier, PickupPointSource } from "@/generated/prisma/enums";
import { type PickupPointRecord, pickupPointDirectory, pickupPointSource } from "@/server/adapters/pickup-points";
import { now } from "@/server/clock";
import type { Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { directoryUnavailable } from "./directory-unavailable";

const UNKNOWN: Record<Carrier, string> = {
  CDEK: "Такого пункта выдачи нет: СДЭК не знает пункта с этим кодом. Выберите пункт из списка.",
  RUSSIAN_POST: "Такого пункта выдачи нет: у Почты России нет действующего отделения с этим индексом. Выберите отделение из списка.",
};
const NOT_AN_INDEX = "Такого пункта выдачи нет: индекс отделения Почты России — шесть цифр. Выберите отделение из списка.";
const SWITCHED_OFF = "Этот пункт выдачи сейчас не принимает заказы. Выберите другой пункт.";

function refuse(message: string): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: { pickupPoint: message } });
}

/**
 * The pickup point an order goes to, by its CDEK code or Russian Post index: looked up in the carrier's
 * directory (the browser's copy of its name and address is never trusted), saved or refreshed in
 * pickup_points, and returned for the order's snapshot. The row is written (and so locked) in the caller's
 * transaction. A point staff added by hand (source MANUAL) counts even when the directory does not list it;
 * a point staff switched off does not count.
 */
export async function resolvePickupPoint(
  tx: Tx,
  carrier: Carrier,
  code: string,
): Promise<{ id: number; code: string; name: string; address: string; city: string }> {
  const wanted = normalizeCode(carrier, code);
  if (carrier === "RUSSIAN_POST" && !/^\d{6}$/.test(wanted)) throw refuse(NOT_AN_INDEX);
  if (!wanted) throw refuse(UNKNOWN[carrier]);

  const directory = pickupPointDirectory(carrier);
  let record: PickupPointRecord | null;
  try {
    record = await directory.find(carrier, wanted);
  } catch (error) {
    throw directoryUnavailable(carrier, error);
  }

  if (!record) {
    const manual = await tx.pickupPoint.findUnique({
      where: { carrier_code: { carrier, code: wanted } },
      select: { id: true, code: true, name: true, address: true, city: true, isActive: true, source: true },
    });
    if (manual?.source !== "MANUAL") throw refuse(UNKNOWN[carrier]);
    if (!manual.isActive) throw refuse(SWITCHED_OFF);
    // Lock the row like an upsert would, so concurrent orders take locks in the same order.
    await tx.$queryRaw`SELECT id FROM pickup_points WHERE id = ${manual.id} FOR UPDATE`;
    return { id: manual.id, code: manual.code, name: manual.name, address: manual.address, city: manual.city };
  }

  const row = await upsertPoint(tx, record, pickupPointSource(directory));
  if (!row.is_active) throw refuse(SWITCHED_OFF);
  return { id: row.id, code: row.code, name: row.name, address: row.address, city: row.city };
}

function normalizeCode(carrier: Carrier, code: string): string {
  const compact = code.replace(/\s+/g, "");
  return carrier === "CDEK" ? compact.toUpperCase() : compact;
}

/**
 * Insert or refresh the point in one statement (safe when two orders name a new point at once). Staff's
 * switch (is_active) is kept as it is: the directory does not overrule it.
 */
async function upsertPoint(tx: Tx, record: PickupPointRecord, source: PickupPointSource) {
  const at = now();
  const rows = await tx.$queryRaw<{ id: number; code: string; name: string; address: string; city: string; is_active: boolean }[]>`
    INSERT INTO pickup_points (carrier, code, name, city, address, postal_code, work_hours, latitude, longitude, source, updated_at)
    VALUES (${record.carrier}::"Carrier", ${record.code}, ${record.name}, ${record.city}, ${record.address}, ${record.postalCode},
            ${record.workHours}, ${record.latitude}, ${record.longitude}, ${source}::"PickupPointSource", ${at})
    ON CONFLICT (carrier, code) DO UPDATE SET
      name = EXCLUDED.name, city = EXCLUDED.city, address = EXCLUDED.address, postal_code = EXCLUDED.postal_code,
      work_hours = EXCLUDED.work_hours, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
      source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
    RETURNING id, code, name, address, city, is_active`;
  const row = rows[0];
  if (!row) throw new Error(`pickup point ${record.carrier} ${record.code} was not saved`);
  return row;
}
