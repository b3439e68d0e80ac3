// `npm run build`: the production build (next build) plus the stamp `npm start` compares with the sources
// (scripts/lib/build-stamp.ts), so a built checkout or image starts at once instead of building again.
import { runProductionBuild } from "./lib/build-stamp.ts";

const startedAt = Date.now();
const code = runProductionBuild({ env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
if (code === 0) console.log(`[build] production build and stamp written in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
process.exit(code);
