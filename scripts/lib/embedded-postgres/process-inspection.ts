/**
 * What is running on this machine: process table entries read from /proc (Linux) or `ps`, and whether a
 * process is a postgres serving a given data directory or an orphan whose launcher is gone.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
  argv: string[];
}

const hasProcFs = process.platform === "linux";

export async function readProcInfo(pid: number): Promise<ProcInfo | undefined> {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (hasProcFs) {
    try {
      const [stat, cmdline] = await Promise.all([
        fs.readFile(`/proc/${pid}/stat`, "utf8"),
        fs.readFile(`/proc/${pid}/cmdline`, "utf8"),
      ]);
      // Format: "pid (comm) state ppid ...", comm may contain spaces and parentheses.
      const afterComm = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return {
        pid,
        state: afterComm[0] ?? "?",
        ppid: Number(afterComm[1]),
        argv: cmdline.split("\0").filter((arg) => arg.length > 0),
      };
    } catch {
      return undefined;
    }
  }
  // macOS and others: ps (command line as a single string).
  try {
    const { stdout } = await execFileAsync("ps", ["-o", "ppid=,stat=,command=", "-p", String(pid)]);
    const match = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(stdout.trim());
    if (!match) return undefined;
    return { pid, ppid: Number(match[1]), state: match[2] ?? "?", argv: (match[3] ?? "").split(" ") };
  } catch {
    return undefined;
  }
}

export function isPostgresProcess(info: ProcInfo): boolean {
  if (info.state.startsWith("Z") || info.argv.length === 0) return false; // zombie: already dead
  const first = info.argv[0] ?? "";
  // Server children rewrite their title to "postgres: checkpointer", "postgres: io worker 0", ...
  if (first.startsWith("postgres:")) return true;
  return path.basename(first.split(" ")[0] ?? "") === "postgres";
}

/** The process's working directory; postgres processes chdir into their data dir. */
async function readCwd(pid: number): Promise<string | undefined> {
  if (!hasProcFs) return undefined;
  try {
    return await fs.readlink(`/proc/${pid}/cwd`);
  } catch {
    return undefined; // gone, or not ours to inspect
  }
}

export async function realpathOrSelf(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/** Whether a live postgres process serves `dataDir` (checked via its cwd, else its `-D` argument). */
export async function servesDataDir(info: ProcInfo, dataDirReal: string): Promise<boolean> {
  const cwd = await readCwd(info.pid);
  if (cwd !== undefined) return (await realpathOrSelf(cwd)) === dataDirReal;
  const dIndex = info.argv.indexOf("-D");
  const dArg = dIndex >= 0 ? info.argv[dIndex + 1] : undefined;
  if (dArg !== undefined) return (await realpathOrSelf(dArg)) === dataDirReal;
  return true; // cannot tell: assume it does, never start a second server on the same files
}

async function listProcesses(): Promise<number[]> {
  if (!hasProcFs) return [];
  const entries = await fs.readdir("/proc").catch(() => [] as string[]);
  return entries.filter((name) => /^\d+$/.test(name)).map(Number);
}

/** Non-zombie postgres processes whose cwd is `dataDirReal` (Linux only). */
export async function findProcessesInDataDir(dataDirReal: string): Promise<ProcInfo[]> {
  const found: ProcInfo[] = [];
  for (const pid of await listProcesses()) {
    if (pid === process.pid) continue;
    const cwd = await readCwd(pid);
    if (cwd === undefined || (await realpathOrSelf(cwd)) !== dataDirReal) continue;
    const info = await readProcInfo(pid);
    if (info && isPostgresProcess(info)) found.push(info);
  }
  return found;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A postmaster is orphaned when the node process that launched it is gone: it was re-parented to
 * init (or to a container's subreaper), so its parent is no longer a node process.
 */
export async function isOrphaned(info: ProcInfo): Promise<boolean> {
  if (info.ppid <= 1) return true;
  const parent = await readProcInfo(info.ppid);
  if (!parent) return true;
  const launcher = path.basename(parent.argv[0] ?? "");
  return !/^(node|nodejs|tsx|bun)(\.exe)?$/.test(launcher);
}

