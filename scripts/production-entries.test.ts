import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./lib/paths.ts";

// The start-up scripts refuse a declared production that lacks what it needs, before touching anything
// (the database URL points nowhere: reaching it would hang or fail differently). The web entry's own
// refusal (src/instrumentation.ts) needs a build: npm run test:container checks it in the image.
const tsx = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

function runEntry(script: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(NEXTAUTH_|PORTAL_|S3_|UPLOADTHING_|VITEST)/.test(name)));
  const result = spawnSync(process.execPath, [tsx, script], { cwd: REPO_ROOT, env: { ...clean, ...env } as NodeJS.ProcessEnv, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, stderr: result.stderr };
}

const DECLARED = { NODE_ENV: "production", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" };

describe.each([
  ["npm start", "scripts/start.ts", "[portal]"],
  ["npm run worker", "scripts/worker.ts", "[jobs]"],
])("%s in a declared production", (_label, script, prefix) => {
  it("exits 1 with one line per problem", () => {
    const { status, stderr } = runEntry(script, { ...DECLARED, NEXTAUTH_URL: "https://reviews.example.ru" });
    expect(status).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([`${prefix} refusing to start in production: ${"NEXTAUTH_SECRET is not set: every instance must sign sessions and codes with the same secret (e.g. `openssl rand -base64 32`)."}`]);
  });

  it("lists every problem at once", () => {
    const { status, stderr } = runEntry(script, { ...DECLARED, PORTAL_INSTANCES: "2", PORTAL_DEMO: "1" });
    expect(status).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.startsWith(`${prefix} refusing to start in production: `)).toBe(true);
  });
});
