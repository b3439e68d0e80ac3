/**
 * Before a start: no live server may use the data dir, and what a SIGKILLed server left behind (a stale
 * postmaster.pid, an orphaned postmaster, lingering children holding its shared memory) is cleaned up.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { EmbeddedPostgresError } from "./errors.ts";
import {
  type ProcInfo,
  findProcessesInDataDir,
  isOrphaned,
  isPostgresProcess,
  readProcInfo,
  realpathOrSelf,
  servesDataDir,
  sleep,
} from "./process-inspection.ts";

function alreadyRunningError(dataDir: string, info: ProcInfo, port: number | undefined): EmbeddedPostgresError {
  const orphaned = info.ppid === 1;
  const lines = [
    `Another embedded PostgreSQL instance is already using the data directory ${dataDir} (postmaster PID ${info.pid}${
      port ? `, port ${port}` : ""
    }).`,
    "Only one server can use a data directory at a time: is another `npm start`, `npm run dev` or `npm test` still running?",
    orphaned
      ? `It looks orphaned (its parent process is gone, e.g. it was killed with SIGKILL). Stop it with \`kill -INT ${info.pid}\` and try again.`
      : `Stop that process first (or stop the server with \`kill -INT ${info.pid}\`), or set DATABASE_URL to use a different database.`,
  ];
  return new EmbeddedPostgresError("ALREADY_RUNNING", lines.join("\n"));
}

async function readPidFile(pidFile: string): Promise<{ pid: number; port: number | undefined } | undefined> {
  let content: string;
  try {
    content = await fs.readFile(pidFile, "utf8");
  } catch {
    return undefined;
  }
  // Line 1: PID, line 4: port (see PostgreSQL's postmaster.pid layout).
  const lines = content.split("\n");
  const port = Number(lines[3]);
  return { pid: Number(lines[0]), port: Number.isInteger(port) && port > 0 ? port : undefined };
}

async function stopOrphanedPostmaster(pid: number): Promise<void> {
  const signalAndWait = async (signal: NodeJS.Signals, waitMs: number): Promise<boolean> => {
    try {
      process.kill(pid, signal);
    } catch {
      return true; // already gone
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const info = await readProcInfo(pid);
      if (!info || !isPostgresProcess(info)) return true;
      await sleep(100);
    }
    return false;
  };
  if (await signalAndWait("SIGINT", 30_000)) return;
  if (await signalAndWait("SIGQUIT", 10_000)) return;
  throw new EmbeddedPostgresError("ALREADY_RUNNING", `An orphaned PostgreSQL (PID ${pid}) did not stop; stop it with \`kill -9 ${pid}\` and try again.`);
}

/**
 * Makes sure no live server uses `dataDir`, and cleans up what a SIGKILLed server left behind:
 *  - `postmaster.pid` whose PID is dead, a zombie, or now belongs to a non-postgres process (or to
 *    a postgres serving another data dir) is removed. Postgres itself would refuse to start when
 *    the PID was reused by a live process running as the same user.
 *  - Orphaned server children (postmaster dead, child still alive, e.g. stuck or stopped) keep the
 *    old shared memory segment attached, and postgres refuses to start with "pre-existing shared
 *    memory block is still in use". They normally exit within milliseconds of the postmaster's
 *    death; we wait a little, then SIGKILL them. They belong to a dead server and can do nothing
 *    useful. The segment itself is then detected as unused and recycled by postgres on start.
 */
export async function recoverStaleState(dataDir: string, port: number, note: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const dataDirReal = await realpathOrSelf(dataDir);
  const pidFileContent = await readPidFile(pidFile);

  if (pidFileContent) {
    const info = await readProcInfo(pidFileContent.pid);
    if (info && isPostgresProcess(info) && (await servesDataDir(info, dataDirReal))) {
      if (!(await isOrphaned(info))) throw alreadyRunningError(dataDir, info, pidFileContent.port);
      // The run that started it was killed (SIGKILL) and nothing else owns it: shut it down cleanly
      // (SIGINT = fast shutdown, committed data is safe) and take over, as a fresh start would.
      note(`stopping orphaned PostgreSQL (PID ${info.pid}) left by a killed run`);
      await stopOrphanedPostmaster(info.pid);
    }
  }

  let lingering = await findProcessesInDataDir(dataDirReal);
  // A postmaster (title not rewritten to "postgres: ...") serving this directory without (or with
  // a different) postmaster.pid: still a live server, don't touch it.
  const postmaster = lingering.find((info) => !(info.argv[0] ?? "").startsWith("postgres:"));
  if (postmaster) throw alreadyRunningError(dataDir, postmaster, pidFileContent?.port ?? port);

  if (lingering.length > 0) {
    const deadline = Date.now() + 1_000;
    while (lingering.length > 0 && Date.now() < deadline) {
      await sleep(100);
      lingering = await findProcessesInDataDir(dataDirReal);
    }
    if (lingering.length > 0) {
      note(`terminating ${lingering.length} orphaned postgres process(es) of a dead server: ${lingering.map((p) => p.pid).join(", ")}`);
      for (const info of lingering) {
        try {
          process.kill(info.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      const killDeadline = Date.now() + 5_000;
      while (lingering.length > 0 && Date.now() < killDeadline) {
        await sleep(50);
        lingering = await findProcessesInDataDir(dataDirReal);
      }
      if (lingering.length > 0) {
        throw new EmbeddedPostgresError(
          "DATA_DIR_UNUSABLE",
          `Orphaned postgres processes (${lingering.map((p) => p.pid).join(", ")}) of a previous server still use ${dataDir} and could not be terminated. Kill them and try again.`,
        );
      }
    }
  }

  if (pidFileContent) {
    note(`removing stale postmaster.pid (PID ${pidFileContent.pid} is not a running postgres for this data dir)`);
    await fs.rm(pidFile, { force: true });
  }
}
