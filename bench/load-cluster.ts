// The two-instance set-up bench:load drives when it is given no --url: one database on the machine's
// PostgreSQL (recreated, migrated, demo data seeded), two web instances from the production build
// (scripts/portal-server.mjs, TRUST_PROXY=1, JOBS_DISABLED=1) sharing one NEXTAUTH_SECRET and one uploads
// directory, and one job worker (scripts/worker.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { recreateDatabase } from "../scripts/lib/database-admin.ts";
import { applyMigrations } from "../scripts/lib/migrations.ts";
import { seedDemoData } from "../scripts/lib/seed.ts";
import { REPO_ROOT } from "./lib.ts";

export interface LoadCluster {
  webUrls: string[];
  databaseUrl: string;
  /** The processes to account CPU time to (bench/load-cpu.ts). */
  processes: { name: string; pid: number }[];
  stop(): Promise<void>;
}

export async function startLoadCluster(options: {
  basePort: number;
  adminDatabaseUrl: string;
  databaseName: string;
  webInstances: number;
  log: (line: string) => void;
}): Promise<LoadCluster> {
  const { log } = options;
  if (!existsSync(path.join(REPO_ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const databaseUrl = await recreateDatabase(options.adminDatabaseUrl, options.databaseName);
  await applyMigrations(databaseUrl, { log: () => undefined });
  await seedDemoData(databaseUrl, () => undefined);
  log(`database ${options.databaseName}: recreated, migrated, demo data seeded`);

  const uploadsDir = path.join(REPO_ROOT, ".data", `bench-load-uploads-${options.basePort}`);
  rmSync(uploadsDir, { recursive: true, force: true });
  mkdirSync(uploadsDir, { recursive: true });
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    UPLOADS_DIR: uploadsDir,
    // The bench stands in for a reverse proxy: it sends each virtual user's address in X-Forwarded-For.
    TRUST_PROXY: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
  };
  const children: ChildProcess[] = [];
  const processes: { name: string; pid: number }[] = [];
  const spawnChild = (label: string, args: string[], env: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    // What reaches the bench's output, each line naming its process: stderr, and the JSON log lines of stdout
    // (warnings and errors at LOG_LEVEL=warn) — not the development SMS sender's echo of every code.
    const forward = (jsonOnly: boolean) => (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line.trim() && (!jsonOnly || line.startsWith("{"))) process.stderr.write(`[${label}] ${line}\n`);
      }
    };
    child.stdout?.on("data", forward(true));
    child.stderr?.on("data", forward(false));
    children.push(child);
    if (child.pid) processes.push({ name: label, pid: child.pid });
    return child;
  };

  const webUrls: string[] = [];
  for (let i = 0; i < options.webInstances; i += 1) {
    const port = options.basePort + 1 + i;
    const url = `http://127.0.0.1:${port}`;
    spawnChild(`web${i + 1}`, ["scripts/portal-server.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
      ...shared,
      NEXTAUTH_URL: url,
      JOBS_DISABLED: "1",
    });
    webUrls.push(url);
  }
  spawnChild("worker", [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/worker.ts"], shared);

  const stop = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  };
  try {
    const deadline = Date.now() + 120_000;
    for (const url of webUrls) {
      for (;;) {
        const dead = children.find((child) => child.exitCode !== null);
        if (dead) throw new Error(`a cluster process exited with code ${dead.exitCode}`);
        const ok = await fetch(`${url}/login`).then((response) => response.ok, () => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`${url} did not answer within 2 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  log(`cluster up: ${webUrls.join(", ")} and one worker`);
  return { webUrls, databaseUrl, processes, stop };
}
