import type { ImageForViewer } from "@/server/domain/images/get-image-for-viewer";

/** Opens a viewer's image and reads it whole (tests only; the portal streams it). */
export async function readViewerImage(image: ImageForViewer | Promise<ImageForViewer>): Promise<{ bytes: Buffer; contentType: string; size: number | null }> {
  const opened = await (await image).open();
  return { bytes: Buffer.from(await new Response(opened.body).arrayBuffer()), contentType: opened.contentType, size: opened.size };
}
