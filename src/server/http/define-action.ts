import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/server/auth/session";
import type { ActionResult } from "@/lib/action-result";
import { type Access, type CallContext, type EdgeLimit, applyLimits, failureOf, ipFrom, logCall, resolveActor, startCall, withRequestIdOf } from "./edge-call";

export interface ActionSpec<A extends Access, S extends z.ZodType, T> {
  /** Kebab-case name for the log line. */
  name: string;
  /** "public", or the roles admitted (AREA_ROLES.*): checked before the input is even parsed. */
  roles: A;
  /** The input, parsed before `run`; a failure answers VALIDATION with one message per field. */
  input: S;
  /** Limits counted before `run` (src/server/http/edge-call.ts: byActor, byIp). */
  limits?: readonly EdgeLimit<A, z.output<S>>[];
  /** The domain call (and what must follow it: revalidatePath, delivering a queued email). */
  run: (call: CallContext<A, z.output<S>>) => Promise<T>;
}

const ACTION_MARK = Symbol.for("carely.defineAction");

/**
 * The one way to write a server action: role, input, limits, the call, error mapping to `ActionResult`, and
 * one structured log line per call with its outcome and duration. Export the result from a "use server"
 * file as `export const xAction = defineAction({...})` (the wrapper test checks every action does).
 */
export function defineAction<A extends Access, S extends z.ZodType, T>(spec: ActionSpec<A, S, T>): (input: z.input<S>) => Promise<ActionResult<T>> {
  const action = async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const requestHeaders = await headers();
    return withRequestIdOf(requestHeaders, async () => {
      const started = startCall("action", spec.name, "POST");
      let actor: Actor | null = null;
      try {
        const resolved = await resolveActor(spec.roles);
        actor = resolved;
        const input = spec.input.parse(raw) as z.output<S>;
        const call: CallContext<A, z.output<S>> = { actor: resolved, input, ip: ipFrom(requestHeaders) };
        await applyLimits(spec.limits, call);
        const data = await spec.run(call);
        logCall(started, actor, { ok: true });
        return { ok: true, data };
      } catch (error) {
        // redirect(), notFound() and the like are Next's control flow, not failures.
        unstable_rethrow(error);
        return failureOf(started, actor, error);
      }
    });
  };
  Object.defineProperty(action, ACTION_MARK, { value: spec.name });
  return action;
}

export function isDefinedAction(value: unknown): boolean {
  return typeof value === "function" && ACTION_MARK in value;
}
