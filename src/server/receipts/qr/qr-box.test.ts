import { describe, expect, it } from "vitest";
import { orientPoint, qrBoxInStoredImage, readQrBox } from "./qr-box";

const square = (x: number, y: number, side: number) => [
  { x, y },
  { x: x + side, y },
  { x: x + side, y: y + side },
  { x, y: y + side },
];

describe("qrBoxInStoredImage", () => {
  it("scales a box from a 3000×4000 photo to the 1920×2560 stored copy", () => {
    const box = qrBoxInStoredImage(square(1500, 2000, 600), { width: 3000, height: 4000, orientation: 1 }, { width: 1920, height: 2560 });
    expect(box).toEqual({ x: 960, y: 1280, width: 384, height: 384 });
  });

  it("keeps the pixels of an image stored at its own size", () => {
    expect(qrBoxInStoredImage(square(10.4, 20.6, 100), { width: 800, height: 600, orientation: 1 }, { width: 800, height: 600 })).toEqual({ x: 10, y: 20, width: 101, height: 101 });
  });

  it("applies the EXIF orientation first: a photo stored sideways (6: turn 90° clockwise)", () => {
    // File frame 4000 wide × 3000 high; the code near the file's top-left corner ends up at the top right.
    const box = qrBoxInStoredImage(square(100, 200, 400), { width: 4000, height: 3000, orientation: 6 }, { width: 1920, height: 2560 });
    // Oriented: x = 3000 - y ∈ [2400, 2800], y = x ∈ [100, 500]; scale 0.64.
    expect(box).toEqual({ x: 1536, y: 64, width: 256, height: 256 });
  });

  it("orients every EXIF case as sharp's rotate() does", () => {
    const frame = { width: 40, height: 30 };
    // The file's top-left corner lands where the oriented image shows it.
    const corner = { x: 0, y: 0 };
    expect(orientPoint(corner, { ...frame, orientation: 1 })).toEqual({ x: 0, y: 0 });
    expect(orientPoint(corner, { ...frame, orientation: 2 })).toEqual({ x: 40, y: 0 });
    expect(orientPoint(corner, { ...frame, orientation: 3 })).toEqual({ x: 40, y: 30 });
    expect(orientPoint(corner, { ...frame, orientation: 4 })).toEqual({ x: 0, y: 30 });
    expect(orientPoint(corner, { ...frame, orientation: 5 })).toEqual({ x: 0, y: 0 });
    expect(orientPoint(corner, { ...frame, orientation: 6 })).toEqual({ x: 30, y: 0 });
    expect(orientPoint(corner, { ...frame, orientation: 7 })).toEqual({ x: 30, y: 40 });
    expect(orientPoint(corner, { ...frame, orientation: 8 })).toEqual({ x: 0, y: 40 });
  });

  it("clamps to the image and refuses nonsense", () => {
    expect(qrBoxInStoredImage(square(-50, -50, 100), { width: 200, height: 200, orientation: 1 }, { width: 200, height: 200 })).toEqual({ x: 0, y: 0, width: 50, height: 50 });
    expect(qrBoxInStoredImage(null, { width: 200, height: 200, orientation: 1 }, { width: 200, height: 200 })).toBeNull();
    expect(qrBoxInStoredImage(square(0, 0, 10), null, { width: 200, height: 200 })).toBeNull();
    expect(qrBoxInStoredImage(square(500, 500, 10), { width: 200, height: 200, orientation: 1 }, { width: 200, height: 200 })).toBeNull();
  });
});

describe("readQrBox", () => {
  it("reads a stored box and ignores anything else", () => {
    expect(readQrBox({ x: 1, y: 2, width: 3, height: 4 })).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    expect(readQrBox(null)).toBeNull();
    expect(readQrBox({ x: 1, y: 2, width: 0, height: 4 })).toBeNull();
    expect(readQrBox("box")).toBeNull();
  });
});
