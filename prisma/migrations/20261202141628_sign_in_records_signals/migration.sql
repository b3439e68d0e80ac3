-- CreateIndex
CREATE INDEX "sign_in_trust_kind_value_idx" ON "sign_in_trust"("kind", "value");

-- CreateIndex
CREATE INDEX "sign_in_trust_last_seen_at_idx" ON "sign_in_trust"("last_seen_at");
