import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it, vi } from "vitest";
import { UserRole } from "@/generated/prisma/enums";
import { AREA_ROLES } from "@/server/auth/area-roles";
import type { Actor } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { PRIVACY_ROLES } from "./privacy/privacy-actor";

/**
 * Every domain verb typed with a role-specific actor (src/server/auth/assert-role.ts) checks the role at run
 * time too, as its first statement: called with an actor of any role its type refuses (cast past the types,
 * as a future caller might), it throws FORBIDDEN before it reads anything. The verbs are found by reading the
 * sources under src/server/domain, so a new one is checked without being listed here; one the test cannot
 * call, or an actor type it does not know, fails it. The database is out of reach: any use of it throws.
 */

vi.mock("@/server/db/client", () => ({
  db: new Proxy(
    {},
    {
      get(_target, property) {
        throw new Error(`touched the database (db.${String(property)}) before checking the role`);
      },
    },
  ),
}));

/** The actor types a verb may take, with the roles they admit and the expression its first statement checks them with. */
const ROLE_ACTOR_TYPES: Record<string, { roles: readonly UserRole[]; check: string }> = {
  ShopperActor: { roles: AREA_ROLES.cabinet, check: "AREA_ROLES.cabinet" },
  ModeratorActor: { roles: AREA_ROLES.moderation, check: "AREA_ROLES.moderation" },
  StaffActor: { roles: AREA_ROLES.staff, check: "AREA_ROLES.staff" },
  AdminActor: { roles: AREA_ROLES.admin, check: "AREA_ROLES.admin" },
  PrivacyActor: { roles: PRIVACY_ROLES, check: "PRIVACY_ROLES" },
};

/** Areas that serve staff only: their verbs take a role-specific actor, never a plain `Actor`. */
const STAFF_AREAS = ["admin", "calendar", "catalogue", "figures", "fulfilment", "moderation", "outbox", "templates"];

const DOMAIN_DIR = import.meta.dirname;
const TEST_FILE = /\.(test|type-test)\.ts$/;

interface StaffVerb {
  /** Path from src/server/domain, and the exported name. */
  file: string;
  name: string;
  actorType: string;
  actorIndex: number;
  parameterCount: number;
  /** Why the verb breaks the rule as written (not checked first, or with other roles); null when it keeps it. */
  sourceProblem: string | null;
}

function domainFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return domainFiles(full);
    return entry.name.endsWith(".ts") && !TEST_FILE.test(entry.name) ? [full] : [];
  });
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

type FunctionNode = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

/** The exported functions of a module: declarations and `export const x = (…) => …` / `function (…) {…}`. */
function exportedFunctions(sourceFile: ts.SourceFile): { name: string; fn: FunctionNode }[] {
  return sourceFile.statements.flatMap((statement): { name: string; fn: FunctionNode }[] => {
    if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement)) return [{ name: statement.name.text, fn: statement }];
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      return statement.declarationList.declarations.flatMap((declaration) => {
        const init = declaration.initializer;
        return ts.isIdentifier(declaration.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? [{ name: declaration.name.text, fn: init }] : [];
      });
    }
    return [];
  });
}

/** The first statement must be `assertActorRole(<actor parameter>, <the type's roles>)`. */
function firstStatementProblem(fn: FunctionNode, actorName: string, check: string, sourceFile: ts.SourceFile): string | null {
  const expected = `assertActorRole(${actorName}, ${check})`;
  const first = fn.body && ts.isBlock(fn.body) ? fn.body.statements[0] : undefined;
  const text = first && ts.isExpressionStatement(first) ? first.expression.getText(sourceFile) : null;
  return text === expected ? null : `its first statement is ${text ? `\`${text}\`` : "not a call"}, not \`${expected}\``;
}

function scanDomain(): { verbs: StaffVerb[]; problems: string[] } {
  const verbs: StaffVerb[] = [];
  const problems: string[] = [];
  for (const full of domainFiles(DOMAIN_DIR)) {
    const file = path.relative(DOMAIN_DIR, full);
    const sourceFile = ts.createSourceFile(full, readFileSync(full, "utf8"), ts.ScriptTarget.Latest, true);
    const staffArea = STAFF_AREAS.includes(file.split(path.sep)[0]!);
    for (const { name, fn } of exportedFunctions(sourceFile)) {
      fn.parameters.forEach((parameter, index) => {
        const type = parameter.type?.getText(sourceFile);
        if (!type || !/Actor\b/.test(type)) return;
        const where = `${file} ${name}(), parameter ${index + 1} (${type})`;
        if (type === "Actor") {
          if (staffArea) problems.push(`${where}: a staff area's verb takes a role-specific actor (src/server/auth/assert-role.ts)`);
          return;
        }
        const known = ROLE_ACTOR_TYPES[type];
        if (!known || !ts.isIdentifier(parameter.name)) {
          problems.push(`${where}: an actor type this test cannot call the verb with; add it to ROLE_ACTOR_TYPES`);
          return;
        }
        verbs.push({
          file,
          name,
          actorType: type,
          actorIndex: index,
          parameterCount: fn.parameters.length,
          sourceProblem: firstStatementProblem(fn, parameter.name.text, known.check, sourceFile),
        });
      });
    }
  }
  return { verbs, problems };
}

function actorWithRole(role: UserRole): Actor {
  return { id: 1, role, phone: "+79000000000", email: "someone@example.test", name: "Кто-то" };
}

/** How the verb answers `actor` in its actor's place, with empty input elsewhere: the error's code, or what else happened. */
async function outcomeOf(verb: StaffVerb, fn: (...args: unknown[]) => unknown, actor: Actor): Promise<string> {
  const args: unknown[] = Array.from({ length: verb.parameterCount }, () => ({}));
  args[verb.actorIndex] = actor;
  try {
    await fn(...args);
    return "no error";
  } catch (error) {
    return error instanceof AppError ? error.code : `${error instanceof Error ? error.message : String(error)}`;
  }
}

describe("staff verbs check the role at run time too", () => {
  const { verbs, problems } = scanDomain();

  it("finds the staff verbs, and every actor-typed export is one it can call", () => {
    // Every area's verbs are found (the scan would otherwise pass by finding nothing).
    const areas = new Set(verbs.map((verb) => verb.file.split(path.sep)[0]));
    for (const area of [...STAFF_AREAS, "privacy", "receipt-checks", "orders"]) expect(areas, `no verb found in ${area}`).toContain(area);
    expect(verbs.length).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it("checks the role as the first statement, with the roles its actor type admits", () => {
    expect(verbs.filter((verb) => verb.sourceProblem).map((verb) => `${verb.file} ${verb.name}(): ${verb.sourceProblem}`)).toEqual([]);
  });

  it("refuses every role its actor type does not admit with FORBIDDEN, before anything else", async () => {
    const failures: string[] = [];
    for (const verb of verbs) {
      const exports = (await import(/* @vite-ignore */ path.join(DOMAIN_DIR, verb.file))) as Record<string, unknown>;
      const fn = exports[verb.name];
      if (typeof fn !== "function") {
        failures.push(`${verb.file} ${verb.name}: not a function at run time`);
        continue;
      }
      const admitted = ROLE_ACTOR_TYPES[verb.actorType]!.roles;
      for (const role of Object.values(UserRole).filter((role) => !admitted.includes(role))) {
        const outcome = await outcomeOf(verb, fn as (...args: unknown[]) => unknown, actorWithRole(role));
        if (outcome !== "FORBIDDEN") failures.push(`${verb.file} ${verb.name}(${role}): ${outcome}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
