"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { createRejectionTemplate, createRejectionTemplateInput } from "@/server/domain/templates/create-rejection-template";
import { moveRejectionTemplate, moveRejectionTemplateInput } from "@/server/domain/templates/move-rejection-template";
import { setRejectionTemplateActive, setRejectionTemplateActiveInput } from "@/server/domain/templates/set-rejection-template-active";
import { updateRejectionTemplate, updateRejectionTemplateInput } from "@/server/domain/templates/update-rejection-template";
import { type ActionResult, toActionError } from "@/server/errors";

export async function createRejectionTemplateAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await createRejectionTemplate(actor, createRejectionTemplateInput.parse(input));
    revalidatePath("/admin/templates");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "create-rejection-template");
  }
}

export async function updateRejectionTemplateAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await updateRejectionTemplate(actor, updateRejectionTemplateInput.parse(input));
    revalidatePath("/admin/templates");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "update-rejection-template");
  }
}

export async function setRejectionTemplateActiveAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await setRejectionTemplateActive(actor, setRejectionTemplateActiveInput.parse(input));
    revalidatePath("/admin/templates");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "set-rejection-template-active");
  }
}

export async function moveRejectionTemplateAction(input: unknown): Promise<ActionResult<{ moved: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await moveRejectionTemplate(actor, moveRejectionTemplateInput.parse(input));
    revalidatePath("/admin/templates");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "move-rejection-template");
  }
}
