"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { AUTOMATIC_DECIDER_NAME, AUTOMATION_RULE_LABEL, type AutomationRule } from "@/lib/rules/automation-rules";
import { decideRequestPartAction } from "../../actions";

/** A part an automatic rule rejected: which rule, and the moderator's way to take the rejection back and approve. */
export function ReverseAutomaticRejection({ requestId, partKind, attempt, rule }: { requestId: number; partKind: "REVIEW" | "RECEIPT"; attempt: number; rule: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useServerAction();
  const title = AUTOMATION_RULE_LABEL[rule as AutomationRule]?.title ?? rule;

  async function approve() {
    const result = await run(
      () => decideRequestPartAction({ requestId, partKind, attempt, decision: "APPROVE", comment: "Автоматический отказ отменён модератором: чек засчитан.", reverseAutomaticRejection: true }),
      "Не удалось сохранить решение. Попробуйте ещё раз.",
    );
    if (result) router.refresh();
  }

  return (
    <div className="space-y-2 rounded-xl bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="automatic-rejection">
      <p>
        Отклонено: {AUTOMATIC_DECIDER_NAME.toLowerCase()}, правило «{title}».
      </p>
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          <Button type="button" size="sm" onClick={approve} disabled={pending}>
            {pending ? "Сохраняем…" : "Да, одобрить чек"}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
            Оставить отказ
          </Button>
        </div>
      ) : (
        <Button type="button" size="sm" variant="secondary" onClick={() => setConfirming(true)}>
          Отменить отказ и одобрить
        </Button>
      )}
      <FormStatus error={error} />
    </div>
  );
}
