// CPU time of the processes under test (and their children), of the database's backends and of the whole
// machine, sampled before and after the run: on a shared machine it tells how much of the two cores the
// portal actually had.
import { readFileSync, readdirSync } from "node:fs";
import type pg from "pg";

const TICKS_PER_SECOND = 100;

function ownTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    let children = "";
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8");
    } catch {
      continue;
    }
    for (const child of children.split(" ").filter(Boolean).map(Number)) found.push(child, ...descendants(child));
  }
  return found;
}

/** CPU seconds of a process and everything under it (tsx runs its script in a child process). */
function treeSeconds(pid: number): number {
  return [pid, ...descendants(pid)].reduce((sum, each) => sum + ownTicks(each), 0) / TICKS_PER_SECOND;
}

function machineSeconds(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3]! + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

async function backendPids(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  return rows.map((row) => row.pid);
}

export interface CpuSample {
  at: number;
  processes: Map<string, number>;
  backends: Map<number, number>;
  machine: { busy: number; total: number };
  bench: number;
}

export async function sampleCpu(processes: { name: string; pid: number }[], pool: pg.Pool): Promise<CpuSample> {
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    processes: new Map(processes.map((each) => [each.name, treeSeconds(each.pid)])),
    backends: new Map((await backendPids(pool)).map((pid) => [pid, ownTicks(pid) / TICKS_PER_SECOND])),
    machine: machineSeconds(),
    bench: (usage.user + usage.system) / 1e6,
  };
}

/** One line per process: CPU seconds used during the run and the share of one core that is. */
export function describeCpu(before: CpuSample, after: CpuSample): string[] {
  const wall = (after.at - before.at) / 1000;
  const line = (name: string, seconds: number) => `  ${name.padEnd(34)} ${seconds.toFixed(0).padStart(6)} s CPU  (${((seconds / wall) * 100).toFixed(0)}% of one core)`;
  const lines = [...after.processes].map(([name, seconds]) => line(name, seconds - (before.processes.get(name) ?? 0)));
  let database = 0;
  for (const [pid, seconds] of after.backends) database += seconds - (before.backends.get(pid) ?? 0);
  lines.push(line("PostgreSQL backends of the database", database));
  lines.push(line("the bench itself", after.bench - before.bench));
  const busy = after.machine.busy - before.machine.busy;
  const total = after.machine.total - before.machine.total;
  lines.push(`  machine: ${((busy / total) * 100).toFixed(0)}% busy over the run (${busy.toFixed(0)} of ${total.toFixed(0)} CPU seconds, all processes including other work)`);
  const ours = [...after.processes].reduce((sum, [name, seconds]) => sum + seconds - (before.processes.get(name) ?? 0), 0) + database + (after.bench - before.bench);
  if (busy / total > 0.9 && ours < busy / 2) {
    lines.push(`  WARNING: the machine was saturated and the portal, its database and the bench had only ${((ours / busy) * 100).toFixed(0)}% of the busy CPU time: other work competed for the cores, so these figures measure that contention more than the portal`);
  }
  return lines;
}
