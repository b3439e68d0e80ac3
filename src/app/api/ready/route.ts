import { NextResponse } from "next/server";
import { checkReadiness } from "@/server/health/check-readiness";
import { defineRoute } from "@/server/http/define-route";

/**
 * GET /api/ready: readiness for a load balancer or Kubernetes. 200 when the database answers, its migrations
 * are applied, the object storage answers and the job schema exists; 503 otherwise, with each check's status
 * and time (`{ ok, status, checks: { database: { status, ms, reason? }, … } }`). Nothing personal in it.
 */
export const GET = defineRoute({
  name: "api/ready",
  roles: "public",
  run: async () => {
    const { ready, checks } = await checkReadiness();
    return NextResponse.json({ ok: ready, status: ready ? "ready" : "not-ready", checks }, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
  },
});
