// What each pointer tool does to the world once input.ts has worked out the gesture: it turns
// world points into bodies and joints (drawing.ts does the geometry) and applies them through the
// editor, so every one is an undoable edit. Errors a person can fix (an outline that crosses
// itself, a joint with nothing to join) come back as a hint or an error, never as a change.

import type { Camera } from './camera';
import { ballFromDrag, boxFromDrag, capsuleFromDrag, polygonBody, terrainBody, worldToLocal } from './drawing';
import { MAX_POLYGON_VERTICES, MAX_POLYLINE_VERTICES } from './limits';
import type { Editor } from './editor';
import type { FrameViews } from './engine';
import { TumbleError, toTumbleError } from './errors';
import type { InputHost, SelectHit } from './input';
import * as L from './layout';
import { PALETTE, TOOL_LABELS, type JointTool, type ShapeTool, type Tool } from './tools';
import type { BodyDesc, JointDesc, Vec2 } from './types';

/** How close (CSS px) a select click must be to a joint's line to pick the joint. */
const JOINT_PICK_PX = 6;
/** Freehand outlines are simplified to this many CSS pixels of error. */
const SIMPLIFY_PX = 1.5;

/** Default spring: firm enough to hold a body up, damped enough not to ring for long. */
export const SPRING_STIFFNESS = 200;
export const SPRING_DAMPING = 5;

export interface ToolActionsHost {
  readonly camera: Camera;
  /** The current frame views (null while there is no running engine). */
  views(): FrameViews | null;
  bodyAt(x: number, y: number): number | null;
  /** An engine error a person should see. */
  report(error: TumbleError): void;
  /** A short message over the canvas (a tool could not act, and why). */
  hint(text: string): void;
}

export class ToolActions {
  private colorIndex = 0;

  constructor(
    private readonly editor: Editor,
    private readonly host: ToolActionsHost,
  ) {}

  /** The smallest body a drag makes, and the default size of a click's: in proportion to the view. */
  minSize(): number {
    return Math.min(10, Math.max(0.05, this.host.camera.viewHeight / 60));
  }

  /** The InputHost a PointerInput drives; `previewChanged` redraws the tool's preview. */
  inputHost(tool: () => Tool, interactive: () => boolean, previewChanged: () => void): InputHost {
    const attempt = <T>(fallback: T, action: () => T): T => {
      try {
        return action();
      } catch (thrown) {
        this.host.report(toTumbleError(thrown).error);
        return fallback;
      }
    };
    const editor = this.editor;
    return {
      camera: this.host.camera,
      get tool() {
        return tool();
      },
      get interactive() {
        return interactive();
      },
      bodyAt: (x, y) => attempt(null, () => this.host.bodyAt(x, y)),
      grab: (x, y) => attempt(false, () => editor.grab(x, y) !== null),
      dragTo: (x, y) => attempt(undefined, () => editor.dragTo(x, y)),
      release: () => attempt(undefined, () => editor.release()),
      selectAt: (x, y, additive) => attempt({ hit: 'none' as SelectHit, movable: false }, () => this.selectAt(x, y, additive)),
      selectRect: (a, b, additive) =>
        attempt(undefined, () => {
          const found = editor.engineOrNull()?.bodiesInRect(a[0], a[1], b[0], b[1]) ?? [];
          editor.select(additive ? [...editor.selection.bodies, ...found] : found);
        }),
      beginMove: () => attempt(undefined, () => editor.beginMove()),
      moveBy: (dx, dy) => attempt(undefined, () => editor.moveSelection(dx, dy)),
      endMove: () => attempt(undefined, () => editor.endMove()),
      createShape: (t, a, b) => attempt(undefined, () => this.createShape(t, a, b)),
      createPath: (t, points) => attempt(undefined, () => this.createPath(t, points)),
      createJoint: (t, a, b) => attempt(undefined, () => this.createJoint(t, a, b)),
      previewChanged,
    };
  }

  /** Select tool press: a joint near the point, else the topmost body, else nothing. */
  selectAt(x: number, y: number, additive: boolean): { hit: SelectHit; movable: boolean } {
    const editor = this.editor;
    const joint = this.jointAt(x, y);
    const body = joint === null ? this.host.bodyAt(x, y) : null;
    if (joint !== null) {
      editor.select([], joint);
      return { hit: 'joint', movable: false };
    }
    if (body === null) {
      if (!additive) editor.select([]);
      return { hit: 'none', movable: false };
    }
    if (additive) editor.toggle(body);
    else if (!editor.selection.bodies.includes(body)) editor.select([body]);
    return { hit: 'body', movable: editor.selection.bodies.includes(body) };
  }

  /** A ball, box or capsule from a drag (or a default one where a click landed). */
  createShape(tool: ShapeTool, a: Vec2, b: Vec2 | null): number {
    const min = this.minSize();
    // A click: a shape of four times the minimum size, centred on the point.
    const size = min * 4;
    const end: Vec2 = b ?? (tool === 'ball' ? [a[0] + size / 2, a[1]] : tool === 'box' ? [a[0] + size / 2, a[1] + size / 2] : [a[0] + size, a[1]]);
    const start: Vec2 = b ? a : tool === 'box' ? [a[0] - size / 2, a[1] - size / 2] : tool === 'capsule' ? [a[0] - size, a[1]] : a;
    const made = tool === 'ball' ? ballFromDrag(start, end, min) : tool === 'box' ? boxFromDrag(start, end, min) : capsuleFromDrag(start, end, min);
    const desc: BodyDesc = { type: 'dynamic', shape: made.shape, position: made.position, angle: made.angle, color: this.nextColor() };
    return this.editor.spawn(desc, `add ${TOOL_LABELS[tool].toLowerCase()}`);
  }

  /** A polygon body from a closed outline, or static terrain from an open path. */
  createPath(tool: 'polygon' | 'terrain', points: Vec2[]): number | null {
    const tolerance = SIMPLIFY_PX / this.host.camera.scale;
    if (tool === 'polygon') {
      const made = polygonBody(points, { tolerance, maxVertices: MAX_POLYGON_VERTICES });
      if (!made.ok) {
        this.host.hint(made.message);
        return null;
      }
      const desc: BodyDesc = { type: 'dynamic', shape: { type: 'polygon', points: made.points }, position: made.position, color: this.nextColor() };
      return this.editor.spawn(desc, 'add polygon');
    }
    const made = terrainBody(points, tolerance, MAX_POLYLINE_VERTICES);
    if (!made.ok) {
      this.host.hint(made.message);
      return null;
    }
    return this.editor.spawn(made.body, 'add terrain');
  }

  /**
   * A joint. `pin`: at `a`, between the topmost body there and the next one below it (or the
   * world). The others: from `a` on the body there (or the world) to `b` on the body there (or the
   * world). A weld holds the bodies as they are, anchored midway between the two points.
   */
  createJoint(tool: JointTool, a: Vec2, b: Vec2): number | null {
    const views = this.host.views();
    if (!views) return null;
    let bodyA: number | null;
    let bodyB: number | null;
    if (tool === 'pin') {
      const under = this.bodiesAt(a);
      if (under.length === 0) {
        this.host.hint('Click on a body to pin it (where two overlap, it pins them together)');
        return null;
      }
      bodyB = under[0]!;
      bodyA = under[1] ?? null;
    } else {
      bodyA = this.host.bodyAt(a[0], a[1]);
      bodyB = this.host.bodyAt(b[0], b[1]);
      if (bodyA === null && bodyB === null) {
        this.host.hint(`A ${tool} needs a body at one end at least: click on a body`);
        return null;
      }
      if (bodyA === bodyB) {
        this.host.hint(`Both ends are on the same body: pick points on two bodies for a ${tool}`);
        return null;
      }
      // The engine wants the body in bodyB; bodyA may be the world.
      if (bodyB === null) {
        [bodyA, bodyB, a, b] = [bodyB, bodyA, b, a];
      }
    }
    const pointA: Vec2 = tool === 'weld' ? midpoint(a, b) : a;
    const pointB: Vec2 = tool === 'weld' || tool === 'pin' ? pointA : b;
    const anchorA = bodyA === null ? pointA : this.local(views, bodyA, pointA);
    const anchorB = this.local(views, bodyB!, pointB);
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const base = { bodyA, bodyB: bodyB!, anchorA, anchorB };
    let desc: JointDesc;
    switch (tool) {
      case 'pin':
        desc = { type: 'revolute', ...base };
        break;
      case 'weld':
        desc = { type: 'weld', ...base };
        break;
      case 'rope':
        desc = { type: 'rope', ...base, maxLength: Math.max(length, 0.01) };
        break;
      case 'spring':
        desc = { type: 'spring', ...base, restLength: length, stiffness: SPRING_STIFFNESS, damping: SPRING_DAMPING };
        break;
    }
    const id = this.editor.addJoint(desc, `add ${tool}`);
    this.editor.select([], id);
    return id;
  }

  /** Bodies containing a point, topmost first. */
  bodiesAt(p: Vec2): number[] {
    const engine = this.editor.engineOrNull();
    if (!engine) return [];
    // A rectangle a micrometre wide is the point, for the engine's exact-shape overlap test.
    const e = 1e-6;
    return engine.bodiesInRect(p[0] - e, p[1] - e, p[0] + e, p[1] + e).reverse();
  }

  /** The joint whose line passes within JOINT_PICK_PX of a point, if any (the last drawn wins). */
  jointAt(x: number, y: number): number | null {
    const views = this.host.views();
    if (!views) return null;
    const camera = this.host.camera;
    const j = views.joints;
    const px = camera.screenX(x);
    const py = camera.screenY(y);
    let found: number | null = null;
    for (let row = 0; row < views.jointIds.length; row++) {
      const o = row * L.JOINT_STRIDE;
      const d = segmentDistance(px, py, camera.screenX(j[o + L.JOINT_AX]!), camera.screenY(j[o + L.JOINT_AY]!), camera.screenX(j[o + L.JOINT_BX]!), camera.screenY(j[o + L.JOINT_BY]!));
      if (d <= JOINT_PICK_PX) found = views.jointIds[row]!;
    }
    return found;
  }

  /** A world point in a body's own frame (joint anchors are given that way). */
  private local(views: FrameViews, body: number, p: Vec2): Vec2 {
    const slot = views.slotIds.indexOf(body);
    if (slot < 0) throw new TumbleError('body.stale_id', `Body ${body} is not in the world.`);
    const t = slot * L.TRANSFORM_STRIDE;
    const tf = views.transforms;
    return worldToLocal(tf[t + L.TRANSFORM_X]!, tf[t + L.TRANSFORM_Y]!, tf[t + L.TRANSFORM_COS]!, tf[t + L.TRANSFORM_SIN]!, p[0], p[1]);
  }

  private nextColor(): string {
    return PALETTE[this.colorIndex++ % PALETTE.length]!;
  }
}

function midpoint(a: Vec2, b: Vec2): Vec2 {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

/** Distance from (px, py) to the segment from (ax, ay) to (bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
