import { PROGRAMME_SETTING_LABEL, USER_ROLE_LABEL } from "@/lib/admin-labels";
import { formatDateTime } from "@/lib/format";

// An audit row's `data`, readable: field by field, and "before → after" for changes. Field names the
// portal knows get Russian labels; anything else is shown as stored, so no detail is ever hidden.

const FIELD_LABEL: Record<string, string> = {
  ...PROGRAMME_SETTING_LABEL,
  amount: "Баллы",
  reason: "Причина",
  balanceBefore: "Было на счёте",
  balanceAfter: "Стало на счёте",
  ledgerEntryId: "Операция",
  email: "Почта",
  role: "Роль",
  name: "Имя",
  expiresAt: "Действует до",
  replacedInvites: "Заменено приглашений",
  reactivates: "Включит отключённую учётную запись",
  reactivated: "Учётная запись включена снова",
  inviteId: "Приглашение",
  points: "Баллы",
  comment: "Комментарий",
  title: "Название",
  text: "Текст",
  note: "Примечание",
  kind: "Вид",
};

function label(key: string): string {
  return FIELD_LABEL[key] ?? key;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function show(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "да" : "нет";
  if (typeof value === "string") {
    if (key === "role" && value in USER_ROLE_LABEL) return USER_ROLE_LABEL[value as keyof typeof USER_ROLE_LABEL];
    if (ISO_DATE.test(value)) return formatDateTime(new Date(value));
    return value;
  }
  if (typeof value === "number") return key === "amount" && value > 0 ? `+${value}` : String(value);
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function AuditData({ data }: { data: unknown }) {
  if (data === null || data === undefined) return null;
  if (!isRecord(data)) return <p className="text-sm break-words text-muted">{JSON.stringify(data)}</p>;
  const { before, after, ...rest } = data;
  const changes = isRecord(before) && isRecord(after) ? [...new Set([...Object.keys(before), ...Object.keys(after)])] : [];
  const plain = Object.entries(changes.length > 0 ? rest : data);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm" data-testid="audit-data">
      {plain.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-muted">{label(key)}</dt>
          <dd className="break-words">{show(key, value)}</dd>
        </div>
      ))}
      {changes.map((key) => (
        <div key={`change-${key}`} className="contents">
          <dt className="text-muted">{label(key)}</dt>
          <dd className="break-words">
            {show(key, (before as Record<string, unknown>)[key])} → <span className="font-medium">{show(key, (after as Record<string, unknown>)[key])}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
