-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('CUSTOMER', 'MODERATOR', 'STAFF', 'ADMIN');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('PENDING', 'IN_REVIEW', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ReviewPlatform" AS ENUM ('IRECOMMEND', 'OZON', 'WILDBERRIES', 'YANDEX_MARKET', 'OTHER');

-- CreateEnum
CREATE TYPE "PartKind" AS ENUM ('REVIEW', 'RECEIPT');

-- CreateEnum
CREATE TYPE "PartStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ImageKind" AS ENUM ('REVIEW_SCREENSHOT', 'RECEIPT_PHOTO', 'PRIZE_IMAGE');

-- CreateEnum
CREATE TYPE "ReceiptCheckStatus" AS ENUM ('NOT_CHECKED', 'CONFIRMED', 'NOT_FOUND', 'FAILED');

-- CreateEnum
CREATE TYPE "DuplicateKind" AS ENUM ('RECEIPT', 'REVIEW_LINK', 'SCREENSHOT');

-- CreateEnum
CREATE TYPE "LedgerEntryKind" AS ENUM ('REVIEW_APPROVED', 'RECEIPT_APPROVED', 'PRIZE_ORDER', 'PRIZE_REFUND', 'FORFEITURE', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "ForfeitureWarningChannel" AS ENUM ('EMAIL', 'CABINET');

-- CreateEnum
CREATE TYPE "PrizeKind" AS ENUM ('PHYSICAL', 'DIGITAL');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('NEW', 'APPROVED', 'SHIPPED', 'DELIVERED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Carrier" AS ENUM ('CDEK', 'RUSSIAN_POST');

-- CreateEnum
CREATE TYPE "PickupPointSource" AS ENUM ('BUNDLED', 'CDEK_API', 'RUSSIAN_POST_API', 'MANUAL');

-- CreateEnum
CREATE TYPE "OutboxChannel" AS ENUM ('SMS', 'EMAIL');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'WORKING_DAY');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "role" "UserRole" NOT NULL DEFAULT 'CUSTOMER',
    "phone" TEXT,
    "email" TEXT,
    "contact_email" TEXT,
    "name" TEXT,
    "password_hash" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "consent_at" TIMESTAMP(3),
    "consent_version" TEXT,
    "points_balance" INTEGER NOT NULL DEFAULT 0,
    "inactivity_clock_from" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "last_login_at" TIMESTAMP(3),
    "anonymised_at" TIMESTAMP(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "otp_codes" (
    "id" SERIAL NOT NULL,
    "phone" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "consumed_at" TIMESTAMP(3),
    "locked_at" TIMESTAMP(3),
    "requested_ip" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "otp_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_hits" (
    "id" BIGSERIAL NOT NULL,
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_invites" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "accepted_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "invited_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_invites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" SERIAL NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "category" TEXT,
    "image_url" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_requests" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "product_id" INTEGER NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "platform" "ReviewPlatform" NOT NULL DEFAULT 'OTHER',
    "review_url" TEXT NOT NULL,
    "review_url_key" TEXT NOT NULL,
    "credited_review_key" TEXT,
    "filed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_at" TIMESTAMP(3) NOT NULL,
    "decided_at" TIMESTAMP(3),
    "claimed_by_id" INTEGER,
    "claim_expires_at" TIMESTAMP(3),
    "idempotency_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_parts" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "kind" "PartKind" NOT NULL,
    "status" "PartStatus" NOT NULL DEFAULT 'PENDING',
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "submitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "points" INTEGER,
    "comment" TEXT,
    "decided_at" TIMESTAMP(3),
    "decided_by_id" INTEGER,

    CONSTRAINT "request_parts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "part_decisions" (
    "id" SERIAL NOT NULL,
    "part_id" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" "PartStatus" NOT NULL,
    "comment" TEXT,
    "decided_by_id" INTEGER NOT NULL,
    "decided_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "part_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "images" (
    "id" UUID NOT NULL,
    "kind" "ImageKind" NOT NULL,
    "owner_id" INTEGER,
    "part_id" INTEGER,
    "prize_id" INTEGER,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "position" INTEGER NOT NULL DEFAULT 0,
    "storage_key" TEXT NOT NULL,
    "thumb_key" TEXT,
    "mime_type" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "perceptual_hash" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "receipts" (
    "id" SERIAL NOT NULL,
    "part_id" INTEGER NOT NULL,
    "image_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "qr_text" TEXT,
    "fiscal_drive_number" TEXT,
    "fiscal_document_number" TEXT,
    "fiscal_sign" TEXT,
    "operation_type" INTEGER,
    "purchased_at" TIMESTAMP(3),
    "total_kopecks" INTEGER,
    "fiscal_key" TEXT,
    "credited_fiscal_key" TEXT,
    "problem" TEXT,
    "check_status" "ReceiptCheckStatus" NOT NULL DEFAULT 'NOT_CHECKED',
    "check_result" JSONB,
    "checked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "receipts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duplicate_flags" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "kind" "DuplicateKind" NOT NULL,
    "matched_request_id" INTEGER NOT NULL,
    "image_id" UUID,
    "matched_image_id" UUID,
    "distance" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "duplicate_flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rejection_templates" (
    "id" SERIAL NOT NULL,
    "part_kind" "PartKind",
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rejection_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "kind" "LedgerEntryKind" NOT NULL,
    "amount" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "reason" TEXT,
    "part_id" INTEGER,
    "order_id" INTEGER,
    "created_by_id" INTEGER,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forfeiture_warnings" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "clock_from" TIMESTAMP(3) NOT NULL,
    "days_before" INTEGER NOT NULL,
    "forfeit_at" TIMESTAMP(3) NOT NULL,
    "points" INTEGER NOT NULL,
    "channels" "ForfeitureWarningChannel"[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "forfeiture_warnings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prizes" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "partner_name" TEXT NOT NULL DEFAULT 'Carely',
    "kind" "PrizeKind" NOT NULL,
    "points_price" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "image_url" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "prizes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prize_codes" (
    "id" SERIAL NOT NULL,
    "prize_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "code_hint" TEXT NOT NULL,
    "import_batch" TEXT NOT NULL,
    "order_id" INTEGER,
    "issued_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prize_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prize_orders" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "prize_id" INTEGER NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'NEW',
    "points_spent" INTEGER NOT NULL,
    "carrier" "Carrier",
    "pickup_point_id" INTEGER,
    "pickup_point_code" TEXT,
    "pickup_point_address" TEXT,
    "recipient_name" TEXT,
    "recipient_phone" TEXT,
    "tracking_number" TEXT,
    "delivery_email" TEXT,
    "processing_due_at" TIMESTAMP(3) NOT NULL,
    "shipping_due_at" TIMESTAMP(3),
    "approved_at" TIMESTAMP(3),
    "shipped_at" TIMESTAMP(3),
    "delivered_at" TIMESTAMP(3),
    "cancelled_at" TIMESTAMP(3),
    "cancel_reason" TEXT,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "prize_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pickup_points" (
    "id" SERIAL NOT NULL,
    "carrier" "Carrier" NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "postal_code" TEXT,
    "work_hours" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "source" "PickupPointSource" NOT NULL DEFAULT 'BUNDLED',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "pickup_points_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" SERIAL NOT NULL,
    "channel" "OutboxChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "template" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "provider" TEXT,
    "provider_message_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "dedupe_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "read_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "data" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by_id" INTEGER,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "calendar_days" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "note" TEXT,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "calendar_days_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_phone_key" ON "users"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_role_created_at_idx" ON "users"("role", "created_at");

-- CreateIndex
CREATE INDEX "users_inactivity_clock_from_idx" ON "users"("inactivity_clock_from");

-- CreateIndex
CREATE INDEX "otp_codes_phone_created_at_idx" ON "otp_codes"("phone", "created_at");

-- CreateIndex
CREATE INDEX "rate_limit_hits_bucket_key_created_at_idx" ON "rate_limit_hits"("bucket", "key", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "staff_invites_token_hash_key" ON "staff_invites"("token_hash");

-- CreateIndex
CREATE INDEX "staff_invites_email_idx" ON "staff_invites"("email");

-- CreateIndex
CREATE UNIQUE INDEX "products_sku_key" ON "products"("sku");

-- CreateIndex
CREATE INDEX "products_is_active_sort_order_idx" ON "products"("is_active", "sort_order");

-- CreateIndex
CREATE UNIQUE INDEX "review_requests_credited_review_key_key" ON "review_requests"("credited_review_key");

-- CreateIndex
CREATE UNIQUE INDEX "review_requests_idempotency_key_key" ON "review_requests"("idempotency_key");

-- CreateIndex
CREATE INDEX "review_requests_customer_id_filed_at_idx" ON "review_requests"("customer_id", "filed_at" DESC);

-- CreateIndex
CREATE INDEX "review_requests_status_due_at_idx" ON "review_requests"("status", "due_at");

-- CreateIndex
CREATE INDEX "review_requests_review_url_key_idx" ON "review_requests"("review_url_key");

-- CreateIndex
CREATE INDEX "review_requests_filed_at_idx" ON "review_requests"("filed_at");

-- CreateIndex
CREATE INDEX "review_requests_product_id_status_idx" ON "review_requests"("product_id", "status");

-- CreateIndex
CREATE INDEX "request_parts_kind_status_decided_at_idx" ON "request_parts"("kind", "status", "decided_at");

-- CreateIndex
CREATE UNIQUE INDEX "request_parts_request_id_kind_key" ON "request_parts"("request_id", "kind");

-- CreateIndex
CREATE INDEX "part_decisions_part_id_decided_at_idx" ON "part_decisions"("part_id", "decided_at");

-- CreateIndex
CREATE INDEX "images_part_id_attempt_position_idx" ON "images"("part_id", "attempt", "position");

-- CreateIndex
CREATE INDEX "images_sha256_idx" ON "images"("sha256");

-- CreateIndex
CREATE INDEX "images_owner_id_idx" ON "images"("owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "receipts_image_id_key" ON "receipts"("image_id");

-- CreateIndex
CREATE UNIQUE INDEX "receipts_credited_fiscal_key_key" ON "receipts"("credited_fiscal_key");

-- CreateIndex
CREATE INDEX "receipts_fiscal_key_idx" ON "receipts"("fiscal_key");

-- CreateIndex
CREATE INDEX "receipts_part_id_attempt_idx" ON "receipts"("part_id", "attempt");

-- CreateIndex
CREATE INDEX "receipts_created_at_idx" ON "receipts"("created_at");

-- CreateIndex
CREATE INDEX "duplicate_flags_request_id_kind_idx" ON "duplicate_flags"("request_id", "kind");

-- CreateIndex
CREATE INDEX "duplicate_flags_kind_request_id_idx" ON "duplicate_flags"("kind", "request_id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entries_idempotency_key_key" ON "ledger_entries"("idempotency_key");

-- CreateIndex
CREATE INDEX "ledger_entries_customer_id_created_at_idx" ON "ledger_entries"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "ledger_entries_kind_created_at_idx" ON "ledger_entries"("kind", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "forfeiture_warnings_customer_id_clock_from_days_before_key" ON "forfeiture_warnings"("customer_id", "clock_from", "days_before");

-- CreateIndex
CREATE INDEX "prizes_is_active_sort_order_idx" ON "prizes"("is_active", "sort_order");

-- CreateIndex
CREATE UNIQUE INDEX "prize_codes_order_id_key" ON "prize_codes"("order_id");

-- CreateIndex
CREATE INDEX "prize_codes_prize_id_issued_at_idx" ON "prize_codes"("prize_id", "issued_at");

-- CreateIndex
CREATE UNIQUE INDEX "prize_codes_prize_id_code_key" ON "prize_codes"("prize_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "prize_orders_idempotency_key_key" ON "prize_orders"("idempotency_key");

-- CreateIndex
CREATE INDEX "prize_orders_customer_id_created_at_idx" ON "prize_orders"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "prize_orders_status_processing_due_at_idx" ON "prize_orders"("status", "processing_due_at");

-- CreateIndex
CREATE INDEX "prize_orders_created_at_idx" ON "prize_orders"("created_at");

-- CreateIndex
CREATE INDEX "pickup_points_carrier_city_idx" ON "pickup_points"("carrier", "city");

-- CreateIndex
CREATE UNIQUE INDEX "pickup_points_carrier_code_key" ON "pickup_points"("carrier", "code");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_dedupe_key_key" ON "outbox_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_messages_channel_created_at_idx" ON "outbox_messages"("channel", "created_at" DESC);

-- CreateIndex
CREATE INDEX "outbox_messages_status_next_attempt_at_idx" ON "outbox_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_actor_id_created_at_idx" ON "audit_log"("actor_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- AddForeignKey
ALTER TABLE "staff_invites" ADD CONSTRAINT "staff_invites_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_claimed_by_id_fkey" FOREIGN KEY ("claimed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_parts" ADD CONSTRAINT "request_parts_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "review_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_parts" ADD CONSTRAINT "request_parts_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "part_decisions" ADD CONSTRAINT "part_decisions_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "request_parts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "images" ADD CONSTRAINT "images_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "images" ADD CONSTRAINT "images_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "request_parts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "images" ADD CONSTRAINT "images_prize_id_fkey" FOREIGN KEY ("prize_id") REFERENCES "prizes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "request_parts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_flags" ADD CONSTRAINT "duplicate_flags_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "review_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_flags" ADD CONSTRAINT "duplicate_flags_matched_request_id_fkey" FOREIGN KEY ("matched_request_id") REFERENCES "review_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_flags" ADD CONSTRAINT "duplicate_flags_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_flags" ADD CONSTRAINT "duplicate_flags_matched_image_id_fkey" FOREIGN KEY ("matched_image_id") REFERENCES "images"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "request_parts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "prize_orders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forfeiture_warnings" ADD CONSTRAINT "forfeiture_warnings_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prize_codes" ADD CONSTRAINT "prize_codes_prize_id_fkey" FOREIGN KEY ("prize_id") REFERENCES "prizes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prize_codes" ADD CONSTRAINT "prize_codes_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "prize_orders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prize_orders" ADD CONSTRAINT "prize_orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prize_orders" ADD CONSTRAINT "prize_orders_prize_id_fkey" FOREIGN KEY ("prize_id") REFERENCES "prizes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prize_orders" ADD CONSTRAINT "prize_orders_pickup_point_id_fkey" FOREIGN KEY ("pickup_point_id") REFERENCES "pickup_points"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
