import type { UserRole } from "@/generated/prisma/enums";

// Russian names for what the administration pages show: staff roles, audit actions and entities,
// programme settings. Shared by server pages and client forms, so no server imports here.

export type StaffRole = Exclude<UserRole, "CUSTOMER">;

export const STAFF_ROLES: readonly StaffRole[] = ["MODERATOR", "STAFF", "ADMIN"];

export const STAFF_ROLE_LABEL: Record<StaffRole, string> = {
  MODERATOR: "Модератор",
  STAFF: "Сотрудник бренда",
  ADMIN: "Администратор",
};

export const USER_ROLE_LABEL: Record<UserRole, string> = { ...STAFF_ROLE_LABEL, CUSTOMER: "Участник" };

/** Audit actions written anywhere in the portal; an action missing here is shown as its code. */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
  "request-part.approve": "Часть заявки одобрена",
  "request-part.reject": "Часть заявки отклонена",
  "order.approve": "Заказ подтверждён",
  "order.ship": "Заказ отправлен",
  "order.deliver": "Заказ вручён",
  "order.cancel": "Заказ отменён",
  "orders.export": "Выгрузка заказов",
  "prize.create": "Приз создан",
  "prize.update": "Приз изменён",
  "prize.image.attach": "Картинка приза добавлена",
  "prize.image.remove": "Картинка приза удалена",
  "prize.codes.import": "Коды приза загружены",
  "product.shop-links": "Магазины продукта изменены",
  "product.match-terms": "Написания продукта в чеках изменены",
  "automation-rules.update": "Правила автоматической проверки изменены",
  "calendar-day.create": "Дата календаря добавлена",
  "calendar-day.update": "Дата календаря изменена",
  "calendar-day.remove": "Дата календаря удалена",
  "rejection-template.create": "Шаблон отказа создан",
  "rejection-template.update": "Шаблон отказа изменён",
  "rejection-template.move": "Шаблон отказа перемещён",
  "rejection-template.activate": "Шаблон отказа показан",
  "rejection-template.deactivate": "Шаблон отказа скрыт",
  "outbox-email.retry": "Письмо отправлено заново",
  "programme-settings.update": "Настройки программы изменены",
  "points.adjust": "Корректировка баллов",
  "staff-invite.create": "Сотрудник приглашён",
  "staff-invite.revoke": "Приглашение отозвано",
  "staff-invite.accept": "Приглашение принято",
  "staff.role-change": "Роль сотрудника изменена",
  "staff.deactivate": "Сотрудник отключён",
  "staff.activate": "Сотрудник включён",
  "user.sign-out-everywhere": "Выход на всех устройствах",
  "shopper.export": "Выгрузка данных участника",
  "shopper.anonymise": "Персональные данные участника удалены",
};

export const AUDIT_ENTITY_LABEL: Record<string, string> = {
  RequestPart: "Часть заявки",
  PrizeOrder: "Заказ",
  OrderExport: "Выгрузка",
  Prize: "Приз",
  Product: "Продукт",
  CalendarDay: "Дата календаря",
  RejectionTemplate: "Шаблон отказа",
  OutboxMessage: "Письмо",
  Setting: "Настройки",
  User: "Пользователь",
  StaffInvite: "Приглашение",
};

/** The programme settings an administrator edits, in the form's order. */
export const PROGRAMME_SETTING_LABEL: Record<string, string> = {
  reviewPoints: "Баллы за отзыв",
  receiptPoints: "Баллы за чек",
  moderationBusinessDays: "Срок проверки заявки, рабочих дней",
  shippingDays: "Срок отправки приза, дней",
  forfeitureMonths: "Баллы сгорают через, месяцев без заказа",
  maxScreenshots: "Скриншотов отзыва в заявке, не больше",
  smsPerHourCap: "SMS с кодом входа в час, не больше",
  campaignStartsAt: "Начало акции",
  campaignEndsAt: "Конец акции",
};
