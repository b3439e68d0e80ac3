import { type Page, expect } from "@playwright/test";

// Shared by the layout journeys and the others that check a page they reach: what a page must not do
// wherever it is opened. (Console and page errors are every journey's guard: tests/e2e/fixtures.ts.)

/** The widths every page is checked at: two phones, two desks (staff pages also at 1920 px). */
export const LAYOUT_WIDTHS = [360, 390, 1280, 1440] as const;

/** Checks the open page at each width: nothing wider than the viewport, with what sticks out named. */
export async function expectFitsAt(page: Page, widths: readonly number[], what = page.url()): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await horizontalOverflow(page);
    expect.soft(overflow.scrollWidth, `${what} at ${width} px is wider than the viewport: ${overflow.sticking.join("; ")}`).toBeLessThanOrEqual(overflow.clientWidth);
  }
}

/** The page is no wider than its viewport; if it is, the widest elements sticking out, to say where. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; sticking: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const clientWidth = root.clientWidth;
    const sticking: string[] = [];
    if (root.scrollWidth > clientWidth) {
      for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
        const box = element.getBoundingClientRect();
        if (box.right > clientWidth + 0.5 && box.width > 0) {
          const name = element.tagName.toLowerCase() + (element.id ? `#${element.id}` : "") + (element.getAttribute("data-testid") ? `[data-testid=${element.getAttribute("data-testid")}]` : "");
          sticking.push(`${name} right=${Math.round(box.right)} "${(element.textContent ?? "").trim().slice(0, 40)}"`);
          if (sticking.length >= 5) break;
        }
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth, sticking };
  });
}

/** Each control inside `selector` (a dialog, a toolbar) that sticks out of the viewport's width, to say which. */
export async function controlsOutsideViewport(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((within) => {
    const width = document.documentElement.clientWidth;
    const outside: string[] = [];
    for (const control of Array.from(document.querySelectorAll<HTMLElement>(`${within} button, ${within} a[href], ${within} input`))) {
      const box = control.getBoundingClientRect();
      if (box.width > 0 && (box.left < -0.5 || box.right > width + 0.5)) outside.push(`${control.tagName.toLowerCase()} "${control.getAttribute("aria-label") ?? control.textContent?.trim()}" ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    return outside;
  }, selector);
}

/** Links, buttons and form controls smaller than 44×44 px (WCAG 2.5.5), except links inside running text. */
export async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, select, input:not([type="hidden"]), textarea, [role="button"]');
    for (const control of Array.from(controls)) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not shown
      const style = getComputedStyle(control);
      if (style.visibility === "hidden") continue;
      // A link in a sentence (a paragraph, a label's text) is exempt (WCAG's inline exception); so is a checkbox inside its tappable label.
      if (control.tagName === "A" && control.closest("p, label")) continue;
      if (control instanceof HTMLInputElement && (control.type === "checkbox" || control.type === "radio") && control.closest("label")) {
        const label = control.closest("label")!.getBoundingClientRect();
        if (label.height >= 43.5) continue;
      }
      if (box.height < 43.5 || box.width < 43.5) {
        const text = (control.textContent ?? "").trim() || control.getAttribute("aria-label") || control.getAttribute("name") || "";
        small.push(`${control.tagName.toLowerCase()} ${Math.round(box.width)}×${Math.round(box.height)} "${text.slice(0, 40)}"`);
      }
    }
    return small;
  });
}
