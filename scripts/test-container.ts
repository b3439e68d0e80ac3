// `npm run test:container`: the image is real. Builds the Dockerfile with podman on this machine (no image
// registry reachable: the base is made from Debian packages with mmdebstrap and `podman import`, once),
// runs the migrate command and then the web command against the machine's PostgreSQL, waits for
// /api/ready = 200, checks that a declared production without NEXTAUTH_SECRET refuses to start, prints
// the timings and removes what it started.
//
// Environment: CONTAINER_TEST_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres),
// CONTAINER_TEST_PORT (default a free port), CONTAINER_TEST_DATABASE (default pow_container, or a unique
// name under CI), CONTAINER_BASE_IMAGE (default localhost/node-base, built when missing).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { dropDatabase, recreateDatabase } from "./lib/database-admin.ts";
import { REPO_ROOT } from "./lib/paths.ts";

const BASE_IMAGE = process.env.CONTAINER_BASE_IMAGE ?? "localhost/node-base";
const IMAGE = "localhost/carely-portal:test";
const ADMIN_URL = process.env.CONTAINER_TEST_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE = process.env.CONTAINER_TEST_DATABASE ?? (process.env.CI ? `container_${Date.now()}_${process.pid}` : "pow_container");
const CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
// rootful podman here runs containers with runc; builds and runs share the host's network (no bridge set up).
const RUN_FLAGS = ["--runtime", "runc", "--network", "host"];
const READY_TIMEOUT_MS = 120_000;

const log = (line: string) => console.log(`[container] ${line}`);
const timings: [string, number][] = [];
const containers: string[] = [];

function run(command: string, args: string[], options: { quiet?: boolean; allowFailure?: boolean } = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: "utf8", stdio: options.quiet ? "pipe" : ["ignore", "inherit", "inherit"], maxBuffer: 64 * 1024 * 1024 });
  const outcome = { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
  if (outcome.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.slice(0, 3).join(" ")}… failed with ${outcome.status}${options.quiet ? `: ${outcome.stderr.trim().slice(-2000)}` : ""}`);
  }
  return outcome;
}

async function timed<T>(label: string, step: () => T | Promise<T>): Promise<T> {
  const startedAt = Date.now();
  const result = await step();
  const seconds = (Date.now() - startedAt) / 1000;
  timings.push([label, seconds]);
  log(`${label}: ${seconds.toFixed(1)} s`);
  return result;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function ensureBaseImage(): string {
  if (run("podman", ["image", "exists", BASE_IMAGE], { quiet: true, allowFailure: true }).status === 0) return "cached";
  if (BASE_IMAGE !== "localhost/node-base") throw new Error(`base image ${BASE_IMAGE} not found`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "carely-node-base-"));
  try {
    const tar = path.join(dir, "base.tar");
    log("making the base image from Debian packages (mmdebstrap, once)…");
    // stdin closed: mmdebstrap reads apt sources from a non-terminal stdin otherwise.
    const made = spawnSync("mmdebstrap", ["--variant=minbase", "--include=ca-certificates,nodejs,npm", "trixie", tar, "http://deb.debian.org/debian"], { stdio: ["ignore", "inherit", "inherit"] });
    if (made.status !== 0) throw new Error(`mmdebstrap failed with ${made.status}`);
    run("podman", ["import", "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "--change", 'CMD ["node"]', tar, BASE_IMAGE], { quiet: true });
    return "built";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function buildImage(): void {
  const registry = spawnSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).stdout.trim() || "https://registry.npmjs.org/";
  const args = ["build", ...RUN_FLAGS, "--ulimit", "nproc=1024:1024", "--ulimit", "nofile=1024:1024"];
  // Docker format: OCI images drop HEALTHCHECK.
  args.push("--format", "docker", "--build-arg", `BASE_IMAGE=${BASE_IMAGE}`, "--build-arg", `NPM_REGISTRY=${registry}`);
  // The CA bundle as a build secret: mounted for npm's RUN steps only, never a layer of the image.
  if (existsSync(CA_BUNDLE)) args.push("--secret", `id=npm_ca,src=${CA_BUNDLE}`);
  args.push("-t", IMAGE, "-f", "Dockerfile", ".");
  run("podman", args);
}

function containerEnv(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([name, value]) => ["-e", `${name}=${value}`]);
}

async function waitForReady(url: string, name: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    const state = run("podman", ["inspect", "--format", "{{.State.Running}}", name], { quiet: true, allowFailure: true }).stdout.trim();
    if (state === "false") throw new Error(`the web container exited:\n${run("podman", ["logs", "--tail", "40", name], { quiet: true, allowFailure: true }).stderr}`);
    try {
      const response = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(5_000) });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status === 200) return body;
      last = `${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`/api/ready did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const base = await timed("base image", ensureBaseImage);
  log(`base image ${BASE_IMAGE}: ${base}`);
  await timed("podman build", buildImage);
  const size = run("podman", ["image", "inspect", "--format", "{{.Size}}", IMAGE], { quiet: true }).stdout.trim();
  log(`image ${IMAGE}: ${(Number(size) / 1024 / 1024).toFixed(0)} MB`);

  const databaseUrl = await recreateDatabase(ADMIN_URL, DATABASE);
  const port = Number(process.env.CONTAINER_TEST_PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  const productionEnv = {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://localhost:${port}`,
    PORT: String(port),
    JOBS_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
  try {
    await timed("migrate command", () => run("podman", ["run", "--rm", ...RUN_FLAGS, ...containerEnv(productionEnv), IMAGE, "node", "--import", "tsx", "scripts/db/migrate.ts"]));

    // A declared production (the image sets NODE_ENV=production) without its secret must refuse, in one line.
    const withoutSecret: Record<string, string> = { ...productionEnv };
    delete withoutSecret.NEXTAUTH_SECRET;
    const refused = run("podman", ["run", "--rm", ...RUN_FLAGS, ...containerEnv(withoutSecret), IMAGE], { quiet: true, allowFailure: true });
    const refusal = refused.stderr.split("\n").filter((line) => line.includes("refusing to start"));
    if (refused.status !== 1 || refusal.length !== 1 || !refusal[0]!.includes("NEXTAUTH_SECRET")) {
      throw new Error(`web without NEXTAUTH_SECRET should exit 1 with one line; got ${refused.status}:\n${refused.stdout}${refused.stderr}`);
    }
    log(`refused as it should: ${refusal[0]!.trim()}`);

    const name = `carely-container-test-${process.pid}`;
    containers.push(name);
    const webStartedAt = Date.now();
    run("podman", ["run", "-d", "--name", name, ...RUN_FLAGS, ...containerEnv(productionEnv), IMAGE], { quiet: true });
    const readiness = await waitForReady(url, name);
    timings.push(["web start → /api/ready 200", (Date.now() - webStartedAt) / 1000]);
    log(`web start → /api/ready 200: ${((Date.now() - webStartedAt) / 1000).toFixed(1)} s ${JSON.stringify(readiness.checks)}`);
    const health = run("podman", ["healthcheck", "run", name], { quiet: true, allowFailure: true });
    if (health.status !== 0) throw new Error(`the image's HEALTHCHECK failed: ${health.stdout}${health.stderr}`);
    log("HEALTHCHECK passes");
    const user = run("podman", ["exec", name, "node", "-e", "process.stdout.write(String(process.getuid()))"], { quiet: true }).stdout.trim();
    if (user === "0") throw new Error("the web process runs as root");
    log(`runs as uid ${user}`);

    const workerName = `carely-container-worker-${process.pid}`;
    containers.push(workerName);
    run("podman", ["run", "-d", "--name", workerName, ...RUN_FLAGS, ...containerEnv(productionEnv), IMAGE, "node", "--import", "tsx", "scripts/worker.ts"], { quiet: true });
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const workerRunning = run("podman", ["inspect", "--format", "{{.State.Running}}", workerName], { quiet: true }).stdout.trim();
    if (workerRunning !== "true") throw new Error(`the worker command exited:\n${run("podman", ["logs", "--tail", "40", workerName], { quiet: true, allowFailure: true }).stderr}`);
    log("worker command runs");
  } finally {
    for (const name of containers) run("podman", ["rm", "-f", "-t", "5", name], { quiet: true, allowFailure: true });
    await dropDatabase(ADMIN_URL, DATABASE).catch(() => undefined);
  }
  log(`passed in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${timings.map(([label, seconds]) => `${label} ${seconds.toFixed(1)} s`).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(`[container] FAILED: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
