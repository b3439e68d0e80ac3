"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { checkRequestDuplicates, checkRequestDuplicatesInput } from "@/server/domain/requests/check-request-duplicates";
import { fileRequest, fileRequestInput } from "@/server/domain/requests/file-request";
import { resubmitRequestPart, resubmitRequestPartInput } from "@/server/domain/requests/resubmit-request-part";
import { defineAction } from "@/server/http/define-action";
import { perActorLimit } from "@/server/http/edge-limits";

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

/** Asked by the new-request form as the link, each screenshot and the receipt become known (a read; limited all the same). */
export const checkRequestDuplicatesAction = defineAction({
  name: "check-request-duplicates",
  roles: AREA_ROLES.cabinet,
  input: checkRequestDuplicatesInput,
  limits: [perActorLimit("check-request-duplicates", 200, 10 * 60)],
  run: ({ actor, input }) => checkRequestDuplicates(actor, input),
});
