import { hash } from "@node-rs/argon2";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import {
  DEMO_ACCOUNTS,
  DEMO_PRIZES,
  DEMO_PRODUCTS,
  DEMO_SHOPPER_PHONE,
  DEMO_MATCH_TERMS,
  DEMO_SHOP_LINKS,
  STANDARD_REJECTION_TEMPLATES,
  demoPrizeCodes,
  demoProductImage,
} from "./demo-data.ts";

const SEED_MARKER = "demo.seededAt";

/**
 * Seeds the demo data once. A marker row in `settings` records that it ran, so later starts (and
 * a data set an administrator has since edited) are left alone. Runs in one transaction.
 */
export async function seedDemoData(databaseUrl: string, log: (line: string) => void = console.log): Promise<{ seeded: boolean }> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    const marker = await prisma.setting.findUnique({ where: { key: SEED_MARKER } });
    if (marker) {
      log("Demo data already present; not seeding again.");
      return { seeded: false };
    }
    const passwordHashes = Object.fromEntries(
      await Promise.all(
        Object.entries(DEMO_ACCOUNTS).map(async ([key, account]) => [key, await hash(account.password)] as const),
      ),
    );
    await prisma.$transaction(async (tx) => {
      // Another process may be seeding at the same moment (two starts); the marker's primary key decides.
      await tx.setting.create({ data: { key: SEED_MARKER, value: new Date().toISOString() } });
      for (const [key, account] of Object.entries(DEMO_ACCOUNTS)) {
        await tx.user.create({
          data: { email: account.email, name: account.name, role: account.role, passwordHash: passwordHashes[key]! },
        });
      }
      await tx.user.create({
        data: { phone: DEMO_SHOPPER_PHONE, role: "CUSTOMER", name: "Демо-участник", consentAt: new Date(), consentVersion: "2026-12" },
      });
      for (const [index, product] of DEMO_PRODUCTS.entries()) {
        const links = DEMO_SHOP_LINKS[product.sku] ?? [];
        await tx.product.create({
          data: {
            ...product,
            sortOrder: index,
            description: `${product.name} от Carely.`,
            imageUrl: demoProductImage(product.sku),
            matchTerms: DEMO_MATCH_TERMS[product.sku].terms,
            gtins: DEMO_MATCH_TERMS[product.sku].gtins,
            shopLinks: { create: links.map((link, order) => ({ ...link, sortOrder: order })) },
          },
        });
      }
      for (const [index, prize] of DEMO_PRIZES.entries()) {
        const created = await tx.prize.create({ data: { ...prize, sortOrder: index } });
        if (prize.kind === "DIGITAL") {
          const codes = demoPrizeCodes(prize.title, 25);
          await tx.prizeCode.createMany({
            data: codes.map((code) => ({ prizeId: created.id, code, codeHint: code.slice(-4), importBatch: "demo" })),
          });
        }
      }
      await tx.rejectionTemplate.createMany({ data: STANDARD_REJECTION_TEMPLATES.map((template) => ({ ...template })) });
    });
    log(`Seeded demo data: ${DEMO_PRODUCTS.length} products, ${DEMO_PRIZES.length} prizes, ${Object.keys(DEMO_ACCOUNTS).length + 1} accounts.`);
    return { seeded: true };
  } finally {
    await prisma.$disconnect();
  }
}
