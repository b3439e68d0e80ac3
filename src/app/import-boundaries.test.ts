import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The lint rule that keeps pages, actions and components off the database (eslint.config.mjs): it must
// refuse a runtime import of the Prisma client and let type imports through.
const root = path.resolve(import.meta.dirname, "..", "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function boundaryErrors(source: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === "@typescript-eslint/no-restricted-imports").map((message) => message.message);
}

describe("import boundaries", () => {
  it.each([
    ['import { db } from "@/server/db/client";', "src/app/x/page.tsx"],
    ['import { db } from "../../../server/db/client";', "src/app/x/y/page.tsx"],
    ['import { UserRole } from "@/generated/prisma/enums";', "src/app/x/actions.ts"],
    ['import { Prisma } from "@/generated/prisma/client";', "src/components/x.tsx"],
    ['import { PrismaClient } from "@/generated/prisma";', "src/components/x.tsx"],
    ['export { db } from "@/server/db/client";', "src/app/x/route.ts"],
  ])("refuses %s in %s", async (source, filePath) => {
    const errors = await boundaryErrors(`${source}\nexport const used = 1;\n`, filePath);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Pages and actions go through domain functions in src/server/domain");
  });

  it.each([
    ['import type { UserRole } from "@/generated/prisma/enums";', "src/app/x/page.tsx"],
    ['import { type Carrier } from "@/generated/prisma/enums";', "src/components/x.tsx"],
    ['import type { Db } from "@/server/db/client";', "src/app/x/page.tsx"],
  ])("lets the type import %s in %s through", async (source, filePath) => {
    expect(await boundaryErrors(source, filePath)).toEqual([]);
  });

  it("leaves the domain free to use the client", async () => {
    expect(await boundaryErrors('import { db } from "@/server/db/client";', "src/server/domain/x/get-x.ts")).toEqual([]);
  });
});
