"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { fileRequest, fileRequestInput } from "@/server/domain/requests/file-request";
import { resubmitRequestPart, resubmitRequestPartInput } from "@/server/domain/requests/resubmit-request-part";
import { type ActionResult, toActionError } from "@/server/errors";


export async function fileRequestAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.cabinet);
    const parsed = fileRequestInput.parse(input);
    const { id } = await fileRequest(actor, parsed);
    revalidatePath("/cabinet/requests");
    return { ok: true, data: { id } };
  } catch (error) {
    return toActionError(error, "file-request");
  }
}

export async function resubmitRequestPartAction(input: unknown): Promise<ActionResult<{ attempt: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.cabinet);
    const parsed = resubmitRequestPartInput.parse(input);
    const { requestId, attempt } = await resubmitRequestPart(actor, parsed);
    revalidatePath(`/cabinet/requests/${requestId}`);
    return { ok: true, data: { attempt } };
  } catch (error) {
    return toActionError(error, "resubmit-request-part");
  }
}
