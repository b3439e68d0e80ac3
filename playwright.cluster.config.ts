import { defineConfig } from "@playwright/test";
import baseConfig from "./playwright.config";

// `npm run test:cluster`: the scale-out journeys (tests/cluster/) against two web instances from the
// production build, one worker, one PostgreSQL and one S3 server, all started by globalSetup
// (tests/cluster/cluster.ts). A config of its own, so the ordinary e2e run neither picks these up nor
// starts its single-instance web server for them.
export default defineConfig({
  ...baseConfig,
  testDir: "tests/cluster",
  testMatch: "*.spec.ts",
  globalSetup: "./tests/cluster/global-setup.ts",
  webServer: undefined,
  // One journey that kills an instance on purpose: a retry would run on a cluster missing it.
  retries: 0,
  timeout: 360_000,
  outputDir: ".data/test-results/cluster",
  use: { ...baseConfig.use, baseURL: undefined },
});
