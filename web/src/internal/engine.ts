// The engine: loads the wasm module once per page and build, and wraps each Sandbox in an Engine.
// A frame is one call into wasm (`advance`); everything a renderer reads comes through typed-array
// views located by the frame header (frame-views.ts, layout.ts).
//
// Failure: a trap (a Rust panic, an abort, a stack overflow) leaves the whole wasm instance in an
// unknown state, so it fails the EngineModule and every Engine made from it. From then on they
// throw the same `engine.panic` error without touching wasm. To recover, `loadEngine({ fresh: true })`
// instantiates the module again (same compiled code, new memory) and new engines come from it.

import { FREED_CODE, PANIC_CODE, TumbleError, toTumbleError } from './errors';
import { FrameViewCache, type FrameViews } from './frame-views';
import * as L from './layout';
import type { BodyDesc, CameraHint, JointDesc, PresetInfo, Scene, Settings } from './types';
import { importGlue, type GlueModule } from './glue';
import type * as Glue from '../../pkg/simd/tumble_wasm.js';

export type { FrameViews } from './frame-views';

type Sandbox = Glue.Sandbox;

/** Which build of the module runs: with wasm SIMD (about twice as fast) or without. */
export type Flavour = 'simd' | 'baseline';

/** Where a new engine's world comes from: a preset spec, scene JSON text, or a scene object. */
export type SceneSource = { preset: string } | { json: string } | { scene: Scene };

export interface LoadOptions {
  /** Force the SIMD build (true) or the baseline build (false). Default: SIMD where it validates. */
  simd?: boolean;
  /** The same choice by name; wins over `simd`. */
  flavour?: Flavour;
  /**
   * A directory URL (ending in `/`) holding `simd/tumble_wasm_bg.wasm` and
   * `baseline/tumble_wasm_bg.wasm`, e.g. on a CDN. Default: the files bundled with this module.
   */
  wasmBase?: URL;
  /** The `.wasm` bytes or a compiled module instead of a fetch: for Node and tests. */
  wasm?: BufferSource | WebAssembly.Module;
  /**
   * Instantiate the module again instead of reusing this page's instance: the way back after a
   * crash. Engines of the replaced instance stop working (they throw `engine.panic`). A crashed
   * instance is never handed out again, so after a crash `fresh` is implied.
   */
  fresh?: boolean;
}

// The smallest valid module using a v128 instruction: WebAssembly.validate says whether SIMD works.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

/** Whether this runtime runs wasm SIMD. */
export function simdSupported(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** The current instance of each build. */
const instances = new Map<Flavour, Promise<EngineModule>>();
/** Builds whose glue has been initialized once (later instances reuse its compiled module). */
const initialized = new Set<Flavour>();

/**
 * The engine module: compiled and instantiated once per page and build, shared by every Engine.
 * Browsers fetch the `.wasm` that the bundler emitted next to this file; Node passes `wasm`.
 */
export function loadEngine(options: LoadOptions = {}): Promise<EngineModule> {
  const flavour = options.flavour ?? ((options.simd ?? simdSupported()) ? 'simd' : 'baseline');
  const previous = instances.get(flavour);
  const next = (async () => {
    const current = await previous?.catch(() => undefined);
    if (current && !current.failed && !options.fresh) return current;
    current?.retire();
    return instantiate(flavour, options);
  })();
  instances.set(flavour, next);
  return next;
}

async function instantiate(flavour: Flavour, options: LoadOptions): Promise<EngineModule> {
  const glue = await importGlue(flavour);
  // wasm-bindgen's glue holds one instance. Once it has one, this swaps in a new instance of the
  // same compiled module (glue made with --experimental-reset-state-function), and init below
  // just returns its exports.
  if (initialized.has(flavour)) glue.__wbg_reset_state();
  const url = options.wasm ? null : wasmUrl(flavour, options.wasmBase);
  const exports = await glue.default({ module_or_path: options.wasm ?? url! });
  initialized.add(flavour);
  return new EngineModule(flavour, glue, exports.memory, url);
}

function wasmUrl(flavour: Flavour, base: URL | undefined): URL {
  if (base) return new URL(`${flavour}/tumble_wasm_bg.wasm`, base);
  // Literal `new URL(..., import.meta.url)`: bundlers (Vite) emit the file as an asset.
  return flavour === 'simd'
    ? new URL('../../pkg/simd/tumble_wasm_bg.wasm', import.meta.url)
    : new URL('../../pkg/baseline/tumble_wasm_bg.wasm', import.meta.url);
}

/** One instance of the wasm module. Make worlds with `create`. */
export class EngineModule {
  private failure: TumbleError | null = null;
  private readonly failureListeners = new Set<(error: TumbleError) => void>();

  /** Use `loadEngine`. */
  constructor(
    readonly flavour: Flavour,
    private readonly glue: GlueModule,
    readonly memory: WebAssembly.Memory,
    /** Where the `.wasm` came from, or null when it was passed in (`LoadOptions.wasm`). */
    readonly url: URL | null = null,
  ) {}

  /** True once the instance trapped (or was replaced): every engine of it is unusable. */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** The `engine.panic` error every call now throws, or null. */
  get error(): TumbleError | null {
    return this.failure;
  }

  /** How many worlds this instance holds (created and not yet freed), counted inside wasm. */
  liveCount(): number {
    return this.guard(() => this.glue.Sandbox.liveCount());
  }

  /** Every preset: category, name, description and parameters with default, min and max. */
  presets(): PresetInfo[] {
    return this.guard(() => this.glue.Sandbox.presets() as PresetInfo[]);
  }

  /** A new engine holding a preset (`pyramid?base=20`), scene JSON, or a scene object. */
  create(source: SceneSource = { preset: 'playground' }): Engine {
    return this.guard(() => {
      const { Sandbox } = this.glue;
      const sandbox =
        'preset' in source
          ? Sandbox.fromPreset(source.preset)
          : Sandbox.fromJson('json' in source ? source.json : JSON.stringify(source.scene));
      return new Engine(this, sandbox);
    });
  }

  /**
   * Calls `listener` once, when this instance fails (at once if it already has). Returns a function
   * that unsubscribes.
   */
  onFailure(listener: (error: TumbleError) => void): () => void {
    if (this.failure) {
      listener(this.failure);
      return () => {};
    }
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Runs a call into wasm: what it throws becomes a TumbleError, a trap fails the instance. */
  guard<T>(call: () => T): T {
    if (this.failure) throw this.failure;
    try {
      return call();
    } catch (thrown) {
      throw this.convert(thrown);
    }
  }

  /** The TumbleError for what a wasm call threw; fails the instance when it was a trap. */
  convert(thrown: unknown): TumbleError {
    const { error, trapped } = toTumbleError(thrown);
    if (!trapped) return error;
    this.fail(error);
    return this.failure!;
  }

  /** Marks the instance unusable because `loadEngine({ fresh: true })` replaced it. */
  retire(): void {
    this.fail(
      new TumbleError(
        PANIC_CODE,
        'This engine instance was replaced by loadEngine({ fresh: true }); create the engine again from the new module.',
      ),
    );
  }

  private fail(error: TumbleError): void {
    if (this.failure) return;
    this.failure = error;
    const listeners = [...this.failureListeners];
    this.failureListeners.clear();
    for (const listener of listeners) listener(error);
  }
}

/** A full copy of a world's state, for `Engine.restore`. Free it when no longer needed. */
export class Snapshot {
  private freed = false;

  /** Use `Engine.snapshot`. */
  constructor(
    readonly module: EngineModule,
    private readonly inner: Glue.Snapshot,
  ) {}

  /** The wasm object, checked to belong to `module` and to be alive. */
  unwrap(module: EngineModule): Glue.Snapshot {
    if (this.freed) throw new TumbleError('snapshot.invalid', 'This snapshot was freed.');
    if (module !== this.module) {
      throw new TumbleError('snapshot.invalid', 'This snapshot belongs to another engine instance.');
    }
    return this.inner;
  }

  /**
   * About how many bytes of wasm memory it holds (an estimate from its body, joint and contact
   * counts; 0 once freed), for budgeting undo histories.
   */
  get approxBytes(): number {
    if (this.freed || this.module.failed) return 0;
    return this.inner.approxBytes;
  }

  /** Frees its memory. Safe to call twice, and after a crash (then it does nothing). */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    // A crashed or replaced instance must not be called; its memory is gone with it anyway.
    if (!this.module.failed) this.inner.free();
  }
}

/**
 * One world. Per frame: `advance(dt)`, then `views()` (no call into wasm). Call `free()` when done.
 * Every method throws a TumbleError: an expected failure with a stable `code`, `engine.panic` once
 * the instance crashed, or `engine.freed` after `free()`.
 */
export class Engine {
  private readonly frame: FrameViewCache;
  private freed = false;

  /** Use `EngineModule.create`. */
  constructor(
    readonly module: EngineModule,
    private readonly sandbox: Sandbox,
  ) {
    this.frame = new FrameViewCache(module.memory, sandbox.headerPtr());
  }

  /** True once the instance crashed: see `onFailure`. */
  get failed(): boolean {
    return this.module.failed;
  }

  /** Calls `listener` once when the instance crashes. Returns a function that unsubscribes. */
  onFailure(listener: (error: TumbleError) => void): () => void {
    return this.module.onFailure(listener);
  }

  private usable(): void {
    const failure = this.module.error;
    if (failure) throw failure;
    if (this.freed) throw new TumbleError(FREED_CODE, 'This engine was freed; create a new one.');
  }

  private call<T>(fn: (sandbox: Sandbox) => T): T {
    this.usable();
    return this.module.guard(() => fn(this.sandbox));
  }

  /**
   * Advances by `dt` seconds of real time in fixed steps (leftover time carries over) and returns
   * the steps taken. The one call a frame needs.
   */
  advance(dt: number): number {
    this.usable();
    try {
      return this.sandbox.advance(dt);
    } catch (thrown) {
      throw this.module.convert(thrown);
    }
  }

  /**
   * Panics inside Rust on purpose, in builds made with `TUMBLE_WASM_FEATURES=debug-panic` (the
   * test command's): the trap that follows fails this engine's whole instance, as a real bug
   * would. Elsewhere it throws `debug.unavailable` and changes nothing.
   */
  debugPanic(): void {
    const panic = (this.sandbox as unknown as { debugPanic?: () => void }).debugPanic;
    if (typeof panic !== 'function') {
      throw new TumbleError('debug.unavailable', 'This engine build has no debugPanic (build with TUMBLE_WASM_FEATURES=debug-panic).');
    }
    this.call((sandbox) => panic.call(sandbox));
  }

  /** Runs exactly one fixed step. */
  step(): void {
    this.usable();
    try {
      this.sandbox.step();
    } catch (thrown) {
      throw this.module.convert(thrown);
    }
  }

  /**
   * The frame buffers as typed views over wasm memory, as of the last call. Cheap: no call into
   * wasm; the same object while nothing moved. Do not keep views across calls that may change the
   * world: ask again (a grown memory detaches old views, and they then read as empty).
   */
  views(): FrameViews {
    this.usable();
    return this.frame.views();
  }

  /** Bodies in the world (from the frame header: no call into wasm). */
  get bodyCount(): number {
    this.usable();
    return this.frame.headerWords()[L.HEADER_BODY_COUNT]!;
  }

  /** Steps run since the world was made (carried through save and load). */
  get stepCount(): number {
    return this.call((s) => s.stepCount);
  }

  /** Adds a body and returns its id. */
  spawn(body: BodyDesc): number {
    return this.call((s) => s.spawn(body));
  }

  /** Removes a body and its joints. */
  removeBody(id: number): void {
    this.call((s) => s.removeBody(id));
  }

  /** A body's full description with its current pose and velocity. */
  body(id: number): Required<BodyDesc> {
    return this.call((s) => s.body(id)) as Required<BodyDesc>;
  }

  /** A body's mass in kg (0 for static and kinematic bodies). */
  bodyMass(id: number): number {
    return this.call((s) => s.bodyMass(id));
  }

  /** Replaces everything about a body, keeping its id: read with `body`, change, write back. */
  editBody(id: number, body: BodyDesc): void {
    this.call((s) => s.editBody(id, body));
  }

  /** Adds a joint between body ids (`bodyA` null or absent: the world) and returns its id. */
  addJoint(joint: JointDesc): number {
    return this.call((s) => s.addJoint(joint));
  }

  /** Removes a joint. */
  removeJoint(id: number): void {
    this.call((s) => s.removeJoint(id));
  }

  /** A joint's description, with body ids. */
  joint(id: number): JointDesc {
    return this.call((s) => s.joint(id)) as JointDesc;
  }

  /** Replaces a joint's description, keeping its id. */
  editJoint(id: number, joint: JointDesc): void {
    this.call((s) => s.editJoint(id, joint));
  }

  /** Marks a body selected or not (the `STATE_SELECTED` bit). */
  setSelected(id: number, selected: boolean): void {
    this.call((s) => s.setSelected(id, selected));
  }

  /** Unselects every body. */
  clearSelection(): void {
    this.call((s) => s.clearSelection());
  }

  /** The topmost body at a world point, or null. */
  bodyAt(x: number, y: number): number | null {
    return this.call((s) => s.bodyAt(x, y)) ?? null;
  }

  /** Ids of the bodies overlapping the rectangle between two corners, in slot order. */
  bodiesInRect(ax: number, ay: number, bx: number, by: number): number[] {
    return Array.from(this.call((s) => s.bodiesInRect(ax, ay, bx, by)));
  }

  /** Grabs the topmost dynamic body at a world point; returns its id, or null if there is none. */
  grab(x: number, y: number): number | null {
    return this.call((s) => s.grab(x, y)) ?? null;
  }

  /** Moves the drag target; the grabbed body follows over the next steps. */
  dragTo(x: number, y: number): void {
    this.call((s) => s.dragTo(x, y));
  }

  /** Lets go of the grabbed body, if any. */
  release(): void {
    this.call((s) => s.release());
  }

  /** The current settings. */
  settings(): Settings {
    return this.call((s) => s.settings()) as Settings;
  }

  /** Changes some settings; an invalid value throws and changes nothing. */
  setSettings(patch: Partial<Settings>): void {
    this.call((s) => s.setSettings(patch));
  }

  /** Sets gravity in m/s². */
  setGravity(x: number, y: number): void {
    this.call((s) => s.setGravity(x, y));
  }

  /** The full state as scene JSON; loading it continues bit-identically. */
  save(): string {
    return this.call((s) => s.save());
  }

  /** Replaces the world with scene JSON; on error nothing changes. */
  load(json: string): void {
    this.call((s) => s.load(json));
  }

  /** Replaces the world with a scene object; on error nothing changes. */
  loadScene(scene: Scene): void {
    this.load(JSON.stringify(scene));
  }

  /** Replaces the world with a preset spec (`pyramid?base=20`); on error nothing changes. */
  loadPreset(spec: string): void {
    this.call((s) => s.loadPreset(spec));
  }

  /** Where the last loaded scene suggests looking, if it says. */
  cameraHint(): CameraHint | null {
    return (this.call((s) => s.cameraHint()) as CameraHint | null) ?? null;
  }

  /** A full in-memory copy of the state (faster than `save`), for `restore`. */
  snapshot(): Snapshot {
    return new Snapshot(this.module, this.call((s) => s.snapshot()));
  }

  /** Puts the world back exactly as it was at `snapshot` (from any engine of this instance). */
  restore(snapshot: Snapshot): void {
    this.call((s) => s.restore(snapshot.unwrap(this.module)));
  }

  /** 16 hex digits hashing every body's exact motion state: equal hashes, equal worlds. */
  stateHash(): string {
    return this.call((s) => s.stateHash());
  }

  /** Turns contact events (the `contacts` view) on or off. Off costs nothing. */
  setContactEvents(enabled: boolean): void {
    this.call((s) => s.setContactEvents(enabled));
  }

  /** Turns debug lines (the `debugLines` view) on or off. */
  setDebugLines(enabled: boolean): void {
    this.call((s) => s.setDebugLines(enabled));
  }

  /** Every preset (same as `module.presets()`). */
  presets(): PresetInfo[] {
    return this.module.presets();
  }

  /** Frees the world's memory. Later calls throw `engine.freed`; calling it twice is fine. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.frame.clear();
    // A crashed instance must not be called again.
    if (!this.module.failed) this.sandbox.free();
  }
}
