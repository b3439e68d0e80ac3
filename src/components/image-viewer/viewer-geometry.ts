// The lightbox's geometry, pure so it can be tested: where the image is drawn for a given zoom, pan and turn.
//
// Model: the image (its own pixels, W × H) is drawn centred in the stage, then scaled by `scale`, turned by
// `turns` quarter turns clockwise and moved by (x, y) screen pixels. As CSS, on an element of the image's size
// centred in the stage: `translate(x, y) rotate(turns × 90deg) scale(scale)`.

export interface Size {
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface View {
  scale: number;
  /** Quarter turns clockwise, 0–3. */
  turns: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;
/** "Fit" never enlarges a small image past this (a 400-px screenshot blown up to 2.5× only looks blurred). */
const FIT_MAX_SCALE = 2;
/** Opening on the QR code: the code fills this share of the stage's smaller side, so its quiet zone and a little context show. */
const FOCUS_SHARE = 0.6;
/** …and no more than this: a big code in a screenshot is not blown up past readability. */
const FOCUS_MAX_SCALE = 4;

export const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** The image's size on screen before scaling, once turned (a quarter turn swaps the sides). */
function turned(image: Size, turns: number): Size {
  return turns % 2 === 1 ? { width: image.height, height: image.width } : image;
}

/** A vector turned by `turns` quarter turns clockwise on screen (y points down). */
function turn(vector: { x: number; y: number }, turns: number): { x: number; y: number } {
  switch (((turns % 4) + 4) % 4) {
    case 1: return { x: -vector.y, y: vector.x };
    case 2: return { x: -vector.x, y: -vector.y };
    case 3: return { x: vector.y, y: -vector.x };
    default: return vector;
  }
}

/** The whole image, as large as the stage allows, centred. */
export function fitView(image: Size, stage: Size, turns = 0): View {
  const shown = turned(image, turns);
  const scale = clampScale(Math.min(stage.width / shown.width, stage.height / shown.height, FIT_MAX_SCALE));
  return { scale, turns, x: 0, y: 0 };
}

/** The image at 100 % (one image pixel per CSS pixel), keeping the point at the stage's centre where it is. */
export function actualSizeView(view: View): View {
  return zoomAround(view, 1 / view.scale, { x: 0, y: 0 });
}

/**
 * Zooms by `factor` keeping the image point under `at` (relative to the stage's centre) under it: the wheel and
 * pinch zoom towards the cursor or the fingers, the buttons towards the centre.
 */
export function zoomAround(view: View, factor: number, at: { x: number; y: number }): View {
  const scale = clampScale(view.scale * factor);
  const ratio = scale / view.scale;
  return { ...view, scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio };
}

/** A box of the image (its pixels) centred in the stage and large enough to read: the receipt's QR code. */
export function focusView(image: Size, stage: Size, box: Box, turns = 0): View {
  const shownBox = turned({ width: box.width, height: box.height }, turns);
  const scale = clampScale(Math.min((FOCUS_SHARE * stage.width) / shownBox.width, (FOCUS_SHARE * stage.height) / shownBox.height, FOCUS_MAX_SCALE));
  // The box's centre, from the image's centre, in image pixels; on screen it is turned and scaled.
  const offset = turn({ x: box.x + box.width / 2 - image.width / 2, y: box.y + box.height / 2 - image.height / 2 }, turns);
  return { scale, turns, x: -offset.x * scale, y: -offset.y * scale };
}

/** A quarter turn clockwise about the stage's centre (what is in the middle stays there). */
export function turnView(view: View): View {
  const moved = turn({ x: view.x, y: view.y }, 1);
  return { ...view, turns: (view.turns + 1) % 4, x: moved.x, y: moved.y };
}

/** The part of the image the stage shows, in image pixels (clamped to the image): what the moderator can see. */
export function visibleRegion(image: Size, stage: Size, view: View): Box {
  // A stage corner → image pixels: undo the move, the turn and the scale.
  const toImage = (sx: number, sy: number) => {
    const back = turn({ x: (sx - view.x) / view.scale, y: (sy - view.y) / view.scale }, 4 - view.turns);
    return { x: back.x + image.width / 2, y: back.y + image.height / 2 };
  };
  const corners = [toImage(-stage.width / 2, -stage.height / 2), toImage(stage.width / 2, stage.height / 2)];
  const x0 = Math.max(0, Math.min(corners[0]!.x, corners[1]!.x));
  const y0 = Math.max(0, Math.min(corners[0]!.y, corners[1]!.y));
  const x1 = Math.min(image.width, Math.max(corners[0]!.x, corners[1]!.x));
  const y1 = Math.min(image.height, Math.max(corners[0]!.y, corners[1]!.y));
  return { x: Math.round(x0), y: Math.round(y0), width: Math.max(0, Math.round(x1 - x0)), height: Math.max(0, Math.round(y1 - y0)) };
}

/** The CSS transform for a view (on an element of the image's size, centred in the stage). */
export function viewTransform(view: View): string {
  return `translate(${view.x.toFixed(1)}px, ${view.y.toFixed(1)}px) rotate(${view.turns * 90}deg) scale(${view.scale.toFixed(4)})`;
}
