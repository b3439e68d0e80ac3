import { beforeEach, describe, expect, it, vi } from "vitest";
import { createShopper, createStaff } from "../../../../../tests/support/factories";
import { actorOf } from "../../../../../tests/support/requests";
import type { Actor } from "@/server/auth/session";
import { GET as adminExport } from "../../../admin/privacy/export/route";
import { GET } from "./route";

// The session needs a Next.js request; here the signed-in actor is scripted (tests/support/session.ts).
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", async (importOriginal) =>
  (await import("../../../../../tests/support/session")).scriptedSessionModule(await importOriginal<object>(), session),
);

beforeEach(() => {
  session.actor = null;
});

describe("GET /cabinet/privacy/export", () => {
  it("downloads the signed-in shopper's own data only", async () => {
    const mine = await createShopper({ contactEmail: "mine@example.test" });
    const theirs = await createShopper({ contactEmail: "theirs@example.test" });
    session.actor = actorOf(mine);
    const response = await GET(new Request("http://localhost/cabinet/privacy/export"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="carely-data-${mine.id}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const text = await response.text();
    expect(text).toContain(mine.phone!);
    expect(text).not.toContain(theirs.phone!);
    expect(text).not.toContain("theirs@example.test");
  });

  it("answers 401 to strangers and 403 to staff", async () => {
    expect((await GET(new Request("http://localhost/cabinet/privacy/export"))).status).toBe(401);
    session.actor = actorOf(await createStaff("ADMIN"));
    expect((await GET(new Request("http://localhost/cabinet/privacy/export"))).status).toBe(403);
  });
});

describe("GET /admin/privacy/export", () => {
  it("is for administrators only", async () => {
    const shopper = await createShopper();
    const url = `http://localhost/admin/privacy/export?customerId=${shopper.id}`;
    session.actor = actorOf(shopper);
    expect((await adminExport(new Request(url))).status).toBe(403);
    session.actor = actorOf(await createStaff("STAFF"));
    expect((await adminExport(new Request(url))).status).toBe(403);
    session.actor = actorOf(await createStaff("ADMIN"));
    const response = await adminExport(new Request(url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(shopper.phone!);
    expect((await adminExport(new Request("http://localhost/admin/privacy/export?customerId=abc"))).status).toBe(400); // a malformed query is a bad request
  });
});
