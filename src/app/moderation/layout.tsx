import type { ReactNode } from "react";
import { AreaShell } from "@/components/area-shell";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";

export default async function ModerationLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageRole(AREA_ROLES.moderation);
  return (
    <AreaShell role={actor.role} who={actor.name ?? actor.email ?? ""} nav={[{ href: "/moderation", label: "Модерация" }]} signOutTo="/login/staff">
      {children}
    </AreaShell>
  );
}
