import { NextResponse } from "next/server";
import { defineRoute } from "@/server/http/define-route";

/**
 * GET /api/health: liveness. The process is up and serving; no database, no storage, no session, so a
 * probe every few seconds costs nothing and a database outage does not get the instance restarted.
 */
export const GET = defineRoute({
  name: "api/health",
  roles: "public",
  run: async () => NextResponse.json({ ok: true, status: "up", uptimeSeconds: Math.round(process.uptime()) }, { headers: { "Cache-Control": "no-store" } }),
});
