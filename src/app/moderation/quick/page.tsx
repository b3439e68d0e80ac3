import type { Metadata } from "next";
import Link from "next/link";
import { QUICK_BATCH_SIZE } from "@/lib/rules/quick-approval";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { QuickBatch } from "./quick-batch";

export const metadata: Metadata = { title: "Быстрое одобрение" };

/**
 * "Можно одобрить быстро": the batch is claimed by the page's script, not by rendering it, so a prefetch of
 * this page claims nothing.
 */
export default async function QuickApprovalPage() {
  await requirePageRole(AREA_ROLES.moderation);
  return (
    <div className="space-y-4">
      <Link href="/moderation" className="text-sm text-muted hover:text-ink">
        ← Очередь
      </Link>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Можно одобрить быстро</h1>
        <p className="text-sm text-muted">
          Заявки, где все автоматические проверки чистые: риск низкий, повторов нет, чек уже одобрен. Пачка — до {QUICK_BATCH_SIZE} заявок, каждая закрепляется за вами как обычно. Посмотрите
          отзыв и подтвердите каждую заявку отдельно.
        </p>
      </div>
      <QuickBatch />
    </div>
  );
}
