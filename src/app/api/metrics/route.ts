import { defineRoute } from "@/server/http/define-route";
import { authoriseMetricsScrape } from "@/server/observability/authorise-metrics-scrape";
import { renderMetrics } from "@/server/observability/render-metrics";

/**
 * GET /api/metrics: Prometheus's text format for a scraper holding METRICS_TOKEN (`Authorization: Bearer …`;
 * 401 otherwise, 404 while METRICS_TOKEN is unset). Public to the session check: the token is the check.
 */
export const GET = defineRoute({
  name: "api/metrics",
  roles: "public",
  run: async ({ request }) => {
    authoriseMetricsScrape(request.headers.get("authorization"));
    const { body, contentType } = await renderMetrics();
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  },
});
