import type { ReactNode } from "react";
import { AreaShell } from "@/components/area-shell";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageRole(AREA_ROLES.admin);
  return (
    <AreaShell
      role={actor.role}
      who={actor.name ?? actor.email ?? ""}
      nav={[
        { href: "/admin", label: "Администрирование" },
        { href: "/admin/staff", label: "Сотрудники" },
        { href: "/admin/settings", label: "Настройки" },
        { href: "/admin/points", label: "Баллы" },
        { href: "/admin/audit", label: "Журнал" },
        { href: "/admin/calendar", label: "Календарь" },
        { href: "/admin/templates", label: "Шаблоны отказов" },
        { href: "/admin/outbox", label: "Письма" },
        { href: "/admin/privacy", label: "Персональные данные" },
      ]}
      signOutTo="/login/staff"
    >
      {children}
    </AreaShell>
  );
}
