// `npm run worker`: the background job runner as its own process (the outbox sweep, the staff digests,
// forfeiture), for deployments whose web instances run with JOBS_DISABLED=1. `npm start` runs this same
// file beside the web app. Needs DATABASE_URL, with the migrations applied (`npm run db:migrate`).
import { existsSync } from "node:fs";
import path from "node:path";
import { refuseUnsafeProduction } from "../src/server/config/production-check.ts";
import "./lib/allow-server-only.ts";
import { REPO_ROOT } from "./lib/paths.ts";

// Like scripts/start.ts: a local .env may hold DATABASE_URL and the providers' keys.
if (existsSync(path.join(REPO_ROOT, ".env"))) process.loadEnvFile(path.join(REPO_ROOT, ".env"));
// A declared production worker refuses what the web instances refuse (src/server/config/production-check.ts).
refuseUnsafeProduction(process.env, "[jobs]");

// Imported only now: the server code imports `server-only`, which resolves through the hook registered above.
const { runWorker } = await import("../src/server/jobs/worker.ts");
await runWorker().catch((error: unknown) => {
  console.error("[jobs] failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
