import type { Actor } from "@/server/auth/session";
import { AppError } from "@/server/errors";

/** Who the tests say is signed in (a `vi.hoisted` object, so that the mock's factory can read it). */
export interface ScriptedSession {
  actor: Actor | null;
}

/**
 * The session module with `requireActorRole` answering from `session` instead of a Next.js request, with
 * the real check's errors. Use in a test file as
 * `vi.mock("@/server/auth/session", async (original) => (await import(".../session")).scriptedSessionModule(await original(), session))`.
 */
export function scriptedSessionModule<Module extends object>(original: Module, session: ScriptedSession): Module {
  return {
    ...original,
    requireActorRole: async (roles: readonly string[]) => {
      if (!session.actor) throw new AppError("UNAUTHENTICATED", "Войдите, чтобы продолжить.");
      if (!roles.includes(session.actor.role)) throw new AppError("FORBIDDEN", "Недостаточно прав для этого действия.");
      return session.actor;
    },
  };
}
