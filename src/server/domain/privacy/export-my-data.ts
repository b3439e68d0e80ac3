import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { portalUrl } from "@/server/http/portal-url";
import { isErasedImageKey } from "./erased-image-key";
import { PRIVACY_ROLES, type PrivacyActor } from "./privacy-actor";

/** Version of the export's layout, so a reader can tell later files from earlier ones. */
const EXPORT_FORMAT = 1;

/** The administrator names the shopper by id (found by phone on /admin/privacy); a shopper names nobody. */
export const exportMyDataInput = z.object({
  customerId: z.coerce.number({ error: "Участник не найден." }).int("Участник не найден.").positive("Участник не найден.").optional(),
});

export interface ShopperDataExport {
  fileName: string;
  content: string;
}

/**
 * Everything the portal holds about one shopper (152-ФЗ, the subject's right of access), as one JSON
 * document: profile and consent, requests with their parts, decisions and decoded receipts, the points
 * ledger, prize orders and notifications. Images are links (the bytes would make the file huge, and the
 * links work for the shopper while they are signed in); a digital prize's code is left out unless it was
 * already sent, as the cabinet shows it.
 *
 * A shopper exports their own data only (the id comes from the session, never from the request). An
 * administrator exports a shopper's data to answer a request that came by other means (phone, letter);
 * that export is audited, since it hands personal data out of the portal. Staff accounts have no export
 * here: they are not the programme's participants.
 */
export async function exportMyData(actor: PrivacyActor, input: z.infer<typeof exportMyDataInput>): Promise<ShopperDataExport> {
  assertActorRole(actor, PRIVACY_ROLES);
  let customerId: number;
  if (actor.role === "CUSTOMER") {
    if (input.customerId !== undefined && input.customerId !== actor.id) throw new AppError("NOT_FOUND", "Участник не найден.");
    customerId = actor.id;
  } else {
    assertActorRole(actor, ["ADMIN"]);
    if (input.customerId === undefined) throw new AppError("VALIDATION", "Укажите участника.");
    customerId = input.customerId;
  }
  const at = now();

  const user = await db.user.findFirst({
    where: { id: customerId, role: "CUSTOMER" },
    select: {
      id: true,
      phone: true,
      name: true,
      contactEmail: true,
      consentAt: true,
      consentVersion: true,
      pointsBalance: true,
      inactivityClockFrom: true,
      createdAt: true,
      lastLoginAt: true,
      anonymisedAt: true,
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "Участник не найден.");

  const [requests, ledger, orders, notifications] = await Promise.all([
    db.reviewRequest.findMany({
      where: { customerId },
      orderBy: { filedAt: "asc" },
      select: {
        id: true,
        status: true,
        platform: true,
        reviewUrl: true,
        filedAt: true,
        dueAt: true,
        decidedAt: true,
        product: { select: { sku: true, name: true } },
        parts: {
          orderBy: { kind: "asc" },
          select: {
            kind: true,
            status: true,
            attempt: true,
            points: true,
            comment: true,
            submittedAt: true,
            decidedAt: true,
            history: { orderBy: { decidedAt: "asc" }, select: { attempt: true, status: true, comment: true, decidedAt: true } },
            images: { orderBy: [{ attempt: "asc" }, { position: "asc" }], select: { id: true, kind: true, attempt: true, storageKey: true, createdAt: true } },
            receipts: {
              orderBy: { attempt: "asc" },
              select: {
                attempt: true,
                qrText: true,
                fiscalDriveNumber: true,
                fiscalDocumentNumber: true,
                fiscalSign: true,
                operationType: true,
                purchasedAt: true,
                totalKopecks: true,
                problem: true,
                checkStatus: true,
                checkedAt: true,
              },
            },
          },
        },
      },
    }),
    db.ledgerEntry.findMany({
      where: { customerId },
      orderBy: { id: "asc" },
      select: { kind: true, amount: true, balanceAfter: true, reason: true, createdAt: true },
    }),
    db.prizeOrder.findMany({
      where: { customerId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        status: true,
        pointsSpent: true,
        carrier: true,
        pickupPointCode: true,
        pickupPointAddress: true,
        recipientName: true,
        recipientPhone: true,
        trackingNumber: true,
        deliveryEmail: true,
        createdAt: true,
        approvedAt: true,
        shippedAt: true,
        deliveredAt: true,
        cancelledAt: true,
        cancelReason: true,
        prize: { select: { title: true, kind: true, partnerName: true } },
        code: { select: { code: true, issuedAt: true } },
      },
    }),
    db.notification.findMany({
      where: { userId: customerId },
      orderBy: { createdAt: "asc" },
      select: { title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
  ]);

  const document = {
    format: EXPORT_FORMAT,
    exportedAt: at.toISOString(),
    operator: "Программа «Отзывы за баллы» Carely",
    profile: {
      id: user.id,
      phone: user.phone,
      name: user.name,
      contactEmail: user.contactEmail,
      registeredAt: user.createdAt,
      lastSignInAt: user.lastLoginAt,
      anonymisedAt: user.anonymisedAt,
    },
    consent: { givenAt: user.consentAt, version: user.consentVersion },
    points: { balance: user.pointsBalance, inactivityClockFrom: user.inactivityClockFrom },
    requests: requests.map((request) => ({
      id: request.id,
      product: request.product,
      platform: request.platform,
      reviewUrl: request.reviewUrl,
      status: request.status,
      filedAt: request.filedAt,
      dueAt: request.dueAt,
      decidedAt: request.decidedAt,
      parts: request.parts.map((part) => ({
        kind: part.kind,
        status: part.status,
        attempt: part.attempt,
        points: part.points,
        comment: part.comment,
        submittedAt: part.submittedAt,
        decidedAt: part.decidedAt,
        decisions: part.history,
        // Links, not bytes; an image whose file was deleted is listed without one.
        images: part.images.map((image) => ({
          kind: image.kind,
          attempt: image.attempt,
          uploadedAt: image.createdAt,
          url: isErasedImageKey(image.storageKey) ? null : portalUrl(`/api/images/${image.id}`),
        })),
        receipts: part.receipts,
      })),
    })),
    ledger,
    orders: orders.map(({ code, ...order }) => ({
      ...order,
      // An unsent code is not the shopper's yet (staff may still cancel the order and release it).
      prizeCode: code?.issuedAt ? code.code : null,
    })),
    notifications,
  };

  if (actor.role !== "CUSTOMER") {
    // The audit row says who took the data out and whose it was, not what it contained.
    await db.$transaction((tx) =>
      writeAuditEntry(tx, { actorId: actor.id, action: "shopper.export", entityType: "User", entityId: customerId, data: { requests: requests.length, orders: orders.length }, at }),
    );
  }

  const day = at.toISOString().slice(0, 10);
  return { fileName: `carely-data-${customerId}-${day}.json`, content: JSON.stringify(document, null, 2) };
}
