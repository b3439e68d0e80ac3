import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every module under src/server keeps the browser out: it imports `server-only`, so a client component that
// pulls it in fails the build, or its first comment says why it cannot (plain Node scripts, the QR worker
// and the portal's own HTTP server load some of these files without the hook that makes `server-only` safe).

const SERVER_ROOT = path.join(import.meta.dirname);
const SOURCE_FILE = /\.(ts|tsx|mts|mjs)$/;
const NOT_SOURCE = /\.test\.tsx?$|\.type-test\.ts$|\.d\.mts$|\.d\.ts$/;
const IMPORTS_SERVER_ONLY = /^import "server-only";$/m;
const EXPLAINS_WHY_NOT = /not `server-only`/i;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE_FILE.test(entry.name) && !NOT_SOURCE.test(entry.name) ? [full] : [];
  });
}

/** The file's first comment: a run of `//` lines (a lone `// @ts-check` does not count) or one block comment. */
function firstComment(source: string): string {
  const lines = source.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line.startsWith("/*")) {
      const end = source.indexOf("*/", source.indexOf(lines[index]!));
      return source.slice(source.indexOf(lines[index]!), end + 2);
    }
    if (line.startsWith("//") && line !== "// @ts-check") {
      const run: string[] = [];
      for (let next = index; next < lines.length && lines[next]!.trim().startsWith("//"); next++) run.push(lines[next]!);
      return run.join("\n");
    }
  }
  return "";
}

describe("src/server keeps to the server", () => {
  it("finds the server's files", () => {
    expect(sourceFiles(SERVER_ROOT).length).toBeGreaterThan(200);
  });

  it("has every file import server-only or say in its first comment why not", () => {
    const offenders = sourceFiles(SERVER_ROOT)
      .filter((file) => {
        const source = readFileSync(file, "utf8");
        return !IMPORTS_SERVER_ONLY.test(source) && !EXPLAINS_WHY_NOT.test(firstComment(source));
      })
      .map((file) => path.relative(path.join(SERVER_ROOT, "../.."), file));
    expect(offenders, "add `import \"server-only\";`, or a first comment saying why the file is \"not `server-only`\"").toEqual([]);
  });

  it("reads a file's first comment, past // @ts-check", () => {
    expect(firstComment('// @ts-check\n// Not `server-only`: a worker.\nimport x from "x";')).toContain("Not `server-only`");
    expect(firstComment('import { z } from "zod";\n\n/**\n * Pure (not `server-only`).\n */\nexport const a = 1;')).toContain("not `server-only`");
    expect(firstComment("export const a = 1; // not `server-only`")).toBe("");
  });
});
