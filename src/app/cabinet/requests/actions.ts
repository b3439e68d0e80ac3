"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { fileRequest, fileRequestInput } from "@/server/domain/requests/file-request";
import { resubmitRequestPart, resubmitRequestPartInput } from "@/server/domain/requests/resubmit-request-part";
import { defineAction } from "@/server/http/define-action";

export const fileRequestAction = defineAction({
  name: "file-request",
  roles: AREA_ROLES.cabinet,
  input: fileRequestInput,
  run: async ({ actor, input }) => {
    const { id } = await fileRequest(actor, input);
    revalidatePath("/cabinet/requests");
    return { id };
  },
});

export const resubmitRequestPartAction = defineAction({
  name: "resubmit-request-part",
  roles: AREA_ROLES.cabinet,
  input: resubmitRequestPartInput,
  run: async ({ actor, input }) => {
    const { requestId, attempt } = await resubmitRequestPart(actor, input);
    revalidatePath(`/cabinet/requests/${requestId}`);
    return { attempt };
  },
});
