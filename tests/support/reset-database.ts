import pg from "pg";

let tableList: string | undefined;

/** Empties every table (but the migrations' bookkeeping) and restarts identities: a clean slate per test. */
export async function resetDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (!tableList) {
      const { rows } = await client.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      );
      tableList = rows.map((row) => row.name).join(", ");
    }
    if (tableList) await client.query(`TRUNCATE TABLE ${tableList} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}
