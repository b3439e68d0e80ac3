// The decision page's keys, pure so they can be tested. Letters go by the physical key (`code`), so they work
// on the Russian layout too (A is Ф there).

export type DeskKey = "approve" | "reject" | "next" | "undo" | "legend";

export interface KeyInput {
  key: string;
  code: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

const BY_CODE: Record<string, DeskKey> = { KeyA: "approve", KeyR: "reject", KeyN: "next", KeyZ: "undo" };

/** What a key pressed outside any text field does on the decision page (null: nothing). */
export function deskKeyOf(event: KeyInput): DeskKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  // "?" is Shift+/ on the English layout and Shift+7 on the Russian one: the character decides.
  if (event.key === "?") return "legend";
  return BY_CODE[event.code] ?? null;
}

/** Straight after R, a digit 1–9 picks that rejection template: its index, or null for any other key. */
export function templateIndexOf(event: KeyInput): number | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  return /^[1-9]$/.test(event.key) ? Number(event.key) - 1 : null;
}

/** The legend "?" shows; the buttons' labels quote the same keys. */
export const DESK_KEY_LEGEND: { keys: string; what: string }[] = [
  { keys: "A", what: "одобрить первую ждущую часть (10 секунд можно отменить)" },
  { keys: "Z", what: "отменить одобрение, пока оно не отправлено" },
  { keys: "R", what: "отклонить: перейти к комментарию" },
  { keys: "R, затем 1–9", what: "выбрать шаблон отказа по номеру" },
  { keys: "Enter", what: "в комментарии — отправить отказ (Shift+Enter — новая строка)" },
  { keys: "N", what: "следующая заявка" },
  { keys: "?", what: "показать эти клавиши" },
  { keys: "← →", what: "в просмотре фото — предыдущее и следующее" },
  { keys: "+ − 0 1", what: "в просмотре — крупнее, мельче, целиком, 100 %" },
  { keys: "Esc", what: "закрыть просмотр или подсказку" },
];
