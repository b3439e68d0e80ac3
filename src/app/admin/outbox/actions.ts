"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { retryOutboxEmail, retryOutboxEmailInput } from "@/server/domain/outbox/retry-outbox-email";
import { type ActionResult, toActionError } from "@/server/errors";
import { deliverEmailAfterResponse } from "@/server/messaging/deliver-after-response";

export async function retryOutboxEmailAction(input: unknown): Promise<ActionResult<{ queued: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const { id } = retryOutboxEmailInput.parse(input);
    const result = await retryOutboxEmail(actor, { id });
    // Tried right after the response, as a freshly queued email is; the sweep picks it up otherwise.
    if (result.queued) deliverEmailAfterResponse(id);
    revalidatePath("/admin/outbox");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "retry-outbox-email");
  }
}
