import { describe, expect, it } from "vitest";
import { createShopper, creditPoints } from "../../../../tests/support/factories";
import { setClock } from "@/server/clock";
import { DAY_MS } from "@/lib/moscow-time";
import { getForfeitureOutlook } from "./get-forfeiture-outlook";
import { runForfeiture } from "./run-forfeiture";

const msk = (local: string) => new Date(`${local}+03:00`);
const T0 = msk("2026-01-15T12:00:00.000");
/** T0 + 6 months: when points credited at T0 go. */
const F0 = msk("2026-07-15T12:00:00.000");
const daysBefore = (days: number, extraMs = 0) => new Date(F0.getTime() - days * DAY_MS + extraMs);

describe("getForfeitureOutlook", () => {
  it("shows the points and the date whenever the shopper holds points, emphasised within 30 days", async () => {
    const shopper = await createShopper();
    const actor = { id: shopper.id, role: "CUSTOMER" as const, phone: shopper.phone, email: null, name: null };
    expect(await getForfeitureOutlook(actor, T0)).toBeNull();

    await creditPoints(shopper.id, 700, T0);
    setClock(msk("2026-02-01T12:00:00.000"));
    expect(await getForfeitureOutlook(actor)).toEqual({ points: 700, forfeitAt: F0, daysLeft: 164, urgent: false });
    expect(await getForfeitureOutlook(actor, daysBefore(30, -1))).toMatchObject({ urgent: false, daysLeft: 31 });
    expect(await getForfeitureOutlook(actor, daysBefore(30))).toMatchObject({ urgent: true, daysLeft: 30 });
    expect(await getForfeitureOutlook(actor, daysBefore(0, -3_600_000))).toMatchObject({ urgent: true, daysLeft: 1 });

    await runForfeiture({ at: F0 });
    expect(await getForfeitureOutlook(actor, F0)).toBeNull();
  });
});
