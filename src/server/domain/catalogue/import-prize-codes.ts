import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { groupDigits } from "@/lib/format";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { pluralRu } from "@/lib/plural-ru";
import { CODE_LIST_LIMITS, type CodeListProblem, codeHintOf, parseCodeList } from "./code-list";
import { prizeIdSchema } from "./prize-input";

export const importPrizeCodesInput = z.object({
  prizeId: prizeIdSchema,
  text: z
    .string({ error: "Вставьте коды или выберите файл." })
    .max(4_000_000, `Файл слишком большой: загрузите коды частями, до ${groupDigits(CODE_LIST_LIMITS.maxCodes)} за раз.`),
  /** The uploaded file's name, for the audit log; none when the codes were pasted. */
  fileName: z.string().trim().max(200).optional(),
});

export interface ImportedCodes {
  imported: number;
  batch: string;
  emptyLines: number;
  headerSkipped: boolean;
}

/** Problems listed in the message; the rest are counted. */
const PROBLEMS_SHOWN = 15;

/**
 * Imports a digital prize's codes from a partner's CSV or a pasted list, all or nothing: any problem (a
 * duplicate within the list or of a code already stored, a malformed code) refuses the whole list, with
 * the line of each problem, and writes nothing. Codes are stored with their last four characters as the
 * hint staff see from then on; no screen shows a full code again (only the shopper's email does).
 */
export async function importPrizeCodes(actor: StaffActor, input: z.infer<typeof importPrizeCodesInput>): Promise<ImportedCodes> {
  assertActorRole(actor, AREA_ROLES.staff);
  const parsed = parseCodeList(input.text);
  const problems = [...parsed.problems];
  if (parsed.codes.length === 0 && problems.length === 0) throw new AppError("VALIDATION", "В списке нет ни одного кода.", { fieldErrors: { text: "Нет ни одного кода." } });
  if (parsed.codes.length > CODE_LIST_LIMITS.maxCodes) {
    throw new AppError("VALIDATION", `За один раз можно загрузить до ${CODE_LIST_LIMITS.maxCodes.toLocaleString("ru-RU")} кодов, а в списке ${parsed.codes.length.toLocaleString("ru-RU")}. Разделите файл на части.`);
  }
  const at = now();
  const batch = `${at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}-${randomUUID().slice(0, 8)}`;

  try {
    return await db.$transaction(
      async (tx) => {
        // Locked: two imports for the same prize at once check against each other's codes in turn.
        const [prize] = await tx.$queryRaw<{ kind: string }[]>`SELECT kind::text AS kind FROM prizes WHERE id = ${input.prizeId} FOR UPDATE`;
        if (!prize) throw new AppError("NOT_FOUND", "Приз не найден.");
        if (prize.kind !== "DIGITAL") throw new AppError("CONFLICT", "Коды загружаются только для цифровых призов.");

        const codes = parsed.codes.map((item) => item.code);
        const existing = codes.length
          ? await tx.$queryRaw<{ code: string }[]>`SELECT code FROM prize_codes WHERE prize_id = ${input.prizeId} AND code = ANY(${codes}::text[])`
          : [];
        const stored = new Set(existing.map((row) => row.code));
        for (const item of parsed.codes) {
          if (stored.has(item.code)) problems.push({ line: item.line, message: "такой код уже загружен раньше." });
        }
        if (problems.length > 0) throw refusal(problems);

        // In slices: one INSERT's bind parameters are limited (PostgreSQL: 65 535).
        for (let start = 0; start < parsed.codes.length; start += 5_000) {
          await tx.prizeCode.createMany({
            data: parsed.codes.slice(start, start + 5_000).map((item) => ({ prizeId: input.prizeId, code: item.code, codeHint: codeHintOf(item.code), importBatch: batch, createdAt: at })),
          });
        }
        await writeAuditEntry(tx, {
          actorId: actor.id,
          action: "prize.codes.import",
          entityType: "Prize",
          entityId: input.prizeId,
          // Never the codes themselves: the audit log is read by people who must not see them.
          data: { batch, imported: parsed.codes.length, emptyLines: parsed.emptyLines, fileName: input.fileName ?? null },
          at,
        });
        return { imported: parsed.codes.length, batch, emptyLines: parsed.emptyLines, headerSkipped: parsed.headerSkipped };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    // Another import of the same code for this prize won the race despite the lock (a different connection path).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "Часть этих кодов только что загрузили. Обновите страницу и проверьте список.");
    }
    throw error;
  }
}

function refusal(problems: CodeListProblem[]): AppError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const lines = sorted.slice(0, PROBLEMS_SHOWN).map((problem) => `Строка ${problem.line}: ${problem.message}`);
  const rest = sorted.length - PROBLEMS_SHOWN;
  if (rest > 0) lines.push(`…и ещё ${rest} ${pluralRu(rest, ["ошибка", "ошибки", "ошибок"])}.`);
  const count = `${sorted.length} ${pluralRu(sorted.length, ["ошибка", "ошибки", "ошибок"])}`;
  return new AppError("VALIDATION", `Коды не загружены: ${count}. Исправьте список и загрузите его снова целиком.\n${lines.join("\n")}`, {
    fieldErrors: { text: `${count} в списке.` },
  });
}
