import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests (`*.test.ts`) and integration tests on real PostgreSQL (`*.integration.test.ts`).
// Each worker gets its own database cloned from a migrated template (see tests/support/global-setup.ts).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      "@emails": path.resolve(import.meta.dirname, "emails"),
      // `server-only` throws outside React Server Components; in tests the server code runs in plain Node.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "scripts/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/docs/**/*.test.ts", "emails/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/worker-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
