// The Canvas 2D renderer. It reads only the engine's frame views and draws, in device pixels:
// background grid, scenery, bodies (one path per batch and chunk, sleeping ones dimmed), joints,
// the selection, and the optional debug layer. No per-body canvas state changes, no trigonometry
// per body, no allocation per frame once the batches are built.
//
// It can also paint just the layers around the WebGL2 renderer's bodies (`RenderPart`), so both
// renderers share one grid, one way of drawing lines, joints and highlights.

import * as L from './layout';
import type { FrameViews } from './engine';
import type { Camera } from './camera';
import { buildBatches, type Batch } from './render-batches';
import type { BodyRenderer } from './renderer-choice';
import { defaultDebugLayers, type DebugLayers } from './debug-layers';
import { FIXED, INV_FIXED, newPose, POSE_K, POSE_KC, POSE_KS, POSE_X, POSE_Y, traceShape } from './shape-paths';

/**
 * Bodies per path before it is filled and a new one begun. Software rasterizers slow down
 * sharply with path size (10 000 boxes: 88 ms in one path, 20 ms in paths of 64); circles cost
 * little per edge, so they take longer paths.
 */
const CHUNK = 64;
const CIRCLE_CHUNK = 256;
/** Bodies smaller than this on screen (radius, device px) lose outlines and radius lines. */
export const DETAIL_PX = 3;
/** Opacity of sleeping dynamic bodies. */
export const SLEEP_ALPHA = 0.6;

/** The canvas colour under everything. */
export const BACKGROUND = '#13161b';
const GRID = '#1c2027';
const AXIS = '#272c35';
const SELECTED = '#ffd166';
const GRABBED = '#ffffff';
const JOINT = 'rgb(230 236 245 / 0.75)';
const JOINT_ANCHOR = '#e6ecf5';
const DEBUG_AABB = 'rgb(80 220 140 / 0.6)';
const DEBUG_NORMAL = '#ff5a5a';

/**
 * What a Renderer paints. `all`: the whole picture (the Canvas 2D renderer). With WebGL2 drawing
 * the filled bodies in between, `under` is the opaque bottom layer (background, grid, scenery
 * lines) and `over` the transparent top one (moving lines, joints, highlights, debug lines), so
 * the stack keeps the 2D renderer's order.
 */
export type RenderPart = 'all' | 'under' | 'over';

/** The Canvas 2D renderer, or one of its layers (`part`). */
export class Renderer implements BodyRenderer {
  /** Always `canvas2d`, whichever part it paints. */
  readonly kind = 'canvas2d';
  private batches: Batch[] = [];
  private version = -1;
  private slotCount = -1;
  /** Slots of selected or grabbed bodies seen this frame. */
  private highlight = new Int32Array(16);
  private highlightCount = 0;
  /** The pose handed to traceShape, reused for every body. */
  private readonly pose = newPose();
  /** Which debug layers it draws (joints, boxes, contacts). */
  private debug: DebugLayers = defaultDebugLayers();

  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private readonly part: RenderPart = 'all',
  ) {}

  /** Forces the batches to be rebuilt on the next draw (after a load replaced the world). */
  invalidate(): void {
    this.version = -1;
  }

  /** Holds nothing but its context, which goes with the canvas. */
  destroy(): void {}

  /** Chooses the debug layers drawn from now on. */
  setDebugLayers(layers: DebugLayers): void {
    this.debug = { ...layers };
  }

  /** Draws one frame of `views` as seen by `camera` onto the whole canvas. */
  draw(views: FrameViews, camera: Camera): void {
    if (views.structureVersion !== this.version || views.slotCount !== this.slotCount) {
      this.batches = buildBatches(views);
      this.version = views.structureVersion;
      this.slotCount = views.slotCount;
    }
    this.drawBatches(this.batches, views, camera);
  }

  /**
   * Draws a frame from batches built elsewhere: the WebGL2 renderer builds them once for both of
   * its layers and its own table (building is the costly part of a structure change).
   */
  drawBatches(batches: readonly Batch[], views: FrameViews, camera: Camera): void {
    const ctx = this.ctx;
    const part = this.part;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    if (part === 'over') ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    else {
      ctx.fillStyle = BACKGROUND;
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    }
    // Everything after this is traced in fixed point (see shape-paths.ts): no garbage per body.
    ctx.setTransform(INV_FIXED, 0, 0, INV_FIXED, 0, 0);
    if (part !== 'over') this.drawGrid(camera);
    this.highlightCount = 0;
    for (let i = 0; i < batches.length; i++) {
      const batch = batches[i]!;
      if (this.paints(batch)) this.drawBatch(batch, views, camera);
      else if (part === 'over') this.collectHighlights(batch, views);
    }
    if (part === 'under') return;
    if (this.debug.joints) this.drawJoints(views, camera);
    this.drawHighlights(views, camera);
    if (views.debugLines.length > 0 && (this.debug.aabbs || this.debug.contacts)) this.drawDebugLines(views, camera);
  }

  /** Whether this part paints `batch`: the layers leave filled shapes to WebGL2. */
  private paints(batch: Batch): boolean {
    if (this.part === 'all') return true;
    return batch.fill === null && batch.dynamic === (this.part === 'over');
  }

  /** Notes the selected and grabbed bodies of a batch another layer paints. */
  private collectHighlights(batch: Batch, views: FrameViews): void {
    const { slots } = batch;
    const bodyState = views.bodyState;
    for (let i = 0; i < slots.length; i++) {
      const state = bodyState[slots[i]!]!;
      if (state & L.STATE_OCCUPIED && state & (L.STATE_SELECTED | L.STATE_GRABBED)) this.addHighlight(slots[i]!);
    }
  }

  private drawBatch(batch: Batch, views: FrameViews, camera: Camera): void {
    const ctx = this.ctx;
    const k = camera.pixelScale;
    const detailed = batch.maxRadius * k >= DETAIL_PX;
    ctx.lineWidth = (batch.fill === null ? 2 * camera.dpr : camera.dpr) * FIXED;
    ctx.strokeStyle = batch.stroke;
    if (batch.fill !== null) ctx.fillStyle = batch.fill;
    const sleeping = this.tracePass(batch, views, camera, detailed, false);
    if (sleeping > 0) {
      ctx.globalAlpha = SLEEP_ALPHA;
      this.tracePass(batch, views, camera, detailed, true);
      ctx.globalAlpha = 1;
    }
  }

  /**
   * Traces and paints the awake bodies of `batch` (or, with `asleep`, the sleeping dynamic
   * ones); returns how many bodies the pass skipped for being asleep.
   */
  private tracePass(batch: Batch, views: FrameViews, camera: Camera, detailed: boolean, asleep: boolean): number {
    const ctx = this.ctx;
    const { transforms, bodyState, shapes, vertices } = views;
    const { slots, radii, dynamic } = batch;
    const k = camera.pixelScale * FIXED;
    const ox = camera.originX * FIXED;
    const oy = camera.originY * FIXED;
    const width = ctx.canvas.width * FIXED;
    const height = ctx.canvas.height * FIXED;
    const chunk = batch.shapeKind === L.SHAPE_CIRCLE ? CIRCLE_CHUNK : CHUNK;
    let skipped = 0;
    let inPath = 0;
    ctx.beginPath();
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const state = bodyState[slot]!;
      if (!(state & L.STATE_OCCUPIED)) continue;
      const isAsleep = dynamic && !(state & L.STATE_AWAKE);
      if (isAsleep !== asleep) {
        skipped++;
        continue;
      }
      if (state & (L.STATE_SELECTED | L.STATE_GRABBED)) this.addHighlight(slot);
      const t = slot * L.TRANSFORM_STRIDE;
      const px = ox + k * transforms[t + L.TRANSFORM_X]!;
      const py = oy - k * transforms[t + L.TRANSFORM_Y]!;
      const r = radii[i]! * k + 2 * FIXED;
      if (px < -r || py < -r || px > width + r || py > height + r) continue;
      const pose = this.pose;
      pose[POSE_X] = px;
      pose[POSE_Y] = py;
      pose[POSE_KC] = k * transforms[t + L.TRANSFORM_COS]!;
      pose[POSE_KS] = k * transforms[t + L.TRANSFORM_SIN]!;
      pose[POSE_K] = k;
      traceShape(ctx, shapes, vertices, slot, pose, detailed);
      if (++inPath === chunk) {
        this.paint(batch, detailed);
        ctx.beginPath();
        inPath = 0;
      }
    }
    if (inPath > 0) this.paint(batch, detailed);
    return asleep ? 0 : skipped;
  }

  private paint(batch: Batch, detailed: boolean): void {
    if (batch.fill !== null) this.ctx.fill();
    if (detailed || batch.fill === null) this.ctx.stroke();
  }

  private addHighlight(slot: number): void {
    if (this.highlightCount === this.highlight.length) {
      const grown = new Int32Array(this.highlight.length * 2);
      grown.set(this.highlight);
      this.highlight = grown;
    }
    this.highlight[this.highlightCount++] = slot;
  }

  /** Outlines selected bodies, then the grabbed one, over everything else. */
  private drawHighlights(views: FrameViews, camera: Camera): void {
    if (this.highlightCount === 0) return;
    const ctx = this.ctx;
    ctx.lineWidth = 2.5 * camera.dpr * FIXED;
    for (let b = 0; b < HIGHLIGHT_BITS.length; b++) {
      const bit = HIGHLIGHT_BITS[b]!;
      ctx.beginPath();
      let any = false;
      for (let i = 0; i < this.highlightCount; i++) {
        const slot = this.highlight[i]!;
        if (!(views.bodyState[slot]! & bit)) continue;
        this.traceSlot(views, camera, slot);
        any = true;
      }
      if (!any) continue;
      ctx.strokeStyle = bit === L.STATE_GRABBED ? GRABBED : SELECTED;
      ctx.stroke();
    }
  }

  private traceSlot(views: FrameViews, camera: Camera, slot: number): void {
    const k = camera.pixelScale * FIXED;
    const t = slot * L.TRANSFORM_STRIDE;
    const tf = views.transforms;
    const pose = this.pose;
    pose[POSE_X] = camera.originX * FIXED + k * tf[t + L.TRANSFORM_X]!;
    pose[POSE_Y] = camera.originY * FIXED - k * tf[t + L.TRANSFORM_Y]!;
    pose[POSE_KC] = k * tf[t + L.TRANSFORM_COS]!;
    pose[POSE_KS] = k * tf[t + L.TRANSFORM_SIN]!;
    pose[POSE_K] = k;
    traceShape(this.ctx, views.shapes, views.vertices, slot, pose, true);
  }

  /** Joints: a line (a zigzag for springs) between the anchors, and a dot on each anchor. */
  private drawJoints(views: FrameViews, camera: Camera): void {
    const joints = views.joints;
    if (joints.length === 0) return;
    const ctx = this.ctx;
    const k = camera.pixelScale * FIXED;
    const ox = camera.originX * FIXED;
    const oy = camera.originY * FIXED;
    const dpr = camera.dpr * FIXED;
    ctx.beginPath();
    for (let j = 0; j < joints.length; j += L.JOINT_STRIDE) {
      const ax = ox + k * joints[j + L.JOINT_AX]!;
      const ay = oy - k * joints[j + L.JOINT_AY]!;
      const bx = ox + k * joints[j + L.JOINT_BX]!;
      const by = oy - k * joints[j + L.JOINT_BY]!;
      if (joints[j + L.JOINT_KIND] === L.JOINT_SPRING) traceZigzag(ctx, ax | 0, ay | 0, bx | 0, by | 0, (4 * dpr) | 0);
      else {
        ctx.moveTo(ax | 0, ay | 0);
        ctx.lineTo(bx | 0, by | 0);
      }
    }
    ctx.strokeStyle = JOINT;
    ctx.lineWidth = 1.5 * dpr;
    ctx.stroke();
    const r = 2.5 * dpr;
    ctx.beginPath();
    for (let j = 0; j < joints.length; j += L.JOINT_STRIDE) {
      for (let a = 0; a < ANCHORS.length; a++) {
        const x = ox + k * joints[j + ANCHORS[a]!]!;
        const y = oy - k * joints[j + ANCHORS[a]! + 1]!;
        ctx.moveTo((x + r) | 0, y | 0);
        ctx.arc(x | 0, y | 0, r | 0, 0, 2 * Math.PI);
      }
    }
    ctx.fillStyle = JOINT_ANCHOR;
    ctx.fill();
  }

  /** Bounding boxes and contact normals, when the engine produces them. */
  private drawDebugLines(views: FrameViews, camera: Camera): void {
    const lines = views.debugLines;
    const ctx = this.ctx;
    const k = camera.pixelScale * FIXED;
    const ox = camera.originX * FIXED;
    const oy = camera.originY * FIXED;
    ctx.lineWidth = camera.dpr * FIXED;
    for (let d = 0; d < DEBUG_KINDS.length; d++) {
      const kind = DEBUG_KINDS[d]!;
      if (!(kind === L.DEBUG_LINE_AABB ? this.debug.aabbs : this.debug.contacts)) continue;
      ctx.strokeStyle = kind === L.DEBUG_LINE_AABB ? DEBUG_AABB : DEBUG_NORMAL;
      ctx.beginPath();
      let inPath = 0;
      for (let i = 0; i < lines.length; i += L.DEBUG_LINE_STRIDE) {
        if (lines[i + 4] !== kind) continue;
        ctx.moveTo((ox + k * lines[i]!) | 0, (oy - k * lines[i + 1]!) | 0);
        ctx.lineTo((ox + k * lines[i + 2]!) | 0, (oy - k * lines[i + 3]!) | 0);
        if (++inPath === 4 * CHUNK) {
          ctx.stroke();
          ctx.beginPath();
          inPath = 0;
        }
      }
      if (inPath > 0) ctx.stroke();
    }
  }

  /** World grid lines every 1, 2 or 5 × 10ⁿ metres, at least 48 device pixels apart. */
  private drawGrid(camera: Camera): void {
    const ctx = this.ctx;
    const k = camera.pixelScale;
    const width = ctx.canvas.width;
    const height = ctx.canvas.height;
    const minStep = (48 * camera.dpr) / k;
    const decade = 10 ** Math.floor(Math.log10(minStep));
    const step = decade * (minStep <= decade ? 1 : minStep <= 2 * decade ? 2 : minStep <= 5 * decade ? 5 : 10);
    const ox = camera.originX;
    const oy = camera.originY;
    const x0 = Math.ceil(-ox / k / step) * step;
    const y0 = Math.ceil((oy - height) / k / step) * step;
    const F = FIXED;
    const right = width * F;
    const bottom = height * F;
    ctx.beginPath();
    for (let x = x0; ox + k * x <= width; x += step) {
      const sx = ((Math.round(ox + k * x) + 0.5) * F) | 0;
      ctx.moveTo(sx, 0);
      ctx.lineTo(sx, bottom);
    }
    for (let y = y0; oy - k * y >= 0; y += step) {
      const sy = ((Math.round(oy - k * y) + 0.5) * F) | 0;
      ctx.moveTo(0, sy);
      ctx.lineTo(right, sy);
    }
    ctx.strokeStyle = GRID;
    ctx.lineWidth = F;
    ctx.stroke();
    ctx.beginPath();
    const ax = ((Math.round(ox) + 0.5) * F) | 0;
    const ay = ((Math.round(oy) + 0.5) * F) | 0;
    ctx.moveTo(ax, 0);
    ctx.lineTo(ax, bottom);
    ctx.moveTo(0, ay);
    ctx.lineTo(right, ay);
    ctx.strokeStyle = AXIS;
    ctx.stroke();
  }
}

// Index loops over constant tables: no iterator objects per frame.
const HIGHLIGHT_BITS = [L.STATE_SELECTED, L.STATE_GRABBED] as const;
const ANCHORS = [L.JOINT_AX, L.JOINT_BX] as const;
const DEBUG_KINDS = [L.DEBUG_LINE_AABB, L.DEBUG_LINE_CONTACT_NORMAL] as const;

/** A spring: a zigzag of fixed tooth count from a to b, `amplitude` wide (fixed point, integers). */
function traceZigzag(
  ctx: CanvasRenderingContext2D,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  amplitude: number,
): void {
  const dx = bx - ax;
  const dy = by - ay;
  const length = Math.hypot(dx, dy);
  ctx.moveTo(ax | 0, ay | 0);
  if (length < FIXED) return;
  const nx = (-dy / length) * amplitude;
  const ny = (dx / length) * amplitude;
  const teeth = 10;
  for (let i = 1; i < teeth; i++) {
    const t = i / teeth;
    const side = i % 2 === 0 ? -1 : 1;
    ctx.lineTo((ax + dx * t + nx * side) | 0, (ay + dy * t + ny * side) | 0);
  }
  ctx.lineTo(bx | 0, by | 0);
}
