"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOutHere } from "@/lib/sign-out-here";

export function SignOutButton({ callbackUrl = "/login" }: { callbackUrl?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      // A 44-px tap target, as every control on the shopper's pages.
      className="h-11"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOutHere(callbackUrl);
      }}
    >
      Выйти
    </Button>
  );
}
