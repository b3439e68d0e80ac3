"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { retryOutboxEmail, retryOutboxEmailInput } from "@/server/domain/outbox/retry-outbox-email";
import { defineAction } from "@/server/http/define-action";
import { perActorLimit } from "@/server/http/edge-limits";
import { deliverEmailAfterResponse } from "@/server/messaging/deliver-after-response";

export const retryOutboxEmailAction = defineAction({
  name: "retry-outbox-email",
  roles: AREA_ROLES.admin,
  input: retryOutboxEmailInput,
  // Each retry sends an email at once.
  limits: [perActorLimit("retry-outbox-email", 30, 10 * 60)],
  run: async ({ actor, input }) => {
    const result = await retryOutboxEmail(actor, input);
    // Tried right after the response, as a freshly queued email is; the sweep picks it up otherwise.
    if (result.queued) deliverEmailAfterResponse(input.id);
    revalidatePath("/admin/outbox");
    return result;
  },
});
