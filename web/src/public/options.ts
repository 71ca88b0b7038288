// TumbleView's options and their defaults, all in one place.

import type { FrameViews } from '../internal/engine';
import type { TumbleError } from '../internal/errors';
import type { GestureHandling } from '../internal/input';
import type { RendererChoice } from '../internal/renderer-choice';
import type { Tool } from '../internal/tools';

/** What a TumbleView is doing. */
export type ViewState = 'loading' | 'running' | 'failed';

export interface TumbleViewOptions {
  /** Preset spec to start with, e.g. `pyramid?base=20`. Ignored when `scene` is given. */
  preset?: string;
  /** Scene JSON to start with (as saved by `save()`). */
  scene?: string;
  /** Start running at once (default true); otherwise start paused. */
  autoplay?: boolean;
  /**
   * What the canvas captures. `cooperative` (default) leaves page scrolling alone: the wheel
   * zooms only when the canvas has focus or with Ctrl/⌘, one finger on empty space scrolls the
   * page. `greedy` always zooms and pans: for a sandbox that fills the page.
   */
  gestureHandling?: GestureHandling;
  /** Whether the pointer and touch act on the sandbox at all (default true). */
  input?: boolean;
  /** Where a press moves the keyboard focus (default: the canvas, which is then focusable). */
  focusTarget?: HTMLElement;
  /** The pointer tool at start (default `drag`). */
  tool?: Tool;
  /** Count touching pairs for `stats.contacts` (costs engine time; default false). */
  contactEvents?: boolean;
  /** Draw bounding boxes and contact normals (default false). */
  debugLines?: boolean;
  /** Highest device pixel ratio the canvas uses (default 2): caps fill cost on dense screens. */
  maxPixelRatio?: number;
  /** Force the SIMD or baseline engine build (default: SIMD when the browser has it). */
  flavour?: 'simd' | 'baseline';
  /**
   * How bodies are drawn. `auto` (default): instanced WebGL2 on a hardware GPU, Canvas 2D under a
   * software rasterizer (where WebGL2 is the slower one) or without WebGL2. `webgl2` or `canvas2d`
   * forces one; WebGL2 still falls back to Canvas 2D when it cannot start or its context is lost.
   * Read once, when the view is made.
   */
  renderer?: RendererChoice;
  /** An expected error from a gesture (e.g. spawning past the body limit) or the initial scene. */
  onError?: (error: TumbleError) => void;
  /** The view started loading, started running, or failed. */
  onStateChange?: (state: ViewState) => void;
  /** A scene or preset was loaded (also after a reset or a reload). */
  onSceneLoad?: () => void;
  /**
   * Called after every frame or single step that advanced the world, with the steps taken and the
   * frame views (valid until the next call into the engine). Keep it cheap: it runs per frame.
   */
  onStep?: (steps: number, views: FrameViews) => void;
  /**
   * The world was edited (a tool, undo, redo, an inspector edit), the selection changed, or a
   * tool's preview started or ended: for syncing controls. Not called for time passing.
   */
  onEdit?: () => void;
}

type OptionalKeys = 'scene' | 'flavour' | 'focusTarget' | 'onError' | 'onStateChange' | 'onSceneLoad' | 'onStep' | 'onEdit';
export type ResolvedOptions = Required<Omit<TumbleViewOptions, OptionalKeys>> & Pick<TumbleViewOptions, OptionalKeys>;

export const DEFAULT_OPTIONS = {
  preset: 'playground',
  autoplay: true,
  gestureHandling: 'cooperative',
  input: true,
  tool: 'drag',
  contactEvents: false,
  debugLines: false,
  maxPixelRatio: 2,
  renderer: 'auto',
} as const satisfies Partial<TumbleViewOptions>;

/** Longest time one frame may advance the world: a stalled tab resumes, it does not fast-forward. */
export const MAX_FRAME_SECONDS = 0.1;

export function resolveOptions(options: TumbleViewOptions): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_OPTIONS, ...defined } as ResolvedOptions;
}
