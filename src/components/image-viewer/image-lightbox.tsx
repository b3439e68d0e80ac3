"use client";

// The moderator's in-page viewer: zoom (wheel, pinch, buttons, + / −), pan (drag), quarter turns, fit and 100 %,
// arrows between the request's images, Esc closes. Written here rather than taken from a lightbox library: the
// well-kept ones (yet-another-react-lightbox and its Zoom plugin) neither turn an image nor open on a given region
// of it, which is the point for a receipt (the QR code the server found), and a native modal <dialog> already
// traps focus and makes the page behind it inert.

import { ChevronLeft, ChevronRight, Maximize, QrCode, RotateCw, X, ZoomIn, ZoomOut } from "lucide-react";
import { type PointerEvent as ReactPointerEvent, type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { type Box, type Size, type View, actualSizeView, fitView, focusView, turnView, viewTransform, visibleRegion, zoomAround } from "./viewer-geometry";

export interface LightboxImage {
  id: string;
  url: string;
  width: number;
  height: number;
  /** Read out to screen readers and shown above the image: "Чек, фото 1 из 1". */
  label: string;
  /** Where to open: the receipt's QR code, in the image's pixels. */
  focus?: Box | null;
  /** Shown beside the image: the decoded receipt's fields. */
  details?: ReactNode;
}

const BUTTON_STEP = 1.5;
const KEY_STEP = 1.25;

export function ImageLightbox({ images, index, onIndexChange, onClose }: { images: LightboxImage[]; index: number | null; onIndexChange(index: number): void; onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const open = index !== null && images[index] !== undefined;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // autoFocus is applied while the dialog is still closed; the close button takes the focus now, so
      // Enter or Space right after opening closes rather than zooms.
      dialog.querySelector<HTMLButtonElement>("[data-lightbox-close]")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Another image may have fewer buttons (a review has no "Показать QR-код"): a focused button that went
  // away would leave the focus on the page, out of reach of the viewer's keys. It comes back to "Закрыть".
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog?.open && !dialog.contains(document.activeElement)) dialog.querySelector<HTMLButtonElement>("[data-lightbox-close]")?.focus();
  }, [index]);

  return (
    <dialog
      ref={dialogRef}
      aria-label="Просмотр изображения"
      data-testid="lightbox"
      // Esc: the browser closes a modal dialog itself; the state follows.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-transparent p-0 text-white backdrop:bg-black/90"
    >
      {open && <LightboxBody key={images[index]!.id} images={images} index={index} onIndexChange={onIndexChange} onClose={onClose} />}
    </dialog>
  );
}

function LightboxBody({ images, index, onIndexChange, onClose }: { images: LightboxImage[]; index: number; onIndexChange(index: number): void; onClose(): void }) {
  const image = images[index]!;
  const size: Size = { width: image.width, height: image.height };
  const stageRef = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState<Size | null>(null);
  const [view, setView] = useState<View | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());

  // The stage's size, before the first paint (the opening view depends on it) and whenever the window changes.
  useLayoutEffect(() => {
    const element = stageRef.current;
    if (!element) return;
    const measure = () => setStage({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { width, height, focus } = image;
  // Until the moderator moves it, the view is the opening one: on the QR code, or the whole image.
  const opening = useCallback((on: Size) => (focus ? focusView({ width, height }, on, focus) : fitView({ width, height }, on)), [focus, width, height]);
  const current = view ?? (stage ? opening(stage) : null);
  /** Changes the view as it now stands (the opening one, if untouched); nothing before the stage is measured. */
  const change = useCallback(
    (next: (value: View, on: Size) => View) => {
      if (stage) setView((value) => next(value ?? opening(stage), stage));
    },
    [stage, opening],
  );
  const zoomBy = useCallback((factor: number, at = { x: 0, y: 0 }) => change((value) => zoomAround(value, factor, at)), [change]);
  const fit = useCallback(() => change((value, on) => fitView({ width, height }, on, value.turns)), [change, width, height]);
  const actual = useCallback(() => change(actualSizeView), [change]);
  const rotate = useCallback(() => change(turnView), [change]);
  const toQr = useCallback(() => change((value, on) => (focus ? focusView({ width, height }, on, focus, value.turns) : value)), [change, focus, width, height]);
  const go = useCallback((step: number) => onIndexChange((index + step + images.length) % images.length), [index, images.length, onIndexChange]);

  // The wheel zooms towards the cursor; React's wheel listener is passive, so it is added here to stop the page scrolling.
  useEffect(() => {
    const element = stageRef.current;
    if (!element) return;
    function onWheel(event: WheelEvent) {
      event.preventDefault();
      const rect = element!.getBoundingClientRect();
      const delta = event.deltaY * (event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? 800 : 1);
      zoomBy(Math.exp(-delta * 0.0015), { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 });
    }
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [zoomBy]);

  function relative(event: { clientX: number; clientY: number }) {
    const rect = stageRef.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 };
  }

  function onPointerDown(event: ReactPointerEvent<HTMLDivElement>) {
    // The arrows on the stage are buttons: their clicks must not turn into a drag.
    if ((event.target as HTMLElement).closest("button")) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, relative(event));
  }

  // One pointer pans; two pinch (zoom about their midpoint, and pan with it).
  function onPointerMove(event: ReactPointerEvent<HTMLDivElement>) {
    const previous = pointers.current.get(event.pointerId);
    if (!previous) return;
    const point = relative(event);
    const others = [...pointers.current.entries()].filter(([id]) => id !== event.pointerId).map(([, value]) => value);
    pointers.current.set(event.pointerId, point);
    if (others.length === 0) {
      change((value) => ({ ...value, x: value.x + point.x - previous.x, y: value.y + point.y - previous.y }));
      return;
    }
    const other = others[0]!;
    const before = Math.hypot(previous.x - other.x, previous.y - other.y);
    const after = Math.hypot(point.x - other.x, point.y - other.y);
    const middle = { x: (point.x + other.x) / 2, y: (point.y + other.y) / 2 };
    const shift = { x: (point.x - previous.x) / 2, y: (point.y - previous.y) / 2 };
    change((value) => {
      if (before < 1) return value;
      const zoomed = zoomAround(value, after / before, middle);
      return { ...zoomed, x: zoomed.x + shift.x, y: zoomed.y + shift.y };
    });
  }

  function onPointerUp(event: ReactPointerEvent<HTMLDivElement>) {
    pointers.current.delete(event.pointerId);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const handled = (() => {
      switch (event.key) {
        case "ArrowLeft": go(-1); return true;
        case "ArrowRight": go(1); return true;
        case "+": case "=": zoomBy(KEY_STEP); return true;
        case "-": case "_": zoomBy(1 / KEY_STEP); return true;
        case "0": fit(); return true;
        case "1": actual(); return true;
        default: return false;
      }
    })();
    // The page's own shortcuts (approve, reject…) stay asleep while the viewer is open.
    event.stopPropagation();
    if (handled) event.preventDefault();
  }

  const region = current && stage ? visibleRegion(size, stage, current) : null;
  const percent = current ? Math.round(current.scale * 100) : null;
  const toolButton = "grid size-11 shrink-0 place-items-center rounded-full bg-white/10 text-white hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-white";

  return (
    <div className="flex h-full flex-col bg-neutral-950" onKeyDown={onKeyDown}>
      <div className="flex flex-wrap items-center gap-2 bg-black px-3 py-2">
        <p className="mr-auto min-w-0 truncate text-sm font-medium" aria-live="polite">
          {image.label}
          {images.length > 1 ? ` · ${index + 1} из ${images.length}` : ""}
        </p>
        <button type="button" className={toolButton} onClick={() => zoomBy(1 / BUTTON_STEP)} aria-label="Уменьшить" title="Уменьшить (−)">
          <ZoomOut className="size-5" aria-hidden />
        </button>
        <span className="w-14 text-center text-sm tabular-nums" data-testid="lightbox-zoom" aria-label="Масштаб">
          {percent !== null ? `${percent} %` : ""}
        </span>
        <button type="button" className={toolButton} onClick={() => zoomBy(BUTTON_STEP)} aria-label="Увеличить" title="Увеличить (+)">
          <ZoomIn className="size-5" aria-hidden />
        </button>
        <button type="button" className={toolButton} onClick={fit} aria-label="Целиком" title="Целиком (0)">
          <Maximize className="size-5" aria-hidden />
        </button>
        <button type="button" className={`${toolButton} w-auto px-3 text-sm`} onClick={actual} aria-label="Реальный размер, 100 %" title="Реальный размер (1)">
          100 %
        </button>
        <button type="button" className={toolButton} onClick={rotate} aria-label="Повернуть по часовой стрелке" title="Повернуть">
          <RotateCw className="size-5" aria-hidden />
        </button>
        {image.focus && (
          <button type="button" className={toolButton} onClick={toQr} aria-label="Показать QR-код" title="Показать QR-код">
            <QrCode className="size-5" aria-hidden />
          </button>
        )}
        <button type="button" className={toolButton} onClick={onClose} aria-label="Закрыть просмотр" title="Закрыть (Esc)" data-lightbox-close>
          <X className="size-5" aria-hidden />
        </button>
      </div>
      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        <div
          ref={stageRef}
          className="relative min-h-0 flex-1 cursor-grab touch-none select-none overflow-hidden active:cursor-grabbing"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onDoubleClick={(event) => zoomBy(2, relative(event))}
          data-testid="lightbox-stage"
        >
          {current && (
            <div
              data-testid="lightbox-image"
              data-scale={current.scale.toFixed(3)}
              data-turns={current.turns}
              data-visible-region={region ? `${region.x},${region.y},${region.width},${region.height}` : undefined}
              className="pointer-events-none absolute left-1/2 top-1/2 origin-center bg-white"
              style={{ width: image.width, height: image.height, marginLeft: -image.width / 2, marginTop: -image.height / 2, transform: viewTransform(current) }}
            >
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={image.url} alt={image.label} draggable={false} className="size-full max-w-none" />
              {focus && (
                // Where the server read the code: the moderator compares it with the fields beside it.
                <div
                  aria-hidden
                  className="absolute rounded-sm border-amber-400"
                  style={{ left: focus.x, top: focus.y, width: focus.width, height: focus.height, borderWidth: 3 / current.scale, borderStyle: "solid" }}
                />
              )}
            </div>
          )}
          {images.length > 1 && (
            <>
              <button type="button" className={`${toolButton} absolute left-3 top-1/2 -translate-y-1/2 bg-black/50`} onClick={() => go(-1)} aria-label="Предыдущее изображение" title="Предыдущее (←)">
                <ChevronLeft className="size-6" aria-hidden />
              </button>
              <button type="button" className={`${toolButton} absolute right-3 top-1/2 -translate-y-1/2 bg-black/50`} onClick={() => go(1)} aria-label="Следующее изображение" title="Следующее (→)">
                <ChevronRight className="size-6" aria-hidden />
              </button>
            </>
          )}
        </div>
        {image.details && (
          <aside className="max-h-[40%] shrink-0 overflow-y-auto bg-white p-4 text-sm text-ink lg:max-h-none lg:w-80" data-testid="lightbox-details">
            {image.details}
          </aside>
        )}
      </div>
    </div>
  );
}
