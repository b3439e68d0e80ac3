import { describe, expect, it } from "vitest";
import { actualSizeView, fitView, focusView, turnView, visibleRegion, zoomAround } from "./viewer-geometry";

const photo = { width: 1920, height: 2560 };
const stage = { width: 1000, height: 800 };

describe("viewer geometry", () => {
  it("fits the whole image, turned or not", () => {
    expect(fitView(photo, stage)).toEqual({ scale: 800 / 2560, turns: 0, x: 0, y: 0 });
    expect(fitView(photo, stage, 1).scale).toBeCloseTo(Math.min(1000 / 2560, 800 / 1920));
    expect(visibleRegion(photo, stage, fitView(photo, stage))).toEqual({ x: 0, y: 0, width: 1920, height: 2560 });
  });

  it("does not blow a small screenshot up past 2×", () => {
    expect(fitView({ width: 200, height: 100 }, stage).scale).toBe(2);
  });

  it("opens on a box: centred, and it fills 60 % of the stage", () => {
    const qr = { x: 960, y: 1280, width: 200, height: 200 };
    const view = focusView(photo, stage, qr);
    expect(view.scale).toBeCloseTo((0.6 * 800) / 200);
    const region = visibleRegion(photo, stage, view);
    // The box's centre is the region's centre, and the box is inside it.
    expect(region.x + region.width / 2).toBeCloseTo(1060, -1);
    expect(region.y + region.height / 2).toBeCloseTo(1380, -1);
    expect(region.x).toBeLessThanOrEqual(qr.x);
    expect(region.x + region.width).toBeGreaterThanOrEqual(qr.x + qr.width);
  });

  it("keeps the box centred whatever the turn", () => {
    const qr = { x: 100, y: 200, width: 100, height: 100 };
    for (const turns of [0, 1, 2, 3]) {
      const region = visibleRegion(photo, stage, focusView(photo, stage, qr, turns));
      expect(region.x + region.width / 2).toBeCloseTo(150, -1);
      expect(region.y + region.height / 2).toBeCloseTo(250, -1);
    }
  });

  it("zooms towards the cursor: the point under it stays", () => {
    const view = fitView(photo, stage);
    const at = { x: 200, y: -100 };
    const before = visibleRegion(photo, { width: 2, height: 2 }, { ...view, x: view.x - at.x, y: view.y - at.y });
    const zoomed = zoomAround(view, 3, at);
    const after = visibleRegion(photo, { width: 2, height: 2 }, { ...zoomed, x: zoomed.x - at.x, y: zoomed.y - at.y });
    expect(after.x + after.width / 2).toBeCloseTo(before.x + before.width / 2, 0);
    expect(after.y + after.height / 2).toBeCloseTo(before.y + before.height / 2, 0);
  });

  it("goes to 100 % about the centre, and turning keeps the centre", () => {
    const view = focusView(photo, stage, { x: 500, y: 500, width: 100, height: 100 });
    const actual = actualSizeView(view);
    expect(actual.scale).toBe(1);
    expect(visibleRegion(photo, stage, actual)).toEqual({ x: 50, y: 150, width: 1000, height: 800 });
    const region = visibleRegion(photo, stage, turnView(actual));
    expect(region.x + region.width / 2).toBeCloseTo(550, 0);
    expect(region.width).toBe(800);
  });
});
