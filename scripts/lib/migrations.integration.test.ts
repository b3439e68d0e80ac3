/**
 * The offline migration runner and the wasm-engine diff, on real PostgreSQL. Every test works in its own
 * scratch database created through TEST_ADMIN_DATABASE_URL (dropped afterwards), independent of the
 * per-worker database the test setup provides.
 */
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  MIGRATION_LOCK_FILE_CONTENT,
  MigrationError,
  PRISMA_MIGRATE_ADVISORY_LOCK_KEY,
  readMigrations,
} from "./migrations.ts";
import { createScratchDatabase, DEFAULT_SCHEMA_PATH, type ScratchDatabase } from "./migrations-dev.ts";
import { diffDatabaseToSchema, NO_FILTERS, openSchemaEngine, readMigrationList } from "./schema-engine.ts";

const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const databases: ScratchDatabase[] = [];
const tempDirs: string[] = [];

async function freshDatabase(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase(adminUrl, "migtool_test");
  databases.push(database);
  return database;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "migtool-test-"));
  tempDirs.push(dir);
  return dir;
}

/** A throwaway migrations directory: `{ "20240101000000_a": "CREATE TABLE …" }`. */
async function migrationsDir(migrations: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  await writeFile(path.join(dir, "migration_lock.toml"), MIGRATION_LOCK_FILE_CONTENT);
  for (const [name, script] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), script);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

interface BookkeepingRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

function bookkeeping(url: string): Promise<BookkeepingRow[]> {
  return query<BookkeepingRow>(
    url,
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
}

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the promise to reject");
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

/** Runs Prisma's own migrate logic (the wasm schema engine) against a database. */
async function withPrismaEngine<T>(
  url: string,
  fn: (engine: Awaited<ReturnType<typeof openSchemaEngine>>["engine"]) => Promise<T>,
): Promise<T> {
  const session = await openSchemaEngine(url);
  try {
    return await fn(session.engine);
  } finally {
    await session.close();
  }
}

afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the repository's migrations", () => {
  let migrated: ScratchDatabase;
  let names: string[];

  beforeAll(async () => {
    names = (await readMigrations(DEFAULT_MIGRATIONS_DIR)).map((migration) => migration.name);
    migrated = await freshDatabase();
    const { applied } = await applyMigrations(migrated.url);
    expect(applied).toEqual(names);
  });

  it("produce a database that matches prisma/schema.prisma", async () => {
    expect(names.length).toBeGreaterThan(0);
    expect(await diffDatabaseToSchema(migrated.url, DEFAULT_SCHEMA_PATH)).toBe("");
  });

  it("match prisma/schema.prisma with the job runner's pg-boss schema beside them: the diff reads `public` only", async () => {
    const database = await freshDatabase();
    await applyMigrations(database.url);
    // What pg-boss creates on its first start, in the job runner's schema (JOBS_SCHEMA in src/server/jobs/job-runner.ts).
    await query(database.url, PgBoss.getConstructionPlans("pgboss"));
    const [pgboss] = await query<{ tables: number }>(database.url, `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'pgboss'`);
    expect(pgboss!.tables).toBeGreaterThan(0);
    expect(await diffDatabaseToSchema(database.url, DEFAULT_SCHEMA_PATH)).toBe("");
  });

  it("would be caught lacking: a model without a migration makes the diff non-empty", async () => {
    const dir = await tempDir();
    const schemaPath = path.join(dir, "schema.prisma");
    const schema = await readFile(DEFAULT_SCHEMA_PATH, "utf8");
    await writeFile(schemaPath, `${schema}\nmodel MigtoolProbe {\n  id Int @id\n}\n`);

    const script = await diffDatabaseToSchema(migrated.url, schemaPath);
    expect(script).toContain('CREATE TABLE "MigtoolProbe"');
  });

  it("are booked in _prisma_migrations like Prisma does", async () => {
    const rows = await bookkeeping(migrated.url);
    const onDisk = await readMigrations(DEFAULT_MIGRATIONS_DIR);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const [index, row] of rows.entries()) {
      const file = await readFile(onDisk[index]!.file);
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    type Column = { column_name: string; data_type: string; is_nullable: string; default: string | null };
    const columns = await query<Column>(
      migrated.url,
      `SELECT column_name, format_type(a.atttypid, a.atttypmod) AS data_type, is_nullable, column_default AS default
         FROM information_schema.columns c
         JOIN pg_attribute a ON a.attrelid = '_prisma_migrations'::regclass AND a.attname = c.column_name
        WHERE c.table_name = '_prisma_migrations' ORDER BY c.ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying(36)", is_nullable: "NO", default: null },
      { column_name: "checksum", data_type: "character varying(64)", is_nullable: "NO", default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES", default: null },
      { column_name: "migration_name", data_type: "character varying(255)", is_nullable: "NO", default: null },
      { column_name: "logs", data_type: "text", is_nullable: "YES", default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES", default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO", default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO", default: "0" },
    ]);
  });

  it("may be followed by hand-written SQL Prisma cannot express without that counting as drift", async () => {
    // CHECK constraints made the wasm engine panic through adapter-pg ("constraint_type … as char");
    // the function body has semicolons, which adapter-pg's executeScript would split on.
    const database = await freshDatabase();
    const dir = await tempDir();
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await mkdir(path.join(dir, "29991231000000_hand_written"));
    await writeFile(
      path.join(dir, "29991231000000_hand_written", "migration.sql"),
      `ALTER TABLE "users" ADD CONSTRAINT "users_points_balance_check" CHECK ("points_balance" >= 0);
CREATE FUNCTION "migtool_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."updated_at" := coalesce(NEW."updated_at", now()); -- a comment; with a semicolon
  RETURN NEW;
END;
$$;
CREATE TRIGGER "users_touch" BEFORE INSERT ON "users" FOR EACH ROW EXECUTE FUNCTION "migtool_touch"();
`,
    );
    await applyMigrations(database.url, { migrationsDir: dir });
    expect(await diffDatabaseToSchema(database.url, DEFAULT_SCHEMA_PATH)).toBe("");
  });

  it("leave the database in a state Prisma's own migrate logic calls up to date", async () => {
    const migrationsList = await readMigrationList(DEFAULT_MIGRATIONS_DIR);
    await withPrismaEngine(migrated.url, async (engine) => {
      const diagnosis = await engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      });
      expect(diagnosis).toEqual({
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: true,
        history: null,
      });
      // What `prisma migrate deploy` runs.
      expect(await engine.applyMigrations({ migrationsList, filters: NO_FILTERS })).toEqual({
        appliedMigrationNames: [],
      });
    });
  });

  it("apply nothing the second time", async () => {
    expect(await applyMigrations(migrated.url)).toEqual({ applied: [] });
    expect(await bookkeeping(migrated.url)).toHaveLength(names.length);
  });

  it("are applied once when two processes migrate the same fresh database at the same time", async () => {
    const database = await freshDatabase();
    const results = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);

    const appliedByEither = results.flatMap((result) => result.applied).sort();
    expect(appliedByEither).toEqual([...names].sort());
    const rows = await bookkeeping(database.url);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });
});

describe("applyMigrations", () => {
  const ok = {
    "20240101000000_first": 'CREATE TABLE "first" (id INT PRIMARY KEY);\n',
    "20240102000000_second": 'CREATE TABLE "second" (id INT PRIMARY KEY);\n',
  };

  it("refuses a migration edited after it was applied, naming it", async () => {
    const database = await freshDatabase();
    const dir = await migrationsDir(ok);
    await applyMigrations(database.url, { migrationsDir: dir });

    // Line-ending changes (git autocrlf) are not edits, as in Prisma.
    const firstFile = path.join(dir, "20240101000000_first", "migration.sql");
    await writeFile(firstFile, ok["20240101000000_first"].replaceAll("\n", "\r\n"));
    expect(await applyMigrations(database.url, { migrationsDir: dir })).toEqual({ applied: [] });

    await writeFile(firstFile, 'CREATE TABLE "first" (id BIGINT PRIMARY KEY);\n');
    const error = await rejection(applyMigrations(database.url, { migrationsDir: dir }));
    expect(error.code).toBe("CHECKSUM_MISMATCH");
    expect(error.migrationNames).toEqual(["20240101000000_first"]);
    expect(error.message).toContain("20240101000000_first");
  });

  it("records a failing migration like Prisma (finished_at NULL, logs), rolls it back and stops", async () => {
    const database = await freshDatabase();
    const dir = await migrationsDir({
      ...ok,
      "20240103000000_broken": 'CREATE TABLE "third" (id INT);\nINSERT INTO "no_such_table" VALUES (1);\n',
      "20240104000000_after": 'CREATE TABLE "fourth" (id INT);\n',
    });

    const error = await rejection(applyMigrations(database.url, { migrationsDir: dir }));
    expect(error.code).toBe("MIGRATION_FAILED");
    expect(error.message).toContain("20240103000000_broken");
    expect(error.message).toContain('relation "no_such_table" does not exist');

    const rows = await bookkeeping(database.url);
    expect(rows.map((row) => [row.migration_name, row.finished_at !== null])).toEqual([
      ["20240101000000_first", true],
      ["20240102000000_second", true],
      ["20240103000000_broken", false],
    ]);
    const failed = rows[2]!;
    expect(failed.applied_steps_count).toBe(0);
    expect(failed.rolled_back_at).toBeNull();
    expect(failed.logs).toContain("Database error code: 42P01");
    expect(failed.logs).toContain("line 2");
    // The migration's own transaction was rolled back; later migrations were not attempted.
    const tables = await query<{ table_name: string }>(
      database.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(["_prisma_migrations", "first", "second"]);

    // Like `prisma migrate deploy`, nothing more is applied until the failure is resolved.
    const blocked = await rejection(applyMigrations(database.url, { migrationsDir: dir }));
    expect(blocked.code).toBe("FAILED_MIGRATION_IN_DATABASE");
    expect(blocked.message).toContain("20240103000000_broken");

    // Resolving it (`prisma migrate resolve --rolled-back`) and fixing the file lets it through.
    await query(database.url, `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL`);
    await writeFile(path.join(dir, "20240103000000_broken", "migration.sql"), 'CREATE TABLE "third" (id INT);\n');
    expect(await applyMigrations(database.url, { migrationsDir: dir })).toEqual({
      applied: ["20240103000000_broken", "20240104000000_after"],
    });
  });

  it("refuses a database that has applied migrations missing from disk", async () => {
    const database = await freshDatabase();
    await applyMigrations(database.url, { migrationsDir: await migrationsDir(ok) });

    const withoutSecond = await migrationsDir({ "20240101000000_first": ok["20240101000000_first"] });
    const error = await rejection(applyMigrations(database.url, { migrationsDir: withoutSecond }));
    expect(error.code).toBe("MISSING_ON_DISK");
    expect(error.migrationNames).toEqual(["20240102000000_second"]);
    expect(error.message).toContain("20240102000000_second");
  });

  it("refuses to adopt a non-empty database that has no _prisma_migrations table", async () => {
    const database = await freshDatabase();
    await query(database.url, `CREATE TABLE "legacy" (id INT)`);
    const error = await rejection(applyMigrations(database.url, { migrationsDir: await migrationsDir(ok) }));
    expect(error.code).toBe("DATABASE_NOT_EMPTY");
  });

  it("uses Prisma's advisory lock to apply, and needs no lock when nothing is pending", async () => {
    const database = await freshDatabase();
    const dir = await migrationsDir(ok);
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_ADVISORY_LOCK_KEY]);
      const error = await rejection(applyMigrations(database.url, { migrationsDir: dir, lockTimeoutMs: 300 }));
      expect(error.code).toBe("LOCK_TIMEOUT");

      await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_ADVISORY_LOCK_KEY]);
      expect((await applyMigrations(database.url, { migrationsDir: dir })).applied).toHaveLength(2);

      await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_ADVISORY_LOCK_KEY]);
      expect(await applyMigrations(database.url, { migrationsDir: dir, lockTimeoutMs: 300 })).toEqual({ applied: [] });
    } finally {
      await holder.end();
    }
  });

  it("agrees with Prisma's own migrate logic on applied, edited and failed migrations", async () => {
    // Applied by Prisma (what `prisma migrate deploy` does): the runner sees nothing to do.
    const byPrisma = await freshDatabase();
    const dir = await migrationsDir(ok);
    const applied = await withPrismaEngine(byPrisma.url, async (engine) =>
      engine.applyMigrations({ migrationsList: await readMigrationList(dir), filters: NO_FILTERS }),
    );
    expect(applied.appliedMigrationNames).toEqual(Object.keys(ok));
    expect(await applyMigrations(byPrisma.url, { migrationsDir: dir })).toEqual({ applied: [] });

    // Applied by the runner, one failing and one edited afterwards: Prisma reports the same.
    const byRunner = await freshDatabase();
    const failing = await migrationsDir({ ...ok, "20240103000000_broken": "SELECT * FROM no_such_table;\n" });
    await rejection(applyMigrations(byRunner.url, { migrationsDir: failing }));
    await writeFile(path.join(failing, "20240101000000_first", "migration.sql"), "-- edited\n");
    const diagnosis = await withPrismaEngine(byRunner.url, async (engine) =>
      engine.diagnoseMigrationHistory({
        migrationsList: await readMigrationList(failing),
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      }),
    );
    expect(diagnosis.failedMigrationNames).toEqual(["20240103000000_broken"]);
    expect(diagnosis.editedMigrationNames).toEqual(["20240101000000_first"]);
  });

  it("applies migrations in directory-name order and reports progress", async () => {
    const database = await freshDatabase();
    const dir = await migrationsDir({
      "20240102000000_uses_first": 'ALTER TABLE "first" ADD COLUMN name TEXT;\n',
      "20240101000000_first": ok["20240101000000_first"],
    });
    const lines: string[] = [];
    const { applied } = await applyMigrations(database.url, { migrationsDir: dir, log: (line) => lines.push(line) });
    expect(applied).toEqual(["20240101000000_first", "20240102000000_uses_first"]);
    expect(lines.join("\n")).toContain("20240102000000_uses_first");
  });
});
