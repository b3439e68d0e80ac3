import { beforeEach, describe, expect, it } from "vitest";
import { createStaff } from "../../../../tests/support/factories";
import { actorOf, createModerator, fileTestRequest } from "../../../../tests/support/requests";
import { AUTOMATION_RULES, AUTOMATION_REJECTION_TEXT, AUTOMATION_SWITCHES_OFF, type AutomationRule } from "@/lib/rules/automation-rules";
import { AUTOMATION_SETTINGS_KEY } from "@/server/settings/automation-settings";
import type { AdminActor, ModeratorActor } from "@/server/auth/assert-role";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { updateAutomationRules } from "@/server/domain/admin/update-automation-rules";
import { decideRequestPart } from "@/server/domain/moderation/decide-request-part";
import { decideReceiptAutomatically } from "./decide-receipt-automatically";

// The automatic receipt rules on real PostgreSQL. The request is filed the real way (offline: no online
// check configured); the online check's answer is then written onto the receipt as the check job would.

const T0 = new Date("2026-03-02T09:00:00Z");
let admin: AdminActor;
let moderator: ModeratorActor;

beforeEach(async () => {
  setClock(T0);
  admin = actorOf(await createStaff("ADMIN"));
  moderator = await createModerator();
});

async function switchOn(...rules: AutomationRule[]) {
  await updateAutomationRules(admin, Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, rules.includes(rule)])) as Record<AutomationRule, boolean>);
}

/** A filed request whose receipt the online check has confirmed with these lines; its product written "Carely сыв ниацин". */
async function confirmedRequest(lines: string[], receipt: { operationType?: number } = {}) {
  const { requestId, shopper } = await fileTestRequest();
  const request = await db.reviewRequest.findUniqueOrThrow({ where: { id: requestId }, select: { productId: true } });
  await db.product.update({ where: { id: request.productId }, data: { matchTerms: ["Carely сыв ниацин"] } });
  const row = await db.receipt.findFirstOrThrow({ where: { part: { requestId } } });
  await db.receipt.update({
    where: { id: row.id },
    data: {
      checkStatus: "CONFIRMED",
      checkedAt: T0,
      checkResult: { status: "CONFIRMED", items: lines.map((name) => ({ name, quantity: 1, priceKopecks: 50000, sumKopecks: 50000 })) },
      ...(receipt.operationType !== undefined && { operationType: receipt.operationType }),
    },
  });
  return { requestId, shopper, receiptId: row.id };
}

const receiptPart = (requestId: number) => db.requestPart.findFirstOrThrow({ where: { requestId, kind: "RECEIPT" } });
const balanceOf = async (userId: number) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).pointsBalance;

describe("the automatic receipt rules", () => {
  it("decide nothing while switched off, the default", async () => {
    const { requestId, receiptId } = await confirmedRequest(["CARELY СЫВ.НИАЦИН 30МЛ"]);
    expect(await decideReceiptAutomatically({ receiptId })).toEqual({ decided: false, reason: "rules-off" });
    expect((await receiptPart(requestId)).status).toBe("PENDING");
  });

  it("approve a confirmed receipt with the request's product: points once, notification, audit by the rule", async () => {
    await switchOn("receipt.approve");
    const { requestId, shopper, receiptId } = await confirmedRequest(["ПАКЕТ", "CARELY СЫВ.НИАЦИН 30МЛ"]);
    const result = await decideReceiptAutomatically({ receiptId });
    expect(result).toMatchObject({ decided: true, rule: "receipt.approve", outcome: { status: "DECIDED", points: 100 } });

    const part = await receiptPart(requestId);
    expect(part).toMatchObject({ status: "APPROVED", points: 100, decidedById: null, decidedByRule: "receipt.approve" });
    expect(part.comment).toBe("Чек подтверждён ФНС, в нём есть продукт из заявки.");
    expect(await balanceOf(shopper.id)).toBe(100);
    expect(await db.ledgerEntry.findFirstOrThrow({ where: { partId: part.id } })).toMatchObject({ kind: "RECEIPT_APPROVED", amount: 100, createdById: null });
    expect(await db.partDecision.findFirstOrThrow({ where: { partId: part.id } })).toMatchObject({ decidedById: null, decidedByRule: "receipt.approve" });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "request-part.approve", entityId: String(part.id) } })).toMatchObject({ actorId: null, data: { rule: "receipt.approve", points: 100 } });
    expect(await db.notification.findFirstOrThrow({ where: { userId: shopper.id } })).toMatchObject({ title: `Заявка №${requestId}: чек одобрен, +100 баллов` });
    // The receipt's earns-once key is taken, as with a moderator's approval.
    expect((await db.receipt.findUniqueOrThrow({ where: { id: receiptId } })).creditedFiscalKey).not.toBeNull();

    // Run again (the job's retry): nothing more.
    expect(await decideReceiptAutomatically({ receiptId })).toEqual({ decided: false, reason: "not-pending" });
    expect(await balanceOf(shopper.id)).toBe(100);
  });

  it("leave another of the brand's products, or none with its rule off, to a person", async () => {
    await switchOn("receipt.approve");
    const other = await confirmedRequest(["CARELY КРЕМ Д/РУК"]);
    expect(await decideReceiptAutomatically({ receiptId: other.receiptId })).toEqual({ decided: false, reason: "left-to-a-person" });
    const none = await confirmedRequest(["NIVEA КРЕМ"]);
    expect(await decideReceiptAutomatically({ receiptId: none.receiptId })).toEqual({ decided: false, reason: "left-to-a-person" });
  });

  it("reject a receipt without the brand's products, a refund and a repeat, each with its template's comment or the built-in one", async () => {
    await switchOn("receipt.reject-no-brand-product", "receipt.reject-operation", "receipt.reject-credited", "receipt.reject-outside-window");
    await db.rejectionTemplate.create({ data: { partKind: "RECEIPT", title: "Нет продуктов", text: "В чеке нет Carely.", autoRule: "receipt.reject-no-brand-product" } });

    const none = await confirmedRequest(["NIVEA КРЕМ"]);
    expect(await decideReceiptAutomatically({ receiptId: none.receiptId })).toMatchObject({ decided: true, rule: "receipt.reject-no-brand-product" });
    expect(await receiptPart(none.requestId)).toMatchObject({ status: "REJECTED", comment: "В чеке нет Carely.", decidedByRule: "receipt.reject-no-brand-product" });

    const refund = await confirmedRequest(["CARELY СЫВ.НИАЦИН"], { operationType: 2 });
    expect(await decideReceiptAutomatically({ receiptId: refund.receiptId })).toMatchObject({ decided: true, rule: "receipt.reject-operation" });
    expect(await receiptPart(refund.requestId)).toMatchObject({ status: "REJECTED", comment: AUTOMATION_REJECTION_TEXT["receipt.reject-operation"] });
    expect(await balanceOf(refund.shopper.id)).toBe(0);
  });

  it("reject a receipt credited in another request, and one dated outside the campaign", async () => {
    await switchOn("receipt.approve", "receipt.reject-credited", "receipt.reject-outside-window");
    const first = await confirmedRequest(["CARELY СЫВ.НИАЦИН"]);
    expect(await decideReceiptAutomatically({ receiptId: first.receiptId })).toMatchObject({ rule: "receipt.approve" });
    // Another shopper files the same receipt (the same fixture: the same fn|i|fp).
    const second = await confirmedRequest(["CARELY СЫВ.НИАЦИН"]);
    // Offline, the rules ran as it was filed: what the QR says is enough to refuse a repeat.
    expect(await receiptPart(second.requestId)).toMatchObject({ status: "REJECTED", decidedByRule: "receipt.reject-credited", comment: AUTOMATION_REJECTION_TEXT["receipt.reject-credited"] });
    expect(await decideReceiptAutomatically({ receiptId: second.receiptId })).toEqual({ decided: false, reason: "not-pending" });
    expect(await balanceOf(second.shopper.id)).toBe(0);

    // The campaign's start moved after filing (filing itself refuses a receipt dated outside the window).
    await db.receipt.updateMany({ data: { creditedFiscalKey: null } });
    const early = await confirmedRequest(["CARELY СЫВ.НИАЦИН"]);
    const { purchasedAt } = await db.receipt.findUniqueOrThrow({ where: { id: early.receiptId } });
    const campaign = { campaignStartsAt: new Date(purchasedAt!.getTime() + 86_400_000).toISOString() };
    await db.setting.upsert({ where: { key: "programme" }, create: { key: "programme", value: campaign }, update: { value: campaign } });
    expect(await decideReceiptAutomatically({ receiptId: early.receiptId })).toMatchObject({ decided: true, rule: "receipt.reject-outside-window" });
    expect(await receiptPart(early.requestId)).toMatchObject({ status: "REJECTED", comment: AUTOMATION_REJECTION_TEXT["receipt.reject-outside-window"] });
  });

  it("credit once when a rule and a moderator approve at the same moment", async () => {
    await switchOn("receipt.approve");
    const { requestId, shopper, receiptId } = await confirmedRequest(["CARELY СЫВ.НИАЦИН"]);
    const results = await Promise.allSettled([
      decideReceiptAutomatically({ receiptId }),
      decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "APPROVE", attempt: 1 }),
    ]);
    expect(results.map((result) => (result.status === "fulfilled" ? "ok" : String(result.reason)))).toEqual(["ok", "ok"]);
    expect(await balanceOf(shopper.id)).toBe(100);
    expect(await db.ledgerEntry.count({ where: { customerId: shopper.id } })).toBe(1);
    expect(await db.partDecision.count({ where: { part: { requestId, kind: "RECEIPT" } } })).toBe(1);
  });

  it("stop deciding as soon as a rule is switched off", async () => {
    await switchOn("receipt.approve");
    const morning = await confirmedRequest(["CARELY СЫВ.НИАЦИН"]);
    expect(await decideReceiptAutomatically({ receiptId: morning.receiptId })).toMatchObject({ decided: true });
    await switchOn();
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "automation-rules.update" }, orderBy: { id: "desc" } })).toMatchObject({ data: { before: { "receipt.approve": true }, after: { "receipt.approve": false } } });
    await db.receipt.updateMany({ data: { creditedFiscalKey: null } });
    const afternoon = await confirmedRequest(["CARELY СЫВ.НИАЦИН"]);
    expect(await decideReceiptAutomatically({ receiptId: afternoon.receiptId })).toEqual({ decided: false, reason: "rules-off" });
    expect((await receiptPart(afternoon.requestId)).status).toBe("PENDING");
  });

  it("decide nothing when the rule is switched off while the decision is under way", async () => {
    await switchOn("receipt.approve");
    const { requestId, shopper, receiptId } = await confirmedRequest(["CARELY СЫВ.НИАЦИН"]);
    // An administrator's switch-off, saving: the settings' lock is held and the new value not yet committed.
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let locked!: () => void;
    const lockHeld = new Promise<void>((resolve) => (locked = resolve));
    const switchOff = db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('settings.automation', 0))`;
        await tx.setting.update({ where: { key: AUTOMATION_SETTINGS_KEY }, data: { value: { ...AUTOMATION_SWITCHES_OFF } } });
        locked();
        await committing;
      },
      { timeout: 20_000 },
    );
    await lockHeld;
    // The rule reads "on" (the switch-off is not committed), then waits for the lock before deciding.
    const deciding = decideReceiptAutomatically({ receiptId });
    await expect.poll(async () => (await db.$queryRaw<{ waiting: number }[]>`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)[0]!.waiting, { timeout: 5_000 }).toBe(1);
    commit();
    await switchOff;
    expect(await deciding).toEqual({ decided: false, reason: "rules-off" });
    expect((await receiptPart(requestId)).status).toBe("PENDING");
    expect(await balanceOf(shopper.id)).toBe(0);
  });

  it("let a moderator reverse an automatic rejection: approved and credited, the reversal audited", async () => {
    await switchOn("receipt.reject-no-brand-product");
    const { requestId, shopper, receiptId } = await confirmedRequest(["ПРОБНИК БЕЗ НАЗВАНИЯ"]);
    await decideReceiptAutomatically({ receiptId });
    expect((await receiptPart(requestId)).status).toBe("REJECTED");

    // A plain approval (the moderator's page still showed the part waiting) finds it decided: the rule came first.
    expect(await decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "APPROVE", attempt: 1 })).toMatchObject({ status: "ALREADY_DECIDED" });
    expect(await balanceOf(shopper.id)).toBe(0);

    const reversed = await decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "APPROVE", attempt: 1, comment: "Продукт в чеке есть: строка «Пробник».", reverseAutomaticRejection: true });
    expect(reversed).toMatchObject({ status: "DECIDED", points: 100 });
    expect(await receiptPart(requestId)).toMatchObject({ status: "APPROVED", decidedById: moderator.id, decidedByRule: null });
    expect(await balanceOf(shopper.id)).toBe(100);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "request-part.approve" } });
    expect(audit).toMatchObject({ actorId: moderator.id, data: { reversedRule: "receipt.reject-no-brand-product" } });
    // Only a rule's rejection can be reversed: a second "reversal" finds nothing to decide.
    expect(await decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "APPROVE", attempt: 1, reverseAutomaticRejection: true })).toMatchObject({ status: "ALREADY_DECIDED" });
    expect(await balanceOf(shopper.id)).toBe(100);
  });
});
