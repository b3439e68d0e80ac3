import type { TestProject } from "vitest/node";
import { type DatabaseHandle, TEST_CLUSTER_FLAGS, ensureDatabase } from "../../scripts/lib/database.ts";
import { applyMigrations } from "../../scripts/lib/migrations.ts";
import { databaseName, recreateDatabase, withDatabase } from "../../scripts/lib/database-admin.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin connection to the test server (creates and drops databases). */
    adminDatabaseUrl: string;
    /** A migrated, empty database that per-worker databases are cloned from. */
    templateDatabaseUrl: string;
  }
}

/**
 * Integration tests run on real PostgreSQL: TEST_DATABASE_URL or DATABASE_URL when set (its server is
 * used; databases named after it get created beside it), else an embedded PostgreSQL under .data/.
 * The migrations are applied once to a template; each worker clones it (tests/support/worker-setup.ts).
 */
export default async function globalSetup(project: TestProject) {
  let handle: DatabaseHandle | undefined;
  let baseUrl = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (!baseUrl) {
    delete process.env.DATABASE_URL;
    handle = await ensureDatabase({
      externalUrl: "",
      dataDirName: "test-postgres",
      port: Number(process.env.TEST_PG_PORT ?? 54339),
      database: "portal_test",
      log: (line) => console.log(`[test-db] ${line}`),
      postgresFlags: TEST_CLUSTER_FLAGS,
    });
    baseUrl = handle.url;
  }
  const adminUrl = withDatabase(baseUrl, "postgres");
  const templateName = `${databaseName(baseUrl)}_tpl`;
  const templateUrl = await recreateDatabase(adminUrl, templateName);
  await applyMigrations(templateUrl);
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabaseUrl", templateUrl);

  return async () => {
    await handle?.stop();
  };
}
