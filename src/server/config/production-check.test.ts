import { describe, expect, it } from "vitest";
import { isDeclaredProduction, productionConfigProblems } from "./production-check";

const SAFE = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://portal@db:5432/portal",
  NEXTAUTH_SECRET: "s".repeat(44),
  NEXTAUTH_URL: "https://reviews.example.ru",
};

describe("productionConfigProblems", () => {
  it("accepts a complete single-instance production", () => {
    expect(productionConfigProblems(SAFE)).toEqual([]);
  });

  it("lists every problem, one line each", () => {
    const problems = productionConfigProblems({ NODE_ENV: "production", DATABASE_URL: SAFE.DATABASE_URL, PORTAL_INSTANCES: "2", PORTAL_DEMO: "1" });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^NEXTAUTH_SECRET is not set/);
    expect(problems[1]).toMatch(/^NEXTAUTH_URL is not set/);
    expect(problems[2]).toMatch(/^PORTAL_INSTANCES=2 with images on local disk/);
    expect(problems[3]).toMatch(/^PORTAL_DEMO=1 in production/);
    for (const problem of problems) expect(problem).not.toContain("\n");
  });

  it("treats blank values as missing", () => {
    expect(productionConfigProblems({ ...SAFE, NEXTAUTH_SECRET: "  ", NEXTAUTH_URL: "" })).toHaveLength(2);
  });

  it("allows several instances on shared storage (S3 or UploadThing)", () => {
    expect(productionConfigProblems({ ...SAFE, PORTAL_INSTANCES: "2", S3_BUCKET: "portal-images" })).toEqual([]);
    expect(productionConfigProblems({ ...SAFE, PORTAL_INSTANCES: "3", UPLOADTHING_TOKEN: "token" })).toEqual([]);
    expect(productionConfigProblems({ ...SAFE, PORTAL_INSTANCES: "1" })).toEqual([]);
  });

  it("refuses a PORTAL_INSTANCES that is not a whole number", () => {
    expect(productionConfigProblems({ ...SAFE, PORTAL_INSTANCES: "two" })).toEqual([expect.stringMatching(/^PORTAL_INSTANCES="two" is not a whole number/)]);
    expect(productionConfigProblems({ ...SAFE, PORTAL_INSTANCES: "0" })).toHaveLength(1);
  });

  it("does not apply to the embedded demo, development, or a local run of the production build", () => {
    const unsafe = { NODE_ENV: "production", PORTAL_DEMO: "1" };
    expect(productionConfigProblems(unsafe)).toEqual([]); // no DATABASE_URL: npm start's embedded PostgreSQL
    expect(productionConfigProblems({ ...unsafe, DATABASE_URL: SAFE.DATABASE_URL, NODE_ENV: "development" })).toEqual([]);
    expect(productionConfigProblems({ ...unsafe, DATABASE_URL: SAFE.DATABASE_URL, PORTAL_LOCAL_RUN: "1" })).toEqual([]);
    expect(isDeclaredProduction({ ...unsafe, DATABASE_URL: SAFE.DATABASE_URL })).toBe(true);
  });
});
