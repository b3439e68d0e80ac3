import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { readFileSync } from "node:fs";

export const E2E_NEXTAUTH_SECRET = "e2e-secret-0123456789-0123456789-0123456789";

export interface PortalInstance {
  url: string;
  pid: number;
  /** Resident memory of the server process, in bytes (Linux /proc). */
  rssBytes(): number;
  stop(): Promise<void>;
}

/**
 * Another portal process on the production build the suite's web server made, on the same database: for
 * attacks that need a configuration of their own (TRUST_PROXY) or the server's own memory figures.
 */
export async function startPortalInstance(port: number, env: Record<string, string> = {}): Promise<PortalInstance> {
  const root = path.resolve(import.meta.dirname, "..", "..", "..");
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts", "portal-server.mjs"), "--port", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: `http://localhost:${port}`,
      PORTAL_DEMO: "1",
      // A local run of the production build (the demo outbox is on): exempt from the production check.
      PORTAL_LOCAL_RUN: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`portal instance on ${port} exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/login`).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`portal instance on ${port} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid!,
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) * 1024,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
