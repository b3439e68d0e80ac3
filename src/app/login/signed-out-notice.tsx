"use client";

import { useSearchParams } from "next/navigation";
import { Alert } from "@/components/ui/alert";

/** After "выйти на всех устройствах" the browser lands here; the page stays static, so the address is read in the browser. */
export function SignedOutNotice() {
  const reason = useSearchParams().get("signed-out");
  if (reason !== "everywhere") return null;
  return (
    <Alert tone="success" className="mt-6" data-testid="signed-out-notice">
      Вы вышли на всех устройствах. Чтобы вернуться в кабинет, войдите снова.
    </Alert>
  );
}
