import pg from "pg";

// One connection per worker, and DELETE rather than TRUNCATE: for the handful of rows a test writes,
// DELETE is far cheaper than TRUNCATE's new files per table (which costs fsyncs on a durable server).
let client: pg.Client | undefined;
let resetSql: string | undefined;

/** Empties every table (but the migrations' bookkeeping) and restarts identities: a clean slate per test. */
export async function resetDatabase(databaseUrl: string): Promise<void> {
  if (!client) {
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  }
  if (!resetSql) {
    const tables = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const sequences = await client.query<{ name: string }>(`SELECT quote_ident(sequencename) AS name FROM pg_sequences WHERE schemaname = 'public'`);
    // replica mode skips triggers (the ledger's append-only guard) and foreign-key checks while emptying.
    resetSql = [
      "SET session_replication_role = replica",
      ...tables.rows.map((row) => `DELETE FROM ${row.name}`),
      ...sequences.rows.map((row) => `ALTER SEQUENCE ${row.name} RESTART`),
      "SET session_replication_role = origin",
    ].join(";\n");
  }
  await client.query(resetSql);
}

export async function closeResetConnection(): Promise<void> {
  await client?.end();
  client = undefined;
}
