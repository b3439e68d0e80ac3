import "server-only";
/**
 * A part as it stands now: only the current attempt's images and receipt. Earlier attempts' images and
 * receipts stay stored for the history, but nobody decides or reads them as current.
 */
export function currentAttemptOf<P extends { attempt: number; images: { attempt: number }[]; receipts: { attempt: number }[] }>(part: P) {
  const { images, receipts, ...rest } = part;
  const receipt = receipts.find((candidate) => candidate.attempt === part.attempt) ?? null;
  return {
    ...rest,
    images: images.filter((image) => image.attempt === part.attempt) as P["images"],
    receipt: receipt as P["receipts"][number] | null,
  };
}
