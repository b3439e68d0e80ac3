"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { PickedImage } from "./image-picker";

/**
 * "Send" tapped while photos are still uploading waits for them and then sends by itself: on a slow mobile
 * connection a shopper taps once and is done. An upload that fails meanwhile stops the wait, and the send's
 * own checks then say which photo to fix.
 */
export function useSendAfterUploads(items: readonly PickedImage[], send: () => void): { waiting: boolean; requestSend: () => void } {
  const uploading = items.some((item) => item.status === "uploading");
  const [waiting, setWaiting] = useState(false);
  // How many waits have ended; each new value is one send, made by the effect below.
  const [waitsEnded, setWaitsEnded] = useState(0);
  if (waiting && !uploading) {
    // Ended while rendering, not in an effect: the render that sees the uploads done already shows no wait.
    setWaiting(false);
    setWaitsEnded((count) => count + 1);
  }
  // The send of the latest render: it reads the form's state as it is when the uploads end.
  const sendAfterWait = useEffectEvent(send);
  useEffect(() => {
    if (waitsEnded > 0) sendAfterWait();
  }, [waitsEnded]);
  return { waiting, requestSend: () => (uploading ? setWaiting(true) : send()) };
}
