import { describe, expect, it } from 'vitest';
import { Camera, bodyBounds } from './camera';
import * as L from './layout';

function camera(width = 800, height = 600, dpr = 1): Camera {
  const c = new Camera();
  c.resize(width, height, dpr);
  return c;
}

describe('Camera', () => {
  it('maps world to screen and back, y up', () => {
    const c = camera();
    c.fitHint({ center: [2, 5], height: 12 });
    expect(c.screenX(2)).toBe(400);
    expect(c.screenY(5)).toBe(300);
    expect(c.screenY(11)).toBeCloseTo(0); // half the hint's height above the centre: the top edge
    expect(c.worldX(c.screenX(-3.5))).toBeCloseTo(-3.5);
    expect(c.worldY(c.screenY(7.25))).toBeCloseTo(7.25);
  });

  it('keeps enough width on a portrait viewport', () => {
    const c = camera(300, 800);
    c.fitHint({ center: [0, 0], height: 10 });
    expect(c.width / c.scale).toBeCloseTo(40 / 3); // 10 m × 4/3 across
  });

  it('fits bounds with a margin', () => {
    const c = camera(1000, 500);
    c.fitBounds({ minX: -10, minY: 0, maxX: 10, maxY: 4 }, 1);
    expect(c.scale).toBe(50);
    expect([c.centerX, c.centerY]).toEqual([0, 2]);
  });

  it('zooms around the pointer: the world point under it stays put', () => {
    const c = camera();
    c.fitHint({ center: [0, 0], height: 10 });
    const [sx, sy] = [123, 456];
    const [wx, wy] = [c.worldX(sx), c.worldY(sy)];
    c.zoomAt(sx, sy, 2.5);
    expect(c.worldX(sx)).toBeCloseTo(wx);
    expect(c.worldY(sy)).toBeCloseTo(wy);
  });

  it('pans with the pointer and clamps zoom', () => {
    const c = camera();
    const wx = c.worldX(100);
    c.panBy(30, 0);
    expect(c.worldX(130)).toBeCloseTo(wx);
    c.zoomAt(0, 0, 1e12);
    expect(Number.isFinite(c.scale)).toBe(true);
    expect(c.scale).toBeLessThanOrEqual(5000);
  });

  it('gives the renderer device pixels', () => {
    const c = camera(400, 300, 2);
    c.fitHint({ center: [1, 1], height: 3 });
    expect(c.pixelScale).toBe(200);
    expect(c.originX + c.pixelScale * 1).toBe(400); // the centre, in device pixels
    expect(c.originY - c.pixelScale * 1).toBe(300);
  });
});

describe('bodyBounds', () => {
  it('covers every occupied slot and its shape, skipping empty slots', () => {
    const slots = 3;
    const views = {
      transforms: new Float32Array([0, 0, 1, 0, 100, 100, 1, 0, 5, 2, 1, 0]),
      bodyState: new Uint8Array([L.STATE_OCCUPIED, 0, L.STATE_OCCUPIED]),
      shapes: new Float32Array(slots * L.SHAPE_STRIDE),
      vertices: new Float32Array(0),
      slotCount: slots,
    };
    views.shapes.set([L.SHAPE_CIRCLE, 1], 0);
    views.shapes.set([L.SHAPE_BOX, 3, 4], 2 * L.SHAPE_STRIDE);
    expect(bodyBounds(views as never)).toEqual({ minX: -1, minY: -3, maxX: 10, maxY: 7 });
  });
});
