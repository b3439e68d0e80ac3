import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { addMoscowMonthsSql, moscowDateKeySql, moscowDateSql, moscowMidnightSql, storedMoscowMidnight, utcTimestampSql } from "./moscow-time-sql";

describe("Moscow time in SQL", () => {
  it("shifts stored UTC timestamps by the fixed offset", () => {
    expect(moscowDateSql("r.filed_at").sql).toBe("(r.filed_at + interval '3 hours')::date");
    expect(moscowDateKeySql("a.started_at").sql).toBe("to_char((a.started_at + interval '3 hours'), 'YYYY-MM-DD')");
    expect(moscowMidnightSql("lo").sql).toBe("(lo::timestamp - interval '3 hours')");
  });

  it("adds calendar months on the Moscow wall clock", () => {
    const sql = addMoscowMonthsSql(Prisma.sql`inactivity_clock_from`, 6);
    expect(sql.sql).toBe("((inactivity_clock_from + interval '3 hours') + make_interval(months => ?::int) - interval '3 hours')");
    expect(sql.values).toEqual([6]);
  });

  it("writes instants and Moscow midnights as stored (UTC) time", () => {
    expect(utcTimestampSql(new Date("2026-03-01T12:34:56.789Z")).values).toEqual(["2026-03-01T12:34:56.789"]);
    expect(storedMoscowMidnight("2026-03-01")).toBe("2026-02-28 21:00:00");
  });
});
