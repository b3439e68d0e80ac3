import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The docs name files so a reader can open them; a moved or renamed file must not leave a dead name behind.
// Every backticked repository path in docs/**/*.md and in the README has to exist.

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
const DOCS_DIR = path.join(REPO_ROOT, "docs");

/** Top-level folders whose paths the docs name; a backticked token starting with one of them is a path. */
const TOP_LEVEL_DIRS = ["src", "scripts", "tests", "bench", "prisma", "emails", "docs", "deploy", "public", ".ci"];
/** Files at the repository's root, named on their own. */
const ROOT_FILES = [
  "README.md",
  "Dockerfile",
  "compose.yaml",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "vitest.config.ts",
  "playwright.config.ts",
  "playwright.cluster.config.ts",
  "eslint.config.mjs",
  "next.config.js",
  "postcss.config.mjs",
  "prisma.config.ts",
  ".dockerignore",
  ".gitignore",
];

/** A segment holding one of these is a pattern or a placeholder (`*.test.ts`, `<area>`, `{a,b}`, `…`), not a name. */
const PATTERN = /[*<>{}]|…|\.\.\./;

const startsWithTopLevelDir = new RegExp(`^(?:${TOP_LEVEL_DIRS.map((dir) => dir.replace(".", "\\.")).join("|")})/`);

/** Markdown without its fenced code blocks: only inline code spans name paths. */
function withoutFencedBlocks(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
}

/** Every token inside an inline code span that looks like a repository path, as written. */
export function backtickedPaths(markdown: string): string[] {
  const found: string[] = [];
  for (const [, span] of withoutFencedBlocks(markdown).matchAll(/`([^`\n]+)`/g)) {
    for (const raw of span!.split(/\s+/)) {
      // Punctuation a sentence or a command puts around a path, and a `:line` suffix.
      const token = raw.replace(/^[("'[]+/, "").replace(/[)"',;:.]+$/, "").replace(/:\d+$/, "");
      if (startsWithTopLevelDir.test(token) || ROOT_FILES.includes(token)) found.push(token);
    }
  }
  return found;
}

/**
 * Whether a path exists: a file or a folder (a trailing `/` allowed). For a pattern, the folder before its first
 * pattern segment must exist (`src/server/domain/<area>/` → `src/server/domain`).
 */
export function pathExists(relative: string, root = REPO_ROOT): boolean {
  const segments = relative.replace(/\/+$/, "").split("/");
  const firstPattern = segments.findIndex((segment) => PATTERN.test(segment));
  const concrete = firstPattern === -1 ? segments : segments.slice(0, firstPattern);
  if (concrete.length === 0) return false;
  return existsSync(path.join(root, ...concrete));
}

/** The Markdown files under a folder, at any depth. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith(".md") ? [full] : [];
  });
}

describe("the paths the docs name", () => {
  // The README names files too.
  const files = [...markdownFiles(DOCS_DIR), path.join(REPO_ROOT, "README.md")];

  it("finds the docs and the paths in them", () => {
    expect(files.map((file) => path.relative(REPO_ROOT, file))).toContain(path.join("docs", "architecture.md"));
    // A broken extractor would pass the check below vacuously.
    expect(backtickedPaths(readFileSync(path.join(DOCS_DIR, "architecture.md"), "utf8")).length).toBeGreaterThan(100);
  });

  it("names only files and folders that exist", () => {
    const missing = files.flatMap((file) => {
      const doc = path.relative(REPO_ROOT, file);
      return [...new Set(backtickedPaths(readFileSync(file, "utf8")))].filter((name) => !pathExists(name)).map((name) => `${doc}: ${name}`);
    });
    expect(missing, `These paths are named in the docs but do not exist (moved or renamed? fix the docs):\n${missing.join("\n")}\n`).toEqual([]);
  });
});

describe("backtickedPaths and pathExists", () => {
  it("takes paths out of code spans, commands included, and leaves other code alone", () => {
    const markdown = [
      "See `src/server/domain/moderation/decide-request-part.ts`, and run `npx tsx scripts/pickup-points/x.ts --flag`.",
      "Not paths: `/cabinet/requests`, `npm test`, `images/<id>/full.webp`, `carely_device`; root file: `compose.yaml`.",
      "```bash\nnpm run lint src/not/checked.ts\n```",
      "Placeholders: `src/server/domain/<area>/` and `tests/fixtures/receipts/*.png`.",
    ].join("\n");
    expect(backtickedPaths(markdown)).toEqual([
      "src/server/domain/moderation/decide-request-part.ts",
      "scripts/pickup-points/x.ts",
      "compose.yaml",
      "src/server/domain/<area>/",
      "tests/fixtures/receipts/*.png",
    ]);
  });

  it("checks files, folders and the folder part of a pattern", () => {
    expect(pathExists("src/server/domain/moderation/decide-request-part.ts")).toBe(true);
    expect(pathExists("src/server/domain/")).toBe(true);
    expect(pathExists("src/server/domain/<area>/")).toBe(true);
    expect(pathExists("src/app/moderation/requests/[id]/page.tsx")).toBe(true);
    expect(pathExists("tests/fixtures/receipts/*.png")).toBe(true);
    expect(pathExists("src/server/domain/no-such-area/verb.ts")).toBe(false);
    expect(pathExists("src/no-such-folder/<area>/")).toBe(false);
  });
});
