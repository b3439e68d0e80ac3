import Link from "next/link";
import type { ReactNode } from "react";
import type { UserRole } from "@/generated/prisma/enums";
import { BrandMark } from "@/components/brand-mark";
import { SignOutButton } from "@/components/sign-out-button";

export interface NavItem {
  href: string;
  label: string;
}

const ROLE_LABEL: Record<UserRole, string> = {
  CUSTOMER: "Участник",
  MODERATOR: "Модератор",
  STAFF: "Сотрудник бренда",
  ADMIN: "Администратор",
};

/** Staff areas the administrator can switch between; everyone else sees only their own. */
function areaLinks(role: UserRole): NavItem[] {
  if (role !== "ADMIN") return [];
  return [
    { href: "/moderation", label: "Модерация" },
    { href: "/staff", label: "Бренд" },
    { href: "/admin", label: "Администрирование" },
  ];
}

export function AreaShell({
  role,
  who,
  nav,
  children,
  signOutTo,
}: {
  role: UserRole;
  who: string;
  nav: NavItem[];
  children: ReactNode;
  signOutTo: string;
}) {
  const links = [...nav, ...areaLinks(role).filter((area) => !nav.some((item) => item.href === area.href))];
  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-10 border-b border-line bg-white/90 backdrop-blur">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-3">
          <BrandMark href={links[0]?.href ?? "/"} />
          <div className="flex items-center gap-2 text-sm text-muted">
            <span className="hidden sm:inline">
              {ROLE_LABEL[role]} · {who}
            </span>
            <SignOutButton callbackUrl={signOutTo} />
          </div>
        </div>
        {links.length > 1 && (
          // Wraps onto a second row rather than scrolling: every section stays in sight (the admin's nine and the
          // areas). Each link is a 44-px tap target.
          <nav aria-label="Разделы" className="mx-auto flex max-w-5xl flex-wrap gap-x-1 px-3 pb-1">
            {links.map((item) => (
              <Link key={item.href} href={item.href} className="inline-flex min-h-11 items-center whitespace-nowrap rounded-lg px-3 text-sm font-medium text-muted hover:bg-brand-50 hover:text-ink">
                {item.label}
              </Link>
            ))}
          </nav>
        )}
      </header>
      <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
    </div>
  );
}
