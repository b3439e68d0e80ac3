import type { JWT } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { createShopper, createStaff } from "../../../tests/support/factories";
import { lastSmsCode } from "../../../tests/support/outbox";
import { actorOf } from "../../../tests/support/requests";
import { type ScriptedCookie, signInToken, signOutToken } from "../../../tests/support/session";
import { DAY_MS } from "@/lib/moscow-time";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { changeStaffRole } from "@/server/domain/admin/change-staff-role";
import { setStaffActive } from "@/server/domain/admin/set-staff-active";
import { requestSignInCode } from "@/server/domain/auth/request-sign-in-code";
import { signOutEverywhere } from "@/server/domain/auth/sign-out-everywhere";
import { deleteShopperData } from "@/server/domain/privacy/delete-shopper-data";
import { AppError } from "@/server/errors";
import { authOptions } from "./auth-options";
import { DEVICE_COOKIE, deviceHash } from "./device-cookie";
import { currentActor, requireActorRole } from "./session";

// currentActor as a request with a given cookie would run it: next-auth's cookie reading is scripted, the
// portal's jwt and session callbacks, the sign-out event and the database check are real.
const cookie = vi.hoisted((): ScriptedCookie => ({ token: null }));
vi.mock("next-auth", async () => (await import("../../../tests/support/session")).nextAuthReading(cookie));
vi.mock("next/server", () => ({ connection: async () => undefined }));

const T0 = new Date("2026-03-02T09:00:00Z");

/** Who a request carrying `token` is, as the portal sees it. */
async function actorWith(token: JWT | null) {
  cookie.token = token;
  return currentActor();
}

async function signIn(user: { id: number }) {
  const { role, sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { role: true, sessionVersion: true } });
  return signInToken({ id: user.id, role, sessionVersion });
}

describe("currentActor and the end of sessions", () => {
  it("admits a fresh sign-in, which carries a random session id, the user's version and a fixed end", async () => {
    setClock(T0);
    const shopper = await createShopper();
    const token = await signIn(shopper);
    expect(token).toMatchObject({ uid: shopper.id, role: "CUSTOMER", sv: 0, until: T0.getTime() / 1000 + 30 * 24 * 60 * 60 });
    expect(token.sid).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await signIn(shopper)).sid).not.toBe(token.sid);
    expect(await actorWith(token)).toMatchObject({ id: shopper.id, role: "CUSTOMER", phone: shopper.phone });
  });

  it("signs in through the phone provider with the version stored on the user", async () => {
    const shopper = await createShopper();
    await db.user.update({ where: { id: shopper.id }, data: { sessionVersion: 4 } });
    // The browser's device cookie: the code works only where it was asked for.
    const deviceId = "session-test-browser-0123456789";
    await requestSignInCode({ phone: shopper.phone!, ipKey: null, deviceHash: deviceHash(deviceId) });
    // CredentialsProvider keeps the portal's id and authorize in `options` (next-auth merges them in later).
    const provider = authOptions().providers.find((item) => (item.options as { id?: string } | undefined)?.id === "phone-otp") as unknown as {
      options: { authorize: (credentials: Record<string, string>, req: object) => Promise<{ id: string; role: string; sessionVersion: number }> };
    };
    const credentials = { phone: shopper.phone!, code: await lastSmsCode(shopper.phone!), consent: "true" };
    const user = await provider.options.authorize(credentials, { headers: { cookie: `${DEVICE_COOKIE}=${deviceId}` } });
    expect(user).toEqual({ id: String(shopper.id), role: "CUSTOMER", sessionVersion: 4 });
    const token = await signInToken({ id: Number(user.id), role: "CUSTOMER", sessionVersion: user.sessionVersion });
    expect(await actorWith(token)).toMatchObject({ id: shopper.id });
  });

  it("refuses a signed-out session, a copy of its cookie included, and keeps the user's other sessions", async () => {
    const shopper = await createShopper();
    const phone = await signIn(shopper);
    const laptop = await signIn(shopper);
    const savedCopy = structuredClone(phone);

    await signOutToken(phone);
    expect(await actorWith(savedCopy)).toBeNull();
    cookie.token = savedCopy;
    const refusal = await requireActorRole(["CUSTOMER"]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("UNAUTHENTICATED");
    expect(await actorWith(laptop)).toMatchObject({ id: shopper.id });
    expect(await db.revokedSession.findMany()).toEqual([{ sessionId: phone.sid, userId: shopper.id, expiresAt: new Date(phone.until! * 1000) }]);

    // Signing out the same cookie again (another tab) changes nothing.
    await signOutToken(savedCopy);
    expect(await db.revokedSession.count()).toBe(1);
  });

  it("refuses a session past its sign-in's 30 days, and sign-outs prune the revocations no longer needed", async () => {
    setClock(T0);
    const shopper = await createShopper();
    const old = await signIn(shopper);
    await signOutToken(old);
    setClock(new Date(T0.getTime() + 10 * DAY_MS));
    const recent = await signIn(shopper);
    expect(await actorWith(recent)).not.toBeNull();

    setClock(new Date(T0.getTime() + 30 * DAY_MS + 1000));
    // The first sign-in has ended on its own: its revocation row goes with the next sign-out.
    const other = await signIn(shopper);
    await signOutToken(other);
    expect((await db.revokedSession.findMany({ orderBy: { expiresAt: "asc" } })).map((row) => row.sessionId)).toEqual([other.sid]);
    // A refreshed cookie (next-auth re-encodes it with a new exp, but `until` stays) cannot outlive the sign-in.
    setClock(new Date(T0.getTime() + 40 * DAY_MS + 1000));
    expect(await actorWith(recent)).toBeNull();
  });

  it("refuses a token whose version is older than the user's, and a token from before sessions had ids", async () => {
    const shopper = await createShopper();
    const token = await signIn(shopper);
    await db.user.update({ where: { id: shopper.id }, data: { sessionVersion: 1 } });
    expect(await actorWith(token)).toBeNull();
    expect(await actorWith(await signIn(shopper))).toMatchObject({ id: shopper.id });

    const legacy: JWT = { uid: shopper.id, role: "CUSTOMER" };
    expect(await actorWith(legacy)).toBeNull();
  });

  it("'выйти на всех устройствах' ends every session of the user, the one asking included, and is audited", async () => {
    const shopper = await createShopper();
    const someoneElse = await createShopper();
    const phone = await signIn(shopper);
    const laptop = await signIn(shopper);
    const theirs = await signIn(someoneElse);

    await signOutEverywhere(actorOf(shopper));
    expect(await actorWith(phone)).toBeNull();
    expect(await actorWith(laptop)).toBeNull();
    expect(await actorWith(theirs)).toMatchObject({ id: someoneElse.id });
    expect(await db.auditLog.findMany({ select: { actorId: true, action: true, entityType: true, entityId: true } })).toEqual([
      { actorId: shopper.id, action: "user.sign-out-everywhere", entityType: "User", entityId: String(shopper.id) },
    ]);
    // Signing in again works at once.
    expect(await actorWith(await signIn(shopper))).toMatchObject({ id: shopper.id });
  });

  it("deactivating a staff account ends its sessions for good: reactivation does not bring them back", async () => {
    const admin = actorOf(await createStaff("ADMIN"));
    const moderator = await createStaff("MODERATOR");
    const token = await signIn(moderator);
    const adminToken = await signIn(admin);

    await setStaffActive(admin, { userId: moderator.id, isActive: false });
    expect(await actorWith(token)).toBeNull();
    await setStaffActive(admin, { userId: moderator.id, isActive: true });
    expect(await actorWith(token)).toBeNull();
    expect(await actorWith(await signIn(moderator))).toMatchObject({ id: moderator.id });
    expect(await actorWith(adminToken)).toMatchObject({ id: admin.id });
  });

  it("a role change ends the staff member's sessions; a new sign-in has the new role", async () => {
    const admin = actorOf(await createStaff("ADMIN"));
    const moderator = await createStaff("MODERATOR");
    const token = await signIn(moderator);

    await changeStaffRole(admin, { userId: moderator.id, role: "STAFF" });
    expect(await actorWith(token)).toBeNull();
    expect(await actorWith(await signIn(moderator))).toMatchObject({ id: moderator.id, role: "STAFF" });
    // An unchanged role changes nothing.
    const current = await signIn(moderator);
    await changeStaffRole(admin, { userId: moderator.id, role: "STAFF" });
    expect(await actorWith(current)).toMatchObject({ id: moderator.id });
  });

  it("the privacy deletion ends the shopper's sessions by their version, not only by switching the account off", async () => {
    const shopper = await createShopper();
    const token = await signIn(shopper);

    await deleteShopperData(actorOf(shopper), { confirmation: "УДАЛИТЬ" });
    expect(await actorWith(token)).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: shopper.id }, select: { isActive: true, sessionVersion: true } })).toEqual({ isActive: false, sessionVersion: 1 });
  });
});
