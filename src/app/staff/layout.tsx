import type { ReactNode } from "react";
import { AreaShell } from "@/components/area-shell";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageRole(AREA_ROLES.staff);
  return (
    <AreaShell role={actor.role} who={actor.name ?? actor.email ?? ""} nav={[{ href: "/staff", label: "Бренд" }]} signOutTo="/login/staff">
      {children}
    </AreaShell>
  );
}
