// The engine: loads the wasm module once per page and wraps each Sandbox in an Engine with
// typed-array views over wasm memory. A frame is one wasm call (`advance`); everything else is
// read through views located by the frame header (layout.ts).

import * as L from './layout';
import { PANIC_CODE, TumbleError, toTumbleError } from './errors';
import type { BodyDesc, CameraHint, JointDesc, PresetInfo, Settings } from './types';
import type * as Glue from '../../pkg/simd/tumble_wasm.js';

type GlueModule = typeof Glue;
type Sandbox = Glue.Sandbox;

/** Which build of the module is running. */
export type Flavour = 'simd' | 'baseline';

/** Typed views over one engine's frame buffers; layouts in layout.ts. */
export interface FrameViews {
  transforms: Float32Array;
  bodyState: Uint8Array;
  slotIds: Float64Array;
  shapes: Float32Array;
  colors: Uint32Array;
  vertices: Float32Array;
  joints: Float32Array;
  jointIds: Float64Array;
  contacts: Float64Array;
  debugLines: Float32Array;
  /** Slots (records in every per-slot buffer). */
  slotCount: number;
  /** Changes whenever bodies, shapes, joints or colours change. */
  structureVersion: number;
}

/** Where a scene comes from. */
export type SceneSource = { preset: string } | { json: string };

export interface LoadOptions {
  /** Force a build; by default SIMD when the browser validates SIMD, else baseline. */
  flavour?: Flavour;
  /** The `.wasm` bytes or a compiled module (Node and tests); browsers fetch it next to the glue. */
  wasm?: BufferSource | WebAssembly.Module;
}

// The smallest module using a v128 instruction; WebAssembly.validate says whether SIMD works.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

/** Whether this runtime validates wasm SIMD. */
export function simdSupported(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

const loaded = new Map<Flavour, Promise<EngineModule>>();

/**
 * Loads the engine module: compiled once per page and build, shared by every Engine.
 * Pass `fresh: true` to get a new instance after a crash (a trap poisons the instance).
 */
export function loadEngine(options: LoadOptions & { fresh?: boolean } = {}): Promise<EngineModule> {
  const flavour = options.flavour ?? (simdSupported() ? 'simd' : 'baseline');
  const cached = loaded.get(flavour);
  if (cached && !options.fresh && !options.wasm) return cached;
  const promise = instantiate(flavour, options);
  if (!options.wasm) loaded.set(flavour, promise);
  return promise;
}

async function instantiate(flavour: Flavour, options: LoadOptions): Promise<EngineModule> {
  // Static import paths so bundlers see both builds; a fresh instance needs a fresh glue module.
  const glue: GlueModule =
    flavour === 'simd'
      ? await import('../../pkg/simd/tumble_wasm.js')
      : ((await import('../../pkg/baseline/tumble_wasm.js')) as unknown as GlueModule);
  // In browsers the glue fetches the .wasm next to itself (`new URL(..., import.meta.url)`, which
  // bundlers turn into an asset); Node passes the bytes.
  const exports = options.wasm
    ? await glue.default({ module_or_path: options.wasm })
    : await glue.default();
  return new EngineModule(flavour, glue, exports.memory);
}

/** One loaded copy of the wasm module. */
export class EngineModule {
  /** True once any engine of this module trapped; every engine of it is then unusable. */
  failed = false;
  private readonly failureListeners = new Set<(error: TumbleError) => void>();

  constructor(
    readonly flavour: Flavour,
    readonly glue: GlueModule,
    readonly memory: WebAssembly.Memory,
  ) {}

  /** Every preset, with category, description and parameters. */
  presets(): PresetInfo[] {
    return this.glue.Sandbox.presets() as PresetInfo[];
  }

  /** A new engine holding a preset spec (`pyramid?base=20`) or scene JSON. */
  create(source: SceneSource = { preset: 'playground' }): Engine {
    return this.guard(() => {
      const sandbox =
        'preset' in source
          ? this.glue.Sandbox.fromPreset(source.preset)
          : this.glue.Sandbox.fromJson(source.json);
      return new Engine(this, sandbox);
    });
  }

  /** Calls `listener` once if this module traps. */
  onFailure(listener: (error: TumbleError) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Runs a wasm call, turning throws into TumbleErrors and a trap into the failed state. */
  guard<T>(call: () => T): T {
    if (this.failed) throw new TumbleError(PANIC_CODE, 'The physics engine has crashed; reload it.');
    try {
      return call();
    } catch (thrown) {
      const { error, trapped } = toTumbleError(thrown);
      if (trapped) {
        this.failed = true;
        for (const listener of this.failureListeners) listener(error);
      }
      throw error;
    }
  }
}

const EMPTY_HEADER = new Uint32Array(L.HEADER_LEN);

/** One world. Cheap to query every frame; call `free()` when done. */
export class Engine {
  private buffer: ArrayBuffer | SharedArrayBuffer | null = null;
  private header = EMPTY_HEADER;
  private readonly lastHeader = new Uint32Array(L.HEADER_LEN);
  private cached: FrameViews | null = null;
  private freed = false;

  constructor(
    readonly module: EngineModule,
    private readonly sandbox: Sandbox,
  ) {}

  private call<T>(fn: (s: Sandbox) => T): T {
    if (this.freed) throw new TumbleError('engine.freed', 'This engine was freed.');
    return this.module.guard(() => fn(this.sandbox));
  }

  /** Advances by `dt` seconds of real time in fixed steps; returns the steps taken. */
  advance(dt: number): number {
    return this.call((s) => s.advance(dt));
  }

  /** Runs exactly one step. */
  step(): void {
    this.call((s) => s.step());
  }

  /**
   * The frame buffers as typed views. Returns the same object while nothing moved; re-derives
   * every view when wasm memory grew (a grown memory detaches the old buffer) or a buffer moved.
   */
  views(): FrameViews {
    if (this.freed) throw new TumbleError('engine.freed', 'This engine was freed.');
    const memory = this.module.memory.buffer;
    if (memory !== this.buffer) {
      this.buffer = memory;
      this.header = new Uint32Array(memory, this.call((s) => s.headerPtr()), L.HEADER_LEN);
      this.cached = null;
    }
    const h = this.header;
    let changed = this.cached === null;
    for (let i = 0; i < L.HEADER_LEN && !changed; i++) {
      if (i !== L.HEADER_STEPS && h[i] !== this.lastHeader[i]) changed = true;
    }
    if (changed) {
      this.lastHeader.set(h);
      this.cached = this.makeViews(memory);
    }
    return this.cached!;
  }

  private makeViews(memory: ArrayBuffer | SharedArrayBuffer): FrameViews {
    const h = this.header;
    const at = (i: number): [number, number] => [
      h[L.HEADER_BUFFERS + 2 * i]!,
      h[L.HEADER_BUFFERS + 2 * i + 1]!,
    ];
    const f32 = (i: number) => new Float32Array(memory, ...at(i));
    const f64 = (i: number) => new Float64Array(memory, ...at(i));
    return {
      transforms: f32(0),
      bodyState: new Uint8Array(memory, ...at(1)),
      slotIds: f64(2),
      shapes: f32(3),
      colors: new Uint32Array(memory, ...at(4)),
      vertices: f32(5),
      joints: f32(6),
      jointIds: f64(7),
      contacts: f64(8),
      debugLines: f32(9),
      slotCount: h[L.HEADER_SLOT_COUNT]!,
      structureVersion: h[L.HEADER_STRUCTURE_VERSION]!,
    };
  }

  /** Bodies in the world. */
  get bodyCount(): number {
    this.views();
    return this.header[L.HEADER_BODY_COUNT]!;
  }

  /** Steps since the world was made. */
  get stepCount(): number {
    return this.call((s) => s.stepCount);
  }

  spawn(body: BodyDesc): number {
    return this.call((s) => s.spawn(body));
  }
  removeBody(id: number): void {
    this.call((s) => s.removeBody(id));
  }
  body(id: number): Required<BodyDesc> {
    return this.call((s) => s.body(id)) as Required<BodyDesc>;
  }
  bodyMass(id: number): number {
    return this.call((s) => s.bodyMass(id));
  }
  editBody(id: number, body: BodyDesc): void {
    this.call((s) => s.editBody(id, body));
  }
  addJoint(joint: JointDesc): number {
    return this.call((s) => s.addJoint(joint));
  }
  removeJoint(id: number): void {
    this.call((s) => s.removeJoint(id));
  }
  joint(id: number): JointDesc {
    return this.call((s) => s.joint(id)) as JointDesc;
  }
  editJoint(id: number, joint: JointDesc): void {
    this.call((s) => s.editJoint(id, joint));
  }
  setSelected(id: number, selected: boolean): void {
    this.call((s) => s.setSelected(id, selected));
  }
  clearSelection(): void {
    this.call((s) => s.clearSelection());
  }
  /** The topmost body at a world point, or null. */
  bodyAt(x: number, y: number): number | null {
    return this.call((s) => s.bodyAt(x, y)) ?? null;
  }
  bodiesInRect(ax: number, ay: number, bx: number, by: number): number[] {
    return Array.from(this.call((s) => s.bodiesInRect(ax, ay, bx, by)));
  }
  /** Grabs the topmost dynamic body at a world point; returns its id or null. */
  grab(x: number, y: number): number | null {
    return this.call((s) => s.grab(x, y)) ?? null;
  }
  dragTo(x: number, y: number): void {
    this.call((s) => s.dragTo(x, y));
  }
  release(): void {
    this.call((s) => s.release());
  }
  settings(): Settings {
    return this.call((s) => s.settings()) as Settings;
  }
  /** Changes some settings; invalid values throw and change nothing. */
  setSettings(patch: Partial<Settings>): void {
    this.call((s) => s.setSettings(patch));
  }
  /** The full state as scene JSON (exact solver state included). */
  save(): string {
    return this.call((s) => s.save());
  }
  /** Replaces the world with scene JSON; on error nothing changes. */
  load(json: string): void {
    this.call((s) => s.load(json));
  }
  /** Replaces the world with a preset; on error nothing changes. */
  loadPreset(spec: string): void {
    this.call((s) => s.loadPreset(spec));
  }
  /** The scene's camera hint, if it has one. */
  cameraHint(): CameraHint | null {
    return (this.call((s) => s.cameraHint()) as CameraHint | null) ?? null;
  }
  snapshot(): Glue.Snapshot {
    return this.call((s) => s.snapshot());
  }
  restore(snapshot: Glue.Snapshot): void {
    this.call((s) => s.restore(snapshot));
  }
  /** 16 hex digits hashing every body's exact motion state. */
  stateHash(): string {
    return this.call((s) => s.stateHash());
  }
  setContactEvents(enabled: boolean): void {
    this.call((s) => s.setContactEvents(enabled));
  }
  setDebugLines(enabled: boolean): void {
    this.call((s) => s.setDebugLines(enabled));
  }
  /** Frees the world's memory. The engine is unusable afterwards. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.cached = null;
    if (!this.module.failed) this.sandbox.free();
  }
}
