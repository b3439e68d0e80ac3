import { PROGRAMME_SETTING_LABEL, USER_ROLE_LABEL } from "@/lib/admin-labels";
import { CALENDAR_DAY_KIND_LABEL } from "@/lib/calendar-labels";
import { AUTOMATION_RULES, AUTOMATION_RULE_LABEL } from "@/lib/rules/automation-rules";
import { ORDER_STATUS_LABEL } from "@/lib/order-labels";
import { PART_LABEL } from "@/lib/request-labels";
import { CARRIER_LABEL } from "@/lib/tracking";

// The audit log in words: a Russian label for every field the portal's actions write into an audit row's
// `data`, and for their coded values (carriers, kinds, statuses). A field or value missing here is shown as
// stored, so no detail is ever hidden; audit-labels.test.ts lists every field written.

const FIELD_LABEL: Record<string, string> = {
  ...PROGRAMME_SETTING_LABEL,
  // Points and the ledger
  amount: "Баллы",
  points: "Баллы",
  reason: "Причина",
  balanceBefore: "Было на счёте",
  balanceAfter: "Стало на счёте",
  ledgerEntryId: "Операция",
  // Staff and invites
  email: "Почта",
  role: "Роль",
  name: "Имя",
  expiresAt: "Действует до",
  replacedInvites: "Заменено приглашений",
  reactivates: "Включит отключённую учётную запись",
  reactivated: "Учётная запись включена снова",
  inviteId: "Приглашение",
  // Requests and rejection templates
  requestId: "Заявка",
  attempt: "Попытка",
  comment: "Комментарий",
  partKind: "Часть заявки",
  title: "Название",
  text: "Текст",
  sortOrder: "Порядок",
  direction: "Куда",
  from: "С позиции",
  to: "На позицию",
  // Orders
  kind: "Вид",
  carrier: "Служба доставки",
  trackingNumber: "Трек-номер",
  count: "Заказов",
  orderIds: "Заказы",
  refunded: "Возвращено баллов",
  refundEntryId: "Операция возврата",
  stockRestored: "Приз вернулся в остаток",
  codeReleased: "Код вернулся в свободные",
  codeId: "Код",
  codeHint: "Код (конец)",
  // Prizes and their codes
  description: "Описание",
  partnerName: "Партнёр",
  pointsPrice: "Цена, баллов",
  stock: "Остаток",
  isActive: "Показан в каталоге",
  imageId: "Картинка",
  position: "Место",
  batch: "Партия",
  imported: "Загружено кодов",
  emptyLines: "Пустых строк",
  fileName: "Файл",
  // Automatic decisions
  rule: "Правило автоматической проверки",
  reversedRule: "Отменён автоматический отказ по правилу",
  ...Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, AUTOMATION_RULE_LABEL[rule].title])),
  velocityRequestsPerDay: "Сигнал риска: заявок в день больше",
  // Products
  links: "Магазины",
  matchTerms: "Написания в чеках",
  gtins: "Коды GTIN",
  after: "Стало",
  // Calendar
  note: "Примечание",
  before: "Было",
  rescheduledRequests: "Пересчитан срок заявок",
  // Outbox
  attempts: "Попыток",
  lastError: "Последняя ошибка",
  // Personal data
  by: "Кто попросил",
  requests: "Заявок",
  orders: "Заказов",
  pointsWrittenOff: "Списано баллов",
  writeOffEntryId: "Операция списания",
  requestsClosed: "Закрыто заявок",
  partsClosed: "Закрыто частей заявок",
  ordersBlanked: "Заказов без данных получателя",
  notificationsDeleted: "Удалено уведомлений",
  outboxRedacted: "Стёрто из писем и SMS",
  otpDeleted: "Удалено кодов входа",
  storageKeys: "Удалённые файлы",
};

/** Fields whose meaning depends on the action: a cancelled order's `from` is its status, not a position. */
const ACTION_FIELD_LABEL: Record<string, Record<string, string>> = {
  "order.cancel": { from: "Статус до отмены" },
  "order.approve": { kind: "Вид приза" },
  "prize.create": { kind: "Вид приза" },
  "prize.update": { kind: "Вид приза" },
  "request-part.approve": { kind: "Часть заявки" },
  "request-part.reject": { kind: "Часть заявки" },
  "calendar-day.create": { kind: "День" },
  "calendar-day.update": { kind: "День" },
  "calendar-day.remove": { kind: "День" },
  "orders.export": { count: "Заказов в выгрузке" },
  "shopper.export": { requests: "Заявок в файле", orders: "Заказов в файле" },
};

/** Coded values by field: "CDEK" → "СДЭК", "PHYSICAL" → "Физический". */
const VALUE_LABEL: Record<string, Record<string, string>> = {
  kind: { ...PART_LABEL, PHYSICAL: "Физический", DIGITAL: "Цифровой", ...CALENDAR_DAY_KIND_LABEL },
  partKind: PART_LABEL,
  carrier: CARRIER_LABEL,
  role: USER_ROLE_LABEL,
  direction: { UP: "Выше", DOWN: "Ниже" },
  by: { self: "Сам участник", admin: "Администратор по обращению" },
  rule: Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, AUTOMATION_RULE_LABEL[rule].title])),
  reversedRule: Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, AUTOMATION_RULE_LABEL[rule].title])),
};

const ACTION_VALUE_LABEL: Record<string, Record<string, Record<string, string>>> = {
  "order.cancel": { from: ORDER_STATUS_LABEL },
};

export function auditFieldLabel(action: string, key: string): string {
  return ACTION_FIELD_LABEL[action]?.[key] ?? FIELD_LABEL[key] ?? key;
}

/** The Russian word for a coded value, or null when the value is no code the portal knows for that field. */
export function auditValueLabel(action: string, key: string, value: string): string | null {
  return ACTION_VALUE_LABEL[action]?.[key]?.[value] ?? VALUE_LABEL[key]?.[value] ?? null;
}
