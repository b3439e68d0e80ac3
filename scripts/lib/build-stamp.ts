import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths.ts";

// What goes into the production build: when none of it changed, `npm start` reuses .next/.
const BUILD_INPUTS = ["src", "emails", "public", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const STAMP_FILE = path.join(REPO_ROOT, ".next", "portal-build-stamp");

function* files(entry: string): Generator<string> {
  const full = path.join(REPO_ROOT, entry);
  if (!existsSync(full)) return;
  const stat = statSync(full);
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const child of readdirSync(full).sort()) {
    if (child === "generated" && entry === "src") continue; // regenerated from schema.prisma, hashed via it
    yield* files(path.join(entry, child));
  }
}

export function buildInputsHash(): string {
  const hash = createHash("sha256");
  for (const input of BUILD_INPUTS) {
    for (const file of files(input)) {
      hash.update(file).update("\0").update(readFileSync(path.join(REPO_ROOT, file))).update("\0");
    }
  }
  return hash.digest("hex");
}

export function isBuildFresh(hash: string): boolean {
  if (!existsSync(path.join(REPO_ROOT, ".next", "BUILD_ID"))) return false;
  try {
    return readFileSync(STAMP_FILE, "utf8").trim() === hash;
  } catch {
    return false;
  }
}

export function writeBuildStamp(hash: string): void {
  writeFileSync(STAMP_FILE, `${hash}\n`);
}

/**
 * `next build` with NODE_ENV=production, then the stamp of the inputs it was built from. The hash is taken
 * before the build, so a source edited during it makes the next start build again. Returns the exit code.
 */
export function runProductionBuild(options: { env: NodeJS.ProcessEnv }): number {
  const hash = buildInputsHash();
  const nextBin = path.join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: REPO_ROOT, env: { ...options.env, NODE_ENV: "production" }, stdio: "inherit" });
  if (build.status !== 0) return build.status ?? 1;
  writeBuildStamp(hash);
  return 0;
}
