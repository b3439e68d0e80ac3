import type { ReactNode } from "react";
import { AreaShell } from "@/components/area-shell";
import { formatRussianPhone } from "@/lib/phone-format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";

export default async function CabinetLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  return (
    <AreaShell role={actor.role} who={actor.phone ? formatRussianPhone(actor.phone) : ""} nav={[
        { href: "/cabinet", label: "Кабинет" },
        { href: "/cabinet/requests", label: "Заявки" },
        { href: "/cabinet/prizes", label: "Призы" },
        { href: "/cabinet/orders", label: "Заказы" },
      ]} signOutTo="/login">
      {children}
    </AreaShell>
  );
}
