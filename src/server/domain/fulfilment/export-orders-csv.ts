import "server-only";
import { z } from "zod";
import type { Carrier } from "@/generated/prisma/enums";
import { toCsv } from "@/lib/csv";
import { formatDate } from "@/lib/format";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { moscowDateKey } from "@/lib/moscow-time";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";

export const exportOrdersCsvInput = z.object({
  carrier: z.enum(["CDEK", "RUSSIAN_POST"], { error: "Выберите службу доставки: СДЭК или Почта России." }),
});

/** What each carrier's upload calls the pickup point's identifier and address. */
const POINT_COLUMNS: Record<Carrier, [string, string]> = {
  CDEK: ["Код ПВЗ", "Адрес ПВЗ"],
  RUSSIAN_POST: ["Индекс", "Адрес отделения"],
};

const FILE_SLUG: Record<Carrier, string> = { CDEK: "cdek", RUSSIAN_POST: "russian-post" };

/**
 * The orders to ship by one carrier (approved physical orders not shipped yet, earliest shipping due date
 * first) as a CSV for the carrier's upload: order number, recipient, phone, pickup point code or post
 * index, address, prize, quantity, dates. Order number and quantity are numbers; everything else is
 * text, so the phone goes out as stored behind an apostrophe ('+79161234567), which Excel would otherwise
 * run as a formula. The export hands personal data out of the portal, so it is audited like a change.
 */
export async function exportOrdersCsv(actor: StaffActor, input: z.infer<typeof exportOrdersCsvInput>): Promise<{ fileName: string; content: string; count: number }> {
  assertActorRole(actor, AREA_ROLES.staff);
  const at = now();
  const orders = await db.prizeOrder.findMany({
    where: { status: "APPROVED", carrier: input.carrier, prize: { kind: "PHYSICAL" } },
    orderBy: [{ shippingDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    select: {
      id: true,
      createdAt: true,
      shippingDueAt: true,
      recipientName: true,
      recipientPhone: true,
      pickupPointCode: true,
      pickupPointAddress: true,
      prize: { select: { title: true } },
    },
  });
  const [pointCode, pointAddress] = POINT_COLUMNS[input.carrier];
  const content = toCsv(
    ["Номер заказа", "Получатель", "Телефон", pointCode, pointAddress, "Приз", "Количество", "Дата заказа", "Отправить до"],
    orders.map((order) => [
      order.id,
      order.recipientName,
      order.recipientPhone,
      order.pickupPointCode,
      order.pickupPointAddress,
      order.prize.title,
      1,
      formatDate(order.createdAt),
      order.shippingDueAt ? formatDate(order.shippingDueAt) : null,
    ]),
  );
  await db.$transaction((tx) =>
    writeAuditEntry(tx, {
      actorId: actor.id,
      action: "orders.export",
      entityType: "OrderExport",
      entityId: input.carrier,
      data: { carrier: input.carrier, count: orders.length, orderIds: orders.map((order) => order.id) },
      at,
    }),
  );
  return { fileName: `orders-${FILE_SLUG[input.carrier]}-${moscowDateKey(at)}.csv`, content, count: orders.length };
}
