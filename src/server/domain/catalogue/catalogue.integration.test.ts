import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrize, createPrizeCodes, createShopper, createStaff } from "../../../../tests/support/factories";
import { reviewScreenshot } from "../../../../tests/support/fixtures";
import { readViewerImage } from "../../../../tests/support/images";
import { insertPrizeOrder } from "../../../../tests/support/orders";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import { rejectionOf } from "../../../../tests/support/rejection";
import { POST as uploadPrizeImage } from "@/app/staff/prizes/[id]/images/route";
import type { Actor } from "@/server/auth/session";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { getImageForViewer } from "@/server/domain/images/get-image-for-viewer";
import { AppError, toActionError } from "@/server/errors";
import { objectStorage } from "@/server/storage";
import { attachPrizeImage } from "./attach-prize-image";
import { createPrize as createPrizeAsStaff, createPrizeInput } from "./create-prize";
import { getPrizeForStaff } from "./get-prize-for-staff";
import { importPrizeCodes } from "./import-prize-codes";
import { listPrizesForStaff } from "./list-prizes-for-staff";
import { removePrizeImage } from "./remove-prize-image";
import { updatePrize, updatePrizeInput } from "./update-prize";

// The upload route asks the session who is signed in; tests say who.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", async (importOriginal) =>
  (await import("../../../../tests/support/session")).scriptedSessionModule(await importOriginal<object>(), session),
);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const T0 = new Date("2026-03-02T09:00:00Z");
let uploadsDir: string;

beforeEach(async () => {
  setClock(T0);
  session.actor = null;
  uploadsDir = await mkdtemp(path.join(tmpdir(), "carely-prizes-"));
  process.env.UPLOADS_DIR = uploadsDir;
  resetEnvCache();
});
afterEach(async () => {
  delete process.env.UPLOADS_DIR;
  resetEnvCache();
  await rm(uploadsDir, { recursive: true, force: true });
});

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

/** What a form submit meets: the action parses, then calls the domain; expected errors become messages. */
function refusalOf(schema: { safeParse: (value: unknown) => { success: boolean; error?: unknown } }, value: unknown) {
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(false);
  return toActionError(parsed.error);
}

const physicalForm = { title: "Набор для ухода", description: "Три средства", partnerName: "Carely", kind: "PHYSICAL", pointsPrice: "1 500", stock: "12", isActive: true, sortOrder: "" };

describe("creating and editing prizes", () => {
  it("creates a prize from the form's fields, with its audit row", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const { id } = await createPrizeAsStaff(actor, createPrizeInput.parse(physicalForm));
    expect(await db.prize.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Набор для ухода", pointsPrice: 1500, stock: 12, kind: "PHYSICAL", isActive: true, sortOrder: 0 });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "prize.create" } })).toMatchObject({ actorId: actor.id, entityType: "Prize", entityId: String(id) });

    const digital = await createPrizeAsStaff(actor, createPrizeInput.parse({ ...physicalForm, kind: "DIGITAL", stock: "", partnerName: "Кинопоиск" }));
    expect(await db.prize.findUniqueOrThrow({ where: { id: digital.id } })).toMatchObject({ kind: "DIGITAL", stock: 0, partnerName: "Кинопоиск" });
  });

  it("refuses a negative or zero price and a negative stock with clear messages, writing nothing", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ pointsPrice: "-100" }, "pointsPrice", "Цена должна быть больше нуля."],
      [{ pointsPrice: "0" }, "pointsPrice", "Цена должна быть больше нуля."],
      [{ pointsPrice: "десять" }, "pointsPrice", "Укажите цену в баллах."],
      [{ pointsPrice: "10.5" }, "pointsPrice", "Цена — целое число баллов."],
      [{ stock: "-1" }, "stock", "Остаток не может быть отрицательным."],
      [{ stock: "" }, "stock", "Укажите остаток — сколько штук есть на складе."],
      [{ title: "  " }, "title", "Укажите название приза — его видит участник в каталоге."],
    ];
    for (const [change, field, message] of cases) {
      const refusal = refusalOf(createPrizeInput, { ...physicalForm, ...change });
      expect(refusal, JSON.stringify(change)).toMatchObject({ code: "VALIDATION", message, fieldErrors: { [field]: message } });
    }
    const prize = await createPrize({ stock: 4, pointsPrice: 300 });
    const refusal = refusalOf(updatePrizeInput, { ...physicalForm, id: prize.id, stock: "-5" });
    expect(refusal.fieldErrors).toEqual({ stock: "Остаток не может быть отрицательным." });
    expect(await db.prize.count()).toBe(1);
    expect(await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).toMatchObject({ stock: 4, pointsPrice: 300 });
    expect(await db.auditLog.count()).toBe(0);
  });

  it("updates only what changed, audited as before and after; saving unchanged writes nothing", async () => {
    const actor = actorOf(await createStaff("ADMIN"));
    const prize = await createPrize({ title: "Старое", pointsPrice: 300, stock: 4 });
    const form = { ...physicalForm, id: prize.id, title: "Новое", description: "", partnerName: "Carely", pointsPrice: "350", stock: "4", stockSeen: 4, isActive: false };
    expect(await updatePrize(actor, updatePrizeInput.parse(form))).toEqual({ changed: true });
    expect(await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).toMatchObject({ title: "Новое", pointsPrice: 350, stock: 4, isActive: false, description: null });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "prize.update" } });
    expect(audit.data).toEqual({ before: { title: "Старое", pointsPrice: 300, isActive: true }, after: { title: "Новое", pointsPrice: 350, isActive: false } });
    expect(await updatePrize(actor, updatePrizeInput.parse(form))).toEqual({ changed: false });
    expect(await db.auditLog.count()).toBe(1);
  });

  it("keeps orders placed while the form was open: an untouched stock stands, a changed one needs a fresh look", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const prize = await createPrize({ stock: 5 });
    await insertPrizeOrder(prize); // stock 5 → 4 after the form was opened with 5
    await updatePrize(actor, updatePrizeInput.parse({ ...physicalForm, id: prize.id, title: "Переименован", stock: "5", stockSeen: 5 }));
    expect(await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).toMatchObject({ title: "Переименован", stock: 4 });

    const conflict = await failure(updatePrize(actor, updatePrizeInput.parse({ ...physicalForm, id: prize.id, stock: "50", stockSeen: 5 })));
    expect(conflict).toMatchObject({ code: "CONFLICT", fieldErrors: { stock: "Сейчас на складе 4 шт." } });
    expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).stock).toBe(4);
    await updatePrize(actor, updatePrizeInput.parse({ ...physicalForm, id: prize.id, stock: "50", stockSeen: 4 }));
    expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).stock).toBe(50);
  });

  it("locks the kind once a prize has orders or codes", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const ordered = await createPrize({ stock: 2 });
    await insertPrizeOrder(ordered);
    const refused = await failure(updatePrize(actor, updatePrizeInput.parse({ ...physicalForm, id: ordered.id, kind: "DIGITAL" })));
    expect(refused).toMatchObject({ code: "CONFLICT", message: "Тип приза нельзя изменить: по нему уже есть заказы." });

    const withCodes = await createPrize({ kind: "DIGITAL" });
    await createPrizeCodes(withCodes.id, 1);
    expect((await failure(updatePrize(actor, updatePrizeInput.parse({ ...physicalForm, id: withCodes.id, kind: "PHYSICAL" })))).message).toBe("Тип приза нельзя изменить: у него уже загружены коды.");

    const fresh = await createPrize({ kind: "PHYSICAL", stock: 7 });
    await updatePrize(actor, updatePrizeInput.parse({ ...physicalForm, id: fresh.id, kind: "DIGITAL", stock: "" }));
    expect(await db.prize.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ kind: "DIGITAL", stock: 0 });
  });

  it("is for brand staff and administrators only", async () => {
    const moderator = actorOf(await createStaff("MODERATOR"));
    expect((await failure(createPrizeAsStaff(wrongRole(moderator), createPrizeInput.parse(physicalForm)))).code).toBe("FORBIDDEN");
    expect((await failure(createPrizeAsStaff(wrongRole(actorOf(await createShopper())), createPrizeInput.parse(physicalForm)))).code).toBe("FORBIDDEN");
    expect(await db.prize.count()).toBe(0);
  });
});

describe("importing digital codes", () => {
  it("imports trimmed codes, skipping empty lines, with hints, a batch and an audit row without the codes", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const prize = await createPrize({ kind: "DIGITAL" });
    const result = await importPrizeCodes(actor, { prizeId: prize.id, text: "code\n  KINO-AAAA-1111 \n\nKINO-BBBB-2222\n\n", fileName: "partner.csv" });
    expect(result).toMatchObject({ imported: 2, emptyLines: 2, headerSkipped: true });

    const codes = await db.prizeCode.findMany({ where: { prizeId: prize.id }, orderBy: { id: "asc" } });
    expect(codes.map((code) => [code.code, code.codeHint, code.importBatch])).toEqual([
      ["KINO-AAAA-1111", "1111", result.batch],
      ["KINO-BBBB-2222", "2222", result.batch],
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "prize.codes.import" } });
    expect(audit.data).toEqual({ batch: result.batch, imported: 2, emptyLines: 2, fileName: "partner.csv" });
    expect(JSON.stringify(audit.data)).not.toContain("KINO");
  });

  it("refuses the whole list for duplicates within it or of stored codes, naming the lines, and writes nothing", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const prize = await createPrize({ kind: "DIGITAL" });
    await importPrizeCodes(actor, { prizeId: prize.id, text: "STORED-CODE-1" });

    const refused = await failure(importPrizeCodes(actor, { prizeId: prize.id, text: "NEW-CODE-0001\nNEW-CODE-0002\n\nNEW-CODE-0001\nSTORED-CODE-1\nABC" }));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.message).toBe(
      [
        "Коды не загружены: 3 ошибки. Исправьте список и загрузите его снова целиком.",
        "Строка 4: код повторяет строку 1.",
        "Строка 5: такой код уже загружен раньше.",
        "Строка 6: код короче 6 символов.",
      ].join("\n"),
    );
    expect(await db.prizeCode.count()).toBe(1);
    expect(await db.auditLog.count({ where: { action: "prize.codes.import" } })).toBe(1);
  });

  it("explains an empty list, a physical prize, and too many problems to list", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const digital = await createPrize({ kind: "DIGITAL" });
    expect(await failure(importPrizeCodes(actor, { prizeId: digital.id, text: "\n  \n" }))).toMatchObject({ code: "VALIDATION", message: "В списке нет ни одного кода." });
    const physical = await createPrize({ kind: "PHYSICAL" });
    expect(await failure(importPrizeCodes(actor, { prizeId: physical.id, text: "SOME-CODE-1" }))).toMatchObject({ code: "CONFLICT", message: "Коды загружаются только для цифровых призов." });

    const many = await failure(importPrizeCodes(actor, { prizeId: digital.id, text: Array.from({ length: 20 }, () => "SAME-CODE-1").join("\n") }));
    expect(many.message).toContain("Коды не загружены: 19 ошибок.");
    expect(many.message).toContain("…и ещё 4 ошибки.");
    expect(await db.prizeCode.count()).toBe(0);
  });

  it("lets two imports of the same codes at once store them once", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const prize = await createPrize({ kind: "DIGITAL" });
    const text = Array.from({ length: 200 }, (_, index) => `RACE-${String(index).padStart(4, "0")}`).join("\n");
    const results = await Promise.allSettled([importPrizeCodes(actor, { prizeId: prize.id, text }), importPrizeCodes(actor, { prizeId: prize.id, text })]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(rejected?.reason).toBeInstanceOf(AppError);
    expect(await db.prizeCode.count()).toBe(200);
  });

  it("shows staff counts and hints only: available, reserved and issued", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const prize = await createPrize({ kind: "DIGITAL", pointsPrice: 100 });
    await importPrizeCodes(actor, { prizeId: prize.id, text: "CODE-0000-0001\nCODE-0000-0002\nCODE-0000-0003\nCODE-0000-0004" });
    await insertPrizeOrder(prize); // reserves one
    const issuedOrder = await insertPrizeOrder(prize);
    await db.prizeCode.updateMany({ where: { orderId: issuedOrder.id }, data: { issuedAt: T0 } });
    const physical = await createPrize({ stock: 9 });

    const list = await listPrizesForStaff(actor);
    expect(list.find((row) => row.id === prize.id)).toMatchObject({ available: 2, codes: { available: 2, reserved: 1, issued: 1 }, openOrders: 2 });
    expect(list.find((row) => row.id === physical.id)).toMatchObject({ available: 9, codes: { available: 0, reserved: 0, issued: 0 } });

    const page = await getPrizeForStaff(actor, prize.id);
    expect(page).toMatchObject({ codes: { available: 2, reserved: 1, issued: 1 }, codeCount: 4, kindLocked: true });
    expect(page.batches).toEqual([{ batch: expect.any(String), count: 4, importedAt: T0 }]);
    expect(page.recentCodes.map((code) => code.codeHint)).toEqual(["0004", "0003", "0002", "0001"]);
    expect(JSON.stringify(page)).not.toContain("CODE-0000");
    expect(JSON.stringify(list)).not.toContain("CODE-0000");
  });
});

describe("prize pictures", () => {
  it("attaches uploads in order for every signed-in shopper to see, and removes them with their files", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const prize = await createPrize();
    const first = await attachPrizeImage(actor, { prizeId: prize.id, bytes: reviewScreenshot("review-01-irecommend.png") });
    const second = await attachPrizeImage(actor, { prizeId: prize.id, bytes: reviewScreenshot("review-03-ozon.png") });
    const rows = await db.image.findMany({ where: { prizeId: prize.id }, orderBy: { position: "asc" } });
    expect(rows.map((row) => [row.id, row.kind, row.ownerId, row.position])).toEqual([
      [first.id, "PRIZE_IMAGE", null, 0],
      [second.id, "PRIZE_IMAGE", null, 1],
    ]);
    const shopper = actorOf(await createShopper());
    expect((await readViewerImage(getImageForViewer(shopper, { id: first.id, variant: "thumb" }))).contentType).toBe("image/webp");

    expect(await removePrizeImage(actor, { prizeId: prize.id, imageId: first.id })).toEqual({ removed: true });
    expect(await removePrizeImage(actor, { prizeId: prize.id, imageId: first.id })).toEqual({ removed: false });
    expect(await db.image.count({ where: { prizeId: prize.id } })).toBe(1);
    expect(await objectStorage().get(rows[0]!.storageKey)).toBeNull();
    expect((await db.auditLog.findMany({ orderBy: { id: "asc" } })).map((row) => row.action)).toEqual(["prize.image.attach", "prize.image.attach", "prize.image.remove"]);
  });

  it("refuses a file that is not an image, and an unknown prize, writing nothing", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const prize = await createPrize();
    expect((await failure(attachPrizeImage(actor, { prizeId: prize.id, bytes: Buffer.from("%PDF-1.7 not an image") }))).code).toBe("VALIDATION");
    expect((await failure(attachPrizeImage(actor, { prizeId: 999_999, bytes: reviewScreenshot("review-01-irecommend.png") }))).code).toBe("NOT_FOUND");
    expect(await db.image.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });
});

describe("POST /staff/prizes/[id]/images", () => {
  function upload(prizeId: number | string, bytes: Buffer | null) {
    const body = new FormData();
    if (bytes) body.set("file", new File([new Uint8Array(bytes)], "prize.png", { type: "image/png" }));
    return uploadPrizeImage(new Request(`http://localhost/staff/prizes/${prizeId}/images`, { method: "POST", body }), { params: Promise.resolve({ id: String(prizeId) }) });
  }

  it("takes pictures from brand staff only", async () => {
    const prize = await createPrize();
    const bytes = reviewScreenshot("review-01-irecommend.png");
    expect((await upload(prize.id, bytes)).status).toBe(401);
    for (const actor of [actorOf(await createShopper()), actorOf(await createStaff("MODERATOR"))]) {
      session.actor = actor;
      expect((await upload(prize.id, bytes)).status, actor.role).toBe(403);
    }
    expect(await db.image.count()).toBe(0);

    session.actor = actorOf(await createStaff("STAFF"));
    const created = await upload(prize.id, bytes);
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string } };
    expect(await db.image.findUniqueOrThrow({ where: { id: data.id } })).toMatchObject({ prizeId: prize.id, kind: "PRIZE_IMAGE" });

    const empty = await upload(prize.id, null);
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ message: "Файл пустой. Выберите изображение." });
    expect((await upload("abc", bytes)).status).toBe(422);
  });
});
