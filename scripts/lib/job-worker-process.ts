import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "./paths.ts";

/** A worker that ran this long before it died was healthy: its next restart waits the shortest time again. */
const HEALTHY_RUN_MS = 60_000;
const FIRST_RESTART_DELAY_MS = 5_000;
const MAX_RESTART_DELAY_MS = 5 * 60_000;
/** Longer than the worker's own hard exit (src/server/jobs/worker.ts), so it normally stops by itself. */
const KILL_AFTER_MS = 35_000;

export interface JobWorkerProcess {
  /** Stops the worker (and any restart) and resolves once it has exited; kills it if it does not stop in time. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Runs scripts/worker.ts (the job runner) as a child process of `npm start`, with the web app's environment.
 * A separate process, so a job can neither block nor crash the web server; restarted with a growing delay
 * if it dies, since the web app stays up without it.
 */
export function startJobWorkerProcess(options: { env: NodeJS.ProcessEnv; log: (line: string) => void }): JobWorkerProcess {
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stopping = false;
  let restartTimer: NodeJS.Timeout | null = null;
  let failures = 0;

  const launch = () => {
    restartTimer = null;
    const startedAt = Date.now();
    const worker = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts", "worker.ts")], {
      cwd: REPO_ROOT,
      env: options.env,
      // The IPC channel is only there to close when this process dies: the worker then stops (src/server/jobs/worker.ts).
      stdio: ["inherit", "inherit", "inherit", "ipc"],
    });
    child = worker;
    exited = new Promise((resolve) => {
      worker.on("exit", (code, signal) => {
        child = null;
        resolve();
        if (stopping) return;
        failures = Date.now() - startedAt >= HEALTHY_RUN_MS ? 1 : failures + 1;
        const delay = Math.min(FIRST_RESTART_DELAY_MS * 2 ** (failures - 1), MAX_RESTART_DELAY_MS);
        options.log(`Job runner exited (${signal ?? `code ${code}`}); restarting it in ${Math.round(delay / 1000)} s.`);
        restartTimer = setTimeout(launch, delay);
      });
    });
  };
  launch();

  return {
    async stop(signal = "SIGTERM") {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      const running = child;
      if (!running) return;
      if (running.exitCode === null && running.signalCode === null) running.kill(signal);
      const kill = setTimeout(() => running.kill("SIGKILL"), KILL_AFTER_MS);
      await exited;
      clearTimeout(kill);
    },
  };
}
