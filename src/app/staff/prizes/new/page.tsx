import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { PrizeForm } from "../prize-form";

export const metadata: Metadata = { title: "Новый приз" };

export default async function NewPrizePage() {
  await requirePageRole(AREA_ROLES.staff);
  return (
    <div className="space-y-4">
      <Link href="/staff/prizes" className="text-sm text-muted hover:text-ink">
        ← Призы
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">Новый приз</h1>
      <Card>
        <PrizeForm />
        <p className="mt-4 text-xs text-muted">Фото и коды цифрового приза добавляются на странице приза после создания.</p>
      </Card>
    </div>
  );
}
