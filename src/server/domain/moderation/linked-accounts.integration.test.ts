import { beforeEach, describe, expect, it } from "vitest";
import { createShopper } from "../../../../tests/support/factories";
import { actorOf, createModerator, fileTestRequest } from "../../../../tests/support/requests";
import type { ModeratorActor } from "@/server/auth/assert-role";
import { SIGN_IN_RECORD_RETENTION_DAYS, purgeOldSignInRecords } from "@/server/auth/sign-in-trust";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { getRequestForModeration } from "./get-request-for-moderation";

// The first fraud signal: accounts signed in from one browser (sign_in_trust's DEVICE marks), shown to the
// moderator, and the marks' 12-month retention.

const T0 = new Date("2026-03-02T09:00:00Z");
let moderator: ModeratorActor;
beforeEach(async () => {
  setClock(T0);
  moderator = await createModerator();
});

const mark = (userId: number, value: string, lastSeenAt = T0) => db.signInTrust.create({ data: { userId, kind: "DEVICE", value: value.padEnd(64, "0"), lastSeenAt } });

describe("accounts linked by a browser", () => {
  it("are named on the decision page with their request counts, and an address alone links nothing", async () => {
    const ringA = actorOf(await createShopper());
    const ringB = actorOf(await createShopper());
    const stranger = actorOf(await createShopper());
    // Different pictures: the same one from two accounts would link them too.
    const { requestId } = await fileTestRequest({ shopper: ringA, receipt: null, screenshot: "review-01-irecommend.png" });
    await fileTestRequest({ shopper: ringB, receipt: null, screenshot: "review-03-ozon.png" });
    await fileTestRequest({ shopper: ringB, receipt: null, screenshot: "review-03-ozon.png" });
    await mark(ringA.id, "aa");
    await mark(ringB.id, "aa");
    await mark(stranger.id, "bb");
    // The same address (a shop's Wi-Fi, a mobile operator's NAT) is too common to link accounts.
    await db.signInTrust.create({ data: { userId: stranger.id, kind: "IP", value: "203.0.113.0/24" } });
    await db.signInTrust.create({ data: { userId: ringA.id, kind: "IP", value: "203.0.113.0/24" } });

    const request = await getRequestForModeration(moderator, requestId);
    expect(request.linkedAccounts).toEqual([{ id: ringB.id, phone: ringB.phone, requests: 2, signals: ["shared-device"] }]);
    const alone = await fileTestRequest({ shopper: stranger, receipt: null, screenshot: "review-05-wildberries.png" });
    expect((await getRequestForModeration(moderator, alone.requestId)).linkedAccounts).toEqual([]);
  });

  it("are forgotten 12 months after the browser was last seen", async () => {
    const shopper = actorOf(await createShopper());
    const day = 86_400_000;
    await mark(shopper.id, "old", new Date(T0.getTime() - (SIGN_IN_RECORD_RETENTION_DAYS + 1) * day));
    await mark(shopper.id, "recent", new Date(T0.getTime() - (SIGN_IN_RECORD_RETENTION_DAYS - 1) * day));
    expect(await purgeOldSignInRecords({ at: T0 })).toEqual({ deleted: 1 });
    expect((await db.signInTrust.findMany({ where: { userId: shopper.id } })).map((row) => row.value.replace(/0+$/, ""))).toEqual(["recent"]);
  });
});
