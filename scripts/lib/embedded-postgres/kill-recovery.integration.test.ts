import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  childPids,
  dataDirFor,
  helperProcesses,
  isAlive,
  isRoot,
  postmasterPid,
  processState,
  query,
  start,
  useEmbeddedPostgresSandbox,
  waitUntilGone,
} from "./test-sandbox";

// What a SIGKILL leaves behind and how the next start recovers from it: a dead postmaster's lock file,
// an orphaned child holding the old shared memory, a reused PID, a server whose launcher was killed.
// Real servers on ports 31403-31405 and 31409.

describe("startEmbeddedPostgres: recovery after kill -9 (integration)", () => {
  useEmbeddedPostgresSandbox();

  it("recovers after the postmaster was killed with SIGKILL, keeping committed data", async () => {
    const dataDir = dataDirFor("sigkill");
    const handle = await start({ dataDir, port: 31403, database: "portal_test" });
    await query(handle.url, "CREATE TABLE survivors (id int); INSERT INTO survivors VALUES (7)");

    const pid = await postmasterPid(dataDir);
    process.kill(pid, "SIGKILL");
    await waitUntilGone(pid);
    await handle.stop(); // the handle notices the server is gone and does not hang
    await expect(fs.access(path.join(dataDir, "postmaster.pid"))).resolves.toBeUndefined(); // stale lock left behind

    const restarted = await start({ dataDir, port: 31403, database: "portal_test" });
    expect(await query(restarted.url, "SELECT id FROM survivors")).toEqual([{ id: 7 }]);
    expect(await postmasterPid(dataDir)).not.toBe(pid);
  });

  it("recovers when an orphaned server child still holds the old shared memory after a SIGKILL", async () => {
    const dataDir = dataDirFor("orphan");
    const handle = await start({ dataDir, port: 31404, database: "portal_test" });
    await query(handle.url, "CREATE TABLE survivors (id int); INSERT INTO survivors VALUES (8)");

    const pid = await postmasterPid(dataDir);
    const [orphan] = await childPids(pid);
    expect(orphan).toBeDefined();
    // A stopped child cannot notice the postmaster's death, so it stays attached to the shared
    // memory segment: plain postgres then refuses to start ("pre-existing shared memory block").
    process.kill(orphan!, "SIGSTOP");
    process.kill(pid, "SIGKILL");
    await waitUntilGone(pid);
    expect(await processState(orphan!)).toBe("T");

    const restarted = await start({ dataDir, port: 31404, database: "portal_test" });
    expect(await query(restarted.url, "SELECT id FROM survivors")).toEqual([{ id: 8 }]);
    expect(isAlive(orphan!) && (await processState(orphan!)) !== "Z").toBe(false);
  });

  it("removes a stale postmaster.pid whose PID was reused by a non-postgres process", async () => {
    const dataDir = dataDirFor("pid-reuse");
    const handle = await start({ dataDir, port: 31405, database: "portal_test" });
    const pid = await postmasterPid(dataDir);
    process.kill(pid, "SIGKILL");
    await waitUntilGone(pid);
    await handle.stop();

    // A live process running as the server's user now owns the PID in the lock file. Plain
    // postgres would refuse to start ("lock file postmaster.pid already exists").
    const ids = isRoot
      ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) }
      : {};
    const impostor = spawn("sleep", ["60"], { ...ids, stdio: "ignore" });
    helperProcesses.add(impostor);
    const pidFile = path.join(dataDir, "postmaster.pid");
    const lines = (await fs.readFile(pidFile, "utf8")).split("\n");
    lines[0] = String(impostor.pid);
    await fs.writeFile(pidFile, lines.join("\n"));

    const restarted = await start({ dataDir, port: 31405, database: "portal_test" });
    expect(await query(restarted.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    expect(isAlive(impostor.pid!)).toBe(true); // not ours to kill
  });

  it("takes over from a server whose launching process was killed with SIGKILL", async () => {
    const dataDir = dataDirFor("launcher-killed");
    // A separate node process starts the server (as `npm start` does), then dies without cleanup.
    const launcher = spawn(
      process.execPath,
      [
        // One node process (tsx as a loader, not its CLI, which would add a wrapper process).
        "--import",
        "tsx",
        "-e",
        `(async () => {
         const { startEmbeddedPostgres } = await import(${JSON.stringify(path.join(import.meta.dirname, "index.ts"))});
         const pg = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: 31409, database: "portal_test" });
         const { default: Pg } = await import("pg");
         const client = new Pg.Client({ connectionString: pg.url });
         await client.connect();
         await client.query("CREATE TABLE survivors (id int); INSERT INTO survivors VALUES (7)");
         await client.end();
         console.log("ready");
         setInterval(() => undefined, 1000);
         })();`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    helperProcesses.add(launcher);
    await new Promise<void>((resolve, reject) => {
      launcher.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
      launcher.on("exit", (code) => reject(new Error(`launcher exited early (${code})`)));
    });
    const orphanPid = await postmasterPid(dataDir);
    launcher.kill("SIGKILL");
    await new Promise((resolve) => launcher.once("exit", resolve));
    expect(isAlive(orphanPid)).toBe(true); // SIGKILL cannot take postgres down with it

    const restarted = await start({ dataDir, port: 31409, database: "portal_test" });
    expect(await query(restarted.url, "SELECT id FROM survivors")).toEqual([{ id: 7 }]);
    expect(await postmasterPid(dataDir)).not.toBe(orphanPid);
    await waitUntilGone(orphanPid);
  });
});
