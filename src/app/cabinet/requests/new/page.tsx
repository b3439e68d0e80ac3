import type { Metadata } from "next";
import Link from "next/link";
import { pointsWord } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listRequestProducts } from "@/server/domain/requests/list-request-products";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { NewRequestForm } from "./new-request-form";

export const metadata: Metadata = { title: "Новая заявка" };

export default async function NewRequestPage() {
  await requirePageRole(AREA_ROLES.cabinet);
  const [products, settings] = await Promise.all([listRequestProducts(), getProgrammeSettings()]);
  return (
    <div className="mx-auto max-w-xl space-y-5">
      <Link href="/cabinet/requests" className="-my-3 inline-flex min-h-11 items-center text-sm text-muted hover:text-ink">
        ← Мои заявки
      </Link>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Новая заявка</h1>
        <p className="mt-1 text-[15px] text-muted">
          {settings.reviewPoints} {pointsWord(settings.reviewPoints)} за новый отзыв и {settings.receiptPoints} за чек с QR-кодом — после проверки модератором.
        </p>
      </div>
      <NewRequestForm products={products} maxScreenshots={settings.maxScreenshots} receiptPoints={settings.receiptPoints} moderationBusinessDays={settings.moderationBusinessDays} />
    </div>
  );
}
