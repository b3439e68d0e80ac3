import { type BrowserContext, test as base, expect } from "@playwright/test";

// Every journey imports `test` from here: any Content Security Policy violation in any page it opens (its
// own context or one it makes, such as a staff member's beside the shopper's) fails it.

/** Chromium's console line for every violation, e.g. "Executing inline script violates the following Content Security Policy directive …" (older builds: "Refused to … because it violates …"). */
const CSP_VIOLATION = /violates the following Content Security Policy directive/;

/**
 * Playwright's trace recorder, when a response body was dropped (an image the browser could not decode),
 * fetches it again through DevTools (Network.loadNetworkResource) as the page, so the page's connect-src
 * refuses it, as in "Connecting to 'blob:…'". No page script made that request, so the line has no
 * source location, which every violation by the portal's own code or markup has.
 */
function isTraceRecorderRefetch(text: string, sourceUrl: string): boolean {
  return sourceUrl === "" && text.startsWith("Connecting to ");
}

export interface CspViolations {
  /** What was reported so far. */
  readonly seen: readonly string[];
  /** Hands over what was reported and forgets it: for a test that provokes a violation on purpose. */
  take(): string[];
}

export const test = base.extend<{ cspViolations: CspViolations }>({
  cspViolations: [
    // Playwright's `use`, named otherwise: the React hooks rules would take it for React's use().
    async ({ browser, context }, provide) => {
      const seen: string[] = [];
      // Console events are registered synchronously on a new context, so no page can load before the watch.
      const watch = (watched: BrowserContext) => {
        watched.on("console", (message) => {
          const text = message.text();
          const sourceUrl = message.location().url;
          if (CSP_VIOLATION.test(text) && !isTraceRecorderRefetch(text, sourceUrl)) seen.push(`${sourceUrl}: ${text}`);
        });
      };
      watch(context);
      browser.on("context", watch);
      try {
        await provide({ seen, take: () => seen.splice(0) });
      } finally {
        browser.off("context", watch);
      }
      expect(seen, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
