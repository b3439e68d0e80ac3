import { describe, expect, it } from "vitest";
import { createStaff } from "../../../../tests/support/factories";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import type { AdminActor } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { AUDIT_PAGE_SIZE, listAuditFilterOptions, listAuditLog, listAuditLogInput } from "./list-audit-log";

describe("audit log", () => {
  it("lists newest first, filters by actor, action, entity and Moscow dates, and pages by id", async () => {
    const admin = actorOf(await createStaff("ADMIN"));
    const moderator = await createStaff("MODERATOR");
    await db.auditLog.createMany({
      data: [
        // 1 March 23:30 Moscow, and 2 March 00:30 Moscow.
        { actorId: moderator.id, action: "request-part.approve", entityType: "RequestPart", entityId: "7", data: { points: 500 }, createdAt: new Date("2026-03-01T20:30:00Z") },
        { actorId: admin.id, action: "points.adjust", entityType: "User", entityId: "42", data: { amount: 50 }, createdAt: new Date("2026-03-01T21:30:00Z") },
        { actorId: admin.id, action: "programme-settings.update", entityType: "Setting", entityId: "programme", createdAt: new Date("2026-03-03T09:00:00Z") },
      ],
    });
    const list = async (filters: Record<string, string>) => (await listAuditLog(admin, listAuditLogInput.parse(filters))).entries.map((row) => row.action);

    expect(await list({})).toEqual(["programme-settings.update", "points.adjust", "request-part.approve"]);
    expect(await list({ actorId: String(admin.id) })).toEqual(["programme-settings.update", "points.adjust"]);
    expect(await list({ action: "points.adjust" })).toEqual(["points.adjust"]);
    expect(await list({ entityType: "User", entityId: "42" })).toEqual(["points.adjust"]);
    expect(await list({ entityType: "User", entityId: "43" })).toEqual([]);
    expect(await list({ from: "2026-03-02", to: "2026-03-02" })).toEqual(["points.adjust"]);
    expect(await list({ to: "2026-03-01" })).toEqual(["request-part.approve"]);
    expect(await list({ from: "2026-03-02", action: "", actorId: "", entityType: " " })).toEqual(["programme-settings.update", "points.adjust"]);

    const first = await listAuditLog(admin, listAuditLogInput.parse({}));
    expect(first.entries[0]).toMatchObject({ action: "programme-settings.update", actor: { id: admin.id, role: "ADMIN" } });
    expect(first.nextBefore).toBeNull();

    const options = await listAuditFilterOptions(admin);
    expect(options.actions).toEqual(["points.adjust", "programme-settings.update", "request-part.approve"]);
    expect(options.entityTypes).toEqual(["RequestPart", "Setting", "User"]);
    expect(options.actors.map((actor) => actor.id).sort()).toEqual([admin.id, moderator.id].sort());
  });

  it("pages with a keyset cursor: every row once, in order", async () => {
    const admin = actorOf(await createStaff("ADMIN"));
    const total = AUDIT_PAGE_SIZE * 2 + 3;
    await db.auditLog.createMany({
      data: Array.from({ length: total }, (_, index) => ({ actorId: admin.id, action: "calendar-day.create", entityType: "CalendarDay", entityId: String(index), createdAt: new Date() })),
    });
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditLog(admin, listAuditLogInput.parse({ before }));
      seen.push(...page.entries.map((row) => row.entityId));
      before = page.nextBefore ?? undefined;
      pages += 1;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: total }, (_, index) => String(total - 1 - index)));
  });

  it("validates the filters and refuses moderators and brand staff", async () => {
    expect(listAuditLogInput.safeParse({ from: "2026-13-01" }).error?.issues[0]?.message).toBe("Дата «с» указана неверно.");
    expect(listAuditLogInput.safeParse({ before: "abc" }).error?.issues[0]?.message).toBe("Неверная страница журнала.");
    for (const role of ["MODERATOR", "STAFF"] as const) {
      const actor = wrongRole<AdminActor>(actorOf(await createStaff(role)));
      await expect(listAuditLog(actor, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listAuditFilterOptions(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
