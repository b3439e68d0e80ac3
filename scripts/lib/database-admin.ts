import pg from "pg";
import { pgConfigFromUrl } from "./migrations.ts";

// Creating and dropping databases beside a given one: scratch databases for migration tooling, the
// test template and per-worker clones, the browser tests' database.

/** A connection URL for another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/** Quotes an identifier for DDL (database names cannot be bound as parameters). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs one statement on its own short-lived connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function runAdminSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client(pgConfigFromUrl(url));
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await runAdminSql(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Drops `name` if it exists and creates it again, empty or as a copy of `template`. */
export async function recreateDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await dropDatabase(adminUrl, name);
  await runAdminSql(adminUrl, `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`);
  return withDatabase(adminUrl, name);
}
