"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { NOT_A_RECEIPT_QR, type QrScanReply, type QrScanRequest, SCAN_FRAME_MAX_SIDE } from "./qr-scan-protocol";

/** Pause between two frames sent to the decoder (one frame is in flight at a time). */
const SCAN_INTERVAL_MS = 200;
/** "Not a receipt's QR" stays this long after such a code was last seen. */
const NOT_A_RECEIPT_HOLD_MS = 2500;

/**
 * Live scan of a receipt's QR code with the phone camera. Frames are downscaled and decoded in a Web Worker
 * (qr-scan.worker.ts), which tells a receipt's code from any other. When a receipt's code is seen, the
 * camera's full frame is captured as a photo and handed over: the photo is what gets uploaded, and the
 * server decodes it again and decides (a client-side result alone is never trusted).
 */
export function ReceiptScanner({ onCapture, onClose }: { onCapture: (photo: File) => void; onClose: () => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [notReceipt, setNotReceipt] = useState(false);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let frameId = 0;
    let notReceiptUntil = 0;
    const frameCanvas = document.createElement("canvas");
    const worker = new Worker(new URL("./qr-scan.worker.ts", import.meta.url));

    worker.onmessage = (event: MessageEvent<QrScanReply>) => {
      if (stopped || event.data.id !== frameId) return;
      const { seen } = event.data;
      if (seen === "FISCAL") {
        capture();
        return;
      }
      const now = Date.now();
      if (seen === "OTHER") notReceiptUntil = now + NOT_A_RECEIPT_HOLD_MS;
      setNotReceipt(now < notReceiptUntil);
      timer = setTimeout(scan, SCAN_INTERVAL_MS);
    };
    worker.onerror = () => {
      if (stopped) return;
      setError("Камера не может распознать QR-код в этом браузере. Сфотографируйте чек и загрузите фото.");
      // The message replaces the picture: the camera goes off with it.
      stream?.getTracks().forEach((track) => track.stop());
    };

    async function start() {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", width: { ideal: 1920 } }, audio: false });
      } catch {
        setError("Нет доступа к камере. Разрешите доступ в настройках браузера или загрузите фото чека.");
        return;
      }
      const video = videoRef.current;
      if (!video || stopped) {
        // Closed while the browser asked for the camera: the stream granted afterwards is not kept on.
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      scan();
    }

    /** Sends the current frame, at most SCAN_FRAME_MAX_SIDE on its long side, to the worker; its reply schedules the next. */
    function scan() {
      const video = videoRef.current;
      if (stopped || !video) return;
      const context = frameCanvas.getContext("2d", { willReadFrequently: true });
      if (video.videoWidth === 0 || !context) {
        timer = setTimeout(scan, SCAN_INTERVAL_MS);
        return;
      }
      const scale = Math.min(1, SCAN_FRAME_MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
      frameCanvas.width = Math.round(video.videoWidth * scale);
      frameCanvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, frameCanvas.width, frameCanvas.height);
      const frame = context.getImageData(0, 0, frameCanvas.width, frameCanvas.height);
      frameId += 1;
      const request: QrScanRequest = { id: frameId, width: frame.width, height: frame.height, pixels: frame.data.buffer };
      worker.postMessage(request, [request.pixels]);
    }

    /** The camera's frame at full size, as the photo to upload (the server reads the QR from it again). */
    function capture() {
      const video = videoRef.current;
      if (stopped || !video) return;
      const photo = document.createElement("canvas");
      photo.width = video.videoWidth;
      photo.height = video.videoHeight;
      photo.getContext("2d")?.drawImage(video, 0, 0);
      photo.toBlob(
        (blob) => {
          if (blob && !stopped) onCapture(new File([blob], `receipt-scan-${Date.now()}.jpg`, { type: "image/jpeg" }));
        },
        "image/jpeg",
        0.92,
      );
    }

    void start();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      worker.terminate();
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onCapture]);

  return (
    <div className="space-y-3 rounded-2xl bg-ink p-3 text-white" data-testid="receipt-scanner">
      {error ? (
        <p className="text-sm">{error}</p>
      ) : (
        <>
          <video ref={videoRef} playsInline muted className="aspect-[3/4] w-full rounded-xl bg-black object-cover" />
          <p className="text-center text-sm text-white/80" role="status" data-testid="receipt-scanner-status">
            {notReceipt ? NOT_A_RECEIPT_QR : "Наведите камеру на QR-код чека — снимок сделается сам."}
          </p>
        </>
      )}
      <Button type="button" variant="secondary" size="lg" onClick={onClose}>
        Закрыть камеру
      </Button>
    </div>
  );
}
