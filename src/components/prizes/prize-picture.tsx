import { Gift } from "lucide-react";
import { imageUrl } from "@/components/uploads/upload-image";
import { cn } from "@/lib/cn";

export interface PrizePictureSource {
  /** A stored picture, served by /api/images/<id>. */
  imageId: string | null;
  /** A bundled picture under public/. */
  src: string | null;
}

/** A prize's picture in a fixed 4:3 frame; a gift icon when the prize has none. */
export function PrizePicture({
  picture,
  alt,
  variant = "thumb",
  className,
  eager = false,
}: {
  picture: PrizePictureSource | null | undefined;
  alt: string;
  variant?: "thumb" | "full";
  className?: string;
  eager?: boolean;
}) {
  const src = picture?.imageId ? imageUrl(picture.imageId, variant) : picture?.src;
  return (
    <div className={cn("relative aspect-[4/3] overflow-hidden bg-brand-50", className)}>
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={src} alt={alt} className="size-full object-cover" loading={eager ? "eager" : "lazy"} decoding="async" />
      ) : (
        <div className="flex size-full items-center justify-center text-brand-500" aria-hidden>
          <Gift className="size-10" strokeWidth={1.5} />
        </div>
      )}
    </div>
  );
}

/** The first picture of a prize as the queries select it: an uploaded one first, else the bundled one. */
export function firstPrizePicture(prize: { imageUrl: string | null; images: { id: string }[] }): PrizePictureSource | null {
  const image = prize.images[0];
  if (image) return { imageId: image.id, src: null };
  return prize.imageUrl ? { imageId: null, src: prize.imageUrl } : null;
}
