// @ts-check
// Names page requests for portal_http_request_duration_seconds by their path template (/moderation/[id]),
// read from the build's manifests, so the label stays bounded whatever paths clients ask for. Plain
// JavaScript for scripts/portal-server.mjs (types for importers: page-route-names.d.mts).
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * A function from a request to its page's name, or null when another part of the portal times it: server
 * actions and route handlers are timed by their wrapper (src/server/http/edge-call.ts) under their own
 * names. Next's own files are "/_next"; anything unknown (a 404, the dev server, no build) is "other".
 * @param {string} distDir
 * @returns {(url: string | undefined, headers: Record<string, string | string[] | undefined>) => string | null}
 */
export function pageRouteNamer(distDir) {
  /** @type {{ page: string, regex: RegExp }[]} */
  let routes = [];
  /** @type {Set<string>} */
  const handlers = new Set();
  try {
    const manifest = JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8"));
    const appPaths = JSON.parse(readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8"));
    for (const [file, route] of Object.entries(appPaths)) if (file.endsWith("/route")) handlers.add(route);
    // Static routes first: /prizes/new must win over /prizes/[id]. Next lists the dynamic ones most specific first.
    routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map(
      /** @param {{ page: string, regex: string }} route */ (route) => ({ page: route.page, regex: new RegExp(route.regex) }),
    );
  } catch {
    // No production build to read (next dev): every page is "other".
  }
  return (url, headers) => {
    if (headers["next-action"]) return null;
    const pathname = /** @type {string} */ ((url ?? "/").split("?")[0]);
    if (pathname.startsWith("/_next/")) return "/_next";
    const route = routes.find((candidate) => candidate.regex.test(pathname));
    if (!route) return "other";
    return handlers.has(route.page) ? null : route.page;
  };
}
