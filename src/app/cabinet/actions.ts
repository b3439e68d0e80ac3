"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { updateContactEmail, updateContactEmailInput } from "@/server/domain/cabinet/update-contact-email";
import { type ActionResult, toActionError } from "@/server/errors";

export async function updateContactEmailAction(input: unknown): Promise<ActionResult<{ contactEmail: string | null }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.cabinet);
    const result = await updateContactEmail(actor, updateContactEmailInput.parse(input));
    revalidatePath("/cabinet");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "update-contact-email");
  }
}
