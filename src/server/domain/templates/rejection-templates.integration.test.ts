import { describe, expect, it } from "vitest";
import { createStaff } from "../../../../tests/support/factories";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import type { AdminActor } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { listRejectionTemplates } from "@/server/domain/moderation/list-rejection-templates";
import { AppError } from "@/server/errors";
import { createRejectionTemplate, createRejectionTemplateInput } from "./create-rejection-template";
import { listAllRejectionTemplates } from "./list-all-rejection-templates";
import { moveRejectionTemplate } from "./move-rejection-template";
import { setRejectionTemplateActive } from "./set-rejection-template-active";
import { updateRejectionTemplate } from "./update-rejection-template";

async function admin() {
  return actorOf(await createStaff("ADMIN"));
}

async function titles(): Promise<string[]> {
  return (await db.rejectionTemplate.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { title: true } })).map((row) => row.title);
}

describe("rejection templates administration", () => {
  it("creates templates at the end of the list, each with an audit row", async () => {
    const actor = await admin();
    // As the demo seed leaves them: explicit sort orders 1 and 2.
    await db.rejectionTemplate.createMany({
      data: [
        { partKind: null, title: "Фото нечитаемо", text: "Фото нечитаемо.", sortOrder: 1 },
        { partKind: "RECEIPT", title: "Чек не подтверждает покупку", text: "QR-код чека не подтверждает покупку.", sortOrder: 2 },
      ],
    });
    const { id } = await createRejectionTemplate(actor, { title: "Отзыв не найден", text: "По ссылке нет отзыва.", partKind: "REVIEW" });
    expect(await db.rejectionTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({ partKind: "REVIEW", sortOrder: 3, isActive: true });
    expect(await titles()).toEqual(["Фото нечитаемо", "Чек не подтверждает покупку", "Отзыв не найден"]);
    expect(await db.auditLog.findFirst({ where: { action: "rejection-template.create" } })).toMatchObject({
      actorId: actor.id,
      entityType: "RejectionTemplate",
      entityId: String(id),
      data: { title: "Отзыв не найден", text: "По ссылке нет отзыва.", partKind: "REVIEW", sortOrder: 3 },
    });
  });

  it("edits title, text and part with the old and new values in the audit row", async () => {
    const actor = await admin();
    const { id } = await createRejectionTemplate(actor, { title: "Старое", text: "Старый текст", partKind: "ANY" });
    await expect(updateRejectionTemplate(actor, { id, title: "Новое", text: "Новый текст", partKind: "RECEIPT" })).resolves.toEqual({ changed: true });
    expect(await db.rejectionTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Новое", text: "Новый текст", partKind: "RECEIPT" });
    expect(await db.auditLog.findFirst({ where: { action: "rejection-template.update" } })).toMatchObject({
      data: { before: { title: "Старое", text: "Старый текст", partKind: null }, after: { title: "Новое", text: "Новый текст", partKind: "RECEIPT" } },
    });
    // Saving the same values again writes nothing.
    await expect(updateRejectionTemplate(actor, { id, title: "Новое", text: "Новый текст", partKind: "RECEIPT" })).resolves.toEqual({ changed: false });
    expect(await db.auditLog.count({ where: { action: "rejection-template.update" } })).toBe(1);
    await expect(updateRejectionTemplate(actor, { id: 999, title: "x", text: "y", partKind: "ANY" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("hides and shows a template once per change; moderators get only active ones, in order", async () => {
    const actor = await admin();
    const first = await createRejectionTemplate(actor, { title: "Первый", text: "1", partKind: "ANY" });
    const second = await createRejectionTemplate(actor, { title: "Второй", text: "2", partKind: "RECEIPT" });
    const third = await createRejectionTemplate(actor, { title: "Третий", text: "3", partKind: "REVIEW" });

    const results = await Promise.all([1, 2, 3].map(() => setRejectionTemplateActive(actor, { id: second.id, isActive: false })));
    expect(results.filter((result) => result.changed)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: "rejection-template.deactivate", entityId: String(second.id) } })).toBe(1);
    expect((await listRejectionTemplates()).map((template) => template.title)).toEqual(["Первый", "Третий"]);
    expect((await listAllRejectionTemplates(actor)).map((template) => [template.title, template.isActive])).toEqual([
      ["Первый", true],
      ["Второй", false],
      ["Третий", true],
    ]);

    // Hidden templates keep their places: the first move passes the hidden one.
    await moveRejectionTemplate(actor, { id: third.id, direction: "UP" });
    await moveRejectionTemplate(actor, { id: third.id, direction: "UP" });
    expect((await listRejectionTemplates()).map((template) => template.title)).toEqual(["Третий", "Первый"]);

    await expect(setRejectionTemplateActive(actor, { id: second.id, isActive: true })).resolves.toEqual({ changed: true });
    expect(await db.auditLog.count({ where: { action: "rejection-template.activate" } })).toBe(1);
    expect((await listRejectionTemplates()).map((template) => [template.title, template.partKind])).toEqual([
      ["Третий", "REVIEW"],
      ["Первый", null],
      ["Второй", "RECEIPT"],
    ]);
    expect((await db.rejectionTemplate.findUniqueOrThrow({ where: { id: first.id } })).sortOrder).toBe(2);
  });

  it("moves templates up and down, renumbering ties, and does nothing at the ends", async () => {
    const actor = await admin();
    // Equal sort orders (rows added by hand): the id breaks the tie, and a move still moves.
    await db.rejectionTemplate.createMany({
      data: [
        { title: "А", text: "а", sortOrder: 0 },
        { title: "Б", text: "б", sortOrder: 0 },
        { title: "В", text: "в", sortOrder: 0 },
      ],
    });
    const [a, b, c] = await db.rejectionTemplate.findMany({ orderBy: { id: "asc" } });
    await expect(moveRejectionTemplate(actor, { id: b!.id, direction: "UP" })).resolves.toEqual({ moved: true });
    expect(await titles()).toEqual(["Б", "А", "В"]);
    await expect(moveRejectionTemplate(actor, { id: b!.id, direction: "UP" })).resolves.toEqual({ moved: false });
    await expect(moveRejectionTemplate(actor, { id: c!.id, direction: "DOWN" })).resolves.toEqual({ moved: false });
    await expect(moveRejectionTemplate(actor, { id: a!.id, direction: "DOWN" })).resolves.toEqual({ moved: true });
    expect(await titles()).toEqual(["Б", "В", "А"]);
    expect((await db.rejectionTemplate.findMany({ orderBy: { sortOrder: "asc" } })).map((row) => row.sortOrder)).toEqual([1, 2, 3]);
    expect(await db.auditLog.findMany({ where: { action: "rejection-template.move" }, orderBy: { id: "asc" }, select: { entityId: true, data: true } })).toEqual([
      { entityId: String(b!.id), data: { direction: "UP", from: 2, to: 1 } },
      { entityId: String(a!.id), data: { direction: "DOWN", from: 2, to: 3 } },
    ]);
  });

  it("validates the fields with clear messages", () => {
    const messageOf = (input: unknown) => createRejectionTemplateInput.safeParse(input).error?.issues[0]?.message;
    expect(messageOf({ title: "  ", text: "Текст", partKind: "ANY" })).toBe("Укажите название шаблона — его видит модератор на кнопке.");
    expect(messageOf({ title: "Название", text: "", partKind: "ANY" })).toBe("Напишите текст, который увидит участник.");
    expect(messageOf({ title: "Название", text: "x".repeat(2001), partKind: "ANY" })).toBe("Текст — не длиннее 2000 символов.");
    expect(messageOf({ title: "x".repeat(61), text: "Текст", partKind: "ANY" })).toBe("Название — не длиннее 60 символов: оно помещается на кнопку.");
    expect(messageOf({ title: "Название", text: "Текст", partKind: "BOTH" })).toBe("Выберите, к какой части заявки относится шаблон.");
  });

  it("refuses moderators and brand staff", async () => {
    const owner = await admin();
    const { id } = await createRejectionTemplate(owner, { title: "Шаблон", text: "Текст", partKind: "ANY" });
    for (const role of ["MODERATOR", "STAFF"] as const) {
      const actor = wrongRole<AdminActor>(actorOf(await createStaff(role)));
      const attempts = [
        listAllRejectionTemplates(actor),
        createRejectionTemplate(actor, { title: "x", text: "y", partKind: "ANY" }),
        updateRejectionTemplate(actor, { id, title: "x", text: "y", partKind: "ANY" }),
        setRejectionTemplateActive(actor, { id, isActive: false }),
        moveRejectionTemplate(actor, { id, direction: "DOWN" }),
      ];
      for (const attempt of attempts) {
        const error = await attempt.then(() => null, (caught: unknown) => caught);
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code: "FORBIDDEN" });
      }
    }
    expect(await db.rejectionTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Шаблон", isActive: true });
    expect(await db.auditLog.count()).toBe(1);
  });
});
