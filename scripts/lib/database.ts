import path from "node:path";
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from "./embedded-postgres/index.ts";
import { DATA_DIR } from "./paths.ts";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under .data/ (never port 5432,
 * where a system PostgreSQL may already listen).
 */
/** A throwaway test cluster need not survive a power cut: skip the fsyncs. */
export const TEST_CLUSTER_FLAGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"];

export async function ensureDatabase(options: {
  /** Use this server instead of an embedded one (defaults to DATABASE_URL). */
  externalUrl?: string;
  dataDirName: string;
  port: number;
  database: string;
  log: (line: string) => void;
  postgresFlags?: string[];
}): Promise<DatabaseHandle> {
  const external = (options.externalUrl ?? process.env.DATABASE_URL)?.trim();
  if (external) return { url: external, embedded: false, stop: async () => undefined };
  options.log(`Starting embedded PostgreSQL (data in .data/${options.dataDirName}, port ${options.port})…`);
  const handle: EmbeddedPostgresHandle = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, options.dataDirName),
    port: options.port,
    database: options.database,
    postgresFlags: options.postgresFlags,
  });
  return { url: handle.url, embedded: true, stop: () => handle.stop() };
}
