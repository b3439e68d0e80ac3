import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABEL } from "./admin-labels";
import { auditFieldLabel, auditValueLabel } from "./audit-labels";

/** Every field each action writes into its audit row (src/server/domain/**: the writeAuditEntry calls). */
const WRITTEN: Record<string, string[]> = {
  "request-part.approve": ["requestId", "kind", "attempt", "points", "comment", "rule", "reversedRule"],
  "automation-rules.update": ["before", "after", "receipt.approve", "receipt.reject-operation", "receipt.reject-outside-window", "receipt.reject-credited", "receipt.reject-no-brand-product"],
  "order.approve": ["kind", "codeId", "codeHint"],
  "order.ship": ["carrier", "trackingNumber"],
  "order.cancel": ["from", "reason", "refunded", "refundEntryId", "stockRestored", "codeReleased"],
  "orders.export": ["carrier", "count", "orderIds"],
  "prize.create": ["title", "description", "partnerName", "kind", "pointsPrice", "stock", "isActive", "sortOrder"],
  "prize.image.attach": ["imageId", "position"],
  "prize.codes.import": ["batch", "imported", "emptyLines", "fileName"],
  "calendar-day.update": ["before", "kind", "note", "rescheduledRequests"],
  "rejection-template.create": ["title", "text", "partKind", "sortOrder"],
  "rejection-template.move": ["direction", "from", "to"],
  "outbox-email.retry": ["attempts", "lastError"],
  "programme-settings.update": ["reviewPoints", "receiptPoints", "moderationBusinessDays", "shippingDays", "forfeitureMonths", "maxScreenshots", "smsPerHourCap", "campaignStartsAt", "campaignEndsAt"],
  "points.adjust": ["amount", "reason", "balanceBefore", "balanceAfter", "ledgerEntryId"],
  "staff-invite.create": ["email", "role", "expiresAt", "replacedInvites", "reactivates"],
  "staff-invite.accept": ["inviteId", "email", "role", "name", "reactivated"],
  "shopper.export": ["requests", "orders"],
  "product.match-terms": ["before", "after", "matchTerms", "gtins"],
  "shopper.anonymise": ["by", "note", "pointsWrittenOff", "writeOffEntryId", "requestsClosed", "partsClosed", "ordersBlanked", "notificationsDeleted", "outboxRedacted", "otpDeleted", "storageKeys"],
};

describe("the audit log in words", () => {
  it.each(Object.entries(WRITTEN))("labels every field %s writes", (action, keys) => {
    expect(AUDIT_ACTION_LABEL[action]).toBeTruthy();
    for (const key of keys) expect(auditFieldLabel(action, key), `${action}: ${key}`).toMatch(/[а-яё]/i);
  });

  it("names coded values in Russian", () => {
    expect(auditValueLabel("order.ship", "carrier", "CDEK")).toBe("СДЭК");
    expect(auditValueLabel("orders.export", "carrier", "RUSSIAN_POST")).toBe("Почта России");
    expect(auditValueLabel("prize.create", "kind", "PHYSICAL")).toBe("Физический");
    expect(auditValueLabel("request-part.approve", "kind", "RECEIPT")).toBe("Чек");
    expect(auditValueLabel("calendar-day.update", "kind", "HOLIDAY")).toBe("Выходной");
    expect(auditValueLabel("order.cancel", "from", "SHIPPED")).toBe("Отправлен");
    expect(auditValueLabel("rejection-template.move", "direction", "UP")).toBe("Выше");
    expect(auditValueLabel("staff.role-change", "role", "MODERATOR")).toBe("Модератор");
  });

  it("reads a field by what it means in the action", () => {
    expect(auditFieldLabel("order.cancel", "from")).toBe("Статус до отмены");
    expect(auditFieldLabel("rejection-template.move", "from")).toBe("С позиции");
    expect(auditFieldLabel("order.ship", "trackingNumber")).toBe("Трек-номер");
  });

  it("leaves what it does not know as stored", () => {
    expect(auditFieldLabel("some.action", "unknownField")).toBe("unknownField");
    expect(auditValueLabel("order.ship", "trackingNumber", "CDEK")).toBeNull();
  });
});
