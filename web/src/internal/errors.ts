// Errors from the engine: expected failures (TumbleError with a stable code) and traps.

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

/** Code of the error thrown after the engine trapped (a Rust panic); the instance is unusable. */
export const PANIC_CODE = 'engine.panic';

/** Turns whatever a wasm call threw into a TumbleError; `trapped` tells whether it was a trap. */
export function toTumbleError(thrown: unknown): { error: TumbleError; trapped: boolean } {
  if (thrown instanceof TumbleError) return { error: thrown, trapped: false };
  if (thrown instanceof WebAssembly.RuntimeError) {
    return {
      error: new TumbleError(
        PANIC_CODE,
        `The physics engine crashed (${thrown.message}). Reload to start again; your last save is kept.`,
      ),
      trapped: true,
    };
  }
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
