import "server-only";
import { DELETION_CONFIRMATION_MAX_LENGTH, DELETION_CONFIRMATION_WORD, DELETION_NOTE_MAX_LENGTH } from "@/lib/rules/privacy-deletion";
import { z } from "zod";
import { orderNumbersText } from "@/lib/order-labels";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { assertActorRole } from "@/server/auth/assert-role";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { type Tx, db } from "@/server/db/client";
import { appendLedgerEntry } from "@/server/domain/ledger/append-ledger-entry";
import { deriveRequestStatus } from "@/server/domain/requests/request-status";
import { deleteStoredObjects } from "@/server/domain/storage/delete-stored-objects";
import { queueObjectDeletions } from "@/server/domain/storage/queue-object-deletions";
import { AppError } from "@/server/errors";
import { ERASED_IMAGE_KEY_PREFIX } from "./erased-image-key";
import { PRIVACY_ROLES, type PrivacyActor } from "./privacy-actor";

/** The word typed to confirm: deletion cannot be undone, so a click alone is not enough. */

/** What replaces a redacted value in texts that must stay (outbox rows, audit data, the admin's note). */
const REDACTED = "[удалено]";

/** The ledger reason of the write-off; no personal data, as every ledger reason. */
export const DELETION_WRITE_OFF_REASON = "Удаление персональных данных по запросу";

// The migration `20261202204331_moderation_figures` recognises earlier closures by this text: keep them alike.
const CLOSED_PART_COMMENT = "Заявка закрыта: участник удалил свои персональные данные.";

/** Orders still moving: their recipient data is what the carrier or the code's email needs. */
const ORDERS_IN_PROGRESS = ["NEW", "APPROVED", "SHIPPED"] as const;

export const deleteShopperDataInput = z.object({
  /** Administrators only (the shopper found by phone); a shopper deletes their own data and names nobody. */
  customerId: z.coerce.number({ error: "Участник не найден." }).int("Участник не найден.").positive("Участник не найден.").optional(),
  confirmation: z.string({ error: `Введите слово ${DELETION_CONFIRMATION_WORD}.` }).trim().max(DELETION_CONFIRMATION_MAX_LENGTH),
  /** Administrators: how the request came (letter, call, its number); required for them. */
  note: z.string().trim().max(DELETION_NOTE_MAX_LENGTH, `Примечание — не длиннее ${DELETION_NOTE_MAX_LENGTH} символов.`).optional(),
});

export type DeletionOutcome =
  | { changed: true; customerId: number; pointsWrittenOff: number; storageFailures: number }
  | { changed: false; customerId: number; storageFailures: number };

/**
 * Deletes a shopper's personal data on their request (152-ФЗ, withdrawal of consent), by anonymising the
 * account rather than deleting its rows: the ledger is append-only and the programme's figures (credited,
 * spent, receipts, decisions) must not change under anyone's feet. The rules:
 *
 * - Who: the shopper themself (typing the confirmation word), or an administrator acting on a request that
 *   came by other means (confirmation word plus a required note). Staff accounts are not deleted here.
 * - Refused while a prize order is NEW, APPROVED or SHIPPED: a parcel in transit needs the recipient's name
 *   and phone, and an unsent digital code needs its email. The message names the orders; the shopper waits
 *   for delivery or asks for the order to be cancelled (points come back), then deletes.
 * - Points: the remaining balance is written off by one FORFEITURE entry (reason "Удаление персональных
 *   данных по запросу", key `privacy:<id>:write-off`). FORFEITURE, not ADJUSTMENT, because it means exactly
 *   "points retired unused": the dashboard's credited total stays, forfeited grows by the balance and
 *   outstanding (the sum of balances) drops by it, so credited − spent − forfeited = outstanding still
 *   holds; ADJUSTMENT has no fixed sign, so figures cannot file it either way. users.points_balance
 *   remains the ledger's sum (the write-off goes through appendLedgerEntry).
 * - Open requests are closed: their pending parts are rejected with a comment (history row included),
 *   since the screenshots are gone and points credited afterwards would land on a dead account.
 * - The account: phone, name, contact email (and any login email or password) set to NULL, anonymisedAt
 *   set, isActive false and the session version bumped (every session ends at its next request; the same
 *   phone may register afresh as a new account), the forfeiture clock stopped. Consent time and version
 *   stay: they are the record that processing was lawful while it lasted, and identify no one.
 * - Requests keep only the review link's normalised key (the "earns once" guard), not the link as typed.
 * - Receipts keep the fiscal key (the "earns once" guard), date, sum and operation type (the figures'
 *   receipt counts and average sum); the raw QR text and the online check's answer (which may carry the
 *   buyer's contacts) are dropped, as are the separate fiscal fields the key already holds.
 * - Images: the files are deleted from storage; the rows stay with a tombstone key (receipts hang on them
 *   and their hashes keep the duplicate guards working), the decoded QR text cleared.
 * - Prize orders (all delivered or cancelled by now): recipient name and phone, pickup point, tracking
 *   number and delivery email set to NULL; prize, points and dates stay for fulfilment figures.
 * - Notifications and forfeiture warnings deleted; one-time codes and rate-limit hits for the phone
 *   deleted; outbox rows addressed to the phone or any of the emails redacted (recipient, subject, text,
 *   error), and those not yet sent given up so they never go out. Audit rows have the phone and emails
 *   replaced wherever they appear in their data. A contact email shared by a family would also redact the
 *   other member's messages in the outbox log: deleting too much of a log beats keeping too much.
 * - One transaction for all of it, with one audit row (counts and the storage keys, no personal data).
 *   The files to delete are recorded in the same transaction (storage_deletions) and deleted after the
 *   commit (a rollback must not leave rows pointing at deleted files); a failed delete stays recorded and
 *   the storage-deletions job retries it with backoff. Running the deletion again for an anonymised shopper
 *   changes nothing in the database but retries the files listed in its audit rows at once (deleting a
 *   missing file is not an error).
 */
export async function deleteShopperData(actor: PrivacyActor, input: z.infer<typeof deleteShopperDataInput>): Promise<DeletionOutcome> {
  assertActorRole(actor, PRIVACY_ROLES);
  const { customerId, note } = authorise(actor, input);
  const at = now();

  const result = await db.$transaction((tx) => anonymiseShopper(tx, { customerId, actorId: actor.id, note, at }));

  const { failed: storageFailures } = await deleteStoredObjects(result.storageKeys, "privacy");
  return result.changed
    ? { changed: true, customerId, pointsWrittenOff: result.pointsWrittenOff, storageFailures }
    : { changed: false, customerId, storageFailures };
}

interface Deletion {
  customerId: number;
  actorId: number;
  /** The administrator's note (null for a shopper's own deletion). */
  note: string | null;
  at: Date;
}

type TransactionResult = { changed: true; storageKeys: string[]; pointsWrittenOff: number } | { changed: false; storageKeys: string[] };

/**
 * The deletion's steps, in this order, in one transaction. The files to delete are only listed here
 * (storage_deletions); they are deleted after the commit.
 */
async function anonymiseShopper(tx: Tx, deletion: Deletion): Promise<TransactionResult> {
  const { customerId, actorId, at } = deletion;
  const shopper = await lockShopper(tx, customerId);
  if (shopper.anonymised_at) return { changed: false, storageKeys: await storageKeysOfEarlierDeletions(tx, customerId) };
  await refuseWhileOrdersInProgress(tx, customerId);
  const identifiers = await contactIdentifiersOf(tx, shopper);

  const closed = await closeOpenRequests(tx, customerId, actorId, at);
  const writeOff = await writeOffBalance(tx, shopper, deletion);
  const storageKeys = await eraseImages(tx, customerId);
  await keepOnlyEarnOnceKeys(tx, customerId, at);
  const ordersBlanked = await blankPrizeOrderRecipients(tx, customerId, at);
  const notificationsDeleted = await deleteNotifications(tx, customerId);
  const contacts = await forgetContactIdentifiers(tx, identifiers);
  await forgetSignInTraces(tx, customerId);
  await anonymiseAccount(tx, customerId, at);

  await recordInAudit(tx, deletion, identifiers, {
    pointsWrittenOff: shopper.points_balance,
    writeOffEntryId: writeOff?.id ?? null,
    requestsClosed: closed.requests,
    partsClosed: closed.parts,
    ordersBlanked,
    notificationsDeleted,
    outboxRedacted: contacts.outboxRedacted,
    otpDeleted: contacts.otpDeleted,
    storageKeys,
  });
  return { changed: true, storageKeys, pointsWrittenOff: shopper.points_balance };
}

interface ShopperRow {
  id: number;
  phone: string | null;
  contact_email: string | null;
  email: string | null;
  points_balance: number;
  anonymised_at: Date | null;
}

/** The shopper's row, locked: a second deletion (or a credit) waits for this one. Staff accounts are not found. */
async function lockShopper(tx: Tx, customerId: number): Promise<ShopperRow> {
  const [user] = await tx.$queryRaw<ShopperRow[]>`
    SELECT id, phone, contact_email, email, points_balance, anonymised_at
      FROM users WHERE id = ${customerId} AND role = 'CUSTOMER' FOR UPDATE`;
  if (!user) throw new AppError("NOT_FOUND", "Участник не найден.");
  return user;
}

/** A parcel in transit needs the recipient's name and phone, an unsent code its email: the shopper waits. */
async function refuseWhileOrdersInProgress(tx: Tx, customerId: number): Promise<void> {
  const inProgress = await tx.prizeOrder.findMany({
    where: { customerId, status: { in: [...ORDERS_IN_PROGRESS] } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (inProgress.length > 0) {
    throw new AppError(
      "CONFLICT",
      `Сейчас удалить данные нельзя: ${orderNumbersText(inProgress.map((order) => order.id))} ещё в работе, и для доставки нужны имя, телефон или email получателя. ` +
        "Дождитесь получения приза или попросите отменить заказ (баллы вернутся), затем повторите удаление.",
    );
  }
}

/** Every address the portal may have written to or about this shopper (read before the orders are blanked). */
async function contactIdentifiersOf(tx: Tx, shopper: ShopperRow): Promise<string[]> {
  const orders = await tx.prizeOrder.findMany({ where: { customerId: shopper.id }, select: { recipientPhone: true, deliveryEmail: true } });
  return [
    ...new Set(
      [shopper.phone, shopper.contact_email, shopper.email, ...orders.flatMap((order) => [order.recipientPhone, order.deliveryEmail])].filter(
        (value): value is string => typeof value === "string" && value.length >= 5,
      ),
    ),
  ];
}

/** The remaining balance retired by one FORFEITURE entry (see the verb's comment for why not ADJUSTMENT). */
async function writeOffBalance(tx: Tx, shopper: ShopperRow, deletion: Deletion): Promise<{ id: number } | null> {
  if (shopper.points_balance <= 0) return null;
  return appendLedgerEntry(tx, {
    customerId: deletion.customerId,
    kind: "FORFEITURE",
    amount: -shopper.points_balance,
    idempotencyKey: `privacy:${deletion.customerId}:write-off`,
    reason: DELETION_WRITE_OFF_REASON,
    createdById: deletion.actorId,
    at: deletion.at,
  });
}

/**
 * The shopper's files are recorded for deletion after the commit (every key not already a tombstone); the
 * rows stay with a tombstone key, since receipts hang on them and their hashes keep the duplicate guards.
 */
async function eraseImages(tx: Tx, customerId: number): Promise<string[]> {
  const images = await tx.$queryRaw<{ storage_key: string; thumb_key: string | null }[]>`
    SELECT storage_key, thumb_key FROM images
     WHERE (owner_id = ${customerId}
            OR part_id IN (SELECT p.id FROM request_parts p JOIN review_requests r ON r.id = p.request_id WHERE r.customer_id = ${customerId}))
       AND storage_key NOT LIKE ${`${ERASED_IMAGE_KEY_PREFIX}%`}
     FOR UPDATE`;
  const storageKeys = [...new Set(images.flatMap((image) => [image.storage_key, image.thumb_key]).filter((key): key is string => key !== null))];
  await queueObjectDeletions(tx, storageKeys, "privacy");
  await tx.$executeRaw`
    UPDATE images SET storage_key = ${ERASED_IMAGE_KEY_PREFIX} || id::text, thumb_key = NULL, qr_text = NULL
     WHERE owner_id = ${customerId}
        OR part_id IN (SELECT p.id FROM request_parts p JOIN review_requests r ON r.id = p.request_id WHERE r.customer_id = ${customerId})`;
  return storageKeys;
}

/**
 * Receipts keep their fiscal key, date, sum and operation type, requests their review link's normalised key:
 * the "earns once" guards and the figures. The raw QR text, the online check's answer and the link as typed go.
 */
async function keepOnlyEarnOnceKeys(tx: Tx, customerId: number, at: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE receipts SET qr_text = NULL, check_result = NULL, fiscal_drive_number = NULL, fiscal_document_number = NULL, fiscal_sign = NULL
     WHERE part_id IN (SELECT p.id FROM request_parts p JOIN review_requests r ON r.id = p.request_id WHERE r.customer_id = ${customerId})`;
  await tx.$executeRaw`UPDATE review_requests SET review_url = review_url_key, updated_at = ${at} WHERE customer_id = ${customerId}`;
}

/** Delivered or cancelled orders lose their recipient and delivery details; prize, points and dates stay for the figures. */
async function blankPrizeOrderRecipients(tx: Tx, customerId: number, at: Date): Promise<number> {
  const blanked = await tx.prizeOrder.updateMany({
    where: { customerId },
    data: { recipientName: null, recipientPhone: null, pickupPointId: null, pickupPointCode: null, pickupPointAddress: null, trackingNumber: null, deliveryEmail: null, updatedAt: at },
  });
  return blanked.count;
}

/** Notifications and forfeiture warnings are about the shopper alone: deleted, not kept. */
async function deleteNotifications(tx: Tx, customerId: number): Promise<number> {
  const deleted = await tx.notification.deleteMany({ where: { userId: customerId } });
  await tx.forfeitureWarning.deleteMany({ where: { customerId } });
  return deleted.count;
}

/**
 * The phone and emails, wherever else they are written: outbox rows redacted (those not yet sent given up),
 * one-time codes and rate-limit hits deleted, audit data rewritten.
 */
async function forgetContactIdentifiers(tx: Tx, identifiers: string[]): Promise<{ outboxRedacted: number; otpDeleted: number }> {
  if (identifiers.length === 0) return { outboxRedacted: 0, otpDeleted: 0 };
  // Not yet sent: given up first, so no sender picks the row between the two updates' effects.
  await tx.outboxMessage.updateMany({
    where: { recipient: { in: identifiers }, status: { in: ["PENDING", "SENDING", "FAILED"] } },
    data: { status: "FAILED", nextAttemptAt: null },
  });
  const outboxRedacted = (
    await tx.outboxMessage.updateMany({
      where: { recipient: { in: identifiers } },
      data: { recipient: REDACTED, subject: null, text: REDACTED, html: null, lastError: "Получатель удалил персональные данные." },
    })
  ).count;
  const otpDeleted = (await tx.otpCode.deleteMany({ where: { phone: { in: identifiers } } })).count;
  // Limit keys hold a phone alone or paired with a browser's hash ("phone|device").
  await tx.rateLimitHit.deleteMany({ where: { OR: [{ key: { in: identifiers } }, ...identifiers.map((value) => ({ key: { startsWith: `${value}|` } }))] } });
  // Audit data is JSON of any shape: the identifiers are replaced wherever they occur as text.
  // (A scan of the audit table; deletions are rare, and correctness beats an index here.)
  for (const value of identifiers) {
    await tx.$executeRaw`
      UPDATE audit_log SET data = replace(data::text, ${value}, ${REDACTED})::jsonb
       WHERE data IS NOT NULL AND strpos(data::text, ${value}) > 0`;
  }
  return { outboxRedacted, otpDeleted };
}

/** Rate-limit hits keyed by the account, and the browsers and addresses the shopper signed in from. */
async function forgetSignInTraces(tx: Tx, customerId: number): Promise<void> {
  await tx.rateLimitHit.deleteMany({ where: { key: { in: [String(customerId), `user:${customerId}`] } } });
  await tx.signInTrust.deleteMany({ where: { userId: customerId } });
}

/**
 * The account row stays (the ledger hangs on it) without anything that identifies the shopper; the session
 * version bump ends every session at its next request, and the forfeiture clock stops. Consent stays.
 */
async function anonymiseAccount(tx: Tx, customerId: number, at: Date): Promise<void> {
  await tx.user.update({
    where: { id: customerId },
    data: { phone: null, name: null, contactEmail: null, email: null, passwordHash: null, isActive: false, sessionVersion: { increment: 1 }, anonymisedAt: at, inactivityClockFrom: null, updatedAt: at },
  });
}

function authorise(actor: Actor, input: z.infer<typeof deleteShopperDataInput>): { customerId: number; note: string | null } {
  if (input.confirmation.toLocaleUpperCase("ru-RU") !== DELETION_CONFIRMATION_WORD) {
    throw new AppError("VALIDATION", `Чтобы подтвердить удаление, введите слово ${DELETION_CONFIRMATION_WORD}.`, {
      fieldErrors: { confirmation: `Введите слово ${DELETION_CONFIRMATION_WORD}.` },
    });
  }
  if (actor.role === "CUSTOMER") {
    if (input.customerId !== undefined && input.customerId !== actor.id) throw new AppError("NOT_FOUND", "Участник не найден.");
    return { customerId: actor.id, note: null };
  }
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Недостаточно прав для этого действия.");
  if (input.customerId === undefined) throw new AppError("VALIDATION", "Укажите участника.");
  if (!input.note || input.note.length < 3) {
    const message = "Укажите, откуда пришёл запрос (письмо, звонок, номер обращения).";
    throw new AppError("VALIDATION", message, { fieldErrors: { note: message } });
  }
  return { customerId: input.customerId, note: input.note };
}

/** Rejects the pending parts of the shopper's open requests (conditionally, so a moderator's concurrent decision wins or loses cleanly). */
async function closeOpenRequests(tx: Tx, customerId: number, actorId: number, at: Date): Promise<{ requests: number; parts: number }> {
  const open = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM review_requests WHERE customer_id = ${customerId} AND status IN ('PENDING', 'IN_REVIEW') ORDER BY id FOR UPDATE`;
  let parts = 0;
  for (const request of open) {
    const pending = await tx.requestPart.findMany({ where: { requestId: request.id, status: "PENDING" }, select: { id: true, attempt: true } });
    for (const part of pending) {
      const updated = await tx.requestPart.updateMany({
        where: { id: part.id, status: "PENDING", attempt: part.attempt },
        data: { status: "REJECTED", comment: CLOSED_PART_COMMENT, decidedAt: at, decidedById: actorId, decidedByRule: null, points: null },
      });
      if (updated.count !== 1) continue;
      parts += 1;
      await tx.partDecision.create({ data: { partId: part.id, attempt: part.attempt, status: "REJECTED", comment: CLOSED_PART_COMMENT, decidedById: actorId, decidedAt: at } });
    }
    const statuses = await tx.requestPart.findMany({ where: { requestId: request.id }, select: { status: true } });
    await tx.reviewRequest.update({
      where: { id: request.id },
      data: { status: deriveRequestStatus(statuses), decidedAt: at, claimedById: null, claimExpiresAt: null },
    });
  }
  return { requests: open.length, parts };
}

/** What the audit row records besides who asked: counts and storage keys. */
interface DeletionSummary {
  pointsWrittenOff: number;
  writeOffEntryId: number | null;
  requestsClosed: number;
  partsClosed: number;
  ordersBlanked: number;
  notificationsDeleted: number;
  outboxRedacted: number;
  otpDeleted: number;
  storageKeys: string[];
}

/** One audit row: who asked, the counts and the storage keys (a repeated deletion retries them), no personal data. */
async function recordInAudit(tx: Tx, deletion: Deletion, identifiers: string[], summary: DeletionSummary): Promise<void> {
  await writeAuditEntry(tx, {
    actorId: deletion.actorId,
    action: "shopper.anonymise",
    entityType: "User",
    entityId: deletion.customerId,
    data: {
      by: deletion.actorId === deletion.customerId ? "self" : "admin",
      // The administrator's note, with any of the shopper's identifiers it quoted taken out.
      note: deletion.note ? identifiers.reduce((text, value) => text.split(value).join(REDACTED), deletion.note) : null,
      ...summary,
    },
    at: deletion.at,
  });
}

/** The keys recorded by earlier deletions of this shopper: a repeated deletion retries them. */
async function storageKeysOfEarlierDeletions(tx: Tx, customerId: number): Promise<string[]> {
  const rows = await tx.auditLog.findMany({ where: { action: "shopper.anonymise", entityType: "User", entityId: String(customerId) }, select: { data: true } });
  const keys = rows.flatMap((row) => {
    const data = row.data as { storageKeys?: unknown } | null;
    return Array.isArray(data?.storageKeys) ? data.storageKeys.filter((key): key is string => typeof key === "string") : [];
  });
  return [...new Set(keys)];
}
