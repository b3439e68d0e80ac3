import type { MetadataRoute } from "next";

/** The web app manifest (/manifest.webmanifest): a shopper can put the cabinet on the home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Carely — баллы за честные отзывы",
    short_name: "Carely",
    description: "Оставьте отзыв о продукте Carely, получите баллы и обменяйте их на призы.",
    lang: "ru",
    start_url: "/cabinet",
    scope: "/",
    display: "standalone",
    background_color: "#faf8fb",
    theme_color: "#c22f69",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
