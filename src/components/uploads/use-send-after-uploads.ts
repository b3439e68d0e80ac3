"use client";

import { useEffect, useRef, useState } from "react";
import type { PickedImage } from "./image-picker";

/**
 * "Send" tapped while photos are still uploading waits for them and then sends by itself: on a slow mobile
 * connection a shopper taps once and is done. An upload that fails meanwhile stops the wait, and the send's
 * own checks then say which photo to fix.
 */
export function useSendAfterUploads(items: readonly PickedImage[], send: () => void): { waiting: boolean; requestSend: () => void } {
  const uploading = items.some((item) => item.status === "uploading");
  const [waiting, setWaiting] = useState(false);
  // The send of the latest render: it reads the form's state as it is when the uploads end.
  const latestSend = useRef(send);
  useEffect(() => {
    latestSend.current = send;
  });
  useEffect(() => {
    if (!waiting || uploading) return;
    setWaiting(false);
    latestSend.current();
  }, [waiting, uploading]);
  return { waiting, requestSend: () => (uploading ? setWaiting(true) : send()) };
}
