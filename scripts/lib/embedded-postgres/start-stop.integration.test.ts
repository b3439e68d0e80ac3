import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "./index";
import { dataDirFor, postmasterPid, query, start, useEmbeddedPostgresSandbox } from "./test-sandbox";

// Starting and stopping a server, and the clear refusals (data dir in use, port taken). Real servers on
// ports 31401, 31402, 31406-31408; the recoveries after a kill -9 are in kill-recovery.integration.test.ts.

describe("startEmbeddedPostgres: start and stop (integration)", () => {
  useEmbeddedPostgresSandbox();

  it("cold start initialises the cluster, creates the database, and is quiet without `log`", async () => {
    const dataDir = dataDirFor("cold");
    const consoleLog = vi.spyOn(console, "log");
    const consoleError = vi.spyOn(console, "error");

    const handle = await start({ dataDir, port: 31401, database: "portal_test" });

    expect(handle.port).toBe(31401);
    expect(handle.url).toBe("postgresql://postgres:postgres@127.0.0.1:31401/portal_test");
    expect(handle.adminUrl).toBe("postgresql://postgres:postgres@127.0.0.1:31401/postgres");
    await expect(fs.readFile(path.join(dataDir, "PG_VERSION"), "utf8")).resolves.toMatch(/^18/);

    const [row] = await query<{ db: string; usr: string; encoding: string; sockets: string; answer: number }>(
      handle.url,
      "SELECT current_database() AS db, current_user AS usr, pg_encoding_to_char(encoding) AS encoding, current_setting('unix_socket_directories') AS sockets, 6 * 7 AS answer FROM pg_database WHERE datname = current_database()",
    );
    expect(row).toEqual({ db: "portal_test", usr: "postgres", encoding: "UTF8", sockets: "", answer: 42 });
    const [admin] = await query<{ db: string }>(handle.adminUrl, "SELECT current_database() AS db");
    expect(admin?.db).toBe("postgres");
    await expect(query("postgresql://postgres:wrong@127.0.0.1:31401/postgres", "SELECT 1")).rejects.toThrow(/password authentication failed/);

    expect(consoleLog).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("stop then start reuses the data; stop is idempotent; extra flags are applied; `log` gets server output", async () => {
    const dataDir = dataDirFor("warm");
    const first = await start({ dataDir, port: 31402, database: "portal_test" });
    await query(first.url, "CREATE TABLE kept (id int PRIMARY KEY, label text); INSERT INTO kept VALUES (1, 'still here')");
    await first.stop();
    await first.stop(); // idempotent
    await expect(fs.access(path.join(dataDir, "postmaster.pid"))).rejects.toThrow(); // clean shutdown

    const lines: string[] = [];
    const second = await start({ dataDir, port: 31402, database: "portal_test", postgresFlags: ["fsync=off"], log: (line) => lines.push(line) });
    expect(await query(second.url, "SELECT label FROM kept WHERE id = 1")).toEqual([{ label: "still here" }]);
    expect(await query(second.url, "SHOW fsync")).toEqual([{ fsync: "off" }]);
    // Warm start: no initdb output, but the server's own log lines are forwarded.
    expect(lines.some((line) => line.includes("database system is ready to accept connections"))).toBe(true);
    expect(lines.some((line) => line.includes("initdb") || line.includes("Success. You can now start"))).toBe(false);
    await Promise.all([second.stop(), second.stop()]);
  });

  it("refuses a second start on a data dir in use, with a clear error, and leaves the running server alone", async () => {
    const dataDir = dataDirFor("in-use");
    const running = await start({ dataDir, port: 31406, database: "portal_test" });
    const pid = await postmasterPid(dataDir);

    for (const port of [31406, 31407]) {
      const attempt = startEmbeddedPostgres({ dataDir, port, database: "portal_test" });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(attempt).rejects.toMatchObject({ code: "ALREADY_RUNNING" });
      await expect(attempt).rejects.toThrow(
        `Another embedded PostgreSQL instance is already using the data directory ${dataDir} (postmaster PID ${pid}, port 31406).`,
      );
    }
    expect(await query(running.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    expect(await postmasterPid(dataDir)).toBe(pid);
  });

  it("fails clearly when the port is taken by another process", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve, reject) => blocker.once("error", reject).listen(31408, "127.0.0.1", resolve));
    try {
      const attempt = startEmbeddedPostgres({ dataDir: dataDirFor("port-taken"), port: 31408, database: "portal_test" });
      await expect(attempt).rejects.toMatchObject({ code: "PORT_IN_USE" });
      await expect(attempt).rejects.toThrow("Port 31408 on 127.0.0.1 is already in use by another process");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
