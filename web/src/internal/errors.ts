// Errors from the engine: expected failures (a TumbleError with a stable code) and traps.
//
// Codes from Rust (crates/tumble-wasm/src/errors.rs has the table): scene.parse, scene.invalid,
// scene.version, arg.invalid, body.stale_id, joint.stale_id, joint.invalid, limit.bodies,
// limit.joints, limit.vertices, limit.scene_bytes, limit.coordinates, preset.unknown,
// preset.param, drag.none, snapshot.invalid. Codes of this layer: engine.panic (PANIC_CODE),
// engine.freed (FREED_CODE), debug.unavailable (debugPanic in a build without it) and internal
// (anything else a call threw; a bug). Codes of <tumble-sandbox>: attribute.invalid, src.invalid,
// src.fetch, view.loading, view.disconnected. Share links (share-link.ts): link.too_large,
// link.malformed. Recording and replay (recording.ts): replay.diverged, recording.gap,
// recording.stopped, recording.freed, replay.freed.

/** An expected failure, with the stable `code` from tumble-core (e.g. `scene.invalid`). */
export class TumbleError extends Error {
  /** Stable, machine-readable: `scene.parse`, `body.stale_id`, `limit.bodies`, ... */
  readonly code: string;
  /** The JSON path or argument the error is about, e.g. `bodies[3].shape.radius`. */
  readonly path?: string;

  constructor(code: string, message: string, path?: string) {
    super(message);
    this.name = 'TumbleError';
    this.code = code;
    if (path !== undefined) this.path = path;
  }
}

/**
 * Code of the error thrown once the engine's wasm instance trapped (a Rust panic, an abort, a stack
 * overflow). The instance is unusable from then on; `loadEngine({ fresh: true })` makes a new one.
 */
export const PANIC_CODE = 'engine.panic';

/** Code of the error thrown by an engine used after `free()`. */
export const FREED_CODE = 'engine.freed';

/** The error every call of a crashed instance throws. */
export function panicError(cause: string): TumbleError {
  return new TumbleError(
    PANIC_CODE,
    `The physics engine crashed (${cause}); it has to be started again, and changes since the last save are lost.`,
  );
}

/** Whether a value thrown by a wasm call is a trap: the instance's state can no longer be trusted. */
function isTrap(thrown: unknown): thrown is Error {
  if (thrown instanceof WebAssembly.RuntimeError) return true;
  // A stack overflow inside wasm surfaces as a RangeError, with Rust's state left half-changed.
  return thrown instanceof RangeError && /call stack/i.test(thrown.message);
}

/** Turns whatever a wasm call threw into a TumbleError; `trapped` tells whether it was a trap. */
export function toTumbleError(thrown: unknown): { error: TumbleError; trapped: boolean } {
  if (thrown instanceof TumbleError) return { error: thrown, trapped: false };
  if (isTrap(thrown)) return { error: panicError(thrown.message), trapped: true };
  if (thrown instanceof Error) {
    const { code, path } = thrown as Error & { code?: unknown; path?: unknown };
    if (typeof code === 'string') {
      return {
        error: new TumbleError(code, thrown.message, typeof path === 'string' ? path : undefined),
        trapped: false,
      };
    }
    return { error: new TumbleError('internal', thrown.message), trapped: false };
  }
  return { error: new TumbleError('internal', String(thrown)), trapped: false };
}
