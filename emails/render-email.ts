import { render, toPlainText } from "@react-email/components";
import type { ReactElement } from "react";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders a template to the HTML and plain-text parts every email carries (clients without HTML, spam
 * filters and the development outbox read the text). Headings keep their case in the text part.
 */
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  const text = toPlainText(html, {
    selectors: [
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
    ],
  });
  return { subject, html, text: text.trim() };
}
