import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { createRejectionTemplate } from "./create-rejection-template";
import { listAllRejectionTemplates } from "./list-all-rejection-templates";

/** Type test (`tsc --noEmit` checks it, nothing calls it): the rejection templates are kept by administrators. */
export function templatesRoleTypes({ shopper, moderator, admin }: TestActors): void {
  void createRejectionTemplate(admin, inputOf(createRejectionTemplate));
  void listAllRejectionTemplates(admin);
  // @ts-expect-error a shopper does not write templates
  void createRejectionTemplate(shopper, inputOf(createRejectionTemplate));
  // @ts-expect-error moderators use the templates but do not keep them
  void listAllRejectionTemplates(moderator);
}
