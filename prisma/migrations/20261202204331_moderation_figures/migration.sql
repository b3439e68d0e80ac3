-- AlterTable
ALTER TABLE "part_decisions" ADD COLUMN     "due_at" TIMESTAMP(3),
ADD COLUMN     "opened_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "figures_day_moderation" (
    "day" DATE NOT NULL,
    "decider" TEXT NOT NULL,
    "decisions" INTEGER NOT NULL,
    "within_sla" INTEGER NOT NULL,
    "reversals" INTEGER NOT NULL,

    CONSTRAINT "figures_day_moderation_pkey" PRIMARY KEY ("day","decider")
);

-- CreateTable
CREATE TABLE "figures_day_moderation_times" (
    "day" DATE NOT NULL,
    "decider" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "decisions" INTEGER NOT NULL,
    "seconds_sum" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "figures_day_moderation_times_pkey" PRIMARY KEY ("day","decider","bucket")
);

-- CreateIndex
CREATE INDEX "part_decisions_decided_at_decided_by_id_decided_by_rule_ope_idx" ON "part_decisions"("decided_at", "decided_by_id", "decided_by_rule", "opened_at", "due_at");

-- Backfill: decisions recorded before these columns existed take their part's submission time when they
-- decided its current attempt, else the request's filing time; and the request's due time. The rows a
-- privacy deletion wrote when it closed a shopper's open parts keep no opening time: they are not
-- moderation decisions, and the figures leave them out.
UPDATE "part_decisions" d
   SET "opened_at" = CASE WHEN d."attempt" = p."attempt" THEN p."submitted_at" ELSE r."filed_at" END,
       "due_at" = r."due_at"
  FROM "request_parts" p JOIN "review_requests" r ON r."id" = p."request_id"
 WHERE p."id" = d."part_id"
   AND d."comment" IS DISTINCT FROM 'Заявка закрыта: участник удалил свои персональные данные.';

-- Days already closed have no moderation rollup rows: marked stale, they are computed live until the
-- nightly job closes them again with these figures.
INSERT INTO "figures_stale_days" ("day") SELECT DISTINCT ("decided_at" + interval '3 hours')::date FROM "part_decisions";

-- Stale marks for the moderation figures: a decision counts on its own day (and a reversal on the day of
-- the decision that reversed it, which is that decision's own day too). Decisions are only appended, and
-- deleted with their request by a privacy deletion.
CREATE FUNCTION "figures_mark_decisions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day) SELECT DISTINCT (decided_at + interval '3 hours')::date FROM changed_rows;
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_decisions_insert" AFTER INSERT ON "part_decisions" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_decisions"();
CREATE TRIGGER "figures_stale_decisions_delete" AFTER DELETE ON "part_decisions" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_decisions"();
