import localFont from "next/font/local";

// Inter from npm (@fontsource-variable/inter): no font downloads at build time. The Latin and Cyrillic
// subsets are separate files; the browser takes each glyph from whichever family has it.
export const interLatin = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter-latin",
  weight: "100 900",
  display: "swap",
});

export const interCyrillic = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-cyrillic-wght-normal.woff2",
  variable: "--font-inter-cyrillic",
  weight: "100 900",
  display: "swap",
});
