// Where the journeys' fake proverkacheka.com listens (fake-proverkacheka.ts), and its controls.

/** Beside the suite's own port (the attack journeys take +10 and +11). */
export const FAKE_PROVERKACHEKA_PORT = Number(process.env.E2E_PORT ?? 3100) + 20;
export const FAKE_PROVERKACHEKA_URL = `http://127.0.0.1:${FAKE_PROVERKACHEKA_PORT}`;

/** Holds the fake's answers (the portal's checks stay running) until released. */
export async function holdReceiptChecks(): Promise<void> {
  await fetch(`${FAKE_PROVERKACHEKA_URL}/control/hold`, { method: "POST" });
}

export async function releaseReceiptChecks(): Promise<void> {
  await fetch(`${FAKE_PROVERKACHEKA_URL}/control/release`, { method: "POST" });
}

/** The lines the fake's answer gives for receipts of this fiscal drive (sums in kopecks). */
export async function setReceiptItems(fiscalDriveNumber: string, items: { name: string; price: number; quantity: number; sum: number }[]): Promise<void> {
  const response = await fetch(`${FAKE_PROVERKACHEKA_URL}/control/items`, { method: "POST", body: JSON.stringify({ fn: fiscalDriveNumber, items }) });
  if (!response.ok) throw new Error(`fake proverkacheka: ${response.status}`);
}
