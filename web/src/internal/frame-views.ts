// Typed-array views over one Sandbox's frame buffers, found through its frame header
// (crates/tumble-wasm/src/header.rs; word layout and buffer order in layout.ts).
//
// A view over wasm memory dies when the memory grows (the old ArrayBuffer is detached and every
// view on it reads as length 0), and a buffer moves when Rust reallocates it. So each view is
// re-derived when the memory's ArrayBuffer changes identity or that buffer's address or length in
// the header changes, and not otherwise: a frame with no structural change allocates nothing.

import * as L from './layout';

/** Typed views over one engine's frame buffers; record layouts in layout.ts. */
export interface FrameViews {
  /** Per slot, `TRANSFORM_STRIDE` floats: x, y, cos, sin. */
  readonly transforms: Float32Array;
  /** Per slot, `STATE_*` bits; a slot without `STATE_OCCUPIED` is empty. */
  readonly bodyState: Uint8Array;
  /** Per slot, the body id in it (-1 when empty). */
  readonly slotIds: Float64Array;
  /** Per slot, `SHAPE_STRIDE` floats: the shape table. */
  readonly shapes: Float32Array;
  /** Per slot, `0xRRGGBBAA`. */
  readonly colors: Uint32Array;
  /** x, y pairs in body space, addressed by the shape table. */
  readonly vertices: Float32Array;
  /** Per joint, `JOINT_STRIDE` floats, anchors in world space. */
  readonly joints: Float32Array;
  /** The joint id of each record of `joints`. */
  readonly jointIds: Float64Array;
  /** Per contact event of the last advance, `CONTACT_STRIDE` numbers (when contact events are on). */
  readonly contacts: Float64Array;
  /** Per debug line, `DEBUG_LINE_STRIDE` floats (when debug lines are on). */
  readonly debugLines: Float32Array;
  /** Slots: records in every per-slot buffer. */
  readonly slotCount: number;
  /** Changes whenever bodies, shapes, colours or joints change: re-read `shapes` and friends then. */
  readonly structureVersion: number;
}

type BufferName = (typeof L.BUFFER_ORDER)[number];
type ViewOf<V> = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => V;

const VIEW_TYPES = {
  transforms: Float32Array,
  bodyState: Uint8Array,
  slotIds: Float64Array,
  shapes: Float32Array,
  colors: Uint32Array,
  vertices: Float32Array,
  joints: Float32Array,
  jointIds: Float64Array,
  contacts: Float64Array,
  debugLines: Float32Array,
} satisfies { [K in BufferName]: ViewOf<FrameViews[K]> };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Keeps one Sandbox's views current; `views()` is the per-frame entry point. */
export class FrameViewCache {
  private buffer: ArrayBufferLike | null = null;
  private header = new Uint32Array(0);
  /** Header words the current views were built from. */
  private readonly built = new Uint32Array(L.HEADER_LEN);
  private current: FrameViews | null = null;

  /** `headerAddress` is the Sandbox's `headerPtr()`, fixed for its life. */
  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly headerAddress: number,
  ) {}

  /** The header, as a view over the current memory. */
  headerWords(): Uint32Array {
    const buffer = this.memory.buffer;
    if (buffer !== this.buffer) {
      this.buffer = buffer;
      this.header = new Uint32Array(buffer, this.headerAddress, L.HEADER_LEN);
      this.current = null;
    }
    return this.header;
  }

  /**
   * The views as of the last call into the Sandbox. The same object while nothing moved; a new
   * object (with new typed arrays only for the buffers that moved) after a change.
   */
  views(): FrameViews {
    const h = this.headerWords();
    const previous = this.current;
    if (previous !== null && this.unchanged(h)) return previous;
    const buffer = this.buffer!;
    const next = (previous ? { ...previous } : {}) as Mutable<FrameViews>;
    for (let i = 0; i < L.BUFFER_ORDER.length; i++) {
      const word = L.HEADER_BUFFERS + 2 * i;
      const address = h[word]!;
      const length = h[word + 1]!;
      if (previous === null || address !== this.built[word] || length !== this.built[word + 1]) {
        const name = L.BUFFER_ORDER[i]!;
        const View: ViewOf<ArrayBufferView> = VIEW_TYPES[name];
        (next as Record<BufferName, ArrayBufferView>)[name] = new View(buffer, address, length);
      }
    }
    next.slotCount = h[L.HEADER_SLOT_COUNT]!;
    next.structureVersion = h[L.HEADER_STRUCTURE_VERSION]!;
    this.built.set(h);
    this.current = next;
    return next;
  }

  /** Whether every word the views depend on is as they were built from. */
  private unchanged(h: Uint32Array): boolean {
    const built = this.built;
    if (h[L.HEADER_STRUCTURE_VERSION] !== built[L.HEADER_STRUCTURE_VERSION]) return false;
    if (h[L.HEADER_SLOT_COUNT] !== built[L.HEADER_SLOT_COUNT]) return false;
    for (let i = L.HEADER_BUFFERS; i < L.HEADER_LEN; i++) if (h[i] !== built[i]) return false;
    return true;
  }

  /** Drops the views (after free or a crash), so nothing keeps reading dead memory through us. */
  clear(): void {
    this.buffer = null;
    this.header = new Uint32Array(0);
    this.current = null;
  }
}
