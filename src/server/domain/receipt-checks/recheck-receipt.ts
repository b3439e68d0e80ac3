import "server-only";
import { z } from "zod";
import { onlineReceiptCheck } from "@/server/adapters/receipt-check";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { queueReceiptCheck } from "./queue-receipt-check";

export const recheckReceiptInput = z.object({ receiptId: z.coerce.number().int().positive() });

/**
 * A moderator asks the receipt-check service again (a receipt the tax service did not have yet, a check
 * that ran out of attempts). The switch to CHECKING is one conditional update, so a double click, or two
 * moderators at once, queue one check: the others answer `queued: false`.
 */
export async function recheckReceipt(actor: ModeratorActor, input: z.infer<typeof recheckReceiptInput>): Promise<{ queued: boolean; requestId: number }> {
  assertActorRole(actor, AREA_ROLES.moderation);
  if (!onlineReceiptCheck()) throw new AppError("CONFLICT", "Онлайн-проверка чеков не настроена.");
  const receipt = await db.receipt.findUnique({ where: { id: input.receiptId }, select: { id: true, fiscalKey: true, part: { select: { requestId: true } } } });
  if (!receipt) throw new AppError("NOT_FOUND", "Чек не найден.");
  if (!receipt.fiscalKey) throw new AppError("CONFLICT", "QR-код этого чека не распознан: проверять в сервисе нечего.");

  const { count } = await db.receipt.updateMany({
    where: { id: receipt.id, checkStatus: { not: "CHECKING" } },
    data: { checkStatus: "CHECKING", checkAttempts: 0, checkNextAt: now() },
  });
  const requestId = receipt.part.requestId;
  if (count === 0) return { queued: false, requestId };
  await queueReceiptCheck(receipt.id);
  return { queued: true, requestId };
}
