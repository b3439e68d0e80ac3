import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { prizeData, prizeFields, prizeIdSchema } from "./prize-input";

export const updatePrizeInput = z.intersection(
  z.object({
    id: prizeIdSchema,
    /**
     * The stock the form showed when it was opened. Shoppers order (and staff cancel) while the form is
     * open, so the stock is written only when staff changed it, and only if nobody else did meanwhile.
     */
    stockSeen: z.number().int().min(0).optional(),
  }),
  prizeFields,
);

type PrizeData = ReturnType<typeof prizeData>;
const FIELDS = ["title", "description", "partnerName", "kind", "pointsPrice", "stock", "isActive", "sortOrder"] as const satisfies readonly (keyof PrizeData)[];

/**
 * Changes a prize's fields. The kind cannot change once the prize has orders or codes (both mean something
 * different for the other kind). The row is locked for the check, so an order placed at the same moment
 * either comes first (and the stock check sees it) or waits for this change.
 */
export async function updatePrize(actor: StaffActor, input: z.infer<typeof updatePrizeInput>): Promise<{ changed: boolean }> {
  assertActorRole(actor, AREA_ROLES.staff);
  const wanted = prizeData(input);
  const at = now();
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM prizes WHERE id = ${input.id} FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "Приз не найден.");
    const current = await tx.prize.findUniqueOrThrow({
      where: { id: input.id },
      select: { title: true, description: true, partnerName: true, kind: true, pointsPrice: true, stock: true, isActive: true, sortOrder: true, _count: { select: { orders: true, codes: true } } },
    });

    if (wanted.kind !== current.kind && (current._count.orders > 0 || current._count.codes > 0)) {
      const why = current._count.orders > 0 ? "по нему уже есть заказы" : "у него уже загружены коды";
      throw new AppError("CONFLICT", `Тип приза нельзя изменить: ${why}.`, { fieldErrors: { kind: `Нельзя изменить: ${why}.` } });
    }

    const next: PrizeData = { ...wanted };
    if (wanted.kind === "PHYSICAL" && current.kind === "PHYSICAL" && input.stockSeen !== undefined) {
      if (wanted.stock === input.stockSeen) {
        next.stock = current.stock; // not touched in the form: whatever orders did meanwhile stands
      } else if (current.stock !== input.stockSeen) {
        throw new AppError("CONFLICT", `Пока форма была открыта, остаток изменился (заказы или отмены): сейчас ${current.stock} шт. Проверьте и сохраните снова.`, {
          fieldErrors: { stock: `Сейчас на складе ${current.stock} шт.` },
        });
      }
    }

    // Only what changed is written and audited, as before → after.
    const changed = FIELDS.filter((field) => current[field] !== next[field]);
    if (changed.length === 0) return { changed: false };
    const pick = (source: PrizeData) => Object.fromEntries(changed.map((field) => [field, source[field]])) as Partial<PrizeData>;
    const before = pick(current);
    const after = pick(next);

    await tx.prize.update({ where: { id: input.id }, data: { ...after, updatedAt: at } });
    await writeAuditEntry(tx, { actorId: actor.id, action: "prize.update", entityType: "Prize", entityId: input.id, data: { before, after }, at });
    return { changed: true };
  });
}
