"use client";

import { Maximize2 } from "lucide-react";
import { type ReactNode, createContext, useContext, useMemo, useState } from "react";
import { ImageLightbox, type LightboxImage } from "@/components/image-viewer/image-lightbox";

const ViewerContext = createContext<{ open(id: string): void } | null>(null);

/** The request's images in one viewer: a click on any opens it there, and the arrows go through all of them. */
export function RequestImageViewer({ images, children }: { images: LightboxImage[]; children: ReactNode }) {
  const [index, setIndex] = useState<number | null>(null);
  const context = useMemo(
    () => ({
      open(id: string) {
        const found = images.findIndex((image) => image.id === id);
        if (found >= 0) setIndex(found);
      },
    }),
    [images],
  );
  return (
    <ViewerContext.Provider value={context}>
      {children}
      <ImageLightbox images={images} index={index} onIndexChange={setIndex} onClose={() => setIndex(null)} />
    </ViewerContext.Provider>
  );
}

/** An image of the request on the decision page; it opens the viewer (zoom, turn, the receipt's QR code). */
export function ReviewableImage({ id, url, label }: { id: string; url: string; label: string }) {
  const viewer = useContext(ViewerContext);
  return (
    <figure className="relative overflow-hidden rounded-xl bg-canvas ring-1 ring-line">
      <button type="button" onClick={() => viewer?.open(id)} className="block w-full cursor-zoom-in" aria-label={`Открыть просмотр: ${label}`} data-testid="open-viewer">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={url} alt="" loading="lazy" className="mx-auto max-h-[70vh] w-auto" />
        <span className="absolute right-2 top-2 grid size-11 place-items-center rounded-full bg-white/90 shadow" aria-hidden>
          <Maximize2 className="size-4" />
        </span>
      </button>
    </figure>
  );
}
