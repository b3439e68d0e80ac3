-- CreateTable
CREATE TABLE "figures_days" (
    "day" DATE NOT NULL,
    "new_participants" INTEGER NOT NULL,
    "requests_filed" INTEGER NOT NULL,
    "requests_with_receipt" INTEGER NOT NULL,
    "requests_decided_late" INTEGER NOT NULL,
    "review_approved" INTEGER NOT NULL,
    "review_rejected" INTEGER NOT NULL,
    "receipt_approved" INTEGER NOT NULL,
    "receipt_rejected" INTEGER NOT NULL,
    "receipts" INTEGER NOT NULL,
    "receipts_with_sum" INTEGER NOT NULL,
    "receipts_sum_kopecks" BIGINT NOT NULL,
    "points_credited" BIGINT NOT NULL,
    "points_spent" BIGINT NOT NULL,
    "points_forfeited" BIGINT NOT NULL,
    "points_adjusted" BIGINT NOT NULL,
    "points_net" BIGINT NOT NULL,
    "closed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "figures_days_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "figures_day_products" (
    "day" DATE NOT NULL,
    "product_id" INTEGER NOT NULL,
    "approved_reviews" INTEGER NOT NULL,

    CONSTRAINT "figures_day_products_pkey" PRIMARY KEY ("day","product_id")
);

-- CreateTable
CREATE TABLE "figures_day_decision_times" (
    "day" DATE NOT NULL,
    "bucket" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL,
    "seconds_sum" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "figures_day_decision_times_pkey" PRIMARY KEY ("day","bucket")
);

-- CreateTable
CREATE TABLE "figures_day_shoppers" (
    "day" DATE NOT NULL,
    "chunk" INTEGER NOT NULL,
    "filed" BIT(65536) NOT NULL,
    "approved" BIT(65536) NOT NULL,
    "approved_twice" BIT(65536) NOT NULL,

    CONSTRAINT "figures_day_shoppers_pkey" PRIMARY KEY ("day","chunk")
);

-- CreateTable
CREATE TABLE "figures_stale_days" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "marked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "figures_stale_days_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "figures_stale_days_day_idx" ON "figures_stale_days"("day");

-- ───────── Written by hand: what Prisma does not model ─────────

-- A bitmap of positions 0…65535 (one chunk of user ids), for the shoppers rollup.
CREATE FUNCTION "figures_bitmap"(positions int[]) RETURNS bit(65536) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ('x' || rpad(coalesce(string_agg(lpad(to_hex(bits), 2 * (byte - previous), '0'), '' ORDER BY byte), ''), 16384, '0'))::bit(65536)
    FROM (SELECT byte, bits, coalesce(lag(byte) OVER (ORDER BY byte), -1) AS previous
            FROM (SELECT p / 8 AS byte, sum(DISTINCT 128 >> (p % 8)) AS bits FROM unnest(positions) AS p GROUP BY 1) b) s
$$;

-- Repeat participation over days: state[1] = shoppers with an approved request on any day so far, state[2] =
-- those with two or more (on two days, or two on one day). Order of days does not matter.
CREATE FUNCTION "figures_repeat_step"(state bit[], approved bit, approved_twice bit) RETURNS bit[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN state IS NULL THEN ARRAY[approved, approved_twice]
              ELSE ARRAY[state[1] | approved, state[2] | approved_twice | (state[1] & approved)] END
$$;
CREATE AGGREGATE "figures_repeat"(bit, bit) (SFUNC = "figures_repeat_step", STYPE = bit[]);

-- Stale marks: every write to a row that a closed day's figures were computed from appends that day (Moscow
-- date of the row's timestamps) to figures_stale_days; the dashboard computes such days from the base tables
-- until the nightly job closes them again. Append-only on purpose: no lock is taken, and a mark committed after
-- the closer's snapshot survives its cleanup (see close-figures-days.ts). Statement-level for inserts and
-- deletes (bulk jobs write thousands of rows at once), row-level with a WHEN for the few updates that matter.

CREATE FUNCTION "figures_mark_users"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day) SELECT DISTINCT (created_at + interval '3 hours')::date FROM changed_rows WHERE role = 'CUSTOMER';
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_users_insert" AFTER INSERT ON "users" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_users"();
CREATE TRIGGER "figures_stale_users_delete" AFTER DELETE ON "users" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_users"();

CREATE FUNCTION "figures_mark_user_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day) VALUES ((OLD.created_at + interval '3 hours')::date), ((NEW.created_at + interval '3 hours')::date);
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_users_update" AFTER UPDATE ON "users" FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION "figures_mark_user_update"();

CREATE FUNCTION "figures_mark_requests"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day)
  SELECT DISTINCT day FROM changed_rows,
         LATERAL (VALUES ((filed_at + interval '3 hours')::date), ((decided_at + interval '3 hours')::date)) d(day)
   WHERE day IS NOT NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_requests_insert" AFTER INSERT ON "review_requests" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_requests"();
CREATE TRIGGER "figures_stale_requests_delete" AFTER DELETE ON "review_requests" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_requests"();

CREATE FUNCTION "figures_mark_request_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day)
  SELECT DISTINCT day FROM (VALUES ((OLD.filed_at + interval '3 hours')::date), ((NEW.filed_at + interval '3 hours')::date),
                                   ((OLD.decided_at + interval '3 hours')::date), ((NEW.decided_at + interval '3 hours')::date)) d(day)
   WHERE day IS NOT NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_requests_update" AFTER UPDATE ON "review_requests" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.decided_at IS DISTINCT FROM NEW.decided_at OR OLD.due_at IS DISTINCT FROM NEW.due_at
        OR OLD.filed_at IS DISTINCT FROM NEW.filed_at OR OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.product_id IS DISTINCT FROM NEW.product_id)
  EXECUTE FUNCTION "figures_mark_request_update"();

-- A part counts on its decision day (approval, top products) and on its request's filing day (with a receipt).
CREATE FUNCTION "figures_mark_parts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day)
  SELECT DISTINCT day FROM changed_rows p JOIN review_requests r ON r.id = p.request_id,
         LATERAL (VALUES ((r.filed_at + interval '3 hours')::date), ((p.decided_at + interval '3 hours')::date)) d(day)
   WHERE day IS NOT NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_parts_insert" AFTER INSERT ON "request_parts" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_parts"();
CREATE TRIGGER "figures_stale_parts_delete" AFTER DELETE ON "request_parts" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_parts"();

CREATE FUNCTION "figures_mark_part_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day)
  SELECT DISTINCT day FROM (VALUES ((OLD.decided_at + interval '3 hours')::date), ((NEW.decided_at + interval '3 hours')::date),
                                   ((SELECT filed_at + interval '3 hours' FROM review_requests WHERE id = NEW.request_id)::date)) d(day)
   WHERE day IS NOT NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_parts_update" AFTER UPDATE ON "request_parts" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.decided_at IS DISTINCT FROM NEW.decided_at OR OLD.kind IS DISTINCT FROM NEW.kind
        OR OLD.request_id IS DISTINCT FROM NEW.request_id)
  EXECUTE FUNCTION "figures_mark_part_update"();

CREATE FUNCTION "figures_mark_created_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day) SELECT DISTINCT (created_at + interval '3 hours')::date FROM changed_rows;
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_receipts_insert" AFTER INSERT ON "receipts" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_created_at"();
CREATE TRIGGER "figures_stale_receipts_delete" AFTER DELETE ON "receipts" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_created_at"();
-- The ledger is append-only (its own trigger refuses updates and deletes).
CREATE TRIGGER "figures_stale_ledger_insert" AFTER INSERT ON "ledger_entries" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "figures_mark_created_at"();

CREATE FUNCTION "figures_mark_receipt_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_stale_days (day) VALUES ((OLD.created_at + interval '3 hours')::date), ((NEW.created_at + interval '3 hours')::date);
  RETURN NULL;
END $$;
CREATE TRIGGER "figures_stale_receipts_update" AFTER UPDATE ON "receipts" FOR EACH ROW
  WHEN (OLD.total_kopecks IS DISTINCT FROM NEW.total_kopecks OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION "figures_mark_receipt_update"();
