import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { db } from "../../src/server/db/client.ts";
import { appendLedgerEntry } from "../../src/server/domain/ledger/append-ledger-entry.ts";
import type { UserRole } from "../../src/generated/prisma/enums.ts";

// Shared test-data factories. Each returns the created row; overrides change only what a test cares about.

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/** A unique valid Russian mobile (+7 900 1xx-xx-xx). */
export function uniquePhone(): string {
  return `+79001${(next() + Math.floor(Math.random() * 1000) * 1000).toString().padStart(6, "0").slice(-6)}`;
}

/** The row, its role typed as created (so that `actorOf` gives a shopper's actor). */
export async function createShopper(overrides: { phone?: string; isActive?: boolean; pointsBalance?: number; contactEmail?: string | null } = {}) {
  const user = await db.user.create({
    data: {
      role: "CUSTOMER",
      phone: overrides.phone ?? uniquePhone(),
      consentAt: new Date(),
      consentVersion: "test",
      isActive: overrides.isActive ?? true,
      pointsBalance: overrides.pointsBalance ?? 0,
      contactEmail: overrides.contactEmail ?? null,
    },
  });
  return { ...user, role: "CUSTOMER" as const };
}

/**
 * Points credited through the ledger at `at`, as an approved review would be: the entry, the cached balance
 * and the forfeiture clock move together (createShopper's pointsBalance sets the balance alone).
 */
export async function creditPoints(customerId: number, amount: number, at: Date) {
  return db.$transaction((tx) =>
    appendLedgerEntry(tx, { customerId, kind: "REVIEW_APPROVED", amount, idempotencyKey: `test-credit:${randomUUID()}`, reason: "test", at }),
  );
}

export const STAFF_TEST_PASSWORD = "correct horse battery staple";
let staffPasswordHash: Promise<string> | undefined;

/** The row, its role typed as created (so that `actorOf` gives an actor of that role). */
export async function createStaff<R extends Exclude<UserRole, "CUSTOMER">>(role: R, overrides: { email?: string; isActive?: boolean } = {}) {
  staffPasswordHash ??= hash(STAFF_TEST_PASSWORD);
  const user = await db.user.create({
    data: {
      role,
      email: overrides.email ?? `${role.toLowerCase()}-${next()}@example.test`,
      name: `${role} ${sequence}`,
      passwordHash: await staffPasswordHash,
      isActive: overrides.isActive ?? true,
    },
  });
  return { ...user, role };
}

export async function createProduct(overrides: { name?: string } = {}) {
  const n = next();
  return db.product.create({ data: { sku: `TEST-${n}`, name: overrides.name ?? `Тестовый продукт ${n}` } });
}

/**
 * An image row with both copies written to the configured storage (under tests, a temporary folder unless
 * UPLOADS_DIR says otherwise). Without `bytes`, a picture of random blocks: unique, so perceptual hashes of
 * two factory images are far apart.
 */
export async function createImage(
  overrides: {
    ownerId?: number | null;
    kind?: "REVIEW_SCREENSHOT" | "RECEIPT_PHOTO" | "PRIZE_IMAGE";
    bytes?: Buffer;
    qrText?: string | null;
    partId?: number;
    attempt?: number;
    position?: number;
    prizeId?: number;
  } = {},
) {
  const [{ default: sharp }, { randomBytes }, { processImage }, { storeProcessedImage }] = await Promise.all([
    import("sharp"),
    import("node:crypto"),
    import("../../src/server/images/process-image.ts"),
    import("../../src/server/images/store-image.ts"),
  ]);
  const bytes =
    overrides.bytes ??
    (await sharp(randomBytes(16 * 16 * 3), { raw: { width: 16, height: 16, channels: 3 } }).resize(256, 256, { kernel: "nearest" }).png().toBuffer());
  const { id } = await storeProcessedImage(db, {
    ownerId: overrides.ownerId ?? null,
    kind: overrides.kind ?? "REVIEW_SCREENSHOT",
    processed: await processImage(bytes),
    qrText: overrides.qrText,
    partId: overrides.partId,
    attempt: overrides.attempt,
    position: overrides.position,
    prizeId: overrides.prizeId,
  });
  return db.image.findUniqueOrThrow({ where: { id } });
}

export async function createPrize(
  overrides: {
    title?: string;
    kind?: "PHYSICAL" | "DIGITAL";
    pointsPrice?: number;
    stock?: number;
    isActive?: boolean;
    partnerName?: string;
    sortOrder?: number;
    imageUrl?: string | null;
  } = {},
) {
  const n = next();
  return db.prize.create({
    data: {
      title: overrides.title ?? `Тестовый приз ${n}`,
      kind: overrides.kind ?? "PHYSICAL",
      pointsPrice: overrides.pointsPrice ?? 500,
      // A digital prize's stock is its codes (createPrizeCodes); the column stays 0 for it.
      stock: overrides.stock ?? ((overrides.kind ?? "PHYSICAL") === "PHYSICAL" ? 10 : 0),
      isActive: overrides.isActive ?? true,
      partnerName: overrides.partnerName ?? "Carely",
      sortOrder: overrides.sortOrder ?? 0,
      imageUrl: overrides.imageUrl ?? null,
    },
  });
}

/** `count` unused codes for a digital prize, `TEST-<prize>-0001`…, in id order. */
export async function createPrizeCodes(prizeId: number, count: number) {
  const codes = Array.from({ length: count }, (_, index) => `TEST-${prizeId}-${(index + 1).toString().padStart(4, "0")}`);
  await db.prizeCode.createMany({
    data: codes.map((code) => ({ prizeId, code, codeHint: code.slice(-4), importBatch: "test" })),
  });
  return db.prizeCode.findMany({ where: { prizeId }, orderBy: { id: "asc" } });
}
