import { defineConfig } from "@playwright/test";
import { E2E_NEXTAUTH_SECRET } from "./tests/e2e/support/portal-instance";
import { FAKE_PROVERKACHEKA_PORT, FAKE_PROVERKACHEKA_URL } from "./tests/e2e/support/receipt-check-fake";

// Browser journeys in Debian's Chromium (apt-get install chromium); Playwright's own browser download
// cannot work offline. The portal runs as `npm start` would, on its own database (scripts/test.ts).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: ".data/test-results/playwright",
  use: {
    baseURL,
    locale: "ru-RU",
    timezoneId: "Europe/Moscow",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "mobile", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  ],
  webServer: [
    {
      // The receipt-check service the portal is pointed at (tests/e2e/support/fake-proverkacheka.ts).
      command: `node node_modules/tsx/dist/cli.mjs tests/e2e/support/fake-proverkacheka.ts --port=${FAKE_PROVERKACHEKA_PORT}`,
      url: `${FAKE_PROVERKACHEKA_URL}/health`,
      reuseExistingServer: false,
    },
    {
      command: `node node_modules/tsx/dist/cli.mjs scripts/start.ts --mode=production --port=${port}`,
      url: `${baseURL}/login`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        SEED_DEMO_DATA: "1",
        PORTAL_DEMO: "1",
        NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
        NEXT_TELEMETRY_DISABLED: "1",
        CHECKPOINT_DISABLE: "1",
        // Receipts are checked online, by npm start's job worker, against the fake above.
        RECEIPT_CHECK_TOKEN: "e2e-receipt-check-token",
        RECEIPT_CHECK_BASE_URL: FAKE_PROVERKACHEKA_URL,
      },
    },
  ],
});
