import { type Browser, type BrowserContext, type ConsoleMessage, type Page, test as base, expect } from "@playwright/test";

// Every journey imports `test` from here. Two guards watch every page it opens (its own context and any it
// makes, such as a staff member's beside the shopper's): a Content Security Policy violation fails it, and so
// does any other console error or uncaught page error (the favicon's 404 was one on every page) unless the
// journey provoked it on purpose and said so with `pageErrors.allow(…)`.

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

export interface PageErrors {
  /** Console errors and uncaught page errors so far, as "page address: text". */
  readonly seen: readonly string[];
  /**
   * Lets errors matching `pattern` through, for a journey that provokes them (a refused upload answers 4xx,
   * which Chromium logs as "Failed to load resource"). `why` is for the reader: say what provokes them.
   */
  allow(pattern: RegExp, why: string): void;
}

/** Applies `watch` to `context` and to every context the browser makes while the test runs; returns the stop. */
function watchContexts(browser: Browser, context: BrowserContext, watch: (context: BrowserContext) => void): () => void {
  watch(context);
  browser.on("context", watch);
  return () => browser.off("context", watch);
}

export const test = base.extend<{ cspViolations: CspViolations; pageErrors: PageErrors }>({
  cspViolations: [
    // Playwright's `use`, named otherwise: the React hooks rules would take it for React's use().
    async ({ browser, context }, provide) => {
      const seen: string[] = [];
      // Console events are registered synchronously on a new context, so no page can load before the watch.
      const stop = watchContexts(browser, context, (watched) => {
        watched.on("console", (message) => {
          const text = message.text();
          const sourceUrl = message.location().url;
          if (CSP_VIOLATION.test(text) && !isTraceRecorderRefetch(text, sourceUrl)) seen.push(`${sourceUrl}: ${text}`);
        });
      });
      try {
        await provide({ seen, take: () => seen.splice(0) });
      } finally {
        stop();
      }
      expect(seen, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ browser, context }, provide) => {
      const seen: string[] = [];
      const allowed: RegExp[] = [];
      const onConsole = (page: Page) => (message: ConsoleMessage) => {
        const text = message.text();
        // Violations are the other guard's; the trace recorder's own refetch is nobody's.
        if (message.type() !== "error" || CSP_VIOLATION.test(text) || isTraceRecorderRefetch(text, message.location().url)) return;
        const at = message.location().url;
        seen.push(`${page.url()}: ${text}${at && text.startsWith("Failed to load resource") ? ` (${at})` : ""}`);
      };
      const watchPage = (page: Page) => {
        page.on("console", onConsole(page));
        page.on("pageerror", (error) => seen.push(`${page.url()}: uncaught ${error.name}: ${error.message}`));
      };
      const stop = watchContexts(browser, context, (watched) => {
        watched.pages().forEach(watchPage);
        watched.on("page", watchPage);
      });
      try {
        await provide({ seen, allow: (pattern) => void allowed.push(pattern) });
      } finally {
        stop();
      }
      const unexpected = seen.filter((line) => !allowed.some((pattern) => pattern.test(line)));
      expect(unexpected, "console errors and uncaught page errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
