import type { ReactNode } from "react";
import { AreaShell } from "@/components/area-shell";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";

const STAFF_NAV = [
  { href: "/staff", label: "Бренд" },
  { href: "/staff/orders", label: "Заказы" },
  { href: "/staff/prizes", label: "Призы" },
  { href: "/staff/products", label: "Продукты" },
  { href: "/staff/figures", label: "Показатели" },
];

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageRole(AREA_ROLES.staff);
  return (
    <AreaShell role={actor.role} who={actor.name ?? actor.email ?? ""} nav={STAFF_NAV} signOutTo="/login/staff">
      {children}
    </AreaShell>
  );
}
