// Pointer input on the canvas: drag bodies, pan, zoom, spawn. Mouse, pen and touch all arrive as
// pointer events; wheel and touch events are only listened to for deciding what to capture.
//
// What the canvas captures, so an embedding page keeps scrolling when the user scrolls past:
//
// - `cooperative` (default):
//   - Wheel zooms only while the canvas has focus (any press on it focuses it), while a drag or
//     pan is under way, or with Ctrl/⌘ held (which is also what a trackpad pinch sends).
//     Otherwise the wheel scrolls the page and `onWheelIgnored` fires (to show a hint).
//   - Touch: one finger on a body drags it; with a spawn tool a tap spawns; two fingers pan and
//     pinch-zoom the view. One finger on empty space scrolls the page.
// - `greedy` (a full-page sandbox with nothing to scroll): the wheel always zooms and one finger
//   on empty space pans.
//
// The mouse pans with the middle or right button, or the left button on empty space.

import type { Camera } from './camera';
import type { Tool } from './tools';

export type GestureHandling = 'cooperative' | 'greedy';

/** What input needs from its owner; the owner turns engine errors into its error reporting. */
export interface InputHost {
  readonly camera: Camera;
  readonly tool: Tool;
  /** Whether an engine is ready to take input. */
  readonly interactive: boolean;
  /** The topmost body at a world point (grab, spawn and scroll decisions). */
  bodyAt(x: number, y: number): number | null;
  grab(x: number, y: number): boolean;
  dragTo(x: number, y: number): void;
  release(): void;
  spawn(tool: Exclude<Tool, 'drag'>, x: number, y: number): void;
}

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

type Mode = 'idle' | 'drag' | 'pan' | 'pinch' | 'spawn';

/** How far (CSS px) a press may move and still count as a click. */
const CLICK_SLOP = 6;

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
  private pinchDistance = 0;
  private pinchX = 0;
  private pinchY = 0;
  /** A drag target not yet sent to the engine: sent once per frame by `flush`. */
  private dragPending = false;
  private dragX = 0;
  private dragY = 0;

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
    on('wheel', (e) => this.wheel(e), false);
    on('touchstart', (e) => this.touch(e), false);
    on('touchmove', (e) => this.touch(e), false);
    on('contextmenu', (e) => e.preventDefault(), false);
    canvas.style.touchAction = options.gestureHandling === 'greedy' ? 'none' : 'manipulation';
  }

  /** Sends the latest drag target to the engine: at most one call per frame. */
  flush(): void {
    if (!this.dragPending) return;
    this.dragPending = false;
    if (this.mode === 'drag') this.host.dragTo(this.dragX, this.dragY);
  }

  /** Lets go of whatever is held (a load replaced the world, or the view paused input). */
  cancel(): void {
    if (this.mode === 'drag') this.host.release();
    this.mode = 'idle';
    this.dragPending = false;
    this.pointers.clear();
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

  private down(e: PointerEvent): void {
    if (!this.host.interactive) return;
    // No text selection, no middle-button autoscroll; focus is given by hand instead.
    e.preventDefault();
    (this.options.focusTarget ?? this.canvas).focus({ preventScroll: true });
    const p = this.local(e);
    this.pointers.set(e.pointerId, p);
    this.capture(e.pointerId);
    const camera = this.host.camera;
    if (this.pointers.size === 2) {
      if (this.mode === 'drag') this.host.release();
      this.mode = 'pinch';
      this.startPinch();
      return;
    }
    if (this.pointers.size > 2) return;
    this.pressX = p.x;
    this.pressY = p.y;
    if (e.button === 1 || e.button === 2) {
      this.mode = 'pan';
      return;
    }
    if (e.button !== 0) return;
    const wx = camera.worldX(p.x);
    const wy = camera.worldY(p.y);
    if (this.host.tool !== 'drag') {
      this.mode = 'spawn';
    } else if (this.host.grab(wx, wy)) {
      this.mode = 'drag';
    } else {
      // One finger on empty space is the page's to scroll, unless the sandbox is the page.
      this.mode = e.pointerType === 'touch' && this.options.gestureHandling === 'cooperative' ? 'idle' : 'pan';
    }
  }

  private move(e: PointerEvent): void {
    const p = this.pointers.get(e.pointerId);
    if (!p) return;
    const next = this.local(e);
    const dx = next.x - p.x;
    const dy = next.y - p.y;
    p.x = next.x;
    p.y = next.y;
    const camera = this.host.camera;
    switch (this.mode) {
      case 'drag':
        this.dragX = camera.worldX(p.x);
        this.dragY = camera.worldY(p.y);
        this.dragPending = true;
        break;
      case 'pan':
        camera.panBy(dx, dy);
        break;
      case 'spawn':
        // A press that travels is a pan, not a click.
        if (Math.hypot(p.x - this.pressX, p.y - this.pressY) > CLICK_SLOP) {
          this.mode = e.pointerType === 'touch' && this.options.gestureHandling === 'cooperative' ? 'idle' : 'pan';
        }
        break;
      case 'pinch':
        this.movePinch();
        break;
    }
  }

  private up(e: PointerEvent, cancelled: boolean): void {
    const p = this.pointers.get(e.pointerId);
    if (!p) return;
    this.pointers.delete(e.pointerId);
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    const camera = this.host.camera;
    switch (this.mode) {
      case 'drag':
        this.flush();
        this.host.release();
        break;
      case 'spawn':
        if (!cancelled && this.host.tool !== 'drag') this.host.spawn(this.host.tool, camera.worldX(p.x), camera.worldY(p.y));
        break;
      case 'pinch':
        // The remaining finger does nothing until it lifts: no jump from pinch to pan.
        if (this.pointers.size > 0) return;
        break;
    }
    this.mode = 'idle';
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
