"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { setProductMatchTerms, setProductMatchTermsInput } from "@/server/domain/catalogue/set-product-match-terms";
import { setProductShopLinks, setProductShopLinksInput } from "@/server/domain/catalogue/set-product-shop-links";
import { defineAction } from "@/server/http/define-action";

export const setProductShopLinksAction = defineAction({
  name: "set-product-shop-links",
  roles: AREA_ROLES.staff,
  input: setProductShopLinksInput,
  run: async ({ actor, input }) => {
    const result = await setProductShopLinks(actor, input);
    revalidatePath("/staff/products");
    revalidatePath("/");
    return result;
  },
});

export const setProductMatchTermsAction = defineAction({
  name: "set-product-match-terms",
  roles: AREA_ROLES.staff,
  input: setProductMatchTermsInput,
  run: async ({ actor, input }) => {
    const result = await setProductMatchTerms(actor, input);
    revalidatePath("/staff/products");
    return result;
  },
});
