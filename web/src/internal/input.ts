// Pointer input on the canvas: which gesture a press becomes for the current tool (a drag, a
// click, a drag-to-size, a freehand stroke, clicks building a path or a joint, a selection move or
// box), plus pan and zoom; the host (tool-actions.ts) turns finished gestures into edits, and
// `preview` shows the one in progress. Mouse, pen and touch all arrive as pointer events; wheel
// and touch events are only listened to for deciding what to capture.
//
// What the canvas captures, so an embedding page keeps scrolling when the user scrolls past:
//
// - `cooperative` (default):
//   - Wheel zooms only while the canvas has focus (any press on it focuses it), while a drag or
//     pan is under way, or with Ctrl/⌘ held (which is also what a trackpad pinch sends).
//     Otherwise the wheel scrolls the page and `onWheelIgnored` fires (to show a hint).
//   - Touch: one finger on a body drags it; with any other tool one finger uses the tool (a tap
//     where a mouse would click, a stroke where it would drag); two fingers pan and pinch-zoom the
//     view. With the drag tool, one finger on empty space scrolls the page.
// - `greedy` (a full-page sandbox with nothing to scroll): the wheel always zooms and one finger
//   on empty space pans.
//
// The mouse pans with the middle or right button, or the left button on empty space.

import type { Camera } from './camera';
import { isJointTool, isShapeTool, type JointTool, type ShapeTool, type Tool } from './tools';
import type { Vec2 } from './types';

export type GestureHandling = 'cooperative' | 'greedy';

/** What a select-tool press hit. */
export type SelectHit = 'body' | 'joint' | 'none';

/** What input needs from its owner; the owner turns engine errors into its error reporting. */
export interface InputHost {
  readonly camera: Camera;
  readonly tool: Tool;
  /** Whether an engine is ready to take input. */
  readonly interactive: boolean;
  /** The topmost body at a world point (grab, spawn and scroll decisions). */
  bodyAt(x: number, y: number): number | null;
  // The drag tool: a spring pulls the grabbed body.
  grab(x: number, y: number): boolean;
  dragTo(x: number, y: number): void;
  release(): void;
  // The select tool.
  /**
   * Selects what is at (x, y): a joint near it, else the topmost body; `additive` (Shift) toggles
   * it in the selection instead. Nothing there clears the selection unless additive. Returns what
   * was hit and whether a body hit is selected now (so a drag moves it).
   */
  selectAt(x: number, y: number, additive: boolean): { hit: SelectHit; movable: boolean };
  /** Selects the bodies overlapping the rectangle (adds to the selection when `additive`). */
  selectRect(a: Vec2, b: Vec2, additive: boolean): void;
  beginMove(): void;
  moveBy(dx: number, dy: number): void;
  endMove(): void;
  // Tools that add things.
  /** A shape from `a` dragged to `b`, or a default-sized one at `a` (b null: a click). */
  createShape(tool: ShapeTool, a: Vec2, b: Vec2 | null): void;
  /** A polygon body from a closed outline, or static terrain from an open path (world points). */
  createPath(tool: 'polygon' | 'terrain', points: Vec2[]): void;
  /** A joint: `pin` at `a` (b equals a), the others between `a` and `b`. */
  createJoint(tool: JointTool, a: Vec2, b: Vec2): void;
  /** The preview (see `PointerInput.preview`) changed: draw it again. */
  previewChanged(): void;
}

/** What a tool in progress shows before it makes anything (world coordinates). */
export type Preview =
  | { kind: 'shape'; tool: ShapeTool; a: Vec2; b: Vec2 }
  /** A polygon (`closed`) or terrain being drawn; `cursor` is where the next point would go. */
  | { kind: 'path'; tool: 'polygon' | 'terrain'; points: readonly Vec2[]; cursor: Vec2 | null; freehand: boolean }
  /** A joint from its first point to the pointer. */
  | { kind: 'line'; tool: JointTool; a: Vec2; b: Vec2 }
  /** A box selection. */
  | { kind: 'rect'; a: Vec2; b: Vec2 };

export interface InputOptions {
  gestureHandling: GestureHandling;
  /**
   * The element whose focus means "the sandbox has focus" (default: the canvas). A custom element
   * passes itself, so the focus ring and keyboard shortcuts belong to the element.
   */
  focusTarget?: HTMLElement;
  /** A wheel event scrolled the page instead of zooming (cooperative mode). */
  onWheelIgnored?: () => void;
}

type Mode = 'idle' | 'drag' | 'pan' | 'pinch' | 'press' | 'size' | 'freehand' | 'move' | 'rubber';

/** How far (CSS px) a press may move and still count as a click. */
const CLICK_SLOP = 6;
/** How close (CSS px) a click must be to a path's first or last point to close or end it. */
const SNAP_PX = 12;
/** The same for a finger, which covers more than a pointer's tip. */
const TOUCH_SNAP_PX = 24;
/** Freehand points closer than this (CSS px) to the previous one are skipped. */
const FREEHAND_STEP_PX = 3;

interface TrackedPointer {
  x: number;
  y: number;
}

export class PointerInput {
  private readonly abort = new AbortController();
  private readonly pointers = new Map<number, TrackedPointer>();
  private mode: Mode = 'idle';
  private pressX = 0;
  private pressY = 0;
  private pressShift = false;
  /** What the current press will do if it stays a click (select tool: move or box). */
  private pressMovable = false;
  private pressTouch = false;
  private pinchDistance = 0;
  private pinchX = 0;
  private pinchY = 0;
  /** A drag target not yet sent to the engine: sent once per frame by `flush`. */
  private dragPending = false;
  private dragX = 0;
  private dragY = 0;
  /** The path being drawn by polygon or terrain (world points), across clicks. */
  private path: Vec2[] = [];
  private pathTool: 'polygon' | 'terrain' | null = null;
  /** The first point of a two-point joint, across clicks. */
  private jointStart: Vec2 | null = null;
  private jointTool: JointTool | null = null;
  /** The pointer's last world position (hover), for previews. */
  private cursor: Vec2 | null = null;
  private current: Preview | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly host: InputHost,
    private readonly options: InputOptions,
  ) {
    const signal = this.abort.signal;
    const on = <K extends keyof HTMLElementEventMap>(
      type: K,
      listener: (e: HTMLElementEventMap[K]) => void,
      passive = true,
    ) => canvas.addEventListener(type, listener, { signal, passive });
    on('pointerdown', (e) => this.down(e), false);
    on('pointermove', (e) => this.move(e));
    on('pointerup', (e) => this.up(e, false));
    on('pointercancel', (e) => this.up(e, true));
    on('pointerleave', (e) => this.leave(e));
    on('wheel', (e) => this.wheel(e), false);
    on('touchstart', (e) => this.touch(e), false);
    on('touchmove', (e) => this.touch(e), false);
    on('contextmenu', (e) => e.preventDefault(), false);
    canvas.style.touchAction = options.gestureHandling === 'greedy' ? 'none' : 'manipulation';
  }

  /** What the tool in progress would make (draw it over the world), or null. */
  get preview(): Preview | null {
    return this.current;
  }

  /** Whether a multi-click tool (polygon, terrain, two-point joint) is part-way. */
  get building(): boolean {
    return this.path.length > 0 || this.jointStart !== null;
  }

  /** Sends the latest drag target to the engine: at most one call per frame. */
  flush(): void {
    if (!this.dragPending) return;
    this.dragPending = false;
    if (this.mode === 'drag') this.host.dragTo(this.dragX, this.dragY);
  }

  /** Ends a polygon or terrain drawn by clicks (Enter). Returns false when none was under way. */
  finish(): boolean {
    if (this.path.length === 0 || !this.pathTool) return false;
    this.completePath();
    return true;
  }

  /** Takes back the last clicked point of a path (Backspace). Returns false when there is none. */
  undoPoint(): boolean {
    if (this.path.length === 0) return false;
    this.path.pop();
    if (this.path.length === 0) this.pathTool = null;
    this.updatePreview();
    return true;
  }

  /** Lets go of whatever is held and drops any part-made path or joint (Escape, a load, a tool change). */
  cancel(): void {
    if (this.mode === 'drag') this.host.release();
    if (this.mode === 'move') this.host.endMove();
    this.mode = 'idle';
    this.dragPending = false;
    this.pointers.clear();
    this.path = [];
    this.pathTool = null;
    this.jointStart = null;
    this.jointTool = null;
    this.setPreview(null);
  }

  /** Removes every listener. */
  destroy(): void {
    this.cancel();
    this.abort.abort();
  }

  private local(e: { clientX: number; clientY: number }): TrackedPointer {
    const rect = this.canvas.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  private world(p: TrackedPointer): Vec2 {
    const camera = this.host.camera;
    return [camera.worldX(p.x), camera.worldY(p.y)];
  }

  private down(e: PointerEvent): void {
    if (!this.host.interactive) return;
    // No text selection, no middle-button autoscroll; focus is given by hand instead.
    e.preventDefault();
    (this.options.focusTarget ?? this.canvas).focus({ preventScroll: true });
    const p = this.local(e);
    this.pointers.set(e.pointerId, p);
    this.capture(e.pointerId);
    if (this.pointers.size === 2) {
      this.abandonGesture();
      this.mode = 'pinch';
      this.startPinch();
      return;
    }
    if (this.pointers.size > 2) return;
    this.pressX = p.x;
    this.pressY = p.y;
    this.pressShift = e.shiftKey;
    this.pressTouch = e.pointerType === 'touch';
    if (e.button === 1 || e.button === 2) {
      this.mode = 'pan';
      return;
    }
    if (e.button !== 0) return;
    const [wx, wy] = this.world(p);
    const tool = this.host.tool;
    if (tool === 'drag') {
      if (this.host.grab(wx, wy)) this.mode = 'drag';
      else this.mode = this.emptySpaceMode();
      return;
    }
    if (tool === 'select') {
      const { hit, movable } = this.host.selectAt(wx, wy, e.shiftKey);
      this.pressMovable = hit === 'body' && movable && !e.shiftKey;
      this.mode = 'press';
      return;
    }
    // Creation tools: wait to see whether this is a click or a drag.
    this.mode = 'press';
  }

  private move(e: PointerEvent): void {
    const p = this.pointers.get(e.pointerId);
    if (!p) {
      // Hover (a mouse with no button down): previews follow the pointer.
      if (e.pointerType === 'mouse' && this.building) {
        this.cursor = this.world(this.local(e));
        this.updatePreview();
      }
      return;
    }
    const next = this.local(e);
    const dx = next.x - p.x;
    const dy = next.y - p.y;
    p.x = next.x;
    p.y = next.y;
    const camera = this.host.camera;
    const here = this.world(p);
    this.cursor = here;
    switch (this.mode) {
      case 'drag':
        this.dragX = here[0];
        this.dragY = here[1];
        this.dragPending = true;
        break;
      case 'pan':
        camera.panBy(dx, dy);
        break;
      case 'press':
        if (Math.hypot(p.x - this.pressX, p.y - this.pressY) > CLICK_SLOP) this.startDragging(p);
        else if (this.building) this.updatePreview();
        break;
      case 'size':
      case 'rubber':
        this.updatePreview();
        break;
      case 'freehand': {
        const last = this.path[this.path.length - 1];
        if (!last || Math.hypot(camera.screenX(last[0]) - p.x, camera.screenY(last[1]) - p.y) >= FREEHAND_STEP_PX) this.path.push(here);
        this.updatePreview();
        break;
      }
      case 'move': {
        const scale = camera.pixelScale;
        this.host.moveBy(dx / scale, -dy / scale);
        break;
      }
      case 'pinch':
        this.movePinch();
        break;
    }
  }

  /** A press that travelled: what it becomes depends on the tool. */
  private startDragging(p: TrackedPointer): void {
    const tool = this.host.tool;
    const pressWorld = this.world({ x: this.pressX, y: this.pressY });
    if (tool === 'select') {
      if (this.pressMovable) {
        this.host.beginMove();
        this.mode = 'move';
        const scale = this.host.camera.pixelScale;
        this.host.moveBy((p.x - this.pressX) / scale, -(p.y - this.pressY) / scale);
      } else {
        this.mode = 'rubber';
        this.updatePreview();
      }
    } else if (isShapeTool(tool)) {
      this.mode = 'size';
      this.updatePreview();
    } else if ((tool === 'polygon' || tool === 'terrain') && this.path.length === 0) {
      this.mode = 'freehand';
      this.pathTool = tool;
      this.path = [pressWorld, this.world(p)];
      this.updatePreview();
    } else {
      // Joint tools and paths part-way by clicks: a travelling press pans the view.
      this.mode = this.emptySpaceMode();
    }
  }

  private up(e: PointerEvent, cancelled: boolean): void {
    const p = this.pointers.get(e.pointerId);
    if (!p) return;
    this.pointers.delete(e.pointerId);
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    const tool = this.host.tool;
    const here = this.world(p);
    const mode = this.mode;
    this.mode = 'idle';
    switch (mode) {
      case 'drag':
        // The last drag target is where the pointer let go.
        this.dragPending = false;
        this.host.dragTo(here[0], here[1]);
        this.host.release();
        break;
      case 'press':
        if (!cancelled) this.click(tool, here, p);
        break;
      case 'size':
        if (!cancelled && isShapeTool(tool)) this.host.createShape(tool, this.world({ x: this.pressX, y: this.pressY }), here);
        this.setPreview(null);
        break;
      case 'freehand':
        if (!cancelled) {
          this.path.push(here);
          this.completePath();
        } else this.cancel();
        break;
      case 'move':
        this.host.endMove();
        break;
      case 'rubber':
        if (!cancelled) this.host.selectRect(this.world({ x: this.pressX, y: this.pressY }), here, this.pressShift);
        this.setPreview(null);
        break;
      case 'pinch':
        // The remaining finger does nothing until it lifts: no jump from pinch to pan.
        if (this.pointers.size > 0) this.mode = 'pinch';
        break;
    }
  }

  /** A press that stayed put. */
  private click(tool: Tool, here: Vec2, p: TrackedPointer): void {
    if (isShapeTool(tool)) {
      this.host.createShape(tool, here, null);
    } else if (tool === 'polygon' || tool === 'terrain') {
      this.clickPath(tool, here, p);
    } else if (tool === 'pin') {
      this.host.createJoint('pin', here, here);
    } else if (isJointTool(tool)) {
      if (this.jointStart && this.jointTool === tool) {
        const start = this.jointStart;
        this.jointStart = null;
        this.jointTool = null;
        this.setPreview(null);
        this.host.createJoint(tool, start, here);
      } else {
        this.jointStart = here;
        this.jointTool = tool;
        this.cursor = here;
        this.updatePreview();
      }
    }
  }

  /** A click with polygon or terrain: a new point, or closing / ending the path. */
  private clickPath(tool: 'polygon' | 'terrain', here: Vec2, p: TrackedPointer): void {
    if (this.pathTool !== tool) {
      this.path = [];
      this.pathTool = tool;
    }
    const camera = this.host.camera;
    const snap = this.pressTouch ? TOUCH_SNAP_PX : SNAP_PX;
    const near = (q: Vec2 | undefined) => q !== undefined && Math.hypot(camera.screenX(q[0]) - p.x, camera.screenY(q[1]) - p.y) <= snap;
    const first = this.path[0];
    const last = this.path[this.path.length - 1];
    if (tool === 'polygon' && this.path.length >= 3 && (near(first) || near(last))) {
      this.completePath();
    } else if (tool === 'terrain' && this.path.length >= 2 && near(last)) {
      this.completePath();
    } else if (!near(last)) {
      this.path.push(here);
      this.cursor = here;
      this.updatePreview();
    }
  }

  private completePath(): void {
    const tool = this.pathTool;
    const points = this.path;
    this.path = [];
    this.pathTool = null;
    this.setPreview(null);
    if (tool) this.host.createPath(tool, points);
  }

  /** A press on empty space with nothing to do there: pan, unless a cooperative touch (page scroll). */
  private emptySpaceMode(): Mode {
    return this.pressTouch && this.options.gestureHandling === 'cooperative' ? 'idle' : 'pan';
  }

  /** A second finger came down: whatever one finger was doing stops, cleanly. */
  private abandonGesture(): void {
    if (this.mode === 'drag') this.host.release();
    if (this.mode === 'move') this.host.endMove();
    if (this.mode === 'freehand') {
      this.path = [];
      this.pathTool = null;
    }
    this.mode = 'idle';
    this.updatePreview();
  }

  private leave(e: PointerEvent): void {
    if (e.pointerType === 'mouse' && !this.pointers.has(e.pointerId) && this.cursor) {
      this.cursor = null;
      this.updatePreview();
    }
  }

  private updatePreview(): void {
    const pressWorld = this.world({ x: this.pressX, y: this.pressY });
    const cursor = this.cursor;
    const tool = this.host.tool;
    if (this.mode === 'size' && isShapeTool(tool) && cursor) this.setPreview({ kind: 'shape', tool, a: pressWorld, b: cursor });
    else if (this.mode === 'rubber' && cursor) this.setPreview({ kind: 'rect', a: pressWorld, b: cursor });
    else if (this.path.length > 0 && this.pathTool) {
      this.setPreview({ kind: 'path', tool: this.pathTool, points: this.path.slice(), cursor: this.mode === 'freehand' ? null : cursor, freehand: this.mode === 'freehand' });
    } else if (this.jointStart && this.jointTool && cursor) this.setPreview({ kind: 'line', tool: this.jointTool, a: this.jointStart, b: cursor });
    else this.setPreview(null);
  }

  private setPreview(preview: Preview | null): void {
    if (preview === null && this.current === null) return;
    this.current = preview;
    this.host.previewChanged();
  }

  private wheel(e: WheelEvent): void {
    if (!this.host.interactive) return;
    const captured =
      this.options.gestureHandling === 'greedy' ||
      this.mode !== 'idle' ||
      (this.options.focusTarget ?? this.canvas).matches(':focus-within') ||
      e.ctrlKey ||
      e.metaKey;
    if (!captured) {
      this.options.onWheelIgnored?.();
      return;
    }
    e.preventDefault();
    // Lines (Firefox) are ~16 px; a trackpad pinch (ctrlKey) sends small deltas, so it zooms faster.
    const pixels = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? e.deltaY * 16 : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? e.deltaY * 400 : e.deltaY;
    const factor = Math.exp(-pixels * (e.ctrlKey ? 0.01 : 0.0015));
    const p = this.local(e);
    this.host.camera.zoomAt(p.x, p.y, factor);
  }

  /**
   * Touch events only decide whether the browser may scroll: pointer events (which Chromium
   * dispatches before the matching touch event) have already set the mode.
   */
  private touch(e: TouchEvent): void {
    if (!e.cancelable) return;
    if (this.options.gestureHandling === 'greedy' || e.touches.length >= 2 || this.mode !== 'idle') {
      e.preventDefault();
      return;
    }
    if (e.type === 'touchstart' && this.host.interactive) {
      // Browsers that send the touch event first: decide from what is under the finger.
      const t = e.touches[0];
      if (!t) return;
      const p = this.local(t);
      const camera = this.host.camera;
      if (this.host.tool !== 'drag' || this.host.bodyAt(camera.worldX(p.x), camera.worldY(p.y)) !== null) {
        e.preventDefault();
      }
    }
  }

  private startPinch(): void {
    const [a, b] = this.pointers.values();
    if (!a || !b) return;
    this.pinchDistance = Math.max(1, Math.hypot(a.x - b.x, a.y - b.y));
    this.pinchX = (a.x + b.x) / 2;
    this.pinchY = (a.y + b.y) / 2;
  }

  private movePinch(): void {
    const [a, b] = this.pointers.values();
    if (!a || !b) return;
    const distance = Math.max(1, Math.hypot(a.x - b.x, a.y - b.y));
    const x = (a.x + b.x) / 2;
    const y = (a.y + b.y) / 2;
    const camera = this.host.camera;
    camera.panBy(x - this.pinchX, y - this.pinchY);
    camera.zoomAt(x, y, distance / this.pinchDistance);
    this.pinchDistance = distance;
    this.pinchX = x;
    this.pinchY = y;
  }

  private capture(pointerId: number): void {
    try {
      this.canvas.setPointerCapture(pointerId);
    } catch {
      // The pointer is already gone (a synthetic or cancelled press): nothing to capture.
    }
  }
}
