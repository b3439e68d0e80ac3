import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "./embedded-postgres";
import type { EmbeddedPostgresHandle, StartEmbeddedPostgresOptions } from "./embedded-postgres";

// Real PostgreSQL servers on unusual ports (31401+, below Linux's ephemeral range 32768-60999 so an
// outgoing connection can never hold one), data dirs under os.tmpdir().
// Linux only (reads /proc), like the stale-state recovery it tests.

const isRoot = process.getuid?.() === 0;
let tmpRoot = "";
const handles = new Set<EmbeddedPostgresHandle>();
const helperProcesses = new Set<ChildProcess>();

async function start(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const handle = await startEmbeddedPostgres(options);
  handles.add(handle);
  return handle;
}

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  const content = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8");
  return Number(content.split("\n")[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function processState(pid: number): Promise<string | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
}

async function waitUntilGone(pid: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await processState(pid);
    if (state === undefined || state === "Z") return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`process ${pid} still alive after ${timeoutMs} ms`);
}

async function childPids(parentPid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await fs.readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await fs.readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[1]) === parentPid && fields[0] !== "Z") pids.push(Number(name));
  }
  return pids;
}

/** Safety net: SIGKILL anything (e.g. a SIGSTOPped orphan) still running inside tmpRoot. */
async function killProcessesUnder(dir: string): Promise<void> {
  for (const name of await fs.readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const cwd = await fs.readlink(`/proc/${name}/cwd`).catch(() => "");
    if (cwd === dir || cwd.startsWith(`${dir}/`)) {
      try {
        process.kill(Number(name), "SIGKILL");
      } catch {
        // gone
      }
    }
  }
}

function dataDirFor(name: string): string {
  return path.join(tmpRoot, name, "postgres");
}

describe("startEmbeddedPostgres (integration)", () => {
  beforeAll(async () => {
    tmpRoot = await fs.mkdtemp(path.join(os.tmpdir(), "embedded-pg-test-"));
    // mkdtemp creates mode 0700; as root the server runs as `postgres` and must traverse it.
    await fs.chmod(tmpRoot, 0o755);
  });

  afterEach(async () => {
    await Promise.allSettled([...handles].map((handle) => handle.stop()));
    handles.clear();
    for (const child of helperProcesses) child.kill("SIGKILL");
    helperProcesses.clear();
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    if (!tmpRoot) return;
    await killProcessesUnder(tmpRoot);
    await fs.rm(tmpRoot, { recursive: true, force: true });
  });

  it("cold start initialises the cluster, creates the database, and is quiet without `log`", async () => {
    const dataDir = dataDirFor("cold");
    const consoleLog = vi.spyOn(console, "log");
    const consoleError = vi.spyOn(console, "error");

    const handle = await start({ dataDir, port: 31401, database: "portal_test" });

    expect(handle.port).toBe(31401);
    expect(handle.url).toBe("postgresql://postgres:postgres@127.0.0.1:31401/portal_test");
    expect(handle.adminUrl).toBe("postgresql://postgres:postgres@127.0.0.1:31401/postgres");
    await expect(fs.readFile(path.join(dataDir, "PG_VERSION"), "utf8")).resolves.toMatch(/^18/);

    const [row] = await query<{ db: string; usr: string; encoding: string; sockets: string; answer: number }>(
      handle.url,
      "SELECT current_database() AS db, current_user AS usr, pg_encoding_to_char(encoding) AS encoding, current_setting('unix_socket_directories') AS sockets, 6 * 7 AS answer FROM pg_database WHERE datname = current_database()",
    );
    expect(row).toEqual({ db: "portal_test", usr: "postgres", encoding: "UTF8", sockets: "", answer: 42 });
    const [admin] = await query<{ db: string }>(handle.adminUrl, "SELECT current_database() AS db");
    expect(admin?.db).toBe("postgres");
    await expect(query("postgresql://postgres:wrong@127.0.0.1:31401/postgres", "SELECT 1")).rejects.toThrow(/password authentication failed/);

    expect(consoleLog).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("stop then start reuses the data; stop is idempotent; extra flags are applied; `log` gets server output", async () => {
    const dataDir = dataDirFor("warm");
    const first = await start({ dataDir, port: 31402, database: "portal_test" });
    await query(first.url, "CREATE TABLE kept (id int PRIMARY KEY, label text); INSERT INTO kept VALUES (1, 'still here')");
    await first.stop();
    await first.stop(); // idempotent
    await expect(fs.access(path.join(dataDir, "postmaster.pid"))).rejects.toThrow(); // clean shutdown

    const lines: string[] = [];
    const second = await start({ dataDir, port: 31402, database: "portal_test", postgresFlags: ["fsync=off"], log: (line) => lines.push(line) });
    expect(await query(second.url, "SELECT label FROM kept WHERE id = 1")).toEqual([{ label: "still here" }]);
    expect(await query(second.url, "SHOW fsync")).toEqual([{ fsync: "off" }]);
    // Warm start: no initdb output, but the server's own log lines are forwarded.
    expect(lines.some((line) => line.includes("database system is ready to accept connections"))).toBe(true);
    expect(lines.some((line) => line.includes("initdb") || line.includes("Success. You can now start"))).toBe(false);
    await Promise.all([second.stop(), second.stop()]);
  });

  it("recovers after the postmaster was killed with SIGKILL, keeping committed data", async () => {
    const dataDir = dataDirFor("sigkill");
    const handle = await start({ dataDir, port: 31403, database: "portal_test" });
    await query(handle.url, "CREATE TABLE survivors (id int); INSERT INTO survivors VALUES (7)");

    const pid = await postmasterPid(dataDir);
    process.kill(pid, "SIGKILL");
    await waitUntilGone(pid);
    await handle.stop(); // the handle notices the server is gone and does not hang
    await expect(fs.access(path.join(dataDir, "postmaster.pid"))).resolves.toBeUndefined(); // stale lock left behind

    const restarted = await start({ dataDir, port: 31403, database: "portal_test" });
    expect(await query(restarted.url, "SELECT id FROM survivors")).toEqual([{ id: 7 }]);
    expect(await postmasterPid(dataDir)).not.toBe(pid);
  });

  it("recovers when an orphaned server child still holds the old shared memory after a SIGKILL", async () => {
    const dataDir = dataDirFor("orphan");
    const handle = await start({ dataDir, port: 31404, database: "portal_test" });
    await query(handle.url, "CREATE TABLE survivors (id int); INSERT INTO survivors VALUES (8)");

    const pid = await postmasterPid(dataDir);
    const [orphan] = await childPids(pid);
    expect(orphan).toBeDefined();
    // A stopped child cannot notice the postmaster's death, so it stays attached to the shared
    // memory segment: plain postgres then refuses to start ("pre-existing shared memory block").
    process.kill(orphan!, "SIGSTOP");
    process.kill(pid, "SIGKILL");
    await waitUntilGone(pid);
    expect(await processState(orphan!)).toBe("T");

    const restarted = await start({ dataDir, port: 31404, database: "portal_test" });
    expect(await query(restarted.url, "SELECT id FROM survivors")).toEqual([{ id: 8 }]);
    expect(isAlive(orphan!) && (await processState(orphan!)) !== "Z").toBe(false);
  });

  it("removes a stale postmaster.pid whose PID was reused by a non-postgres process", async () => {
    const dataDir = dataDirFor("pid-reuse");
    const handle = await start({ dataDir, port: 31405, database: "portal_test" });
    const pid = await postmasterPid(dataDir);
    process.kill(pid, "SIGKILL");
    await waitUntilGone(pid);
    await handle.stop();

    // A live process running as the server's user now owns the PID in the lock file. Plain
    // postgres would refuse to start ("lock file postmaster.pid already exists").
    const ids = isRoot
      ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) }
      : {};
    const impostor = spawn("sleep", ["60"], { ...ids, stdio: "ignore" });
    helperProcesses.add(impostor);
    const pidFile = path.join(dataDir, "postmaster.pid");
    const lines = (await fs.readFile(pidFile, "utf8")).split("\n");
    lines[0] = String(impostor.pid);
    await fs.writeFile(pidFile, lines.join("\n"));

    const restarted = await start({ dataDir, port: 31405, database: "portal_test" });
    expect(await query(restarted.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    expect(isAlive(impostor.pid!)).toBe(true); // not ours to kill
  });

  it("refuses a second start on a data dir in use, with a clear error, and leaves the running server alone", async () => {
    const dataDir = dataDirFor("in-use");
    const running = await start({ dataDir, port: 31406, database: "portal_test" });
    const pid = await postmasterPid(dataDir);

    for (const port of [31406, 31407]) {
      const attempt = startEmbeddedPostgres({ dataDir, port, database: "portal_test" });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(attempt).rejects.toMatchObject({ code: "ALREADY_RUNNING" });
      await expect(attempt).rejects.toThrow(
        `Another embedded PostgreSQL instance is already using the data directory ${dataDir} (postmaster PID ${pid}, port 31406).`,
      );
    }
    expect(await query(running.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    expect(await postmasterPid(dataDir)).toBe(pid);
  });

  it("takes over from a server whose launching process was killed with SIGKILL", async () => {
    const dataDir = dataDirFor("launcher-killed");
    // A separate node process starts the server (as `npm start` does), then dies without cleanup.
    const launcher = spawn(
      process.execPath,
      [
        // One node process (tsx as a loader, not its CLI, which would add a wrapper process).
        "--import",
        "tsx",
        "-e",
        `(async () => {
         const { startEmbeddedPostgres } = await import(${JSON.stringify(path.join(import.meta.dirname, "embedded-postgres.ts"))});
         const pg = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: 31409, database: "portal_test" });
         const { default: Pg } = await import("pg");
         const client = new Pg.Client({ connectionString: pg.url });
         await client.connect();
         await client.query("CREATE TABLE survivors (id int); INSERT INTO survivors VALUES (7)");
         await client.end();
         console.log("ready");
         setInterval(() => undefined, 1000);
         })();`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    helperProcesses.add(launcher);
    await new Promise<void>((resolve, reject) => {
      launcher.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
      launcher.on("exit", (code) => reject(new Error(`launcher exited early (${code})`)));
    });
    const orphanPid = await postmasterPid(dataDir);
    launcher.kill("SIGKILL");
    await new Promise((resolve) => launcher.once("exit", resolve));
    expect(isAlive(orphanPid)).toBe(true); // SIGKILL cannot take postgres down with it

    const restarted = await start({ dataDir, port: 31409, database: "portal_test" });
    expect(await query(restarted.url, "SELECT id FROM survivors")).toEqual([{ id: 7 }]);
    expect(await postmasterPid(dataDir)).not.toBe(orphanPid);
    await waitUntilGone(orphanPid);
  });

  it("fails clearly when the port is taken by another process", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve, reject) => blocker.once("error", reject).listen(31408, "127.0.0.1", resolve));
    try {
      const attempt = startEmbeddedPostgres({ dataDir: dataDirFor("port-taken"), port: 31408, database: "portal_test" });
      await expect(attempt).rejects.toMatchObject({ code: "PORT_IN_USE" });
      await expect(attempt).rejects.toThrow("Port 31408 on 127.0.0.1 is already in use by another process");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
