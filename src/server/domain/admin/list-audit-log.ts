import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { addDays, isDateKey, startOfMoscowDay } from "@/lib/moscow-time";
import { db } from "@/server/db/client";

export const AUDIT_PAGE_SIZE = 50;

/** Empty form fields mean "no filter". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? undefined : value), schema.optional());
}

const dateFilter = (message: string) =>
  z
    .string()
    .trim()
    .refine(isDateKey, { error: message });

export const listAuditLogInput = z.object({
  actorId: optional(z.coerce.number({ error: "Выберите сотрудника из списка." }).int().positive("Выберите сотрудника из списка.")),
  action: optional(z.string().trim().max(100, "Действие — не длиннее 100 символов.")),
  entityType: optional(z.string().trim().max(60, "Тип объекта — не длиннее 60 символов.")),
  entityId: optional(z.string().trim().max(100, "Номер объекта — не длиннее 100 символов.")),
  /** Moscow calendar dates, both inclusive. */
  from: optional(dateFilter("Дата «с» указана неверно.")),
  to: optional(dateFilter("Дата «по» указана неверно.")),
  /** Keyset cursor: rows older than this id (the last one of the previous page). */
  before: optional(z.string().regex(/^\d{1,19}$/, "Неверная страница журнала.")),
});

export type AuditLogFilters = z.infer<typeof listAuditLogInput>;

/**
 * The audit log, newest first, filtered, one page at a time. Pages are cut by id (keyset): a page stays
 * correct while new rows are being written, and the hundredth page costs as little as the first.
 */
export async function listAuditLog(actor: AdminActor, input: AuditLogFilters) {
  assertActorRole(actor, AREA_ROLES.admin);
  const createdAt: Prisma.DateTimeFilter = {};
  if (input.from) createdAt.gte = startOfMoscowDay(input.from);
  // The whole "to" day counts: up to the start of the next Moscow day.
  if (input.to) createdAt.lt = startOfMoscowDay(addDays(input.to, 1));
  const where: Prisma.AuditLogWhereInput = {
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    createdAt: input.from || input.to ? createdAt : undefined,
    id: input.before ? { lt: BigInt(input.before) } : undefined,
  };
  const rows = await db.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: { id: true, action: true, entityType: true, entityId: true, data: true, createdAt: true, actor: { select: { id: true, name: true, email: true, phone: true, role: true } } },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: page.map((row) => ({ ...row, id: row.id.toString() })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.id.toString() : null,
  };
}

/** What the filters offer: the actions and entity types in the log, and everyone who has acted. */
export async function listAuditFilterOptions(actor: AdminActor) {
  assertActorRole(actor, AREA_ROLES.admin);
  const [actions, entityTypes, actors] = await Promise.all([
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditLog.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
    db.auditLog.groupBy({ by: ["actorId"], where: { actorId: { not: null } } }),
  ]);
  const people = await db.user.findMany({
    where: { id: { in: actors.map((row) => row.actorId!).filter(Boolean) } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, email: true, phone: true, role: true },
  });
  return { actions: actions.map((row) => row.action), entityTypes: entityTypes.map((row) => row.entityType), actors: people };
}
