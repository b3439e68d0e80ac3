import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { listUndeliveredEmails } from "./list-undelivered-emails";
import { retryOutboxEmail } from "./retry-outbox-email";

/** Type test (`tsc --noEmit` checks it, nothing calls it): the undelivered emails are administrators' to read and retry. */
export function outboxRoleTypes({ shopper, moderator, admin }: TestActors): void {
  void listUndeliveredEmails(admin, inputOf(listUndeliveredEmails));
  void retryOutboxEmail(admin, inputOf(retryOutboxEmail));
  // @ts-expect-error a shopper does not read others' emails
  void listUndeliveredEmails(shopper, inputOf(listUndeliveredEmails));
  // @ts-expect-error a moderator does not retry emails
  void retryOutboxEmail(moderator, inputOf(retryOutboxEmail));
}
