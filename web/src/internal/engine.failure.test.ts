// A trap poisons the instance; `loadEngine({ fresh: true })` brings the engine back. Its own file:
// vitest isolates files, so the glue here is instantiated fresh, through the wrapper below, which
// counts calls into wasm and can make the next `advance` trap for real inside Rust.
import { describe, expect, it } from 'vitest';
import { loadEngine, type EngineModule } from './engine';
import { PANIC_CODE, TumbleError } from './errors';

import { thrown, wasmBytes } from './testing/engine';

const wasm = wasmBytes('simd');

let calls = 0;
let trapNextAdvance = false;

/** Loads the module with every export wrapped: counted, and `sandbox_advance` trappable. */
async function loadWrapped(): Promise<EngineModule> {
  const real = WebAssembly.instantiate;
  (WebAssembly as { instantiate: unknown }).instantiate = async (bytes: never, imports: never) => {
    // Node's own fetch instantiates wasm too: wrap only ours.
    if (bytes !== (wasm as unknown)) return real(bytes, imports);
    const { module, instance } = (await real(bytes, imports)) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
    const exports = instance.exports as Record<string, unknown>;
    const wrapped: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function') {
        wrapped[name] = value;
        continue;
      }
      const fn = value as (...args: unknown[]) => unknown;
      wrapped[name] = (...args: unknown[]) => {
        calls++;
        if (trapNextAdvance && name.startsWith('sandbox_advance')) {
          trapNextAdvance = false;
          // An allocation Rust cannot make aborts: a genuine `unreachable` trap inside the instance.
          return (exports['__wbindgen_malloc'] as (size: number, align: number) => number)(0xfffffff0, 8);
        }
        return fn(...args);
      };
    }
    return { module, instance: { exports: wrapped } };
  };
  try {
    return await loadEngine({ flavour: 'simd', wasm });
  } finally {
    (WebAssembly as { instantiate: unknown }).instantiate = real;
  }
}


function hashAfter(module: EngineModule, steps: number): string {
  const engine = module.create({ preset: 'pyramid?base=5' });
  for (let i = 0; i < steps; i++) engine.step();
  const hash = engine.stateHash();
  engine.free();
  return hash;
}

describe('a trap', () => {
  it('poisons every engine of the instance, and a fresh instance works', async () => {
    const module = await loadWrapped();
    const expected = hashAfter(module, 100);
    const engine = module.create({ preset: 'pyramid?base=5' });
    const bystander = module.create({ preset: 'rain?count=50' });
    const snapshot = engine.snapshot();
    const failures: TumbleError[] = [];
    engine.onFailure((error) => failures.push(error));

    trapNextAdvance = true;
    const crash = thrown(() => engine.advance(1 / 60));
    expect(crash.code).toBe(PANIC_CODE);
    expect(crash.message).toMatch(/unreachable/);
    expect(engine.failed && bystander.failed && module.failed).toBe(true);
    expect(failures).toEqual([crash]);

    // From now on nothing touches wasm: the same error, no calls, freeing is a no-op.
    const before = calls;
    expect(thrown(() => engine.advance(1 / 60))).toBe(crash);
    expect(thrown(() => engine.views())).toBe(crash);
    expect(thrown(() => bystander.spawn({ shape: { type: 'circle', radius: 1 }, position: [0, 0] }))).toBe(crash);
    expect(thrown(() => module.create({ preset: 'pyramid' }))).toBe(crash);
    snapshot.free();
    engine.free();
    bystander.free();
    expect(calls).toBe(before);
    expect(failures).toHaveLength(1);
    let late: TumbleError | null = null;
    module.onFailure((error) => (late = error));
    expect(late).toBe(crash); // subscribing after the fact still hears about it

    // A failed instance is never handed out again, even without `fresh`.
    const revived = await loadEngine({ flavour: 'simd', wasm });
    expect(revived).not.toBe(module);
    expect(revived.failed).toBe(false);
    expect(hashAfter(revived, 100)).toBe(expected);
    expect(await loadEngine({ flavour: 'simd' })).toBe(revived); // cached again
  });

  it('is not needed for fresh: true, which replaces a healthy instance and retires its engines', async () => {
    const old = await loadEngine({ flavour: 'simd', wasm });
    const engine = old.create({ preset: 'pyramid?base=3' });
    let retired: TumbleError | null = null;
    engine.onFailure((error) => (retired = error));
    const fresh = await loadEngine({ flavour: 'simd', fresh: true });
    expect(fresh).not.toBe(old);
    expect(retired).not.toBeNull();
    expect(thrown(() => engine.step()).code).toBe(PANIC_CODE);
    const again = fresh.create({ preset: 'pyramid?base=3' });
    again.step();
    expect(again.bodyCount).toBe(7);
    again.free();
  });
});
