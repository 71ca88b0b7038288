// <tumble-sandbox>: a live physics scene as one tag. It wraps a TumbleView (canvas, engine, frame
// loop, input) in a shadow root and adds what an embedding page needs: attributes, a small JS
// API, DOM events, pausing while offscreen, keyboard focus, and cleanup on disconnect.
//
// Every element has its own world; the wasm module is compiled and instantiated once per page
// (web/src/internal/engine.ts) and shared. The interactive demo (index.html) is this element with
// `controls` and `interactive="full"`.

import type { Engine, FrameViews, Snapshot } from '../internal/engine';
import { decodeShareLink, encodeShareLink, looksLikeShareLink } from '../internal/share-link';
import { PANIC_CODE, TumbleError, toTumbleError } from '../internal/errors';
import { TRIAL_STEPS, TRIAL_TIMEOUT_MS, trySolverState, type TrialOutcome } from './solver-state-trial';
import * as L from '../internal/layout';
import { MAX_SCENE_BYTES } from '../internal/limits';
import { fetchScene } from './fetch-scene';
import type { RendererChoice } from '../internal/renderer-choice';
import { formatDebugLayers, parseDebugLayers, allDebugLayers, anyDebug, defaultDebugLayers, type DebugLayers } from '../internal/debug-layers';
import { TOOL_KEYS, TOOLS, type Tool } from '../internal/tools';
import type { BodyDesc, JointDesc, PresetInfo, Scene, Settings } from '../internal/types';
import { TumbleView } from '../public/view';
import {
  parseGravity,
  parseHz,
  parseInteractive,
  parseRenderer,
  parseSrc,
  presetTitle,
  sceneInput,
  type Interactive,
  type SceneInput,
} from './attributes';
import { el } from './controls/dom';
import { ErrorPanel } from './controls/error-panel';
import { StatsOverlay } from './controls/stats-overlay';
import { Inspector, type InspectorTarget } from './controls/inspector';
import type { ReplayBar } from './controls/replay-bar';
import { RecordingSession } from './recording-session';
import { Toolbar, type ToolbarHost } from './controls/toolbar';
import { Autosave, autosaveKey, readAutosave } from './autosave';
import css from './element.css?inline';
import inspectorCss from './controls/inspector.css?inline';

/** The tag name. */
export const TAG = 'tumble-sandbox';

/** One contact that began or ended during the frame (see the `contact` event). */
export interface ContactEvent {
  /** True when the two bodies started touching, false when they stopped. */
  started: boolean;
  /** The two bodies' ids. */
  a: number;
  b: number;
  /** Where they touch (world metres) and the impulse, for a start; zeros for an end. */
  x: number;
  y: number;
  impulse: number;
}

/** `error` event detail. */
export interface ErrorDetail {
  code: string;
  message: string;
  path?: string;
}

/** `step` event detail. */
export interface StepDetail {
  /** Physics steps taken this frame. */
  steps: number;
  /** Steps since the scene was loaded. */
  stepCount: number;
}

/** `contact` event detail: every contact that began or ended this frame. */
export interface ContactDetail {
  contacts: ContactEvent[];
}

export interface TumbleSandboxEventMap extends Omit<HTMLElementEventMap, 'error'> {
  ready: CustomEvent<void>;
  error: CustomEvent<ErrorDetail>;
  step: CustomEvent<StepDetail>;
  contact: CustomEvent<ContactDetail>;
}

/**
 * `<tumble-sandbox>`. Attributes (each reflected as a property): `preset`, `src`, `paused`,
 * `gravity`, `hz`, `interactive`, `controls`, `debug`, `autoplay`, `stats`, `renderer`, `share`,
 * `autosave`. An inline scene goes in a child `<script type="application/json">`.
 *
 * With `controls` and `interactive="full"` it is the whole sandbox: tools, selection, inspector,
 * undo/redo, recording and replay (see docs in README.md, "The sandbox").
 */
export class TumbleSandboxElement extends HTMLElement {
  static readonly observedAttributes = ['preset', 'src', 'paused', 'gravity', 'hz', 'interactive', 'controls', 'debug', 'stats'];

  /** Numbers per body in `transforms()`: x, y, cos θ, sin θ. */
  static readonly transformStride = L.TRANSFORM_STRIDE;

  private readonly shadow: ShadowRoot;
  private readonly stage: HTMLDivElement;
  private readonly status: HTMLParagraphElement;
  private readonly errors: ErrorPanel;
  /** The big play button of a scene waiting for its first play (no `autoplay`, no toolbar). */
  private readonly playButton: HTMLButtonElement;
  private view: TumbleView | null = null;
  private toolbar: Toolbar | null = null;
  private statsOverlay: StatsOverlay | null = null;
  private readyPromise: Promise<void>;
  private resolveReady: () => void = () => {};
  private rejectReady: (error: TumbleError) => void = () => {};
  /** Play intent apart from the `paused` attribute: set by `autoplay`, `play()`, or the user. */
  private wantsPlay = false;
  private onScreen = false;
  private intersection: IntersectionObserver | null = null;
  private listenerAbort: AbortController | null = null;
  /** The aria-label this element set itself (an author's own label is left alone). */
  private ownLabel: string | null = null;
  /** Bumped by every load, so an older `src` fetch that resolves late does not win. */
  private loadTicket = 0;
  /** The last world loaded (attributes or `load()`): the toolbar shows its preset. */
  private source: SceneInput | null = null;
  private inspector: Inspector | null = null;
  private inspectorRefreshed = 0;
  /** Recording and replay, made on first use. */
  private recordings: RecordingSession | null = null;
  private autosave: Autosave | null = null;
  /** True while scene text is being loaded: a crash then is retried, not final. */
  private loadingSceneText = false;
  /** Whether the person has edited since the first load (autosave writes only then). */
  private edited = false;

  constructor() {
    super();
    this.shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css + inspectorCss;
    this.stage = el('div', { class: 'stage', part: 'stage' });
    this.status = el('p', { class: 'status', role: 'status', text: 'Loading the physics engine…' });
    this.stage.append(this.status);
    this.shadow.append(style, this.stage);
    this.errors = new ErrorPanel(this.stage);
    this.playButton = el('button', { type: 'button', class: 'play-overlay', 'aria-label': 'Play', title: 'Play (P)', text: '▶', hidden: true });
    this.playButton.addEventListener('click', () => {
      this.play();
      this.focus({ preventScroll: true });
    });
    this.stage.append(this.playButton);
    this.readyPromise = this.newReady();
    // On the element itself, so it needs no removing: it goes when the element goes.
    this.addEventListener('keydown', this.onKey);
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', () => this.stage.classList.remove('drop-target'));
    this.addEventListener('drop', this.onDrop);
  }

  // ----- attributes, reflected -----

  /** A preset and its parameters, e.g. `pyramid?base=20`. */
  get preset(): string | null {
    return this.getAttribute('preset');
  }
  set preset(value: string | null) {
    this.reflect('preset', value);
  }

  /** URL of a scene JSON file (http or https). */
  get src(): string | null {
    return this.getAttribute('src');
  }
  set src(value: string | null) {
    this.reflect('src', value);
  }

  /** Whether time stands still. `play()` and `pause()` change it. */
  get paused(): boolean {
    return this.hasAttribute('paused') || !this.wantsPlay;
  }
  set paused(value: boolean) {
    if (value) this.pause();
    else this.play();
  }

  /** Gravity override, `"x y"` in m/s² (e.g. `"0 -9.81"`); absent means the scene's own. */
  get gravity(): string | null {
    return this.getAttribute('gravity');
  }
  set gravity(value: string | null) {
    this.reflect('gravity', value);
  }

  /** Physics steps per second override; absent means the scene's own. */
  get hz(): string | null {
    return this.getAttribute('hz');
  }
  set hz(value: string | null) {
    this.reflect('hz', value);
  }

  /** `none` (look only), `drag` (default: drag bodies) or `full` (tools, pan and zoom). */
  get interactive(): Interactive {
    return parseInteractive(this.getAttribute('interactive')).value;
  }
  set interactive(value: Interactive) {
    this.setAttribute('interactive', value);
  }

  /** Shows the toolbar. */
  get controls(): boolean {
    return this.hasAttribute('controls');
  }
  set controls(value: boolean) {
    this.toggleAttribute('controls', value);
  }

  /** Draws bounding boxes and contact normals. */
  get debug(): boolean {
    return this.hasAttribute('debug');
  }
  set debug(value: boolean) {
    this.toggleAttribute('debug', value);
  }

  /** Starts playing by itself once visible; without it the scene waits for `play()`. */
  get autoplay(): boolean {
    return this.hasAttribute('autoplay');
  }
  set autoplay(value: boolean) {
    this.toggleAttribute('autoplay', value);
  }

  /**
   * `auto` (default: WebGL2 on a hardware GPU, else Canvas 2D), `webgl2` or `canvas2d`. Read when
   * the element is connected: set it before adding the element to the page.
   */
  get renderer(): RendererChoice {
    return parseRenderer(this.getAttribute('renderer')).value;
  }
  set renderer(value: RendererChoice) {
    this.setAttribute('renderer', value);
  }

  /** Shows the statistics overlay (FPS, step ms, bodies, contacts, renderer). */
  get stats(): boolean {
    return this.hasAttribute('stats');
  }
  set stats(value: boolean) {
    this.toggleAttribute('stats', value);
  }

  /** The debug layers drawn (from the `debug` attribute: empty → all, or names like `aabbs sleep`). */
  get debugLayers(): DebugLayers {
    return this.view?.debug ?? parseDebugLayers(this.getAttribute('debug')).layers;
  }
  set debugLayers(layers: DebugLayers) {
    this.reflect('debug', formatDebugLayers(layers));
  }

  // ----- JS API -----

  /** Resolves when the first world is in and running; rejects (with a TumbleError) when it failed. */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** The engine wrapper, for everything the element does not expose (null until ready). */
  get sandbox(): Engine | null {
    return this.view?.engine ?? null;
  }

  /** The view inside (canvas, camera, renderer); for the demo and tests. @internal */
  get view_(): TumbleView | null {
    return this.view;
  }

  /** The toolbar, when `controls` is set; for the demo and tests. @internal */
  get toolbar_(): Toolbar | null {
    return this.toolbar;
  }

  /** Bodies in the world (0 until ready). */
  get bodyCount(): number {
    return this.view?.engine?.bodyCount ?? 0;
  }

  /**
   * The live transform view: `transformStride` (4) floats per body slot, x, y, cos θ, sin θ, in
   * metres with y up. Slots of removed bodies are left in place (their `state` flag is 0), so index
   * `i * 4` is slot `i`. The array is a view over wasm memory: read it right away, and call
   * `transforms()` again next frame (memory growth replaces it).
   */
  transforms(): Float32Array {
    return this.requireView().engine!.views().transforms;
  }

  /** Loads a preset spec (`pyramid?base=20`), scene JSON text, or a scene object. */
  async load(sceneOrPreset: string | Scene): Promise<void> {
    const input: SceneInput = typeof sceneOrPreset === 'string' ? sceneInput(sceneOrPreset) : { json: JSON.stringify(sceneOrPreset) };
    await this.loadInput(input, ++this.loadTicket);
  }

  /** Starts time (clears `paused`). */
  play(): void {
    this.wantsPlay = true;
    if (this.hasAttribute('paused')) this.removeAttribute('paused');
    else this.syncPlayback();
  }

  /** Stops time (sets `paused`). */
  pause(): void {
    this.wantsPlay = false;
    if (!this.hasAttribute('paused')) this.setAttribute('paused', '');
    else this.syncPlayback();
  }

  /** Pauses and runs `n` physics steps (default 1). */
  step(n = 1): void {
    if (!Number.isInteger(n) || n < 1 || n > 10_000) {
      throw new TumbleError('arg.invalid', `step(n): n must be a whole number from 1 to 10000, got ${n}`);
    }
    this.pause();
    const view = this.requireView();
    for (let i = 0; i < n; i++) view.step();
  }

  /** Puts the world back as it was when the current scene was loaded. */
  reset(): void {
    this.requireView().reset();
  }

  /** Undoes the last edit (a tool, a deletion, an inspector change, a load). Returns false when there was none. */
  undo(): boolean {
    if (this.replayBar) return false;
    return this.requireView().editor.undo();
  }

  /** Redoes the last undone edit. Returns false when there was none. */
  redo(): boolean {
    if (this.replayBar) return false;
    return this.requireView().editor.redo();
  }

  /** The world as scene JSON (exact: loading it continues bit for bit). */
  save(): string {
    return this.requireView().save();
  }

  /** A full in-memory copy of the world, for `restore()`. Call its `free()` when done with it. */
  snapshot(): Snapshot {
    return this.requireEngine().snapshot();
  }

  /** Puts the world back to a snapshot taken from this element. */
  restore(snapshot: Snapshot): void {
    this.requireEngine().restore(snapshot);
    this.view!.refresh();
  }

  /** Adds a body and returns its id. */
  spawn(body: BodyDesc): number {
    const id = this.requireEngine().spawn(body);
    this.view!.refresh();
    return id;
  }

  /**
   * A link to the page that brings this exact world back: the page's URL with the scene in its
   * hash (see internal/share-link.ts). With the `share` attribute the address bar shows it too.
   * Fails with `link.too_large` when the scene does not fit a link (Save makes a file instead).
   */
  async shareLink(): Promise<string> {
    const payload = await encodeShareLink(this.save());
    const url = new URL(location.href);
    url.hash = payload;
    if (this.hasAttribute('share')) history.replaceState(history.state, '', url);
    return url.href;
  }

  /** The engine's presets (empty until ready). */
  presets(): PresetInfo[] {
    return this.view?.presets() ?? [];
  }

  // ----- lifecycle -----

  connectedCallback(): void {
    if (this.view) return; // moved within the document: the world carries on
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.wantsPlay = this.autoplay;
    this.listenerAbort = new AbortController();
    document.addEventListener('visibilitychange', () => this.syncPlayback(), { signal: this.listenerAbort.signal });
    this.intersection = new IntersectionObserver((entries) => {
      this.onScreen = entries[entries.length - 1]!.isIntersecting;
      this.syncPlayback();
    });
    this.intersection.observe(this);
    this.createView();
  }

  disconnectedCallback(): void {
    // A move (remove, then insert in the same task) keeps the world; a removal frees it.
    queueMicrotask(() => {
      if (!this.isConnected) this.teardown();
    });
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.view) return;
    switch (name) {
      case 'preset':
      case 'src':
        this.loadFromAttributes();
        break;
      case 'paused':
        if (value === null) this.wantsPlay = true;
        this.syncPlayback();
        break;
      case 'gravity':
      case 'hz':
        this.applySettingAttributes();
        break;
      case 'interactive':
        this.applyInteractive();
        break;
      case 'controls':
      case 'stats':
        this.syncChrome();
        break;
      case 'debug':
        this.applyDebugAttribute(true);
        break;
    }
  }

  override addEventListener<K extends keyof TumbleSandboxEventMap>(
    type: K,
    listener: (this: TumbleSandboxElement, ev: TumbleSandboxEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener, options);
    if (listener && (type === 'step' || type === 'contact')) this.countListener(type, listener, options);
  }

  override removeEventListener<K extends keyof TumbleSandboxEventMap>(
    type: K,
    listener: (this: TumbleSandboxElement, ev: TumbleSandboxEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
    if (listener && (type === 'step' || type === 'contact')) this.uncountListener(type, listener);
  }

  // ----- internals -----

  /** The distinct `step` and `contact` listeners attached now. */
  private readonly counted = new Map<string, Set<unknown>>([
    ['step', new Set()],
    ['contact', new Set()],
  ]);

  /** Whether anybody listens for `type`: those events are built (and computed) only then. */
  private listening(type: 'step' | 'contact'): boolean {
    return this.counted.get(type)!.size > 0;
  }

  /**
   * Counts distinct listeners of `step` and `contact`, so the element builds those events only
   * while somebody listens (contact events also cost the engine time).
   */
  private countListener(type: 'step' | 'contact', listener: unknown, options?: boolean | AddEventListenerOptions): void {
    const set = this.counted.get(type)!;
    if (set.has(listener)) return;
    set.add(listener);
    if (typeof options === 'object' && options.signal) {
      options.signal.addEventListener('abort', () => this.uncountListener(type, listener), { once: true });
    }
    if (typeof options === 'object' && options.once) {
      // A once listener leaves after one event; counting it until then costs at most one frame.
      super.addEventListener(type, () => this.uncountListener(type, listener), { once: true });
    }
    if (type === 'contact') this.syncContactEvents();
  }

  private uncountListener(type: 'step' | 'contact', listener: unknown): void {
    // A listener added with capture and without is one entry here: removing either uncounts it,
    // which at worst stops building events one listener early. Nobody registers both.
    const set = this.counted.get(type)!;
    if (!set.delete(listener)) return;
    if (type === 'contact') this.syncContactEvents();
  }

  private syncContactEvents(): void {
    this.view?.setContactEvents(this.listening('contact') || this.stats);
  }

  private newReady(): Promise<void> {
    const promise = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Pages that never await `ready` must not see an unhandled rejection for a bad scene.
    promise.catch(() => {});
    return promise;
  }

  private createView(): void {
    const interactive = this.applyInteractiveErrors();
    const renderer = parseRenderer(this.getAttribute('renderer'));
    if (renderer.error) this.report(renderer.error);
    this.status.hidden = false;
    this.status.textContent = 'Loading the physics engine…';
    const view = new TumbleView(this.stage, {
      scene: '{"format":"tumble-scene","version":1,"bodies":[]}',
      autoplay: false,
      input: interactive !== 'none',
      gestureHandling: interactive === 'full' ? 'greedy' : 'cooperative',
      focusTarget: this,
      renderer: renderer.value,
      // Contact events: syncChrome below sets them, before the engine starts.
      onError: (error) => this.report(error),
      onStateChange: (state) => {
        this.status.hidden = state !== 'loading';
        if (state !== 'running') this.playButton.hidden = true;
        this.dataset.state = state;
        // A scene that crashed the engine while loading is retried (loadSceneText): not yet a failure.
        if (state === 'failed' && !this.loadingSceneText) this.rejectReady(view.engine ? new TumbleError('engine.panic', 'The engine crashed.') : new TumbleError('engine.panic', 'The engine failed to start.'));
        this.toolbar?.sync();
      },
      // Also after reset() and after a reload from a crash: the overrides apply to every world.
      onSceneLoad: () => {
        this.applySettingAttributes(false);
        this.toolbar?.sync();
      },
      onStep: (steps, views) => this.onStep(steps, views),
      onEdit: () => this.onEdit(),
    });
    this.view = view;
    this.applyDebugAttribute(false);
    this.inspector = new Inspector(this.stage, this.inspectorHost(view));
    this.inspector.element.addEventListener('inspector-close', () => view.editor.select([]));
    // The stage holds the view; overlays go above its canvas.
    this.stage.append(this.playButton, this.errors.element);
    this.syncChrome();
    this.setVisibleState();
    void view.ready.then(() => {
      if (this.view !== view || view.state !== 'running') return;
      this.toolbar?.setPresets(view.presets(), this.preset ?? '');
      this.loadFromAttributes(true);
    });
  }

  /** Loads what the attributes say: inline JSON, else `src`, else `preset`, else the playground. */
  private loadFromAttributes(first = false): void {
    const ticket = ++this.loadTicket;
    const run = async (): Promise<void> => {
      // A share link in the page's hash wins, once; a bad one is reported and the attributes apply.
      if (first && this.hasAttribute('share') && looksLikeShareLink(location.hash)) {
        try {
          await this.loadInput({ json: await decodeShareLink(location.hash) }, ticket, false);
          return;
        } catch (thrown) {
          if (ticket !== this.loadTicket) return;
          const { error } = toTumbleError(thrown);
          this.report(error, 'Could not open the link');
          await this.loadAttributeScene(ticket, false);
          // The panel stays up over the fallback scene: the person should learn why.
          this.errors.show('Could not open the link', error);
          return;
        }
      }
      if (first && this.startAutosave()) {
        const saved = readAutosave(storage(), this.autosave!.key);
        if (saved !== null) {
          try {
            await this.loadInput({ json: saved }, ticket, false);
            return;
          } catch (thrown) {
            if (ticket !== this.loadTicket) return;
            // A save this version cannot read: say so, and carry on with the attributes' scene.
            this.report(toTumbleError(thrown).error, 'Could not restore the autosaved scene');
          }
        }
      }
      await this.loadAttributeScene(ticket, !first);
    };
    run().then(
      () => {
        if (first) this.announceReady();
      },
      (thrown) => {
        if (ticket !== this.loadTicket) return;
        this.status.hidden = true;
        const { error } = toTumbleError(thrown);
        this.report(error, 'Could not load the scene');
        if (first) this.rejectReady(error);
      },
    );
  }

  /** Loads what the attributes say (see loadFromAttributes). */
  private async loadAttributeScene(ticket: number, undoable = true): Promise<void> {
    const inline = this.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
    const srcText = this.getAttribute('src');
    let input: SceneInput;
    if (srcText !== null && srcText.trim() !== '') {
      const src = parseSrc(srcText, document.baseURI);
      if (src.error) throw src.error;
      this.status.hidden = false;
      this.status.textContent = 'Loading the scene…';
      const json = await fetchScene(src.value!);
      if (ticket !== this.loadTicket) return;
      input = { json };
    } else if (inline && !this.hasAttribute('preset')) input = { json: inline.textContent ?? '' };
    else input = { preset: this.preset?.trim() || 'playground' };
    await this.loadInput(input, ticket, undoable);
  }

  /** Loads a world; `undoable` loads are one undo level (the first world is not). */
  private async loadInput(input: SceneInput, ticket: number, undoable = true): Promise<void> {
    const view = this.requireView();
    await view.ready;
    if (ticket !== this.loadTicket) return;
    if (this.replayBar) this.replayBar.close();
    let rebuilt = false;
    if ('preset' in input) await view.loadPreset(input.preset, { undoable });
    else {
      try {
        await this.loadSceneText(view, input.json, undoable, ticket);
      } catch (thrown) {
        // Another load began while this one's solver state was on trial: that one wins.
        if (thrown instanceof Superseded) return;
        if (!(thrown instanceof RebuiltScene)) throw thrown;
        rebuilt = true;
      }
    }
    if (undoable) this.noteEdit();
    this.source = input;
    if (!rebuilt) this.errors.hide();
    this.status.hidden = true;
    this.applySettingAttributes();
    if ('preset' in input) this.toolbar?.showPreset(input.preset);
    this.label(input);
    this.syncPlayback();
  }

  /**
   * Loads scene text. A save's exact solver state is rapier's internals, and a crafted one can
   * crash the engine (README, known issues), on load or in its first steps. So a scene that
   * carries one is first tried for TRIAL_STEPS steps on a worker (solver-state-trial.ts): when
   * that traps or does not finish, the scene is loaded from its readable part, with a message,
   * and the page's engine never sees the state. Where no worker can run, the trial runs in the
   * page's engine and the world is put back exactly as loaded; a trap there brings the engine
   * back (a new instance) and the readable part is loaded. A hostile link or file costs the
   * person a moment, not the sandbox.
   */
  private async loadSceneText(view: TumbleView, json: string, undoable: boolean, ticket: number): Promise<void> {
    const exact = json.includes('"solverState"');
    const module = view.engine?.module;
    let trial: TrialOutcome = 'unavailable';
    if (exact && module) {
      this.status.hidden = false;
      this.status.textContent = 'Checking the scene…';
      trial = await trySolverState(json, module);
      if (ticket !== this.loadTicket || this.view !== view) throw new Superseded();
      this.status.hidden = true;
    }
    const readable = trial === 'crashed' || trial === 'hung' ? withoutSolverState(json) : null;
    if (readable !== null) {
      await view.loadScene(readable, { undoable });
      this.errors.show('The scene was rebuilt', solverStateRefused(trial === 'hung'));
      throw new RebuiltScene();
    }
    try {
      this.loadingSceneText = true;
      await view.loadScene(json, { undoable });
      if (view.engine && exact && trial === 'unavailable') trialSteps(view.engine);
    } catch (thrown) {
      const { error } = toTumbleError(thrown);
      const readable = error.code === PANIC_CODE ? withoutSolverState(json) : null;
      if (readable === null) throw thrown;
      this.loadingSceneText = false;
      await view.reload();
      await view.loadScene(readable, { undoable: false });
      this.errors.show('The scene was rebuilt', solverStateRefused(false));
      throw new RebuiltScene();
    } finally {
      this.loadingSceneText = false;
    }
  }

  private announceReady(): void {
    this.resolveReady();
    this.dispatchEvent(new CustomEvent('ready'));
  }

  /**
   * Gravity and hz attributes override the scene's settings; a bad value is skipped (and reported
   * when `report`, i.e. when it was just set or a scene was just loaded).
   */
  private applySettingAttributes(report = true): void {
    const view = this.view;
    if (!view?.engine) return;
    const gravity = parseGravity(this.getAttribute('gravity'));
    const hz = parseHz(this.getAttribute('hz'));
    if (report) for (const parsed of [gravity, hz]) if (parsed.error) this.report(parsed.error);
    const patch: Partial<Settings> = {};
    if (gravity.value) patch.gravity = gravity.value;
    if (hz.value !== null) patch.hz = hz.value;
    if (Object.keys(patch).length === 0) return;
    try {
      view.setSettings(patch);
    } catch (thrown) {
      if (report) this.report(toTumbleError(thrown).error);
    }
    this.toolbar?.sync();
  }

  private applyInteractiveErrors(): Interactive {
    const parsed = parseInteractive(this.getAttribute('interactive'));
    if (parsed.error) this.report(parsed.error);
    return parsed.value;
  }

  private applyInteractive(): void {
    const interactive = this.applyInteractiveErrors();
    const view = this.view!;
    view.configureInput(interactive !== 'none', interactive === 'full' ? 'greedy' : 'cooperative');
    if (interactive !== 'full') view.tool = 'drag';
    this.syncChrome(true);
  }

  /** Creates or removes the toolbar and the stats overlay as the attributes say. */
  private syncChrome(rebuild = false): void {
    const view = this.view!;
    if (rebuild && this.toolbar) {
      this.toolbar.palette.remove();
      this.toolbar.element.remove();
      this.toolbar = null;
    }
    if (this.controls && !this.toolbar) {
      this.toolbar = new Toolbar(this.shadow, this.toolbarHost(view), {
        onError: (title, error) => this.report(error, title),
        tools: this.interactive === 'full',
      });
      // The toolbar goes above the stage, the tool palette over its left edge.
      this.shadow.insertBefore(this.toolbar.element, this.stage);
      this.stage.append(this.toolbar.palette);
      if (view.state === 'running') this.toolbar.setPresets(view.presets(), this.source && 'preset' in this.source ? this.source.preset : '');
      this.toolbar.sync();
    } else if (!this.controls && this.toolbar) {
      this.toolbar.palette.remove();
      this.toolbar.element.remove();
      this.toolbar = null;
    }
    if (this.stats && !this.statsOverlay) this.statsOverlay = new StatsOverlay(this.stage, view.stats);
    else if (!this.stats && this.statsOverlay) {
      this.statsOverlay.destroy();
      this.statsOverlay = null;
    }
    this.syncContactEvents();
    this.syncPlayback();
  }

  private toolbarHost(view: TumbleView): ToolbarHost {
    const element = this;
    return {
      get playing() {
        return !element.paused;
      },
      play: () => this.play(),
      pause: () => this.pause(),
      step: () => this.step(),
      reset: () => view.reset(),
      get tool() {
        return view.tool;
      },
      set tool(tool: Tool) {
        view.tool = tool;
      },
      get debug() {
        return view.debug;
      },
      setDebug: (layers) => {
        this.debugLayers = layers;
      },
      get undoLabel() {
        return view.editor.undoLabel;
      },
      get redoLabel() {
        return view.editor.redoLabel;
      },
      undo: () => void this.undo(),
      redo: () => void this.redo(),
      get selection() {
        return view.editor.selection;
      },
      deleteSelection: () => this.editSelection('delete'),
      duplicateSelection: () => this.editSelection('duplicate'),
      get motorToggleable() {
        return view.editor.motorJoint !== null;
      },
      toggleMotor: () => this.toggleMotor(),
      get following() {
        return view.following;
      },
      toggleFollow: () => this.toggleFollow(),
      get recording() {
        return element.recordings?.recording ?? false;
      },
      get canReplay() {
        return element.recordings?.canReplay ?? false;
      },
      toggleRecording: () => {
        this.session().toggle();
        this.toolbar?.sync();
      },
      replay: () => this.session().replay(),
      settings: () => view.settings(),
      setSettings: (patch) => view.editor.setSettings(patch),
      loadPreset: (spec) => this.load(spec),
      loadScene: (json) => this.loadInput({ json }, ++this.loadTicket),
      save: () => view.save(),
      canShare: this.hasAttribute('share'),
      copyLink: () => this.copyLink(),
    };
  }

  /** Time runs when wanted, not paused, on screen, and the page is visible. */
  private syncPlayback(): void {
    const view = this.view;
    if (!view) return;
    this.setVisibleState();
    if (!this.paused) view.play();
    else view.pause();
    // Waiting for a first play that only a script could give: offer it to the person instead.
    this.playButton.hidden = !(view.state === 'running' && !this.wantsPlay && !this.hasAttribute('paused') && !this.controls);
    this.toolbar?.sync();
  }

  private setVisibleState(): void {
    // Before the observer's first report the element counts as on screen if it has a box.
    this.view?.setVisible(this.onScreen && document.visibilityState !== 'hidden');
  }

  private onStep(steps: number, views: FrameViews): void {
    // The inspector's live values (velocity, position), a few times a second.
    const now = performance.now();
    if (this.inspector?.target && now - this.inspectorRefreshed > 200) {
      this.inspectorRefreshed = now;
      this.inspector.refresh();
    }
    if (this.listening('step')) {
      this.dispatchEvent(new CustomEvent<StepDetail>('step', { detail: { steps, stepCount: this.view?.engine?.stepCount ?? 0 } }));
    }
    if (this.listening('contact') && views.contacts.length > 0) {
      const contacts: ContactEvent[] = [];
      const c = views.contacts;
      for (let i = 0; i < c.length; i += L.CONTACT_STRIDE) {
        contacts.push({ started: c[i] === L.CONTACT_BEGIN, a: c[i + 1]!, b: c[i + 2]!, x: c[i + 3]!, y: c[i + 4]!, impulse: c[i + 5]! });
      }
      this.dispatchEvent(new CustomEvent<ContactDetail>('contact', { detail: { contacts } }));
    }
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.altKey) return;
    const view = this.view;
    if (!view || view.state !== 'running' || this.interactive === 'none') return;
    // Typing in the toolbar's or the inspector's fields is not a shortcut.
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (target?.closest?.('input, select, textarea')) return;
    if (this.handleKey(e, view, e.key.toLowerCase())) e.preventDefault();
  };

  /** One keyboard shortcut; returns whether the key meant something here. */
  private handleKey(e: KeyboardEvent, view: TumbleView, key: string): boolean {
    const full = this.interactive === 'full';
    const command = e.ctrlKey || e.metaKey;
    if (this.replayBar) {
      if (key === 'escape') this.replayBar.close();
      else if (key === 'p' || key === ' ') this.replayBar.toggle();
      else return false;
      return true;
    }
    if (command) {
      if (!full) return false;
      if (key === 'z' && !e.shiftKey) this.attempt(() => this.undo());
      else if ((key === 'z' && e.shiftKey) || key === 'y') this.attempt(() => this.redo());
      else if (key === 'd') this.editSelection('duplicate');
      else return false;
      return true;
    }
    if (e.repeat) return false;
    if (full && view.toolBusy) {
      if (key === 'enter') return view.finishTool() || true;
      if (key === 'escape') {
        view.cancelTool();
        return true;
      }
      if (key === 'backspace') return view.undoToolPoint();
    }
    const tool = TOOLS.find((t) => TOOL_KEYS[t] === key);
    if (tool && full) {
      view.tool = tool;
      this.toolbar?.sync();
    } else if (key === 'p') {
      if (this.paused) this.play();
      else this.pause();
    } else if (key === 'o') this.attempt(() => this.step());
    else if (key === 'r') this.attempt(() => this.reset());
    else if (key === 'd') this.debugLayers = anyDebug(this.debugLayers) ? defaultDebugLayers() : allDebugLayers();
    else if (key === 'l' && this.hasAttribute('share')) void this.copyLink();
    else if (key === 'home') view.fit();
    else if (full && (key === 'delete' || key === 'backspace')) this.editSelection('delete');
    else if (full && key === 'm') this.toggleMotor();
    else if (full && key === 'f') this.toggleFollow();
    else if (key === 'escape' && this.errors.visible) this.errors.hide();
    else if (full && key === 'escape' && (view.editor.selection.bodies.length > 0 || view.editor.selection.joint !== null)) view.editor.select([]);
    else return false;
    return true;
  }

  // ----- editing -----

  /** After any edit, selection change or tool preview: controls, inspector, autosave. */
  private onEdit(): void {
    const view = this.view;
    if (!view) return;
    this.toolbar?.sync();
    const { bodies, joint } = view.editor.selection;
    const target: InspectorTarget | null = joint !== null ? { kind: 'joint', id: joint } : bodies.length === 1 ? { kind: 'body', id: bodies[0]! } : null;
    const shown = this.inspector?.target;
    if (shown?.kind !== target?.kind || shown?.id !== target?.id) this.inspector?.show(target);
    else this.inspector?.refresh();
    if (view.editor.undoDepth > 0 || view.editor.canRedo) this.noteEdit();
  }

  /** The world changed by the person's hand: autosave it soon. */
  private noteEdit(): void {
    this.edited = true;
    this.autosave?.schedule();
  }

  private editSelection(what: 'delete' | 'duplicate'): void {
    const view = this.view;
    if (!view || this.interactive !== 'full' || this.replayBar) return;
    this.attempt(() => {
      if (what === 'delete') view.editor.deleteSelection();
      else view.editor.duplicateSelection();
    });
  }

  /** M: the selected pin's or slider's motor on (DEFAULT_MOTOR) or off. */
  private toggleMotor(): void {
    const view = this.view;
    if (!view) return;
    this.attempt(() => {
      const motor = view.editor.toggleMotor();
      if (motor === undefined) view.showHint('Select a pin (revolute) or slider joint first, then press M');
      else view.showHint(motor ? 'Motor on: set its speed in the inspector' : 'Motor off');
    });
  }

  private toggleFollow(): void {
    const view = this.view;
    if (!view) return;
    const bodies = view.editor.selection.bodies;
    if (view.following !== null) view.follow(null);
    else if (bodies.length === 1) view.follow(bodies[0]!);
    else view.showHint('Select one body to follow it');
    this.toolbar?.sync();
  }

  private inspectorHost(view: TumbleView) {
    return {
      body: (id: number) => this.requireEngine().body(id),
      bodyMass: (id: number) => this.requireEngine().bodyMass(id),
      editBody: (id: number, desc: BodyDesc, label: string) => view.editor.editBody(id, desc, label),
      joint: (id: number) => this.requireEngine().joint(id),
      editJoint: (id: number, desc: JointDesc, label: string) => view.editor.editJoint(id, desc, label),
    };
  }

  // ----- recording and replay -----

  /** This element's recording session (made with the view). */
  private session(): RecordingSession {
    if (!this.recordings) {
      const element = this;
      this.recordings = new RecordingSession({
        get view() {
          return element.requireView();
        },
        stage: this.stage,
        get paused() {
          return element.paused;
        },
        play: () => this.play(),
        pause: () => this.pause(),
        report: (error, title) => this.report(error, title),
        onModeChange: (replaying) => {
          this.dataset.mode = replaying ? 'replay' : '';
          if (replaying) this.view?.configureInput(false);
          else this.applyInteractive();
          this.toolbar?.sync();
        },
      });
    }
    return this.recordings;
  }

  /** The stage's replay bar, for tests. @internal */
  get replay_(): ReplayBar | null {
    return this.replayBar;
  }

  /** The replay bar while a replay is up. */
  private get replayBar(): ReplayBar | null {
    return this.recordings?.replayBar ?? null;
  }

  // ----- autosave and files -----

  /** Starts autosaving when the `autosave` attribute is set; returns whether it is. */
  private startAutosave(): boolean {
    const value = this.getAttribute('autosave');
    if (value === null) return false;
    if (!this.autosave) {
      this.autosave = new Autosave(storage(), autosaveKey(value, location.pathname), () => this.requireView().save(), (message) => this.view?.showHint(message, 6000));
      const flush = () => {
        if (document.visibilityState === 'hidden' && this.edited) this.autosave?.flush();
      };
      document.addEventListener('visibilitychange', flush, { signal: this.listenerAbort?.signal });
      window.addEventListener('pagehide', () => this.edited && this.autosave?.flush(), { signal: this.listenerAbort?.signal });
    }
    return true;
  }

  private readonly onDragOver = (e: DragEvent): void => {
    if (this.interactive !== 'full' || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.stage.classList.add('drop-target');
  };

  /** A `.json` file dropped on the sandbox opens like Open… does. */
  private readonly onDrop = (e: DragEvent): void => {
    this.stage.classList.remove('drop-target');
    if (this.interactive !== 'full') return;
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    void (async () => {
      try {
        if (file.size > MAX_SCENE_BYTES) throw new TumbleError('limit.scene_bytes', `${file.name} is ${file.size} bytes; scenes may be at most ${MAX_SCENE_BYTES}`);
        await this.loadInput({ json: await file.text() }, ++this.loadTicket);
        this.toolbar?.showPreset('');
        this.view?.showHint(`Opened ${file.name}`);
      } catch (thrown) {
        this.report(toTumbleError(thrown).error, `Could not open ${file.name}`);
      }
    })();
  };

  /** Puts the `debug` attribute's layers on the view (reporting unknown names when `report`). */
  private applyDebugAttribute(report: boolean): void {
    const { layers, unknown } = parseDebugLayers(this.getAttribute('debug'));
    if (report && unknown.length > 0) {
      this.report(new TumbleError('attribute.invalid', `debug: unknown layer ${unknown.map((u) => `"${u}"`).join(', ')}; use aabbs, contacts, joints, centers, sleep, or nothing for all`));
    }
    this.view?.setDebugLayers(layers);
    this.toolbar?.sync();
  }

  private attempt(action: () => void): void {
    try {
      action();
    } catch (thrown) {
      this.report(toTumbleError(thrown).error);
    }
  }

  /** The toolbar's Copy link: the link goes to the address bar and, when allowed, the clipboard. */
  private async copyLink(): Promise<void> {
    try {
      const url = await this.shareLink();
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        // No clipboard permission (an iframe, an insecure origin): the address bar has the link.
      }
      this.view?.showHint(copied ? `Link copied (${url.length.toLocaleString('en')} characters)` : 'The link is in the address bar');
    } catch (thrown) {
      this.report(toTumbleError(thrown).error, 'Could not make a link');
    }
  }

  /** Shows an expected error inside the box and fires `error`. */
  private report(error: TumbleError, title = 'That did not work'): void {
    this.errors.show(title, error);
    const detail: ErrorDetail = { code: error.code, message: error.message };
    if (error.path !== undefined) detail.path = error.path;
    this.dispatchEvent(new CustomEvent<ErrorDetail>('error', { detail }));
  }

  /** Describes the scene for assistive technology, unless the page labelled the element itself. */
  private label(input: SceneInput): void {
    const current = this.getAttribute('aria-label');
    if (current !== null && current !== this.ownLabel) return;
    const what = 'preset' in input ? presetTitle(input.preset) : 'a custom scene';
    const label = `Physics sandbox: ${what}, ${this.bodyCount} bodies`;
    this.ownLabel = label;
    this.setAttribute('aria-label', label);
    if (!this.hasAttribute('role')) this.setAttribute('role', 'application');
  }

  private reflect(name: string, value: string | null): void {
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  private requireView(): TumbleView {
    if (!this.view) throw new TumbleError('view.disconnected', 'The element is not in the document.');
    return this.view;
  }

  private requireEngine(): Engine {
    const engine = this.requireView().engine;
    if (!engine) throw new TumbleError('view.loading', 'The engine is not running yet: await element.ready first.');
    return engine;
  }

  /** Frees the world and removes every listener and observer. */
  private teardown(): void {
    this.loadTicket++;
    this.listenerAbort?.abort();
    this.listenerAbort = null;
    this.intersection?.disconnect();
    this.intersection = null;
    this.toolbar?.element.remove();
    this.toolbar?.palette.remove();
    this.toolbar = null;
    this.recordings?.dispose();
    this.recordings = null;
    if (this.edited) this.autosave?.flush();
    this.autosave?.stop();
    this.autosave = null;
    this.inspector?.destroy();
    this.inspector = null;
    this.statsOverlay?.destroy();
    this.statsOverlay = null;
    this.view?.destroy();
    this.view = null;
    this.onScreen = false;
    this.readyPromise = this.newReady();
  }
}

/** Runs TRIAL_STEPS steps and puts the world back exactly; a trap in them throws engine.panic. */
function trialSteps(engine: Engine): void {
  const before = engine.snapshot();
  try {
    for (let i = 0; i < TRIAL_STEPS; i++) engine.step();
    engine.restore(before);
  } finally {
    before.free();
  }
}

/** The message shown when a scene's exact solver state crashed the engine or hung in a trial. */
function solverStateRefused(hung: boolean): TumbleError {
  return hung
    ? new TumbleError(
        'scene.solver_state_hung',
        `Its exact engine state did not get through its first steps within ${TRIAL_TIMEOUT_MS / 1000} s, so it was loaded from its readable part instead: every body, joint and setting is there, and contacts start afresh.`,
      )
    : new TumbleError(
        'scene.solver_state_crashed',
        'Its exact engine state crashed the engine, so it was loaded from its readable part instead: every body, joint and setting is there, and contacts start afresh.',
      );
}

/** Thrown by loadSceneText when the scene loaded, but only from its readable part. */
class RebuiltScene extends Error {}

/** Thrown by loadSceneText when another load began during the trial; nothing was loaded. */
class Superseded extends Error {}

/** Scene text without its `solverState`, or null when it has none (or is not a JSON object). */
function withoutSolverState(json: string): string | null {
  try {
    const scene = JSON.parse(json) as Record<string, unknown> | null;
    if (!scene || typeof scene !== 'object' || !('solverState' in scene)) return null;
    delete scene.solverState;
    return JSON.stringify(scene);
  } catch {
    return null;
  }
}

/** localStorage, or null where the page may not use it (sandboxed iframes, some privacy modes). */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Defines `<tumble-sandbox>` unless something already did (the script twice, two versions). */
export function defineTumbleSandbox(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, TumbleSandboxElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'tumble-sandbox': TumbleSandboxElement;
  }
}
