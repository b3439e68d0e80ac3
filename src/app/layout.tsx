import type { Metadata, Viewport } from "next";
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ru" className={`${interLatin.variable} ${interCyrillic.variable}`}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
