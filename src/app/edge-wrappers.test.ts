import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every way into the portal goes through its one wrapper: server actions are `defineAction`, route
 * handlers are `defineRoute` (src/server/http). They check the role, parse the input, apply the limits, map
 * errors and log one line; a hand-written action or handler skips some of that without anyone noticing.
 * This test reads the sources under src/app (no database, nothing imported) and names what breaks the rule.
 */

const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
/** The pieces of a hand-written action or handler: the wrappers call them so that src/app need not. */
const HAND_WRITTEN = new Set(["toActionError", "jsonError", "requireActorRole"]);
const SOURCE_FILE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const TEST_FILE = /\.(test|spec)\.(ts|tsx|js|jsx|mjs|cjs)$/;
const ROUTE_FILE = /^route\.(ts|tsx|js|jsx|mjs|cjs)$/;

interface Violation {
  file: string;
  line: number;
  rule: "action" | "route" | "hand-written";
  message: string;
}

/** The violations in one source file of src/app; `file` is its path (its name decides whether it is a route). */
function checkEdgeSource(file: string, source: string): Violation[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, /\.(tsx|jsx)$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const violations: Violation[] = [];
  const report = (node: ts.Node, rule: Violation["rule"], message: string) => {
    violations.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1, rule, message });
  };

  // (a) A file with a "use server" directive, at its top or inside a function, exports only defineAction calls.
  const moduleDirective = hasUseServer(sourceFile.statements);
  const inlineDirectives: ts.Node[] = [];
  const visitFunctions = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body) && hasUseServer(node.body.statements)) inlineDirectives.push(node);
    ts.forEachChild(node, visitFunctions);
  };
  visitFunctions(sourceFile);
  for (const node of inlineDirectives) report(node, "action", 'an inline "use server" function is a server action outside defineAction: export it from an actions file as `export const xAction = defineAction({...})`');
  if (moduleDirective || inlineDirectives.length > 0) {
    for (const statement of sourceFile.statements) {
      for (const problem of serverExportProblems(statement)) report(statement, "action", problem);
    }
  }

  // (b) A route file exports its HTTP methods only as defineRoute calls.
  if (ROUTE_FILE.test(path.basename(file))) {
    for (const statement of sourceFile.statements) {
      for (const problem of routeExportProblems(statement)) report(statement, "route", problem);
    }
  }

  // (c) No hand-written blocks: the wrappers do the role check and the error mapping.
  const visitCalls = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name && HAND_WRITTEN.has(name)) report(node, "hand-written", `${name}() is the wrapper's job (defineAction / defineRoute)`);
    }
    if (ts.isImportSpecifier(node) && HAND_WRITTEN.has((node.propertyName ?? node.name).text)) {
      report(node, "hand-written", `imports ${(node.propertyName ?? node.name).text}: the wrappers check roles and map errors`);
    }
    ts.forEachChild(node, visitCalls);
  };
  visitCalls(sourceFile);

  return violations;
}

function hasUseServer(statements: ts.NodeArray<ts.Statement>): boolean {
  // The directive prologue: the string-literal statements a body starts with.
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use server") return true;
  }
  return false;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

function isTypeOnly(statement: ts.Statement): boolean {
  return ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || (ts.isExportDeclaration(statement) && statement.isTypeOnly);
}

function isCallOf(expression: ts.Expression | undefined, callee: string): boolean {
  return Boolean(expression && ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === callee);
}

function calleeName(expression: ts.Expression): string | null {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return null;
}

/** What a "use server" file's statement exports other than `export const <name> = defineAction(...)`. */
function serverExportProblems(statement: ts.Statement): string[] {
  if (isTypeOnly(statement)) return [];
  if (ts.isExportAssignment(statement)) return ["`export default` in a server action file: export `const xAction = defineAction({...})`"];
  if (ts.isExportDeclaration(statement)) return ["`export {…}` / `export * from` in a server action file: export each action as `export const xAction = defineAction({...})`"];
  if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return [];
  if (ts.isVariableStatement(statement)) {
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    return statement.declarationList.declarations.flatMap((declaration) => {
      const name = ts.isIdentifier(declaration.name) ? declaration.name.text : declaration.name.getText();
      return isConst && ts.isIdentifier(declaration.name) && isCallOf(declaration.initializer, "defineAction")
        ? []
        : [`exports ${name} not as \`export const ${name} = defineAction({...})\``];
    });
  }
  const name = (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name ? statement.name.text : "something";
  if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) return [`\`export default\` ${name} in a server action file: export \`const xAction = defineAction({...})\``];
  return [`exports ${name} (a hand-written ${ts.isFunctionDeclaration(statement) ? "function" : "declaration"}) instead of \`export const ${name} = defineAction({...})\``];
}

/** What a route file's statement exports as an HTTP method other than `export const <METHOD> = defineRoute(...)`. */
function routeExportProblems(statement: ts.Statement): string[] {
  if (isTypeOnly(statement)) return [];
  if (ts.isExportDeclaration(statement)) {
    if (!statement.exportClause) return ["`export * from` in a route file may export HTTP methods unchecked: export `const GET = defineRoute({...})`"];
    if (ts.isNamespaceExport(statement.exportClause)) return [];
    return statement.exportClause.elements
      .filter((element) => !element.isTypeOnly && HTTP_METHODS.has(element.name.text))
      .map((element) => `exports ${element.name.text} through \`export {…}\` instead of \`export const ${element.name.text} = defineRoute({...})\``);
  }
  if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return [];
  if (ts.isVariableStatement(statement)) {
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    return statement.declarationList.declarations.flatMap((declaration) => {
      if (!ts.isIdentifier(declaration.name) || !HTTP_METHODS.has(declaration.name.text)) return [];
      const method = declaration.name.text;
      return isConst && isCallOf(declaration.initializer, "defineRoute") ? [] : [`exports ${method} not as \`export const ${method} = defineRoute({...})\``];
    });
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name && HTTP_METHODS.has(statement.name.text)) {
    return [`exports ${statement.name.text} as a hand-written function instead of \`export const ${statement.name.text} = defineRoute({...})\``];
  }
  return [];
}

/** Every source file under `dir`, tests left out (they script sessions and quote the bad forms on purpose). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE_FILE.test(entry.name) && !TEST_FILE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const APP_DIR = import.meta.dirname;
const repoRoot = path.resolve(APP_DIR, "../..");

function checkTree(): Violation[] {
  return sourceFiles(APP_DIR).flatMap((file) => checkEdgeSource(path.relative(repoRoot, file), readFileSync(file, "utf8")));
}

const describeViolations = (violations: Violation[]) =>
  [...violations].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line).map((violation) => `${violation.file}:${violation.line} ${violation.message}`);
const isRouteFile = (violation: Violation) => ROUTE_FILE.test(path.basename(violation.file));

describe("src/app goes through the edge wrappers", () => {
  const violations = checkTree();

  it("has the server actions to check", () => {
    const actionFiles = sourceFiles(APP_DIR).filter((file) => hasUseServer(ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true).statements));
    expect(actionFiles.length).toBeGreaterThan(10);
  });

  it('exports every server action as `export const xAction = defineAction(...)`, with no hand-written blocks outside route files', () => {
    expect(describeViolations(violations.filter((violation) => !isRouteFile(violation)))).toEqual([]);
  });

  it("exports every route handler as `export const GET = defineRoute(...)`, with no hand-written blocks in route files", () => {
    expect(describeViolations(violations.filter(isRouteFile))).toEqual([]);
  });
});

describe("checkEdgeSource", () => {
  const rulesOf = (file: string, source: string) => checkEdgeSource(file, source).map((violation) => violation.rule);

  const goodActions = `"use server";
import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { defineAction } from "@/server/http/define-action";
import { foo, fooInput } from "@/server/domain/foo";

/** Helpers stay private; types may be exported (they are erased). */
const limits = [];
function revalidateFoo() { revalidatePath("/foo"); }
export type FooResult = { ok: true };

export const fooAction = defineAction({
  name: "foo",
  roles: AREA_ROLES.admin,
  input: fooInput,
  run: async ({ actor, input }) => { const result = await foo(actor, input); revalidateFoo(); return result; },
});
export const barAction = defineAction({ name: "bar", roles: "public", input: fooInput, run: async () => null });
`;

  it("passes a server action file that exports only defineAction calls", () => {
    expect(checkEdgeSource("src/app/foo/actions.ts", goodActions)).toEqual([]);
  });

  it("passes a route file whose methods are defineRoute calls, with its other exports", () => {
    const source = `import { defineRoute } from "@/server/http/define-route";
export const dynamic = "force-dynamic";
export const GET = defineRoute({ name: "foo", roles: "public", run: async () => new Response("ok") });
export const POST = defineRoute({ name: "foo", roles: ["ADMIN"], run: async () => new Response("ok") });
function helper() {}
export { helper as notAMethod };
`;
    expect(checkEdgeSource("src/app/api/foo/route.ts", source)).toEqual([]);
  });

  it("passes pages and components that mention the forbidden names only in text", () => {
    const source = `// toActionError(error, "x") was the old way; "use server" is in actions files.
export default function Page() { return <p>{"requireActorRole(roles)"} jsonError</p>; }
`;
    expect(checkEdgeSource("src/app/foo/page.tsx", source)).toEqual([]);
  });

  it.each([
    ["an exported async function", `"use server";\nexport async function fooAction(input: unknown) { return { ok: true, data: input }; }`],
    ["an exported arrow function", `"use server";\nexport const fooAction = async (input: unknown) => ({ ok: true, data: input });`],
    ["another wrapper", `"use server";\nexport const fooAction = withRole(defineAction({ name: "foo" }));`],
    ["a cast defineAction", `"use server";\nexport const fooAction = defineAction({ name: "foo" }) as Action;`],
    ["a let", `'use server';\nexport let fooAction = defineAction({ name: "foo" });`],
    ["export {…}", `"use server";\nconst fooAction = defineAction({ name: "foo" });\nexport { fooAction };`],
    ["export * from", `"use server";\nexport * from "./other-actions";`],
    ["export default", `"use server";\nexport default async function save() {}`],
    ["export default of a value", `"use server";\nexport default defineAction({ name: "foo" });`],
  ])("fails a server action file with %s", (_what, source) => {
    expect(rulesOf("src/app/foo/actions.ts", source)).toContain("action");
  });

  it("fails a component with an inline server action, whatever its file exports", () => {
    const source = `export default function Page() {
  async function save(form: FormData) {
    "use server";
    await db.thing.create({ data: { name: String(form.get("name")) } });
  }
  return <form action={save} />;
}
`;
    const violations = checkEdgeSource("src/app/foo/page.tsx", source);
    expect(violations.map((violation) => violation.rule)).toEqual(["action", "action"]);
    expect(violations.map((violation) => violation.line)).toEqual([2, 1]);
  });

  it("does not take a string statement after the prologue for a directive", () => {
    expect(checkEdgeSource("src/app/foo/page.tsx", `import x from "y";\n"use server";\nexport default function Page() { return null; }`)).toEqual([]);
  });

  it.each([
    ["an exported async function", `export async function GET(request: Request) { return new Response("ok"); }`],
    ["an exported function", `export function POST() { return new Response("ok"); }`],
    ["a handler renamed by export {…}", `function handler() {}\nexport { handler as GET, handler as POST };`],
    ["a method re-exported from elsewhere", `export { GET } from "./handlers";`],
    ["export * from", `export * from "./handlers";`],
    ["a const that is not defineRoute", `export const DELETE = async () => new Response(null, { status: 204 });`],
    ["another wrapper around defineRoute", `export const PATCH = withAuth(defineRoute({ name: "x" }));`],
  ])("fails a route file with %s", (_what, source) => {
    expect(rulesOf("src/app/api/foo/route.ts", source)).toContain("route");
  });

  it("checks the method exports of route files only", () => {
    expect(checkEdgeSource("src/app/api/foo/handlers.ts", `export async function GET() { return new Response("ok"); }`)).toEqual([]);
  });

  it.each([
    ["toActionError", `import { toActionError } from "@/server/errors";\nexport function save() { try { run(); } catch (error) { return toActionError(error, "save"); } }`],
    ["jsonError", `import { jsonError } from "@/server/http/json-response";\nexport function handle(error: unknown) { return jsonError(error, "x"); }`],
    ["requireActorRole", `import { AREA_ROLES, requireActorRole } from "@/server/auth/session";\nexport async function load() { return requireActorRole(AREA_ROLES.admin); }`],
    ["requireActorRole through a namespace", `import * as session from "@/server/auth/session";\nexport async function load() { return session.requireActorRole(["ADMIN"]); }`],
    ["an aliased import", `import { requireActorRole as check } from "@/server/auth/session";\nexport const load = () => check(["ADMIN"]);`],
  ])("fails any file in src/app calling or importing %s", (_what, source) => {
    expect(rulesOf("src/app/foo/page.tsx", source)).toContain("hand-written");
  });

  it("fails the old hand-written action on every count", () => {
    const source = `"use server";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { type ActionResult, toActionError } from "@/server/errors";
export async function fooAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    return { ok: true, data: await foo(actor, fooInput.parse(input)) };
  } catch (error) {
    return toActionError(error, "foo");
  }
}
`;
    expect(checkEdgeSource("src/app/foo/actions.ts", source).map((violation) => `${violation.line} ${violation.rule}`)).toEqual([
      "4 action",
      "2 hand-written",
      "3 hand-written",
      "6 hand-written",
      "9 hand-written",
    ]);
  });
});
