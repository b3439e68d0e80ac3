import { z } from "zod";

/**
 * What a real production deployment must not start without. Pure (not `server-only`, no env() cache): the
 * start-up scripts (scripts/start.ts, scripts/worker.ts) and the web server (src/instrumentation.ts) all
 * call it on their own environment, so every production entry refuses the same things in the same words.
 */

/** How many web instances the operator declares (PORTAL_INSTANCES, default 1): local disk cannot be shared. */
export const portalInstancesSchema = z
  .string()
  .trim()
  .regex(/^\d{0,4}$/, "PORTAL_INSTANCES is the number of web instances: 1, 2, 3…")
  .transform((value) => (value === "" ? 1 : Number(value)))
  .refine((value) => value >= 1, "PORTAL_INSTANCES is at least 1")
  .default(1);

/**
 * Set by scripts/start.ts (and the test harnesses) for its children when the operator did not say
 * NODE_ENV=production: a local run of the production build (the demo, the e2e suite), which start.ts had
 * fill in the secret and URL itself. Not for deployments.
 */
export const LOCAL_RUN_VARIABLE = "PORTAL_LOCAL_RUN";

type Vars = Readonly<Record<string, string | undefined>>;

const isSet = (value: string | undefined): boolean => Boolean(value?.trim());

/** The check applies to a declared production (NODE_ENV=production) on an external database only. */
export function isDeclaredProduction(vars: Vars): boolean {
  return vars.NODE_ENV?.trim() === "production" && isSet(vars.DATABASE_URL) && vars[LOCAL_RUN_VARIABLE]?.trim() !== "1";
}

/** Every reason this environment must not serve production, one line each; empty when it may start. */
export function productionConfigProblems(vars: Vars): string[] {
  if (!isDeclaredProduction(vars)) return [];
  const problems: string[] = [];
  if (!isSet(vars.NEXTAUTH_SECRET)) {
    problems.push("NEXTAUTH_SECRET is not set: every instance must sign sessions and codes with the same secret (e.g. `openssl rand -base64 32`).");
  }
  if (!isSet(vars.NEXTAUTH_URL)) problems.push("NEXTAUTH_URL is not set: the portal's public https:// address, for links in emails and cookies.");
  const instances = portalInstancesSchema.safeParse(vars.PORTAL_INSTANCES);
  if (!instances.success) {
    problems.push(`PORTAL_INSTANCES=${JSON.stringify(vars.PORTAL_INSTANCES)} is not a whole number of web instances (1, 2, 3…).`);
  } else if (instances.data > 1 && !isSet(vars.S3_BUCKET) && !isSet(vars.UPLOADTHING_TOKEN)) {
    problems.push(`PORTAL_INSTANCES=${instances.data} with images on local disk: the instances cannot share it; set S3_BUCKET (S3-compatible storage) or UPLOADTHING_TOKEN.`);
  }
  if (vars.PORTAL_DEMO?.trim() === "1") problems.push("PORTAL_DEMO=1 in production: it opens the development outbox (every sign-in code in clear); remove it.");
  return problems;
}

/** Prints the problems (one line each, with `prefix`) and exits 1; returns when there are none. */
export function refuseUnsafeProduction(vars: Vars, prefix: string, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  const problems = productionConfigProblems(vars);
  if (problems.length === 0) return;
  for (const problem of problems) write(`${prefix} refusing to start in production: ${problem}`);
  process.exit(1);
}
