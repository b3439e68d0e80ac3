-- AlterTable
ALTER TABLE "part_decisions" ADD COLUMN     "decided_by_rule" TEXT,
ALTER COLUMN "decided_by_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "rejection_templates" ADD COLUMN     "auto_rule" TEXT;

-- AlterTable
ALTER TABLE "request_parts" ADD COLUMN     "decided_by_rule" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "rejection_templates_auto_rule_key" ON "rejection_templates"("auto_rule");

-- A decision is a person's or a rule's, never both and never neither.
ALTER TABLE "part_decisions" ADD CONSTRAINT "part_decisions_one_decider" CHECK (("decided_by_id" IS NULL) <> ("decided_by_rule" IS NULL));
