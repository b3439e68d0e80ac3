import path from "node:path";
import type { Page } from "@playwright/test";

/** The sizes a page is photographed at for a person to look at: a phone and a desk. */
export const SCREENSHOT_SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } } as const;

/**
 * SCREENSHOTS_DIR=…: the whole page at phone and desktop width (`<name>-phone.png`, `<name>-desktop.png`),
 * then the viewport as it was. Nothing without SCREENSHOTS_DIR.
 */
export async function screenshotIfAsked(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  const before = page.viewportSize();
  for (const [suffix, size] of Object.entries(SCREENSHOT_SIZES)) {
    await page.setViewportSize(size);
    // From the top: a sticky header is drawn where the page is scrolled to.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(dir, `${name}-${suffix}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
