// A portal deployment in miniature on this machine: one PostgreSQL, one S3-compatible server, N web
// instances from the production build and M job workers, as the README's "Deploying" describes (migrate
// once, web × N with JOBS_DISABLED, worker × M). Used by `npm run test:cluster` (Playwright globalSetup)
// and by `npm run bench:load`; plain TypeScript with no test-runner imports, so tsx scripts can use it.
//
//   const cluster = await startCluster({ basePort: 4000, databaseUrl: process.env.TEST_DATABASE_URL });
//   … cluster.webUrls[0], cluster.webUrls[1] …
//   await cluster.stop();
//
// Ports: web i on basePort + 1 + i, S3 on basePort + 10, the email sink on basePort + 11, an embedded
// PostgreSQL (only when no databaseUrl is given) on basePort + 20. Logs: .data/cluster-<basePort>/*.log.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { buildInputsHash, isBuildFresh, runProductionBuild } from "../../scripts/lib/build-stamp.ts";
import { databaseName, recreateDatabase, withDatabase } from "../../scripts/lib/database-admin.ts";
import { type DatabaseHandle, TEST_CLUSTER_FLAGS, ensureDatabase } from "../../scripts/lib/database.ts";
import { installJobsSchema } from "../../scripts/lib/jobs-schema.ts";
import { applyMigrations } from "../../scripts/lib/migrations.ts";
import { DATA_DIR, REPO_ROOT } from "../../scripts/lib/paths.ts";
import { seedDemoData } from "../../scripts/lib/seed.ts";
import { type S3TestServer, startS3Server } from "../support/s3-server.ts";
import { type EmailSink, startEmailSink } from "./email-sink.ts";

/** The same secret for every process: sessions and sign-in code hashes made by one are checked by another. */
export const CLUSTER_NEXTAUTH_SECRET = "cluster-secret-0123456789-0123456789-0123456789";

export interface ClusterOptions {
  /** Ports are laid out from here (see the file's head). */
  basePort: number;
  /**
   * Any database URL on the PostgreSQL server to use; the cluster makes a fresh database of its own beside
   * it (`databaseName`). Unset: an embedded PostgreSQL under .data/cluster-postgres.
   */
  databaseUrl?: string;
  /** Default `<database of databaseUrl>_cluster` (`portal_cluster` when embedded). Dropped and recreated. */
  databaseName?: string;
  /** Default 2. */
  webInstances?: number;
  /** Job worker processes (scripts/worker.ts). Default 1. */
  workers?: number;
  /** Extra variables for every web and worker process (LOG_LEVEL, TRUST_PROXY, …). */
  env?: Record<string, string>;
  /** The public URL every web instance is told it has (NEXTAUTH_URL); default each instance's own URL. */
  publicUrl?: string;
  /** Seed the demo data (accounts, products, prizes). Default true. */
  seed?: boolean;
  /** Give up waiting for a web instance after this long. Default 120 s. */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ClusterProcess {
  name: string;
  pid: number;
  logFile: string;
  /** True once the process has exited (killed or by itself). */
  readonly exited: boolean;
}

export interface WebInstance extends ClusterProcess {
  url: string;
  port: number;
}

export interface Cluster {
  webUrls: string[];
  web: WebInstance[];
  workers: ClusterProcess[];
  /** The cluster's own database (migrated and seeded). */
  databaseUrl: string;
  /** Null while this checkout has no S3 adapter or no S3 test server: the web instances then share one UPLOADS_DIR. */
  s3: S3TestServer | null;
  /** Where images go: S3 (each instance's local folder its own), or one folder all instances share. */
  storage: { kind: "s3"; directory: string; bucket: string };
  /** The fake Resend every process sends email through (each with its own API key). */
  emailSink: EmailSink;
  nextAuthSecret: string;
  /** Where the logs (and the S3 objects / uploads) are. */
  dataDir: string;
  /** Kills web instance i (SIGKILL by default: a crash, no graceful shutdown) and waits until it is gone. */
  killWeb(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Stops everything this cluster started, in order (web, workers, S3, email sink, PostgreSQL). Idempotent. */
  stop(): Promise<void>;
}

/** Variables passed through from the parent; everything else a process gets is set here, so a developer's shell cannot leak in. */
const PASSED_THROUGH = ["PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "LC_ALL", "TZ", "USER", "SHELL"];
const STOP_GRACE_MS = 15_000;

interface Managed {
  info: ClusterProcess;
  child: ChildProcess;
  exit: Promise<void>;
  expectedExit: boolean;
}

/** Builds the production bundle once (next build) unless .next was built from the same sources. */
export function ensureProductionBuild(log: (line: string) => void = () => {}): void {
  const hash = buildInputsHash();
  if (isBuildFresh(hash)) {
    log("Production build is up to date.");
    return;
  }
  log("Building the portal (next build)…");
  const status = runProductionBuild({ hash, env: { ...passedThrough(), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" } });
  if (status !== 0) throw new Error(`next build failed with exit code ${status}`);
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? ((line: string) => console.log(`[cluster] ${line}`));
  const webCount = options.webInstances ?? 2;
  const workerCount = options.workers ?? 1;
  const dataDir = path.join(DATA_DIR, `cluster-${options.basePort}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const managed: Managed[] = [];
  let embedded: DatabaseHandle | null = null;
  let s3: S3TestServer | null = null;
  let emailSink: EmailSink | null = null;
  let stopped: Promise<void> | null = null;

  // Whatever way this process ends, nothing it started may outlive it. The children also stop by themselves
  // when their IPC channel to this process closes (scripts/portal-server.mjs, src/server/jobs/worker.ts).
  const killAllNow = () => {
    for (const member of managed) if (!member.info.exited) member.child.kill("SIGKILL");
  };
  process.once("exit", killAllNow);

  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      for (const member of managed) member.expectedExit = true;
      await Promise.all(managed.map((member) => stopProcess(member)));
      process.off("exit", killAllNow);
      await s3?.stop().catch((error: unknown) => log(`stopping S3 failed: ${String(error)}`));
      await emailSink?.stop().catch(() => {});
      await embedded?.stop().catch((error: unknown) => log(`stopping PostgreSQL failed: ${String(error)}`));
    })());

  try {
    const startedAt = Date.now();
    ensureProductionBuild(log);

    let serverUrl = options.databaseUrl?.trim();
    if (!serverUrl) {
      embedded = await ensureDatabase({
        externalUrl: "",
        dataDirName: "cluster-postgres",
        port: options.basePort + 20,
        database: "portal_cluster",
        log,
        postgresFlags: TEST_CLUSTER_FLAGS,
      });
      serverUrl = embedded.url;
    }
    const name = options.databaseName ?? (embedded ? "portal_cluster" : `${databaseName(serverUrl)}_cluster`);
    const databaseUrl = await recreateDatabase(withDatabase(serverUrl, "postgres"), name);
    // Once, before any instance starts: the one-shot "migrate" step of a deployment (npm run db:migrate).
    const { applied } = await applyMigrations(databaseUrl, { log: () => {} });
    await installJobsSchema(databaseUrl);
    log(`Database ${name}: ${applied.length} migration(s) applied, job schema installed.`);
    if (options.seed ?? true) await seedDemoData(databaseUrl, log);

    const s3Directory = path.join(dataDir, "s3");
    mkdirSync(s3Directory, { recursive: true });
    s3 = await startS3Server({ port: options.basePort + 10, directory: s3Directory, bucket: "carely-cluster" });
    log(`S3 server on ${s3.endpoint} (bucket ${s3.bucket}).`);
    emailSink = await startEmailSink({ port: options.basePort + 11 });

    const common: NodeJS.ProcessEnv = {
      ...passedThrough(),
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: CLUSTER_NEXTAUTH_SECRET,
      // Declares the multi-instance set-up: the production start check accepts it because images go to S3.
      PORTAL_INSTANCES: String(webCount),
      RESEND_BASE_URL: emailSink.url,
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      ...s3.env,
      ...options.env,
    };

    const web: WebInstance[] = [];
    for (let index = 0; index < webCount; index += 1) {
      const port = options.basePort + 1 + index;
      const url = `http://localhost:${port}`;
      const processName = `web-${String.fromCharCode(97 + index)}`;
      const member = launch(processName, [path.join(REPO_ROOT, "scripts", "portal-server.mjs"), "--port", String(port)], dataDir, {
        ...common,
        NEXTAUTH_URL: options.publicUrl ?? url,
        // Web instances run no jobs: the worker processes do.
        JOBS_DISABLED: "1",
        RESEND_API_KEY: emailSink.apiKeyFor(processName),
        // With S3, each instance gets a local folder of its own: an image reaching another instance came through S3.
        UPLOADS_DIR: path.join(dataDir, `uploads-${processName}`),
      });
      managed.push(member);
      web.push(Object.assign(member.info, { url, port }));
    }
    const workers: ClusterProcess[] = [];
    for (let index = 0; index < workerCount; index += 1) {
      const processName = `worker-${index + 1}`;
      const member = launch(processName, ["--import", "tsx", path.join(REPO_ROOT, "scripts", "worker.ts")], dataDir, {
        ...common,
        NEXTAUTH_URL: options.publicUrl ?? web[0]?.url ?? "http://localhost",
        RESEND_API_KEY: emailSink.apiKeyFor(processName),
      });
      managed.push(member);
      workers.push(member.info);
    }
    for (const member of managed) {
      void member.exit.then(() => {
        // Not stopped by this harness: crashed, or killed by a test on purpose.
        const how = member.child.signalCode ?? `code ${member.child.exitCode}`;
        if (!member.expectedExit) log(`${member.info.name} exited (${how}); log: ${path.relative(REPO_ROOT, member.info.logFile)}`);
      });
    }

    await Promise.all(web.map((instance, index) => waitUntilReady(instance, managed[index]!, options.readyTimeoutMs ?? 120_000)));
    const deadWorker = workers.find((worker) => worker.exited);
    if (deadWorker) throw new Error(`${deadWorker.name} exited while starting:\n${tail(deadWorker.logFile)}`);
    log(`Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${web.map((instance) => instance.url).join(", ")}, ${workerCount} worker(s); logs in ${path.relative(REPO_ROOT, dataDir)}/`);

    return {
      webUrls: web.map((instance) => instance.url),
      web,
      workers,
      databaseUrl,
      s3,
      storage: { kind: "s3", directory: s3Directory, bucket: s3.bucket },
      emailSink,
      nextAuthSecret: CLUSTER_NEXTAUTH_SECRET,
      dataDir,
      async killWeb(index, signal = "SIGKILL") {
        const member = managed[index];
        if (!member || index >= webCount) throw new Error(`no web instance ${index}`);
        member.expectedExit = true;
        if (!member.info.exited) member.child.kill(signal);
        await member.exit;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function passedThrough(): Record<string, string> {
  return Object.fromEntries(PASSED_THROUGH.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]!]])));
}

function launch(name: string, args: string[], dataDir: string, env: NodeJS.ProcessEnv): Managed {
  const logFile = path.join(dataDir, `${name}.log`);
  const fd = openSync(logFile, "a");
  // The IPC channel is there only to close when this process dies, however it dies.
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", fd, fd, "ipc"] });
  closeSync(fd);
  // Neither the channel nor the child keeps this process alive: stop() is what waits for them.
  child.unref();
  child.channel?.unref();
  const info = { name, pid: child.pid ?? -1, logFile, exited: false };
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      info.exited = true;
      resolve();
    });
    child.once("error", () => {
      info.exited = true;
      resolve();
    });
  });
  return { info, child, exit, expectedExit: false };
}

async function stopProcess(member: Managed): Promise<void> {
  if (member.info.exited) return;
  member.child.kill("SIGTERM");
  const timer = setTimeout(() => member.child.kill("SIGKILL"), STOP_GRACE_MS);
  await member.exit;
  clearTimeout(timer);
}

/** Until /api/ready answers 200 (database, migrations, storage and job schema all reachable), as a load balancer would. */
async function waitUntilReady(instance: WebInstance, member: Managed, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const probe = "/api/ready";
  for (;;) {
    if (instance.exited) throw new Error(`${instance.name} exited while starting:\n${tail(instance.logFile)}`);
    const status = await fetch(`${instance.url}${probe}`, { redirect: "manual", signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) {
      member.expectedExit = true;
      throw new Error(`${instance.name} was not ready on ${instance.url}${probe} within ${timeoutMs / 1000} s (last status ${status}):\n${tail(instance.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
