import { afterAll, beforeEach, expect, inject } from "vitest";
import { databaseName, recreateDatabase, withDatabase } from "../../scripts/lib/database-admin.ts";
import { closeResetConnection, resetDatabase } from "./reset-database.ts";

// Each worker process gets its own database, cloned from the migrated template, so test files in
// parallel workers never see each other's rows. Integration tests start every test on empty tables.
const adminUrl = inject("adminDatabaseUrl");
const templateUrl = inject("templateDatabaseUrl");
const workerDatabase = `${databaseName(templateUrl).replace(/_tpl$/, "")}_w${process.env.VITEST_POOL_ID ?? "1"}`;

const globalState = globalThis as unknown as { workerDatabaseReady?: boolean };
if (!globalState.workerDatabaseReady) {
  await recreateDatabase(adminUrl, workerDatabase, databaseName(templateUrl));
  globalState.workerDatabaseReady = true;
}
const workerUrl = withDatabase(templateUrl, workerDatabase);

process.env.DATABASE_URL = workerUrl;
process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
process.env.NEXTAUTH_SECRET ??= "test-secret-that-is-long-enough-for-hmac-0123456789";

const isIntegration = expect.getState().testPath?.endsWith(".integration.test.ts") ?? false;

if (isIntegration) {
  beforeEach(async () => {
    await resetDatabase(workerUrl);
    const { setClock } = await import("../../src/server/clock.ts");
    setClock(null);
    const { resetEnvCache } = await import("../../src/server/config/env.ts");
    resetEnvCache();
    const { invalidateCalendarCache } = await import("../../src/server/calendar/due-dates.ts");
    invalidateCalendarCache();
  });
  afterAll(async () => {
    await closeResetConnection();
    const { disconnectDb } = await import("../../src/server/db/client.ts");
    await disconnectDb();
  });
}
