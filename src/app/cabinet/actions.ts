"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { updateContactEmail, updateContactEmailInput } from "@/server/domain/cabinet/update-contact-email";
import { defineAction } from "@/server/http/define-action";

export const updateContactEmailAction = defineAction({
  name: "update-contact-email",
  roles: AREA_ROLES.cabinet,
  input: updateContactEmailInput,
  run: async ({ actor, input }) => {
    const result = await updateContactEmail(actor, input);
    revalidatePath("/cabinet");
    return result;
  },
});
