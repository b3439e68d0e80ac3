import type { ComponentProps } from "react";
import { EMAIL_MAX_LENGTH } from "@/lib/rules/email-address";
import { Input } from "./input";

/** A shopper's email address field: the phone keyboard with @, autofill, and the address length the domain accepts. */
export function EmailInput(props: ComponentProps<typeof Input>) {
  return <Input type="email" inputMode="email" autoComplete="email" placeholder="name@example.ru" maxLength={EMAIL_MAX_LENGTH} {...props} />;
}
