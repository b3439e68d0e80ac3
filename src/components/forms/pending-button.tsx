import type { ComponentProps, ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** A form's button while its action runs: disabled (a second click sends nothing) and saying what is happening. */
export function PendingButton({ pending, pendingText, disabled, children, ...props }: ComponentProps<typeof Button> & { pending: boolean; pendingText: ReactNode }) {
  return (
    <Button disabled={pending || disabled} {...props}>
      {pending ? pendingText : children}
    </Button>
  );
}
