import { auditFieldLabel, auditValueLabel } from "@/lib/audit-labels";
import { formatDateTime } from "@/lib/format";

// An audit row's `data`, readable: field by field in Russian (src/lib/audit-labels.ts), and "before → after"
// for changes. Anything the labels do not know is shown as stored, so no detail is ever hidden.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function show(action: string, key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "да" : "нет";
  if (typeof value === "string") {
    const word = auditValueLabel(action, key, value);
    if (word) return word;
    if (ISO_DATE.test(value)) return formatDateTime(new Date(value));
    return value;
  }
  if (typeof value === "number") {
    if (key === "amount" && value > 0) return `+${value}`;
    if (key === "orderIds" || key === "requestId") return `№${value}`;
    return String(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    return value.map((item) => show(action, key, item)).join(", ");
  }
  if (isRecord(value)) {
    // A nested record (a removed calendar day's "before"): its fields in words, on one line.
    return Object.entries(value)
      .map(([field, item]) => `${auditFieldLabel(action, field)}: ${show(action, field, item)}`)
      .join("; ");
  }
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function AuditData({ action, data }: { action: string; data: unknown }) {
  if (data === null || data === undefined) return null;
  if (!isRecord(data)) return <p className="text-sm break-words text-muted">{JSON.stringify(data)}</p>;
  const { before, after, ...rest } = data;
  const changes = isRecord(before) && isRecord(after) ? [...new Set([...Object.keys(before), ...Object.keys(after)])] : [];
  const plain = Object.entries(changes.length > 0 ? rest : data);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm" data-testid="audit-data">
      {plain.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-muted">{auditFieldLabel(action, key)}</dt>
          <dd className="break-words">{show(action, key, value)}</dd>
        </div>
      ))}
      {changes.map((key) => (
        <div key={`change-${key}`} className="contents">
          <dt className="text-muted">{auditFieldLabel(action, key)}</dt>
          <dd className="break-words">
            {show(action, key, (before as Record<string, unknown>)[key])} → <span className="font-medium">{show(action, key, (after as Record<string, unknown>)[key])}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
