import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from "../../../scripts/lib/embedded-postgres/index";
import { installJobsSchema } from "../../../scripts/lib/jobs-schema";
import { applyMigrations } from "../../../scripts/lib/migrations";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { resetEnvCache } from "@/server/config/env";
import { closeReadinessPool } from "./check-readiness";

// A PostgreSQL of this test's own (embedded, on a free port, in a temporary folder), so that it can stop
// and start the server under the running handler: the probe must notice both without a restart.

let tmp = "";
let postgres: EmbeddedPostgresHandle | undefined;
let port = 0;
const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, UPLOADS_DIR: process.env.UPLOADS_DIR };

const startPostgres = async () => {
  postgres = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port, database: "ready_probe", postgresFlags: ["fsync=off"] });
  return postgres;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port: chosen } = server.address() as net.AddressInfo;
      server.close(() => resolve(chosen));
    });
    server.on("error", reject);
  });
}

async function probe(handler: typeof ready): Promise<{ status: number; cacheControl: string | null; body: Record<string, unknown> & { checks?: Record<string, { status: string; ms: number; reason?: string }> } }> {
  const response = await handler(new Request("http://portal.test/api/ready"));
  return { status: response.status, cacheControl: response.headers.get("cache-control"), body: await response.json() };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "carely-ready-"));
  await chmod(tmp, 0o755); // as root, PostgreSQL runs as "postgres" and must reach its data dir
  port = await freePort();
  const { url } = await startPostgres();
  process.env.DATABASE_URL = url;
  process.env.UPLOADS_DIR = path.join(tmp, "uploads");
  resetEnvCache();
}, 120_000);

afterAll(async () => {
  await closeReadinessPool();
  await postgres?.stop();
  await rm(tmp, { recursive: true, force: true });
  Object.assign(process.env, savedEnv);
  resetEnvCache();
});

describe("GET /api/health", () => {
  it("answers without touching the database", async () => {
    const response = await health(new Request("http://portal.test/api/health"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ ok: true, status: "up" });
  });
});

describe("GET /api/ready", () => {
  it("is 503 on a database that was never migrated, naming the checks that fail", async () => {
    const { status, cacheControl, body } = await probe(ready);
    expect(status).toBe(503);
    expect(cacheControl).toBe("no-store");
    expect(body.checks).toMatchObject({
      database: { status: "ok" },
      migrations: { status: "fail", reason: "not migrated" },
      storage: { status: "ok" },
      jobs: { status: "fail" },
    });
  });

  it("is 200 once migrated with the job schema, and follows PostgreSQL going away and coming back", async () => {
    await applyMigrations(process.env.DATABASE_URL!);
    await installJobsSchema(process.env.DATABASE_URL!);
    const up = await probe(ready);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ ok: true, status: "ready" });
    for (const check of Object.values(up.body.checks!)) expect(check).toEqual({ status: "ok", ms: expect.any(Number) });

    await postgres!.stop();
    const startedAt = Date.now();
    const down = await probe(ready);
    expect(down.status).toBe(503);
    expect(down.body.checks).toMatchObject({ database: { status: "fail" }, migrations: { status: "skipped" }, jobs: { status: "skipped" }, storage: { status: "ok" } });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    // No host, port, user or URL in what a probe shows.
    expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|postgres(ql)?:|ready_probe|localhost/);

    await startPostgres();
    const back = await probe(ready);
    expect(back.status).toBe(200);
  }, 120_000);

  it("is 503 when the storage does not answer", async () => {
    const notADirectory = path.join(tmp, "uploads-file");
    await writeFile(notADirectory, "");
    process.env.UPLOADS_DIR = notADirectory;
    resetEnvCache();
    try {
      const { status, body } = await probe(ready);
      expect(status).toBe(503);
      expect(body.checks).toMatchObject({ storage: { status: "fail" }, database: { status: "ok" } });
    } finally {
      process.env.UPLOADS_DIR = path.join(tmp, "uploads");
      resetEnvCache();
    }
  });
});
