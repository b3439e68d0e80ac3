-- Integrity rules that Prisma's schema language cannot express. Written by hand; the drift check ignores
-- CHECK constraints and triggers, so schema.prisma and the migrations still agree.

-- Points: the balance never goes below zero, whatever the concurrency. Writers update the balance with
-- a single conditional statement in the ledger entry's transaction; this is the last line of defence.
ALTER TABLE "users" ADD CONSTRAINT "users_points_balance_non_negative" CHECK ("points_balance" >= 0);
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_balance_after_non_negative" CHECK ("balance_after" >= 0);
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_amount_non_zero" CHECK ("amount" <> 0);

-- Prizes: no oversell, no free or negative prices.
ALTER TABLE "prizes" ADD CONSTRAINT "prizes_stock_non_negative" CHECK ("stock" >= 0);
ALTER TABLE "prizes" ADD CONSTRAINT "prizes_points_price_positive" CHECK ("points_price" > 0);
ALTER TABLE "prize_orders" ADD CONSTRAINT "prize_orders_points_spent_non_negative" CHECK ("points_spent" >= 0);

-- Receipts: sums are whole kopecks and positive when known.
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_total_kopecks_positive" CHECK ("total_kopecks" IS NULL OR "total_kopecks" > 0);

-- The ledger is append-only: corrections are new entries (ADJUSTMENT, PRIZE_REFUND), never edits.
CREATE FUNCTION "ledger_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER "ledger_entries_append_only"
  BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entries_append_only"();
