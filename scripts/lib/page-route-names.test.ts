import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pageRouteNamer } from "./page-route-names.mjs";

function distWith(routes: { staticRoutes: { page: string; regex: string }[]; dynamicRoutes: { page: string; regex: string }[] }, appPaths: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "page-routes-"));
  writeFileSync(path.join(dir, "routes-manifest.json"), JSON.stringify(routes));
  writeFileSync(path.join(dir, "app-path-routes-manifest.json"), JSON.stringify(appPaths));
  return dir;
}

describe("pageRouteNamer", () => {
  const name = pageRouteNamer(
    distWith(
      {
        staticRoutes: [
          { page: "/", regex: "^/(?:/)?$" },
          { page: "/prizes/new", regex: "^/prizes/new(?:/)?$" },
          { page: "/api/pickup-points", regex: "^/api/pickup\\-points(?:/)?$" },
        ],
        dynamicRoutes: [{ page: "/prizes/[id]", regex: "^/prizes/([^/]+?)(?:/)?$" }],
      },
      { "/page": "/", "/(staff)/prizes/new/page": "/prizes/new", "/prizes/[id]/page": "/prizes/[id]", "/api/pickup-points/route": "/api/pickup-points" },
    ),
  );

  it("names a page by its path template, whatever the path and query", () => {
    expect(name("/prizes/17?tab=codes", {})).toBe("/prizes/[id]");
    expect(name("/prizes/new", {})).toBe("/prizes/new");
    expect(name("/", {})).toBe("/");
  });

  it("leaves route handlers and server actions to their wrapper", () => {
    expect(name("/api/pickup-points?city=x", {})).toBeNull();
    expect(name("/prizes/17", { "next-action": "abc" })).toBeNull();
  });

  it("folds Next's files and unknown paths into two names", () => {
    expect(name("/_next/static/chunks/a.js", {})).toBe("/_next");
    expect(name("/wp-login.php", {})).toBe("other");
  });

  it("names everything other without a build", () => {
    expect(pageRouteNamer(path.join(tmpdir(), "no-such-build"))("/prizes/1", {})).toBe("other");
  });
});
