// TumbleView: a canvas, an engine, the frame loop, input and the renderer, in one reusable object.
// It knows nothing of custom elements: give it a container element and options.

import { Camera, bodyBounds } from '../internal/camera';
import { loadEngine, type Engine, type EngineModule, type FrameViews, type SceneSource } from '../internal/engine';
import { PANIC_CODE, TumbleError, toTumbleError } from '../internal/errors';
import { FrameStats } from '../internal/frame-stats';
import { PointerInput, type InputHost } from '../internal/input';
import * as L from '../internal/layout';
import { BACKGROUND, Renderer } from '../internal/renderer';
import { chooseRenderer, probeGpu, type BodyRenderer, type RendererKind } from '../internal/renderer-choice';
import { WebGLRenderer } from '../internal/renderer-webgl';
import { allDebugLayers, defaultDebugLayers, needsDebugLines, type DebugLayers } from '../internal/debug-layers';
import { EditOverlay, type OverlayState } from '../internal/edit-overlay';
import { Editor } from '../internal/editor';
import { type Tool } from '../internal/tools';
import { ToolActions } from '../internal/tool-actions';
import type { PresetInfo, Settings } from '../internal/types';
import { FailurePanel, Hint } from '../internal/view-overlays';
import { MAX_FRAME_SECONDS, resolveOptions, type ResolvedOptions, type TumbleViewOptions, type ViewState } from './options';

type Snapshot = ReturnType<Engine['snapshot']>;

/**
 * The User Timing mark set when the page's first Tumble frame is drawn: its `startTime` is the
 * milliseconds from navigation to the first physics picture on screen.
 */
export const FIRST_FRAME_MARK = 'tumble:first-frame';
let firstFrameMarked = false;

const EMPTY_SCENE = '{"format":"tumble-scene","version":1,"bodies":[]}';

/**
 * An interactive Tumble sandbox inside `container`: it creates a canvas filling the container,
 * loads the engine, and runs until `destroy()`.
 *
 * Per frame it makes a fixed number of engine calls whatever the body count: `advance`, then the
 * frame views (plain typed arrays over wasm memory), then one draw.
 */
export class TumbleView {
  /** The element the view added to its container (canvas and overlays). */
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  readonly camera = new Camera();
  /** Live statistics, updated in place every frame. */
  readonly stats = new FrameStats();
  /** Resolves once the engine is loaded and the first scene is in (or the view failed). */
  ready: Promise<void>;
  /** Selection, undo/redo and recording: every edit a person makes goes through it. */
  readonly editor: Editor;

  private readonly options: ResolvedOptions;
  /** What each tool does to the world, through the editor. */
  private readonly tools: ToolActions;
  private renderer: BodyRenderer;
  private input: PointerInput | null = null;
  private readonly failurePanel: FailurePanel;
  private readonly hint: Hint;
  private readonly resizeObserver: ResizeObserver;
  private module: EngineModule | null = null;
  private current: Engine | null = null;
  private stopWatchingFailure: (() => void) | null = null;
  /** The state at the last load, for `reset()`. */
  private initial: Snapshot | null = null;
  /** What the last successful load loaded, for a reload after a crash. */
  private source: SceneSource;
  private currentState: ViewState = 'loading';
  private running: boolean;
  private currentTool: Tool;
  private debugLayers: DebugLayers;
  private readonly overlay: EditOverlay;
  private overlayDirty = true;
  /** The body the camera keeps centred, and the slot it was last seen in. */
  private followed: number | null = null;
  private followSlot = -1;
  /** Where following last put the camera: if it is elsewhere now, the person panned. */
  private readonly followCenter = new Float64Array(2);
  private contactEvents: boolean;
  /** False while the view is offscreen or its tab hidden: no frames are requested then. */
  private visible = true;
  private rafId = 0;
  private lastTime = -1;
  private sizeDirty = true;
  private fitPending = true;
  private redraw = true;
  private lastViews: FrameViews | null = null;
  private readonly drawn = new Float64Array(6);
  /** The camera right after the last fit: while it is unchanged, a resize fits again. */
  private readonly fitted = new Float64Array(3);
  private destroyed = false;

  constructor(container: HTMLElement, options: TumbleViewOptions = {}) {
    this.options = resolveOptions(options);
    this.running = this.options.autoplay;
    this.currentTool = this.options.tool;
    this.debugLayers = this.options.debugLines ? allDebugLayers() : defaultDebugLayers();
    this.editor = new Editor({
      engine: () => (this.currentState === 'running' ? this.current : null),
      onChange: () => {
        this.redraw = true;
        this.overlayDirty = true;
        this.options.onEdit?.();
      },
    });
    this.contactEvents = this.options.contactEvents;
    this.source = this.options.scene !== undefined ? { json: this.options.scene } : { preset: this.options.preset };

    this.element = document.createElement('div');
    this.element.className = 'tumble-view';
    Object.assign(this.element.style, { position: 'relative', width: '100%', height: '100%', overflow: 'hidden' });
    this.canvas = document.createElement('canvas');
    // With a focus target (a custom element) the canvas is not a tab stop of its own.
    if (!this.options.focusTarget) {
      this.canvas.tabIndex = 0;
      this.canvas.setAttribute('aria-label', 'Physics sandbox');
    }
    // An opaque canvas is black until drawn: hidden until the first frame, over the background.
    // Positioned, so it stays above the layers a WebGL2 renderer puts under it.
    Object.assign(this.canvas.style, { display: 'block', position: 'relative', width: '100%', height: '100%', outline: 'none', visibility: 'hidden' });
    this.element.style.background = BACKGROUND;
    this.element.append(this.canvas);
    container.append(this.element);
    this.tools = new ToolActions(this.editor, {
      camera: this.camera,
      views: () => (this.current && this.currentState === 'running' ? this.current.views() : null),
      bodyAt: (x, y) => this.current?.bodyAt(x, y) ?? null,
      report: (error) => {
        if (this.currentState === 'running') this.options.onError?.(error);
      },
      hint: (text) => this.hint.show(text, 3500),
    });
    this.renderer = this.createRenderer();
    this.overlay = new EditOverlay(this.element);
    this.hint = new Hint(this.element);
    this.failurePanel = new FailurePanel(this.element, () => void this.reload());
    this.configureInput(this.options.input, this.options.gestureHandling);
    this.resizeObserver = new ResizeObserver(() => {
      this.sizeDirty = true;
      this.redraw = true;
    });
    this.resizeObserver.observe(this.element);
    this.ready = this.start();
  }

  /** The renderer drawing now: `webgl2`, or `canvas2d` (chosen, forced, or fallen back to). */
  get rendererKind(): RendererKind {
    return this.renderer.kind;
  }

  /** Loading, running (playing or paused) or failed. */
  get state(): ViewState {
    return this.currentState;
  }

  /** Whether time advances. */
  get playing(): boolean {
    return this.running;
  }

  /** The engine, once loaded (null while loading and after a failure). */
  get engine(): Engine | null {
    return this.current;
  }

  /** Shows a short message over the canvas for `ms` milliseconds (polite live region). */
  showHint(text: string, ms = 2000): void {
    this.hint.show(text, ms);
  }

  /** The pointer tool. */
  get tool(): Tool {
    return this.currentTool;
  }
  set tool(tool: Tool) {
    this.input?.cancel();
    this.currentTool = tool;
  }

  /** Whether a tool is part-way (a path being clicked, a joint's first point): Enter, Escape and Backspace go to it. */
  get toolBusy(): boolean {
    return this.input?.building ?? false;
  }

  /** Ends a polygon or terrain drawn by clicks (Enter). Returns false when none was under way. */
  finishTool(): boolean {
    return this.input?.finish() ?? false;
  }

  /** Drops the tool's work in progress (Escape). */
  cancelTool(): void {
    this.input?.cancel();
  }

  /** Takes back the last clicked point of a path (Backspace). Returns false when there is none. */
  undoToolPoint(): boolean {
    return this.input?.undoPoint() ?? false;
  }

  /**
   * Turns pointer and touch input on or off and sets how much of the wheel and touch it takes
   * (see `TumbleViewOptions.gestureHandling`). Lets go of anything held.
   */
  configureInput(enabled: boolean, gestureHandling: TumbleViewOptions['gestureHandling'] = 'cooperative'): void {
    this.input?.destroy();
    this.input = null;
    if (!enabled) return;
    this.input = new PointerInput(this.canvas, this.inputHost(), {
      gestureHandling,
      ...(this.options.focusTarget ? { focusTarget: this.options.focusTarget } : {}),
      onWheelIgnored: () => this.hint.show('Click the sandbox, or hold Ctrl while scrolling, to zoom'),
    });
  }

  /**
   * Whether the view is on screen (its page visible, the view scrolled into sight). While it is
   * not, it requests no frames at all, and time does not advance.
   */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) {
      cancelAnimationFrame(this.rafId);
      this.rafId = 0;
      this.input?.cancel();
    } else if (this.currentState === 'running' && this.rafId === 0 && !this.destroyed) {
      this.lastTime = -1;
      this.redraw = true;
      this.rafId = requestAnimationFrame(this.frame);
    }
  }

  /** Computes contact events each step (read them in `onStep`); off by default, as they cost time. */
  setContactEvents(enabled: boolean): void {
    this.contactEvents = enabled;
    if (this.current) this.guard((engine) => engine.setContactEvents(enabled));
  }

  play(): void {
    if (!this.running) this.lastTime = -1;
    this.running = true;
  }

  pause(): void {
    this.running = false;
  }

  /** Pauses and runs exactly one physics step. */
  step(): void {
    this.running = false;
    this.guard((engine) => {
      engine.step();
      const views = engine.views();
      this.countContacts(views);
      this.options.onStep?.(1, views);
    });
    this.redraw = true;
  }

  /** Puts the world (and the camera) back as they were when the current scene or preset was loaded. */
  reset(): void {
    const initial = this.initial;
    if (!initial) return;
    this.input?.cancel();
    this.guard(() =>
      this.editor.edit('reset', (engine) => {
        engine.restore(initial);
        this.editor.recorder?.recordRestore();
      }),
    );
    this.fitPending = true;
    this.sceneChanged();
  }

  /** Replaces the world with a preset (`pyramid?base=20`). Rejects with a TumbleError and changes nothing when the spec is wrong. */
  async loadPreset(spec: string, options: { undoable?: boolean } = {}): Promise<void> {
    await this.ready;
    this.input?.cancel();
    this.load(options.undoable ?? true, 'open preset', (engine) => engine.loadPreset(spec));
    this.source = { preset: spec };
    this.adopt();
  }

  /** Replaces the world with scene JSON. Rejects with a TumbleError and changes nothing when the scene is invalid. */
  async loadScene(json: string, options: { undoable?: boolean } = {}): Promise<void> {
    await this.ready;
    this.input?.cancel();
    this.load(options.undoable ?? true, 'open scene', (engine) => engine.load(json));
    this.source = { json };
    this.adopt();
  }

  /** Replaces the world; an undoable load is one undo level (undo brings the old world back). */
  private load(undoable: boolean, label: string, change: (engine: Engine) => void): void {
    const recorded = (engine: Engine) => {
      change(engine);
      this.editor.recorder?.record('load', [engine.save()]);
    };
    if (undoable) this.guard(() => this.editor.edit(label, recorded));
    else this.guard(recorded);
    this.follow(null);
    this.editor.select([]);
  }

  /** The current state as scene JSON, which `loadScene` takes back. */
  save(): string {
    return this.guard((engine) => engine.save());
  }

  /** Every preset the engine has (empty until loaded). */
  presets(): PresetInfo[] {
    return this.module && !this.module.failed ? this.module.presets() : [];
  }

  settings(): Settings | null {
    return this.current && !this.module?.failed ? this.current.settings() : null;
  }

  /** Changes some settings (gravity, hz, substeps, timeScale, ...); throws a TumbleError on an invalid value and changes nothing. */
  setSettings(patch: Partial<Settings>): void {
    this.guard((engine) => engine.setSettings(patch));
  }

  /** Shows every debug layer, or only the default (joints). */
  setDebugLines(enabled: boolean): void {
    this.setDebugLayers(enabled ? allDebugLayers() : defaultDebugLayers());
  }

  /** The debug layers drawn. */
  get debug(): DebugLayers {
    return { ...this.debugLayers };
  }

  /** Chooses the debug layers: bounding boxes, contacts, joints, centres of mass, sleep state. */
  setDebugLayers(layers: DebugLayers): void {
    this.debugLayers = { ...layers };
    this.renderer.setDebugLayers(this.debugLayers);
    if (this.current) this.guard((engine) => engine.setDebugLines(needsDebugLines(this.debugLayers)));
    this.redraw = true;
    this.overlayDirty = true;
  }

  /**
   * Keeps `body` in the middle of the view as it moves (null: stop). A pan by the person, or the
   * body going away, stops following.
   */
  follow(body: number | null): void {
    this.followed = body;
    this.followSlot = -1;
    this.followCenter[0] = Number.NaN;
    this.redraw = true;
  }

  /** The body the camera follows, or null. */
  get following(): number | null {
    return this.followed;
  }

  /** Draws the next frame even while paused: after a change made straight on the engine. */
  refresh(): void {
    this.redraw = true;
  }

  /** Frames the scene again: its camera hint, or all its bodies. */
  fit(): void {
    this.fitPending = true;
    this.redraw = true;
  }

  /** Stops everything, removes every listener and element the view added, and frees the engine. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    cancelAnimationFrame(this.rafId);
    this.input?.destroy();
    this.hint.destroy();
    this.resizeObserver.disconnect();
    this.renderer.destroy();
    this.overlay.destroy();
    this.editor.clearHistory();
    this.dropEngine();
    this.element.remove();
  }

  /** WebGL2 when chosen and able to start; Canvas 2D otherwise, on the same canvas. */
  private createRenderer(): BodyRenderer {
    const kind = chooseRenderer(this.options.renderer, probeGpu);
    const webgl = kind === 'webgl2' ? WebGLRenderer.create(this.canvas, this.webglLost) : null;
    const renderer = webgl ?? new Renderer(this.canvasContext());
    renderer.setDebugLayers(this.debugLayers);
    this.stats.renderer = renderer.kind;
    return renderer;
  }

  /** The canvas's 2D context: opaque when new; after WebGL2, the transparent one its top layer made. */
  private canvasContext(): CanvasRenderingContext2D {
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('Canvas 2D is not available');
    return ctx;
  }

  /** The GPU context went (driver reset, too many contexts): carry on in Canvas 2D, not blank. */
  private readonly webglLost = (): void => {
    if (this.destroyed) return;
    this.renderer.destroy();
    this.renderer = new Renderer(this.canvasContext());
    this.renderer.setDebugLayers(this.debugLayers);
    this.stats.renderer = this.renderer.kind;
    this.redraw = true;
  };

  /** Loads the module (a new instance when the last one crashed) and the current source. */
  private async start(): Promise<void> {
    this.setState('loading');
    try {
      const module = await loadEngine({ ...(this.options.flavour ? { flavour: this.options.flavour } : {}) });
      if (this.destroyed) return;
      this.module = module;
      this.stopWatchingFailure = module.onFailure((error) => this.fail(error));
      let engine: Engine;
      try {
        engine = module.create(this.source);
      } catch (thrown) {
        // A scene that does not load is reported and replaced by an empty world; a trap is fatal.
        if (module.failed) throw thrown;
        this.options.onError?.(toTumbleError(thrown).error);
        this.source = { json: EMPTY_SCENE };
        engine = module.create(this.source);
      }
      this.current = engine;
      engine.setContactEvents(this.contactEvents);
      engine.setDebugLines(needsDebugLines(this.debugLayers));
      this.adopt();
      this.setState('running');
      this.lastTime = -1;
      // Offscreen views draw their first frame when they come into sight.
      if (this.visible) this.rafId = requestAnimationFrame(this.frame);
    } catch (thrown) {
      this.fail(thrown);
    }
  }

  /**
   * After a crash: a fresh engine of a working instance, with the last loaded scene (what the
   * failed state's Reload button does). The crashed instance is never reused, so `loadEngine`
   * makes a new one; when another view on the page reloaded first, this one shares the instance
   * that view made (forcing `fresh` here would retire it under that view).
   */
  async reload(): Promise<void> {
    this.failurePanel.hide();
    // The crashed instance's snapshots are gone with it.
    this.editor.clearHistory();
    this.dropEngine();
    this.ready = this.start();
    await this.ready;
  }

  /** Takes in a newly loaded world: its snapshot for reset, camera, stats. */
  private adopt(): void {
    const engine = this.current;
    if (!engine) return;
    const previous = this.initial;
    this.initial = engine.snapshot();
    previous?.free();
    this.fitPending = true;
    this.sceneChanged();
  }

  private sceneChanged(): void {
    this.stats.reset();
    this.renderer.invalidate();
    this.redraw = true;
    this.lastTime = -1;
    this.options.onSceneLoad?.();
  }

  /** One animation frame: advance, read the views, draw. Allocates nothing in steady state. */
  private readonly frame = (now: number): void => {
    this.rafId = 0;
    const engine = this.current;
    if (!engine || this.currentState !== 'running' || this.destroyed || !this.visible) return;
    try {
      const interval = this.lastTime < 0 ? 0 : now - this.lastTime;
      this.lastTime = now;
      this.syncSize();
      this.input?.flush();
      const t0 = performance.now();
      let steps = 0;
      if (this.running && interval > 0) steps = engine.advance(Math.min(interval / 1000, MAX_FRAME_SECONDS));
      const t1 = performance.now();
      const views = engine.views();
      if (this.fitPending) this.fitCamera(engine, views);
      if (this.followed !== null) this.followBody(views);
      // Contact events stay in the buffer until the next step: count them once.
      if (steps > 0) {
        this.countContacts(views);
        this.options.onStep?.(steps, views);
      }
      this.stats.bodies = engine.bodyCount;
      // Paused and nothing moved: keep the last picture rather than redraw the same one.
      if (steps > 0 || this.redraw || views !== this.lastViews || this.cameraMoved()) {
        this.renderer.draw(views, this.camera);
        if (this.lastViews === null) {
          this.canvas.style.visibility = 'visible';
          // For start-up measurements (the bench, an embedder's own RUM): the first frame drawn.
          if (!firstFrameMarked) {
            firstFrameMarked = true;
            performance.mark(FIRST_FRAME_MARK);
          }
        }
        this.lastViews = views;
        this.redraw = false;
        // The overlay follows the world while it shows anything (checked without allocating).
        if (EditOverlay.visible(this.input?.preview ?? null, this.editor.selectedJoint, this.debugLayers)) this.overlayDirty = true;
      }
      if (this.overlayDirty) {
        this.overlayDirty = false;
        this.overlay.draw(views, this.camera, this.overlayState());
      }
      const t2 = performance.now();
      this.stats.record(interval, t1 - t0, t2 - t1, steps);
      this.rafId = requestAnimationFrame(this.frame);
    } catch (thrown) {
      this.fail(thrown);
    }
  };

  /** Matches the canvas backing store to its CSS size × devicePixelRatio. */
  private syncSize(): void {
    const dpr = Math.min(window.devicePixelRatio || 1, this.options.maxPixelRatio);
    if (!this.sizeDirty && dpr === this.camera.dpr) return;
    this.sizeDirty = false;
    const width = this.element.clientWidth;
    const height = this.element.clientHeight;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    const untouched = this.fitted[0] === this.camera.centerX && this.fitted[1] === this.camera.centerY && this.fitted[2] === this.camera.scale;
    this.camera.resize(width, height, dpr);
    // Until the user pans or zooms, the view keeps the scene framed (a phone turning, a panel opening).
    if (untouched) this.fitPending = true;
    this.redraw = true;
  }

  private overlayState(): OverlayState {
    return { preview: this.input?.preview ?? null, joint: this.editor.selectedJoint, layers: this.debugLayers, minSize: this.tools.minSize() };
  }

  /** Centres the camera on the followed body; stops when it is gone or the person panned. */
  private followBody(views: FrameViews): void {
    const id = this.followed!;
    const panned = !Number.isNaN(this.followCenter[0]) && (this.followCenter[0] !== this.camera.centerX || this.followCenter[1] !== this.camera.centerY);
    if (this.followSlot < 0 || this.followSlot >= views.slotCount || views.slotIds[this.followSlot] !== id) this.followSlot = views.slotIds.indexOf(id);
    if (this.followSlot < 0 || panned) {
      this.followed = null;
      this.options.onEdit?.();
      return;
    }
    const t = this.followSlot * L.TRANSFORM_STRIDE;
    this.camera.centerOn(views.transforms[t + L.TRANSFORM_X]!, views.transforms[t + L.TRANSFORM_Y]!);
    this.followCenter[0] = this.camera.centerX;
    this.followCenter[1] = this.camera.centerY;
  }

  private fitCamera(engine: Engine, views: FrameViews): void {
    if (this.element.clientWidth < 2 || this.element.clientHeight < 2) return;
    this.fitPending = false;
    const hint = engine.cameraHint();
    if (hint) this.camera.fitHint(hint);
    else {
      const bounds = bodyBounds(views);
      if (bounds) this.camera.fitBounds(bounds);
    }
    this.fitted[0] = this.camera.centerX;
    this.fitted[1] = this.camera.centerY;
    this.fitted[2] = this.camera.scale;
    this.redraw = true;
  }

  private cameraMoved(): boolean {
    const c = this.camera;
    const d = this.drawn;
    if (d[0] === c.centerX && d[1] === c.centerY && d[2] === c.scale && d[3] === c.width && d[4] === c.height && d[5] === c.dpr) {
      return false;
    }
    d[0] = c.centerX;
    d[1] = c.centerY;
    d[2] = c.scale;
    d[3] = c.width;
    d[4] = c.height;
    d[5] = c.dpr;
    return true;
  }

  private countContacts(views: FrameViews): void {
    const events = views.contacts;
    let touching = this.stats.contacts;
    for (let i = 0; i < events.length; i += L.CONTACT_STRIDE) {
      touching += events[i] === L.CONTACT_BEGIN ? 1 : -1;
    }
    // A save loaded mid-contact reports only the ends of contacts it began with.
    this.stats.contacts = Math.max(0, touching);
  }

  /** Runs an engine call; a trap inside it has already switched the view to its failed state. */
  private guard<T>(call: (engine: Engine) => T): T {
    const engine = this.current;
    if (!engine) {
      throw new TumbleError(this.currentState === 'failed' ? PANIC_CODE : 'view.loading', 'The engine is not running.');
    }
    return call(engine);
  }

  private inputHost(): InputHost {
    // A preview is not an edit: it only redraws the overlay (edits reach onEdit through the editor).
    return this.tools.inputHost(
      () => this.currentTool,
      () => this.currentState === 'running',
      () => {
        this.overlayDirty = true;
      },
    );
  }

  private fail(thrown: unknown): void {
    if (this.destroyed || this.currentState === 'failed') return;
    const { error } = toTumbleError(thrown);
    this.setState('failed');
    cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    this.input?.cancel();
    this.failurePanel.show(error.message);
  }

  private setState(state: ViewState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.options.onStateChange?.(state);
  }

  private dropEngine(): void {
    this.stopWatchingFailure?.();
    this.stopWatchingFailure = null;
    // Both are safe after a crash: they then leave the dead instance alone.
    this.initial?.free();
    this.initial = null;
    this.current?.free();
    this.current = null;
    this.lastViews = null;
    this.module = null;
  }
}
