import "server-only";
import { z } from "zod";
import { formatPoints } from "@/lib/format";
import { ADJUSTMENT_REASON_LENGTH as REASON } from "@/lib/rules/points-adjustment";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { appendLedgerEntry } from "@/server/domain/ledger/append-ledger-entry";
import { AppError, isAppError } from "@/server/errors";
import { pluralRu } from "@/lib/plural-ru";

const AMOUNT_MESSAGE = "Укажите целое число баллов, не ноль: «50» начислит баллы, «-50» спишет.";
const MAX_ADJUSTMENT = 1_000_000;

export const adjustPointsInput = z.object({
  customerId: z.coerce.number({ error: "Участник не найден." }).int().positive("Участник не найден."),
  amount: z.preprocess(
    // As typed: "+50", "−50" (a typographic minus), "1 000".
    (value) => {
      if (typeof value !== "string") return value;
      const typed = value.replace(/[\s\u00a0]/g, "").replace(/[−–]/g, "-");
      return typed === "" ? undefined : Number(typed);
    },
    z
      .number({ error: AMOUNT_MESSAGE })
      .int({ error: AMOUNT_MESSAGE })
      .refine((amount) => amount !== 0, { error: AMOUNT_MESSAGE })
      .refine((amount) => Math.abs(amount) <= MAX_ADJUSTMENT, { error: `За одну корректировку — не больше ${formatPoints(MAX_ADJUSTMENT)} баллов.` }),
  ),
  reason: z
    .string({ error: "Напишите причину корректировки." })
    .trim()
    .min(REASON.min, `Напишите причину корректировки (не короче ${REASON.min} символов): её увидит участник в истории баллов.`)
    .max(REASON.max, `Причина — не длиннее ${REASON.max} символов.`),
  /** Made by the form when it opens: a double submit (or a retry after a lost response) adjusts once. */
  idempotencyKey: z.string({ error: "Обновите страницу и попробуйте ещё раз." }).min(8, "Обновите страницу и попробуйте ещё раз.").max(100, "Обновите страницу и попробуйте ещё раз."),
});

export interface AdjustPointsResult {
  entryId: number;
  balanceAfter: number;
  /** True when this form's adjustment had already been made (a repeated submit): nothing new was written. */
  repeated: boolean;
}

/**
 * A manual credit (+) or debit (−) by an administrator: one ADJUSTMENT ledger entry whose reason the
 * shopper reads in their points history, and one audit row, in one transaction. A debit larger than the
 * balance is refused and nothing is written (the ledger never lets a balance go below zero).
 */
export async function adjustPoints(actor: AdminActor, input: z.infer<typeof adjustPointsInput>): Promise<AdjustPointsResult> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  const idempotencyKey = `adjustment:${input.idempotencyKey}`;
  try {
    return await writeAdjustment(actor, input, idempotencyKey, at);
  } catch (error) {
    // Two submits of the same form at the same moment: the loser's insert hit the unique key and rolled
    // back whole. The winner's entry is the answer to both.
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.ledgerEntry.findUnique({ where: { idempotencyKey }, select: { id: true, balanceAfter: true, customerId: true } });
    if (!existing || existing.customerId !== input.customerId) throw error;
    return { entryId: existing.id, balanceAfter: existing.balanceAfter, repeated: true };
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

async function writeAdjustment(actor: Actor, input: z.infer<typeof adjustPointsInput>, idempotencyKey: string, at: Date): Promise<AdjustPointsResult> {
  return db.$transaction(async (tx) => {
    const shopper = await tx.user.findUnique({ where: { id: input.customerId }, select: { role: true } });
    if (!shopper || shopper.role !== "CUSTOMER") throw new AppError("NOT_FOUND", "Участник не найден — найдите его по номеру телефона ещё раз.");

    let entry: Awaited<ReturnType<typeof appendLedgerEntry>>;
    try {
      entry = await appendLedgerEntry(tx, { customerId: input.customerId, kind: "ADJUSTMENT", amount: input.amount, reason: input.reason, idempotencyKey, createdById: actor.id, at });
    } catch (error) {
      if (isAppError(error) && error.code === "CONFLICT") {
        // The refused UPDATE failed no statement, so the transaction can still read the current balance.
        const { pointsBalance } = await tx.user.findUniqueOrThrow({ where: { id: input.customerId }, select: { pointsBalance: true } });
        const debit = -input.amount;
        throw new AppError(
          "CONFLICT",
          `Нельзя списать ${formatPoints(debit)} ${pluralRu(debit, ["балл", "балла", "баллов"])}: на счёте участника ${formatPoints(pointsBalance)}. Баланс не может стать меньше нуля.`,
          { fieldErrors: { amount: "Больше, чем на счёте." } },
        );
      }
      throw error;
    }
    if (!entry) {
      const existing = await tx.ledgerEntry.findUniqueOrThrow({ where: { idempotencyKey }, select: { id: true, balanceAfter: true, customerId: true } });
      if (existing.customerId !== input.customerId) throw new AppError("CONFLICT", "Обновите страницу и попробуйте ещё раз.");
      return { entryId: existing.id, balanceAfter: existing.balanceAfter, repeated: true };
    }
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "points.adjust",
      entityType: "User",
      entityId: input.customerId,
      data: { amount: input.amount, reason: input.reason, balanceBefore: entry.balanceAfter - input.amount, balanceAfter: entry.balanceAfter, ledgerEntryId: entry.id },
      at,
    });
    return { entryId: entry.id, balanceAfter: entry.balanceAfter, repeated: false };
  });
}
