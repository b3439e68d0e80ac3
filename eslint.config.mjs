import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Pages, layouts, actions and route handlers reach the database only through src/server/domain, where the
// roles, validation and transactions are. Types from the generated client are fine (`import type`).
const THROUGH_DOMAIN = "Pages and actions go through domain functions in src/server/domain";
const boundaryImports = {
  // Patterns rather than paths, so that relative spellings (`../../server/db/client`) are caught too.
  patterns: [
    {
      group: ["@/server/db/client", "**/server/db/client"],
      message: `${THROUGH_DOMAIN}, not the Prisma client.`,
      allowTypeImports: true,
    },
    {
      group: ["@/generated/prisma", "@/generated/prisma/**", "**/generated/prisma", "**/generated/prisma/**"],
      message: `${THROUGH_DOMAIN}; only types may come from the generated client (\`import type\`).`,
      allowTypeImports: true,
    },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["src/app/**", "src/components/**"],
    rules: {
      // The TypeScript version of the rule, for `allowTypeImports`.
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": ["error", boundaryImports],
    },
  },
  {
    // Server code logs through src/server/observability/logger.ts (JSON lines, request id, personal data
    // masked); a stray console call would bypass all three.
    files: ["src/server/**", "scripts/portal-server.mjs"],
    ignores: ["src/server/observability/logger.ts", "src/server/observability/log-core.mjs", "**/*.test.ts"],
    rules: { "no-console": "error" },
  },
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "src/generated/**",
    "next-env.d.ts",
    "out/**",
    "build/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
