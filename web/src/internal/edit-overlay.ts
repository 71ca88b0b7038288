// A transparent canvas over the world for what editing adds to the picture: the tool in progress
// (a shape being sized, a path being drawn, a joint's first point, a selection box), the selected
// joint, and the debug markers for centres of mass and sleeping bodies.
//
// It is drawn only when something on it changed or the world moved while it shows something, so
// an ordinary frame costs nothing here. Bodies are still drawn by the renderer.

import type { Camera } from './camera';
import type { DebugLayers } from './debug-layers';
import { ballFromDrag, boxFromDrag, capsuleFromDrag } from './drawing';
import type { FrameViews } from './engine';
import type { Preview } from './input';
import * as L from './layout';

const ACCENT = '#ffd166';
const PREVIEW_FILL = 'rgb(255 209 102 / 0.18)';
const CENTER = '#ff4fd8';
const SLEEP = 'rgb(120 170 255 / 0.95)';

/** What the overlay shows this frame. */
export interface OverlayState {
  preview: Preview | null;
  /** The selected joint's id, or null. */
  joint: number | null;
  layers: DebugLayers;
  /** The smallest size (metres) a drag-sized shape may have, as the tools apply it. */
  minSize: number;
}

export class EditOverlay {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private shown = false;

  constructor(parent: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'tumble-edit-overlay';
    this.canvas.setAttribute('aria-hidden', 'true');
    Object.assign(this.canvas.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', pointerEvents: 'none' });
    parent.append(this.canvas);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available');
    this.ctx = ctx;
  }

  /** Whether the state has anything to draw (else the overlay is cleared once and left alone). */
  static visible(preview: Preview | null, joint: number | null, layers: DebugLayers): boolean {
    return preview !== null || joint !== null || layers.centers || layers.sleep;
  }

  /** Draws `state` over the world as `camera` sees it (or clears the overlay when there is nothing). */
  draw(views: FrameViews | null, camera: Camera, state: OverlayState): void {
    const ctx = this.ctx;
    const width = Math.max(1, Math.round(camera.width * camera.dpr));
    const height = Math.max(1, Math.round(camera.height * camera.dpr));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    } else if (this.shown) ctx.clearRect(0, 0, width, height);
    this.shown = EditOverlay.visible(state.preview, state.joint, state.layers);
    if (!this.shown) return;
    // CSS pixels from here on.
    ctx.setTransform(camera.dpr, 0, 0, camera.dpr, 0, 0);
    if (views) {
      if (state.layers.sleep) this.drawSleep(views, camera);
      if (state.layers.centers) this.drawCenters(views, camera);
      if (state.joint !== null) this.drawJoint(views, camera, state.joint);
    }
    if (state.preview) this.drawPreview(state.preview, camera, state.minSize);
  }

  destroy(): void {
    this.canvas.remove();
  }

  private drawPreview(preview: Preview, camera: Camera, minSize: number): void {
    const ctx = this.ctx;
    const sx = (x: number) => camera.screenX(x);
    const sy = (y: number) => camera.screenY(y);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = ACCENT;
    ctx.fillStyle = PREVIEW_FILL;
    ctx.setLineDash([]);
    switch (preview.kind) {
      case 'shape': {
        const made = preview.tool === 'ball' ? ballFromDrag(preview.a, preview.b, minSize) : preview.tool === 'box' ? boxFromDrag(preview.a, preview.b, minSize) : capsuleFromDrag(preview.a, preview.b, minSize);
        const k = camera.pixelScale;
        ctx.save();
        ctx.translate(sx(made.position[0]), sy(made.position[1]));
        ctx.rotate(-made.angle);
        ctx.beginPath();
        const shape = made.shape;
        if (shape.type === 'circle') ctx.arc(0, 0, shape.radius * k, 0, 2 * Math.PI);
        else if (shape.type === 'box') ctx.rect((-shape.width / 2) * k, (-shape.height / 2) * k, shape.width * k, shape.height * k);
        else if (shape.type === 'capsule') {
          const h = (shape.length / 2) * k;
          const r = shape.radius * k;
          ctx.arc(h, 0, r, -Math.PI / 2, Math.PI / 2);
          ctx.arc(-h, 0, r, Math.PI / 2, (3 * Math.PI) / 2);
          ctx.closePath();
        }
        ctx.fill();
        ctx.stroke();
        ctx.restore();
        break;
      }
      case 'path': {
        const pts = preview.points;
        if (pts.length === 0) break;
        ctx.beginPath();
        ctx.moveTo(sx(pts[0]![0]), sy(pts[0]![1]));
        for (let i = 1; i < pts.length; i++) ctx.lineTo(sx(pts[i]![0]), sy(pts[i]![1]));
        if (preview.cursor) ctx.lineTo(sx(preview.cursor[0]), sy(preview.cursor[1]));
        if (preview.tool === 'polygon') {
          ctx.closePath();
          ctx.fill();
        }
        ctx.stroke();
        // The clicked points, the first one larger: clicking it closes the outline.
        if (!preview.freehand) {
          ctx.fillStyle = ACCENT;
          for (let i = 0; i < pts.length; i++) {
            ctx.beginPath();
            ctx.arc(sx(pts[i]![0]), sy(pts[i]![1]), i === 0 ? 5 : 3, 0, 2 * Math.PI);
            ctx.fill();
          }
        }
        break;
      }
      case 'line': {
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(sx(preview.a[0]), sy(preview.a[1]));
        ctx.lineTo(sx(preview.b[0]), sy(preview.b[1]));
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = ACCENT;
        ctx.beginPath();
        ctx.arc(sx(preview.a[0]), sy(preview.a[1]), 4, 0, 2 * Math.PI);
        ctx.fill();
        break;
      }
      case 'rect': {
        const x = Math.min(sx(preview.a[0]), sx(preview.b[0]));
        const y = Math.min(sy(preview.a[1]), sy(preview.b[1]));
        const w = Math.abs(sx(preview.a[0]) - sx(preview.b[0]));
        const h = Math.abs(sy(preview.a[1]) - sy(preview.b[1]));
        ctx.setLineDash([5, 3]);
        ctx.fillRect(x, y, w, h);
        ctx.strokeRect(x + 0.5, y + 0.5, w, h);
        ctx.setLineDash([]);
        break;
      }
    }
  }

  /** The selected joint: its line and anchors, thick, in the selection colour. */
  private drawJoint(views: FrameViews, camera: Camera, id: number): void {
    const row = indexOf(views.jointIds, id);
    if (row < 0) return;
    const j = views.joints;
    const o = row * L.JOINT_STRIDE;
    const ax = camera.screenX(j[o + L.JOINT_AX]!);
    const ay = camera.screenY(j[o + L.JOINT_AY]!);
    const bx = camera.screenX(j[o + L.JOINT_BX]!);
    const by = camera.screenY(j[o + L.JOINT_BY]!);
    const ctx = this.ctx;
    ctx.strokeStyle = ACCENT;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(ax, ay);
    ctx.lineTo(bx, by);
    ctx.stroke();
    ctx.fillStyle = ACCENT;
    for (const [x, y] of [
      [ax, ay],
      [bx, by],
    ] as const) {
      ctx.beginPath();
      ctx.arc(x, y, 5, 0, 2 * Math.PI);
      ctx.fill();
    }
    if ((j[o + L.JOINT_FLAGS]! & L.JOINT_FLAG_MOTOR) !== 0) {
      // A motor: a circular arrow around the anchor.
      ctx.beginPath();
      ctx.arc(ax, ay, 11, 0.3, 1.8 * Math.PI);
      ctx.stroke();
    }
  }

  /** A cross in a circle at every centre of mass (the engine's debug lines of that kind). */
  private drawCenters(views: FrameViews, camera: Camera): void {
    const lines = views.debugLines;
    const ctx = this.ctx;
    ctx.strokeStyle = CENTER;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let i = 0; i < lines.length; i += L.DEBUG_LINE_STRIDE) {
      if (lines[i + 4] !== L.DEBUG_LINE_CENTER_OF_MASS) continue;
      const x = camera.screenX(lines[i]!);
      const y = camera.screenY(lines[i + 1]!);
      ctx.moveTo(x + 4, y);
      ctx.arc(x, y, 4, 0, 2 * Math.PI);
      ctx.moveTo(x - 7, y);
      ctx.lineTo(x + 7, y);
      ctx.moveTo(x, y - 7);
      ctx.lineTo(x, y + 7);
    }
    ctx.stroke();
  }

  /** A small "z" on every sleeping dynamic body; awake ones get nothing. */
  private drawSleep(views: FrameViews, camera: Camera): void {
    const state = views.bodyState;
    const tf = views.transforms;
    const ctx = this.ctx;
    ctx.strokeStyle = SLEEP;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let slot = 0; slot < views.slotCount; slot++) {
      const s = state[slot]!;
      if ((s & L.STATE_OCCUPIED) === 0 || (s & L.STATE_AWAKE) !== 0) continue;
      if (((s >> L.STATE_KIND_SHIFT) & L.STATE_KIND_MASK) !== L.KIND_DYNAMIC) continue;
      const x = camera.screenX(tf[slot * L.TRANSFORM_STRIDE + L.TRANSFORM_X]!);
      const y = camera.screenY(tf[slot * L.TRANSFORM_STRIDE + L.TRANSFORM_Y]!);
      ctx.moveTo(x - 3, y - 3);
      ctx.lineTo(x + 3, y - 3);
      ctx.lineTo(x - 3, y + 3);
      ctx.lineTo(x + 3, y + 3);
    }
    ctx.stroke();
  }
}

function indexOf(ids: Float64Array, id: number): number {
  for (let i = 0; i < ids.length; i++) if (ids[i] === id) return i;
  return -1;
}
