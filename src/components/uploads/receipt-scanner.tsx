"use client";

import jsQR from "jsqr";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Live scan of a receipt's QR code with the phone camera. When a code is seen, the frame is captured
 * as a photo and handed over: the photo is what gets uploaded, and the server decodes it again and
 * decides (a client-side result alone is never trusted).
 */
export function ReceiptScanner({ onCapture, onClose }: { onCapture: (photo: File) => void; onClose: () => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const canvas = document.createElement("canvas");

    async function start() {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", width: { ideal: 1920 } }, audio: false });
      } catch {
        setError("Нет доступа к камере. Разрешите доступ в настройках браузера или загрузите фото чека.");
        return;
      }
      const video = videoRef.current;
      if (!video || stopped) return;
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      scan();
    }

    function scan() {
      const video = videoRef.current;
      if (stopped || !video) return;
      if (video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const context = canvas.getContext("2d", { willReadFrequently: true });
        if (context) {
          context.drawImage(video, 0, 0);
          const frame = context.getImageData(0, 0, canvas.width, canvas.height);
          // A fresh options object each call: jsqr 1.4 lets options leak between calls.
          const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "attemptBoth" });
          if (found?.data) {
            canvas.toBlob(
              (blob) => {
                if (blob && !stopped) onCapture(new File([blob], `receipt-scan-${Date.now()}.jpg`, { type: "image/jpeg" }));
              },
              "image/jpeg",
              0.92,
            );
            return;
          }
        }
      }
      timer = setTimeout(scan, 250);
    }

    void start();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onCapture]);

  return (
    <div className="space-y-3 rounded-2xl bg-ink p-3 text-white">
      {error ? (
        <p className="text-sm">{error}</p>
      ) : (
        <>
          <video ref={videoRef} playsInline muted className="aspect-[3/4] w-full rounded-xl bg-black object-cover" />
          <p className="text-center text-sm text-white/80">Наведите камеру на QR-код чека — снимок сделается сам.</p>
        </>
      )}
      <Button type="button" variant="secondary" size="lg" onClick={onClose}>
        Закрыть камеру
      </Button>
    </div>
  );
}
