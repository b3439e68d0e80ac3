import { beforeEach, describe, expect, it } from "vitest";
import { createStaff } from "../../../../tests/support/factories";
import { actorOf, createModerator, fileTestRequest, wrongRole } from "../../../../tests/support/requests";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { decideRequestPart } from "@/server/domain/moderation/decide-request-part";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { updateProgrammeSettings, updateProgrammeSettingsInput } from "./update-programme-settings";

const DEFAULTS = {
  reviewPoints: "500",
  receiptPoints: "100",
  moderationBusinessDays: "5",
  shippingDays: "30",
  forfeitureMonths: "6",
  maxScreenshots: "5",
  smsPerHourCap: "1000",
  campaignStartsOn: "",
  campaignEndsOn: "",
};

async function admin() {
  return actorOf(await createStaff("ADMIN"));
}

function form(overrides: Partial<Record<keyof typeof DEFAULTS, string>>) {
  return updateProgrammeSettingsInput.parse({ ...DEFAULTS, ...overrides });
}

beforeEach(() => setClock(new Date("2026-03-02T09:00:00Z")));

describe("programme settings", () => {
  it("saves the changed settings with their old and new values in the audit row; the next approval credits the new points", async () => {
    const actor = await admin();
    await expect(updateProgrammeSettings(actor, form({ reviewPoints: "700", campaignStartsOn: "2026-03-01", campaignEndsOn: "2026-05-31" }))).resolves.toEqual({
      changed: ["reviewPoints", "campaignStartsAt", "campaignEndsAt"],
    });
    const settings = await getProgrammeSettings();
    expect(settings).toMatchObject({ reviewPoints: 700, receiptPoints: 100, moderationBusinessDays: 5 });
    // Moscow days: from the first day's midnight to the last day's last millisecond.
    expect(settings.campaignStartsAt).toEqual(new Date("2026-02-28T21:00:00.000Z"));
    expect(settings.campaignEndsAt).toEqual(new Date("2026-05-31T20:59:59.999Z"));
    expect(await db.setting.findUniqueOrThrow({ where: { key: "programme" } })).toMatchObject({ updatedById: actor.id });
    expect(await db.auditLog.findFirst({ where: { action: "programme-settings.update" } })).toMatchObject({
      actorId: actor.id,
      entityType: "Setting",
      entityId: "programme",
      data: {
        before: { reviewPoints: 500, campaignStartsAt: null, campaignEndsAt: null },
        after: { reviewPoints: 700, campaignStartsAt: "2026-02-28T21:00:00.000Z", campaignEndsAt: "2026-05-31T20:59:59.999Z" },
      },
    });

    const { requestId, shopper } = await fileTestRequest({ receipt: null });
    await expect(decideRequestPart(await createModerator(), { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 })).resolves.toMatchObject({ status: "DECIDED", points: 700 });
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(700);
    expect(await db.ledgerEntry.findFirstOrThrow({ where: { customerId: shopper.id } })).toMatchObject({ kind: "REVIEW_APPROVED", amount: 700 });

    // Saving the same values writes nothing; clearing the window and restoring 500 is one more row.
    await expect(updateProgrammeSettings(actor, form({ reviewPoints: "700", campaignStartsOn: "2026-03-01", campaignEndsOn: "2026-05-31" }))).resolves.toEqual({ changed: [] });
    await expect(updateProgrammeSettings(actor, form({}))).resolves.toEqual({ changed: ["reviewPoints", "campaignStartsAt", "campaignEndsAt"] });
    expect(await db.auditLog.count({ where: { action: "programme-settings.update" } })).toBe(2);
    expect(await getProgrammeSettings()).toMatchObject({ reviewPoints: 500, campaignStartsAt: null, campaignEndsAt: null });
  });

  it("keeps settings it does not edit, stored by earlier versions", async () => {
    await db.setting.create({ data: { key: "programme", value: { reviewPoints: 650, futureSetting: true } } });
    const actor = await admin();
    await updateProgrammeSettings(actor, form({ receiptPoints: "150", reviewPoints: "650" }));
    expect(await getProgrammeSettings()).toMatchObject({ reviewPoints: 650, receiptPoints: 150 });
  });

  it("validates each setting with a clear message", () => {
    const messageOf = (overrides: Partial<Record<keyof typeof DEFAULTS, string>>) => updateProgrammeSettingsInput.safeParse({ ...DEFAULTS, ...overrides }).error?.issues[0]?.message;
    expect(messageOf({ reviewPoints: "" })).toBe("Баллы за отзыв — целое число от 1 до 100 000.");
    expect(messageOf({ reviewPoints: "0" })).toBe("Баллы за отзыв — целое число от 1 до 100 000.");
    expect(messageOf({ reviewPoints: "12.5" })).toBe("Баллы за отзыв — целое число от 1 до 100 000.");
    expect(messageOf({ receiptPoints: "сто" })).toBe("Баллы за чек — целое число от 1 до 100 000.");
    expect(messageOf({ moderationBusinessDays: "61" })).toBe("Срок проверки — целое число рабочих дней от 1 до 60.");
    expect(messageOf({ shippingDays: "0" })).toBe("Срок отправки приза — целое число дней от 1 до 365.");
    expect(messageOf({ forfeitureMonths: "-1" })).toBe("Срок сгорания баллов — целое число месяцев от 1 до 60.");
    expect(messageOf({ smsPerHourCap: "5" })).toBe("Предел SMS в час — целое число от 10 до 100 000.");
    expect(messageOf({ campaignStartsOn: "2026-02-30" })).toBe("Дата начала акции указана неверно — выберите день в календаре или оставьте поле пустым.");
    expect(messageOf({ campaignEndsOn: "2026-13-01" })).toBe("Дата окончания акции указана неверно — выберите день в календаре или оставьте поле пустым.");
    expect(messageOf({ campaignStartsOn: "2026-06-01", campaignEndsOn: "2026-05-31" })).toBe("Акция не может закончиться раньше, чем начнётся: проверьте даты.");
    expect(messageOf({ reviewPoints: "1 000" })).toBeUndefined();
    expect(messageOf({ campaignStartsOn: "2026-06-01" })).toBeUndefined();
  });

  it("refuses moderators and brand staff", async () => {
    for (const role of ["MODERATOR", "STAFF"] as const) {
      await expect(updateProgrammeSettings(wrongRole(actorOf(await createStaff(role))), form({ reviewPoints: "700" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await getProgrammeSettings()).reviewPoints).toBe(500);
    expect(await db.auditLog.count()).toBe(0);
  });
});
