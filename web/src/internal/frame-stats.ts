// Frame statistics for the overlay, updated in place every frame (no allocation).

import type { RendererKind } from './renderer-choice';

/** Frames kept for the frame-time graph. */
export const HISTORY = 120;
/** Weight of the newest sample in the smoothed values. */
const SMOOTHING = 0.1;

export class FrameStats {
  /** Frames per second, smoothed. */
  fps = 0;
  /** Milliseconds spent in `engine.advance` per frame, smoothed. */
  advanceMs = 0;
  /** Milliseconds spent reading views and drawing per frame, smoothed. */
  drawMs = 0;
  /** Milliseconds `engine.advance` took in the last frame. */
  lastAdvanceMs = 0;
  /** Milliseconds reading the views and drawing took in the last frame. */
  lastDrawMs = 0;
  /** Physics steps taken by the last frame. */
  steps = 0;
  /** Bodies in the world. */
  bodies = 0;
  /** Pairs of bodies touching, counted from contact begin/end events. */
  contacts = 0;
  /** Main-thread work (advance + views + draw) of the last `HISTORY` frames, ms; a ring. */
  readonly work = new Float32Array(HISTORY);
  /** Time between the last `HISTORY` frames, ms; a ring in step with `work`. */
  readonly intervals = new Float32Array(HISTORY);
  /** Index in the rings of the next frame. */
  head = 0;
  /** Frames recorded since the last reset. */
  frames = 0;
  /** The renderer drawing the frames (kept across resets: it is not per scene). */
  renderer: RendererKind = 'canvas2d';

  /** Records one frame. */
  record(intervalMs: number, advanceMs: number, drawMs: number, steps: number): void {
    const first = this.frames === 0;
    this.advanceMs = first ? advanceMs : this.advanceMs + SMOOTHING * (advanceMs - this.advanceMs);
    this.drawMs = first ? drawMs : this.drawMs + SMOOTHING * (drawMs - this.drawMs);
    if (intervalMs > 0) {
      const fps = 1000 / intervalMs;
      this.fps = this.fps === 0 ? fps : this.fps + SMOOTHING * (fps - this.fps);
    }
    this.steps = steps;
    this.lastAdvanceMs = advanceMs;
    this.lastDrawMs = drawMs;
    this.work[this.head] = advanceMs + drawMs;
    this.intervals[this.head] = intervalMs;
    this.head = (this.head + 1) % HISTORY;
    this.frames++;
  }

  /** Forgets the history (after a pause or a new scene). */
  reset(): void {
    this.fps = 0;
    this.frames = 0;
    this.contacts = 0;
    this.work.fill(0);
    this.intervals.fill(0);
    this.head = 0;
  }
}
