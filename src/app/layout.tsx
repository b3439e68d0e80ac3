import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { interCyrillic, interLatin } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Carely — баллы за честные отзывы", template: "%s · Carely" },
  description: "Программа лояльности Carely: оставьте отзыв о продукте, получите баллы и обменяйте их на призы.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#c22f69",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts must carry this response's CSP nonce (src/proxy.ts),
  // which a page prerendered at build time cannot know.
  await connection();
  return (
    <html lang="ru" className={`${interLatin.variable} ${interCyrillic.variable}`}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
