import { afterEach } from "vitest";
import { resetEnvCache } from "@/server/config/env";

/** Puts these environment variables back as they were after each test (and drops the parsed-env cache). */
export function restoreEnvAfterEach(names: readonly string[]): void {
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetEnvCache();
  });
}
