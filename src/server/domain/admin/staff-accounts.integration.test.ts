import { describe, expect, it } from "vitest";
import { STAFF_TEST_PASSWORD, createStaff } from "../../../../tests/support/factories";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import type { AdminActor } from "@/server/auth/assert-role";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { signInStaff } from "@/server/domain/auth/sign-in-staff";
import { acceptStaffInvite, acceptStaffInviteInput } from "./accept-staff-invite";
import { changeStaffRole } from "./change-staff-role";
import { INVITE_PROBLEM, getStaffInvite } from "./get-staff-invite";
import { inviteStaff, inviteStaffInput } from "./invite-staff";
import { listStaff } from "./list-staff";
import { revokeStaffInvite } from "./revoke-staff-invite";
import { setStaffActive } from "./set-staff-active";

const T0 = new Date("2026-03-02T09:00:00Z");
const NEW_PASSWORD = "новый-пароль-2026";

async function admin() {
  return actorOf(await createStaff("ADMIN"));
}

/** The token from the link in the last invite emailed to `email`, as the invitee would open it. */
async function tokenFromEmail(email: string): Promise<string> {
  const message = await db.outboxMessage.findFirstOrThrow({ where: { recipient: email, template: "staff-invite" }, orderBy: { id: "desc" } });
  const token = /\/login\/staff\/invite\/([A-Za-z0-9_-]+)/.exec(message.text)?.[1];
  if (!token) throw new Error(`no invite link in ${message.text}`);
  return token;
}

function accept(token: string, overrides: Partial<{ name: string; password: string; passwordConfirmation: string }> = {}) {
  return acceptStaffInvite(acceptStaffInviteInput.parse({ token, name: "Мария Иванова", password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD, ...overrides }));
}

describe("staff accounts", () => {
  it("invites by email: the emailed link creates the account, which signs in with the new password", async () => {
    setClock(T0);
    const actor = await admin();
    const { inviteId, queuedEmailId } = await inviteStaff(actor, inviteStaffInput.parse({ email: "  Maria@Example.TEST ", role: "MODERATOR" }));
    expect(queuedEmailId).toEqual(expect.any(Number));
    const invite = await db.staffInvite.findUniqueOrThrow({ where: { id: inviteId } });
    expect(invite).toMatchObject({ email: "maria@example.test", role: "MODERATOR", invitedById: actor.id, acceptedAt: null });
    expect(invite.expiresAt).toEqual(new Date("2026-03-09T09:00:00Z"));
    expect(await db.auditLog.findFirst({ where: { action: "staff-invite.create" } })).toMatchObject({
      actorId: actor.id,
      entityType: "StaffInvite",
      entityId: String(inviteId),
      data: { email: "maria@example.test", role: "MODERATOR" },
    });

    const token = await tokenFromEmail("maria@example.test");
    // Only the token's hash is stored.
    expect(invite.tokenHash).not.toContain(token);
    expect(invite.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await listStaff(actor)).invites.map((row) => row.email)).toEqual(["maria@example.test"]);
    await expect(getStaffInvite(token)).resolves.toMatchObject({ status: "VALID", email: "maria@example.test", role: "MODERATOR" });

    const { userId, email } = await accept(token);
    expect(email).toBe("maria@example.test");
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ role: "MODERATOR", name: "Мария Иванова", isActive: true, email: "maria@example.test" });
    expect(await db.auditLog.findFirst({ where: { action: "staff-invite.accept" } })).toMatchObject({ actorId: userId, entityType: "User", entityId: String(userId) });
    await expect(signInStaff({ email: "maria@example.test", password: NEW_PASSWORD, ipKey: null, deviceHash: null })).resolves.toEqual({ id: userId, role: "MODERATOR", email: "maria@example.test", sessionVersion: 0 });

    // The link works once.
    await expect(getStaffInvite(token)).resolves.toEqual({ status: "USED" });
    await expect(accept(token, { password: "другой-пароль-123", passwordConfirmation: "другой-пароль-123" })).rejects.toThrow(INVITE_PROBLEM.USED);
    expect((await listStaff(actor)).invites).toEqual([]);
    // Inviting an address that already has an active account is refused.
    await expect(inviteStaff(actor, { email: "maria@example.test", role: "STAFF" })).rejects.toThrow(/уже есть учётная запись \(модератор\)/);
  });

  it("refuses expired, replaced, revoked and unknown links with clear messages", async () => {
    setClock(T0);
    const actor = await admin();
    await inviteStaff(actor, { email: "late@example.test", role: "STAFF" });
    const expired = await tokenFromEmail("late@example.test");
    setClock(new Date("2026-03-09T09:00:01Z"));
    await expect(getStaffInvite(expired)).resolves.toEqual({ status: "EXPIRED" });
    await expect(accept(expired)).rejects.toMatchObject({ code: "CODE_EXPIRED", message: INVITE_PROBLEM.EXPIRED });

    // A new invite replaces the old one: only the newest link works.
    await inviteStaff(actor, { email: "late@example.test", role: "STAFF" });
    const first = await tokenFromEmail("late@example.test");
    await inviteStaff(actor, { email: "late@example.test", role: "ADMIN" });
    const second = await tokenFromEmail("late@example.test");
    await expect(accept(first)).rejects.toThrow(INVITE_PROBLEM.REVOKED);
    const { invites } = await listStaff(actor);
    expect(invites).toHaveLength(1);
    await expect(revokeStaffInvite(actor, { inviteId: invites[0]!.id })).resolves.toEqual({ revoked: true });
    await expect(revokeStaffInvite(actor, { inviteId: invites[0]!.id })).resolves.toEqual({ revoked: false });
    expect(await db.auditLog.count({ where: { action: "staff-invite.revoke" } })).toBe(1);
    await expect(accept(second)).rejects.toThrow(INVITE_PROBLEM.REVOKED);

    await expect(getStaffInvite("no-such-token-0123456789abcdef")).resolves.toEqual({ status: "UNKNOWN" });
    await expect(accept("no-such-token-0123456789abcdef")).rejects.toMatchObject({ code: "NOT_FOUND", message: INVITE_PROBLEM.UNKNOWN });
    expect(await db.user.count({ where: { email: "late@example.test" } })).toBe(0);
  });

  it("validates the invite and the new password with clear messages", async () => {
    const inviteMessage = (input: unknown) => inviteStaffInput.safeParse(input).error?.issues[0]?.message;
    expect(inviteMessage({ email: "not-an-email", role: "MODERATOR" })).toBe("Введите адрес электронной почты, например name@company.ru.");
    expect(inviteMessage({ email: "a@b.ru", role: "CUSTOMER" })).toBe("Выберите роль: модератор, сотрудник бренда или администратор.");
    const acceptMessage = (input: Record<string, string>) =>
      acceptStaffInviteInput.safeParse({ token: "t", name: "Мария Иванова", password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD, ...input }).error?.issues[0]?.message;
    expect(acceptMessage({ password: "short", passwordConfirmation: "short" })).toBe("Пароль — не короче 10 символов.");
    expect(acceptMessage({ passwordConfirmation: "другой-пароль" })).toBe("Пароли не совпадают — введите один и тот же пароль дважды.");
    expect(acceptMessage({ name: " " })).toBe("Укажите имя и фамилию — их увидят коллеги в журнале действий.");
  });

  it("changes roles and deactivates accounts, audited; a deactivated account cannot sign in; a re-invite brings it back", async () => {
    const actor = await admin();
    const moderator = await createStaff("MODERATOR", { email: "mod@example.test" });
    await expect(changeStaffRole(actor, { userId: moderator.id, role: "STAFF" })).resolves.toEqual({ changed: true });
    await expect(changeStaffRole(actor, { userId: moderator.id, role: "STAFF" })).resolves.toEqual({ changed: false });
    expect(await db.auditLog.findFirst({ where: { action: "staff.role-change" } })).toMatchObject({
      actorId: actor.id,
      entityId: String(moderator.id),
      data: { email: "mod@example.test", before: { role: "MODERATOR" }, after: { role: "STAFF" } },
    });

    const results = await Promise.all([1, 2, 3].map(() => setStaffActive(actor, { userId: moderator.id, isActive: false })));
    expect(results.filter((result) => result.changed)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: "staff.deactivate", entityId: String(moderator.id) } })).toBe(1);
    await expect(signInStaff({ email: "mod@example.test", password: STAFF_TEST_PASSWORD, ipKey: null, deviceHash: null })).rejects.toMatchObject({ code: "ACCOUNT_DISABLED" });
    expect((await listStaff(actor)).users.map((user) => [user.email, user.isActive])).toEqual([
      [actor.email, true],
      ["mod@example.test", false],
    ]);

    // Invited again, the deactivated account comes back with the invite's role and the new password.
    await inviteStaff(actor, { email: "mod@example.test", role: "MODERATOR" });
    const { userId } = await accept(await tokenFromEmail("mod@example.test"));
    expect(userId).toBe(moderator.id);
    expect(await db.user.findUniqueOrThrow({ where: { id: moderator.id } })).toMatchObject({ role: "MODERATOR", isActive: true });
    await expect(signInStaff({ email: "mod@example.test", password: NEW_PASSWORD, ipKey: null, deviceHash: null })).resolves.toMatchObject({ id: moderator.id });

    await expect(setStaffActive(actor, { userId: moderator.id, isActive: false })).resolves.toEqual({ changed: true });
    await expect(setStaffActive(actor, { userId: moderator.id, isActive: true })).resolves.toEqual({ changed: true });
    expect(await db.auditLog.count({ where: { action: "staff.activate" } })).toBe(1);
  });

  it("does not let an administrator deactivate or demote themselves, and refuses shoppers as staff", async () => {
    const actor = await admin();
    await expect(setStaffActive(actor, { userId: actor.id, isActive: false })).rejects.toThrow("Нельзя отключить собственную учётную запись — попросите другого администратора.");
    await expect(changeStaffRole(actor, { userId: actor.id, role: "MODERATOR" })).rejects.toThrow("Свою роль изменить нельзя — попросите другого администратора.");
    expect(await db.user.findUniqueOrThrow({ where: { id: actor.id } })).toMatchObject({ role: "ADMIN", isActive: true });
    const shopper = await db.user.create({ data: { role: "CUSTOMER", phone: "+79001112233" } });
    await expect(changeStaffRole(actor, { userId: shopper.id, role: "ADMIN" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setStaffActive(actor, { userId: shopper.id, isActive: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count()).toBe(0);
  });

  it("refuses moderators and brand staff", async () => {
    const target = await createStaff("MODERATOR");
    for (const role of ["MODERATOR", "STAFF"] as const) {
      const actor = wrongRole<AdminActor>(actorOf(await createStaff(role)));
      await expect(inviteStaff(actor, { email: "x@example.test", role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(changeStaffRole(actor, { userId: target.id, role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setStaffActive(actor, { userId: target.id, isActive: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(revokeStaffInvite(actor, { inviteId: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listStaff(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.staffInvite.count()).toBe(0);
  });
});
