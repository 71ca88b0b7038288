// The one world↔screen transform. World: metres, y up. Screen: CSS pixels from the canvas's
// top-left corner, y down. The renderer works in device pixels (`pixelScale`, `originX/Y`).

import type { FrameViews } from './engine';
import * as L from './layout';
import { boundingRadius } from './shape-paths';
import type { CameraHint } from './types';

/** Closest and farthest zoom, in CSS pixels per metre. */
const MIN_SCALE = 0.05;
const MAX_SCALE = 5000;

/** Axis-aligned bounds in world metres. */
export interface WorldBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export class Camera {
  /** World point at the centre of the viewport. */
  centerX = 0;
  centerY = 0;
  /** CSS pixels per metre. */
  scale = 40;
  /** Viewport size in CSS pixels. */
  width = 1;
  height = 1;
  /** Device pixels per CSS pixel. */
  dpr = 1;

  /** Follows a canvas resize, keeping the world point at the centre where it was. */
  resize(width: number, height: number, dpr: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.dpr = dpr > 0 ? dpr : 1;
  }

  /**
   * Shows the scene's camera hint: its centre in the middle and its height filling the viewport.
   * On a portrait viewport the hint's height might leave too little width, so at least
   * `height`·4/3 metres stay visible across.
   */
  fitHint(hint: CameraHint): void {
    this.centerX = hint.center[0];
    this.centerY = hint.center[1];
    this.scale = clampScale(Math.min(this.height / hint.height, this.width / ((hint.height * 4) / 3)));
  }

  /** Shows `bounds` whole, with a margin around them. */
  fitBounds(bounds: WorldBounds, margin = 1.15): void {
    const w = Math.max(bounds.maxX - bounds.minX, 1e-3) * margin;
    const h = Math.max(bounds.maxY - bounds.minY, 1e-3) * margin;
    this.centerX = (bounds.minX + bounds.maxX) / 2;
    this.centerY = (bounds.minY + bounds.maxY) / 2;
    this.scale = clampScale(Math.min(this.width / w, this.height / h));
  }

  screenX(x: number): number {
    return this.width / 2 + (x - this.centerX) * this.scale;
  }
  screenY(y: number): number {
    return this.height / 2 - (y - this.centerY) * this.scale;
  }
  worldX(sx: number): number {
    return this.centerX + (sx - this.width / 2) / this.scale;
  }
  worldY(sy: number): number {
    return this.centerY - (sy - this.height / 2) / this.scale;
  }

  /** Puts world point (x, y) in the middle of the view. */
  centerOn(x: number, y: number): void {
    this.centerX = x;
    this.centerY = y;
  }

  /** Moves the view so the world follows the pointer by (`dx`, `dy`) CSS pixels. */
  panBy(dx: number, dy: number): void {
    this.centerX -= dx / this.scale;
    this.centerY += dy / this.scale;
  }

  /** Zooms by `factor` (> 1 closer) keeping the world point under screen point (sx, sy) fixed. */
  zoomAt(sx: number, sy: number, factor: number): void {
    const wx = this.worldX(sx);
    const wy = this.worldY(sy);
    this.scale = clampScale(this.scale * factor);
    this.centerX = wx - (sx - this.width / 2) / this.scale;
    this.centerY = wy + (sy - this.height / 2) / this.scale;
  }

  /** Device pixels per metre. */
  get pixelScale(): number {
    return this.scale * this.dpr;
  }
  /** Device-pixel x of the world origin. */
  get originX(): number {
    return this.dpr * (this.width / 2 - this.centerX * this.scale);
  }
  /** Device-pixel y of the world origin. */
  get originY(): number {
    return this.dpr * (this.height / 2 + this.centerY * this.scale);
  }
  /** Metres of world the viewport shows vertically. */
  get viewHeight(): number {
    return this.height / this.scale;
  }
}

function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 40;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Bounds of every body, for scenes without a camera hint. */
export function bodyBounds(views: FrameViews): WorldBounds | null {
  const bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const { transforms, bodyState } = views;
  for (let slot = 0; slot < views.slotCount; slot++) {
    if (!(bodyState[slot]! & L.STATE_OCCUPIED)) continue;
    const r = boundingRadius(views.shapes, views.vertices, slot);
    const x = transforms[slot * L.TRANSFORM_STRIDE + L.TRANSFORM_X]!;
    const y = transforms[slot * L.TRANSFORM_STRIDE + L.TRANSFORM_Y]!;
    bounds.minX = Math.min(bounds.minX, x - r);
    bounds.minY = Math.min(bounds.minY, y - r);
    bounds.maxX = Math.max(bounds.maxX, x + r);
    bounds.maxY = Math.max(bounds.maxY, y + r);
  }
  return bounds.minX <= bounds.maxX ? bounds : null;
}
