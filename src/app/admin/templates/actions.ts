"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { createRejectionTemplate, createRejectionTemplateInput } from "@/server/domain/templates/create-rejection-template";
import { moveRejectionTemplate, moveRejectionTemplateInput } from "@/server/domain/templates/move-rejection-template";
import { setRejectionTemplateActive, setRejectionTemplateActiveInput } from "@/server/domain/templates/set-rejection-template-active";
import { updateRejectionTemplate, updateRejectionTemplateInput } from "@/server/domain/templates/update-rejection-template";
import { defineAction } from "@/server/http/define-action";

export const createRejectionTemplateAction = defineAction({
  name: "create-rejection-template",
  roles: AREA_ROLES.admin,
  input: createRejectionTemplateInput,
  run: async ({ actor, input }) => {
    const result = await createRejectionTemplate(actor, input);
    revalidatePath("/admin/templates");
    return result;
  },
});

export const updateRejectionTemplateAction = defineAction({
  name: "update-rejection-template",
  roles: AREA_ROLES.admin,
  input: updateRejectionTemplateInput,
  run: async ({ actor, input }) => {
    const result = await updateRejectionTemplate(actor, input);
    revalidatePath("/admin/templates");
    return result;
  },
});

export const setRejectionTemplateActiveAction = defineAction({
  name: "set-rejection-template-active",
  roles: AREA_ROLES.admin,
  input: setRejectionTemplateActiveInput,
  run: async ({ actor, input }) => {
    const result = await setRejectionTemplateActive(actor, input);
    revalidatePath("/admin/templates");
    return result;
  },
});

export const moveRejectionTemplateAction = defineAction({
  name: "move-rejection-template",
  roles: AREA_ROLES.admin,
  input: moveRejectionTemplateInput,
  run: async ({ actor, input }) => {
    const result = await moveRejectionTemplate(actor, input);
    revalidatePath("/admin/templates");
    return result;
  },
});
