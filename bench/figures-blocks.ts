// bench:figures' breakdown: each dashboard block's query module on its own (loaded after the
// server-only hook, like the rest of the domain code).
export async function measureBlocks(from: string, to: string, runs: number, summarise: (label: string, samples: number[]) => string): Promise<void> {
  const { resolveFiguresRange } = await import("../src/server/domain/figures/figures-range.ts");
  const range = resolveFiguresRange({ from, to }, new Date());
  const at = new Date();
  const modules = {
    participants: async () => (await import("../src/server/domain/figures/participant-figures.ts")).participantFigures(range),
    requests: async () => (await import("../src/server/domain/figures/request-figures.ts")).requestFigures(range),
    approval: async () => (await import("../src/server/domain/figures/approval-figures.ts")).approvalFigures(range),
    decisions: async () => (await import("../src/server/domain/figures/decision-figures.ts")).decisionFigures(range, at),
    points: async () => (await import("../src/server/domain/figures/point-figures.ts")).pointFigures(range),
    orders: async () => (await import("../src/server/domain/figures/order-figures.ts")).orderFigures(range),
    stock: async () => (await import("../src/server/domain/figures/order-figures.ts")).lowStockPrizes(),
    products: async () => (await import("../src/server/domain/figures/product-figures.ts")).topProducts(range),
    receipts: async () => (await import("../src/server/domain/figures/receipt-figures.ts")).receiptFigures(range),
    repeat: async () => (await import("../src/server/domain/figures/repeat-figures.ts")).repeatFigures(range),
    cohorts: async () => (await import("../src/server/domain/figures/cohort-figures.ts")).cohortFigures(range),
  };
  const count = Math.max(5, Math.floor(runs / 5));
  for (const [name, run] of Object.entries(modules)) {
    const samples: number[] = [];
    for (let i = 0; i < count + 1; i += 1) {
      const started = performance.now();
      await run();
      if (i > 0) samples.push(performance.now() - started);
    }
    console.log(summarise(`  block ${name}, 365 days (alone)`, samples));
  }
}
