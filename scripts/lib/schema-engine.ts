/**
 * Drives Prisma's schema engine compiled to WebAssembly (`@prisma/schema-engine-wasm`) over
 * `@prisma/adapter-pg`, so schema diffs work without the native schema-engine binary.
 *
 * Set up like prisma/prisma's `packages/migrate/src/SchemaEngineWasm.ts` and
 * `packages/internals/src/WasmSchemaEngineLoader.ts`: the wasm module is instantiated once per process
 * and the engine is given an error-capturing, migration-aware adapter factory
 * (`bindMigrationAwareSqlAdapterFactory`). Two problems of adapter-pg 7.10 are worked around in the
 * factory below:
 * - it cannot decode PostgreSQL's internal `"char"` type, which the schema describer reads from
 *   pg_catalog (relkind, contype, …): "Column type 'char' could not be deserialized from the database".
 *   Reporting those columns as text is not enough: with a CHECK constraint in the database the engine
 *   then panics ("Getting constraint_type … as char failed"); they must be typed `Character`;
 * - its `connectToShadowDb()` spreads `{ connectionString, database }` (the database in the connection
 *   string wins, so the "shadow" connection is the main database) and drops the shadow database before
 *   closing its own pool ("database … is being accessed by other users").
 *
 * What does not work in the wasm engine: `{ tag: "url" }` diff targets ("--from-url and --to-url flags
 * are no longer supported"). Use `{ tag: "schemaDatasource" }`, which means "the database the adapter is
 * connected to". `{ tag: "migrations" }` works (through the shadow database below), but the engine feeds
 * each migration to adapter-pg's `executeScript`, which splits on every `;` — so it breaks on functions,
 * DO blocks and string literals containing semicolons. Diffing migrations is therefore done by applying
 * them with our runner to a scratch database and diffing that database (see `migrations-dev.ts`).
 */
import { randomUUID } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { DiffTarget, MigrationList, SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import {
  DEFAULT_MIGRATIONS_DIR,
  MIGRATION_FILE_NAME,
  MIGRATION_LOCK_FILE_NAME,
  pgConfigFromUrl,
  readMigrations,
} from "./migrations.ts";
import { dropDatabase, quoteIdent, runAdminSql, withDatabase } from "./database-admin.ts";

type SchemaEngineRuntime = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

let runtimePromise: Promise<SchemaEngineRuntime> | undefined;
let lastPanicMessage: string | undefined;

/**
 * Instantiates the wasm module once per process (wasm-bindgen keeps global state; a second instance
 * crashes). The package's main entry imports the `.wasm` file as an ES module, which Node does not
 * support, so the `_bg.js` glue is wired to the module by hand, as Prisma's loader does.
 */
function loadRuntime(): Promise<SchemaEngineRuntime> {
  runtimePromise ??= (async () => {
    // The engine reports Rust panics through this global (see schema-engine-wasm's `register_panic_hook`).
    const registryHost = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    registryHost.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        lastPanicMessage = message;
        // A panic usually surfaces as an uncaught "RuntimeError: unreachable" from inside a wasm
        // callback, which no caller can catch; say why before the process dies.
        process.stderr.write(`[schema-engine] wasm panic: ${message}\n`);
      },
    };
    const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime;
  })();
  return runtimePromise;
}

/** `version()` of the loaded engine (the prisma-engines commit hash). */
export async function schemaEngineVersion(): Promise<string> {
  return (await loadRuntime()).version();
}

/**
 * `"char"` support, in two halves. adapter-pg throws on oid 18 while mapping column types, so the pool
 * reports those columns as `text` (pg already returns their values as 1-character strings) and notes
 * their positions, keyed by the result's `rows` array, which the adapter passes through unchanged; the
 * adapter's `queryRaw` is then wrapped to type those columns `Character`, which is what the engine
 * expects (it reads e.g. `pg_constraint.contype` "as char" and panics on `Text`).
 */
const charColumnsByRows = new WeakMap<unknown[], number[]>();

function createCatalogFriendlyPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ max: 2, idleTimeoutMillis: 1_000, allowExitOnIdle: true, ...config });
  pool.on("error", () => {}); // idle-client errors surface on the next query instead of crashing
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    const charColumns: number[] = [];
    (result.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      }
    });
    if (charColumns.length > 0 && Array.isArray(result.rows)) charColumnsByRows.set(result.rows, charColumns);
    return result;
  };
  return pool;
}

function withCharColumns(adapter: SqlDriverAdapter): void {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
}


/**
 * Migration-aware adapter factory for the schema engine: the main connection goes to `databaseUrl`;
 * shadow databases are created next to it (named explicitly) and dropped after their pool is closed.
 */
class SchemaEngineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  private readonly pools = new Set<pg.Pool>();
  private readonly shadowDatabases = new Set<string>();

  constructor(private readonly databaseUrl: string) {}

  private async connectTo(databaseUrl: string): Promise<SqlDriverAdapter> {
    const pool = createCatalogFriendlyPool(pgConfigFromUrl(databaseUrl));
    this.pools.add(pool);
    // Prisma's `?schema=` selects the schema the engine describes (the pool gets it as search_path).
    const schema = new URL(databaseUrl).searchParams.get("schema") ?? undefined;
    const adapter = await new PrismaPg(pool, { schema }).connect();
    withCharColumns(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      if (this.pools.delete(pool)) await pool.end();
    };
    return adapter;
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.connectTo(this.databaseUrl);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const database = `migtool_shadow_${randomUUID().replaceAll("-", "")}`;
    await runAdminSql(this.databaseUrl, `CREATE DATABASE ${quoteIdent(database)}`);
    this.shadowDatabases.add(database);
    const adapter = await this.connectTo(withDatabase(this.databaseUrl, database));
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.dropShadowDatabase(database);
    };
    return adapter;
  }

  private async dropShadowDatabase(database: string): Promise<void> {
    if (!this.shadowDatabases.delete(database)) return;
    await dropDatabase(this.databaseUrl, database);
  }


  /** Closes every pool and drops every shadow database this factory created. */
  async close(): Promise<void> {
    const pools = [...this.pools];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.end().catch(() => {})));
    for (const database of [...this.shadowDatabases]) {
      await this.dropShadowDatabase(database).catch(() => {});
    }
  }
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface SchemaEngineSession {
  /** The raw engine, for commands this module does not wrap. */
  readonly engine: SchemaEngine;
  /** Runs `diff` and returns the SQL script, normalised by `normaliseMigrationScript`. */
  diffScript(from: DiffTarget, to: DiffTarget): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts a schema engine whose "datasource" is `databaseUrl`. Close it when done: it holds connections.
 * `schemaFiles` are the engine's initial datamodels (they matter for multi-schema namespaces only).
 */
export async function openSchemaEngine(
  databaseUrl: string,
  options: { schemaFiles?: SchemaContainer[]; debug?: (line: string) => void } = {},
): Promise<SchemaEngineSession> {
  const runtime = await loadRuntime();
  const factory = new SchemaEngineAdapterFactory(databaseUrl);
  const boundFactory = bindMigrationAwareSqlAdapterFactory(factory);
  const debug =
    options.debug ??
    (process.env.MIGTOOL_DEBUG ? (line: string) => process.stderr.write(`[schema-engine] ${line}\n`) : () => {});
  const datamodels = options.schemaFiles?.length
    ? options.schemaFiles.map((file): [string, string] => [file.path, file.content])
    : undefined;

  let engine: SchemaEngine;
  try {
    engine = await runtime.SchemaEngine.new({ datamodels }, debug, boundFactory);
  } catch (error) {
    await factory.close();
    throw engineError("start", error);
  }

  let closed = false;
  return {
    engine,
    async diffScript(from, to) {
      let result;
      try {
        result = await engine.diff({ from, to, script: true, exitCode: null, filters: NO_FILTERS });
      } catch (error) {
        throw engineError("diff", error);
      }
      return normaliseMigrationScript(result.stdout ?? "");
    },
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      await factory.close();
    },
  };
}

function engineError(command: string, error: unknown): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const panic = original.name === "RuntimeError" && lastPanicMessage ? ` (panic: ${lastPanicMessage})` : "";
  return new Error(`Prisma schema engine (wasm) failed in \`${command}\`${panic}: ${original.message}`, {
    cause: error,
  });
}

/**
 * Returns "" when a script holds nothing but comments and whitespace (the engine answers
 * "-- This is an empty migration." when there is nothing to do), otherwise the script unchanged.
 */
export function normaliseMigrationScript(script: string): string {
  const withoutComments = script.replace(/\/\*[\s\S]*?\*\//g, "").replace(/--[^\n]*/g, "");
  return withoutComments.trim() === "" ? "" : script;
}

/**
 * The engine's view of a migrations directory (what the Prisma CLI passes to `applyMigrations`,
 * `diagnoseMigrationHistory`, `diff` with `{ tag: "migrations" }`, …).
 */
export async function readMigrationList(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockfileContent = await readFile(path.join(baseDir, MIGRATION_LOCK_FILE_NAME), "utf8").catch(() => null);
  const migrations = await readMigrations(baseDir);
  return {
    baseDir,
    lockfile: { path: MIGRATION_LOCK_FILE_NAME, content: lockfileContent },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: MIGRATION_FILE_NAME, content: { tag: "ok", value: migration.script } },
    })),
  };
}

/** Loads a Prisma schema: a single file, or a directory of `.prisma` files (multi-file schema). */
export async function readSchemaFiles(schemaPath: string): Promise<SchemaContainer[]> {
  const absolute = path.resolve(schemaPath);
  if (!(await stat(absolute)).isDirectory()) {
    return [{ path: absolute, content: await readFile(absolute, "utf8") }];
  }
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".prisma"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(files.map(async (file) => ({ path: file, content: await readFile(file, "utf8") })));
}

/**
 * SQL that would bring the database at `databaseUrl` to the state described by the Prisma schema at
 * `schemaPath`; "" when they already match. `_prisma_migrations` is ignored, as Prisma does.
 */
export async function diffDatabaseToSchema(databaseUrl: string, schemaPath: string): Promise<string> {
  const files = await readSchemaFiles(schemaPath);
  const session = await openSchemaEngine(databaseUrl, { schemaFiles: files });
  try {
    return await session.diffScript(
      { tag: "schemaDatasource", files, configDir: path.dirname(files[0]?.path ?? path.resolve(schemaPath)) },
      { tag: "schemaDatamodel", files },
    );
  } finally {
    await session.close();
  }
}
