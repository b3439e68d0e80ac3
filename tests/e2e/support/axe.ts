import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

/** axe-core's WCAG 2.1 A/AA rules on the open page: no serious or critical violation (soft: every page is checked). */
export async function expectNoSeriousViolations(page: Page, what = page.url(), { exclude = [] }: { exclude?: string[] } = {}): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const selector of exclude) builder.exclude(selector);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
  expect.soft(serious, `${what}: serious or critical axe violations`).toEqual([]);
}
