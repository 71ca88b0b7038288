// Calls into wasm per frame must not depend on the body count. Its own file: vitest isolates
// files, so the glue module here is instantiated fresh, through the counting wrapper below.
import { describe, expect, it } from 'vitest';
import { loadEngine, type Engine, type EngineModule } from './engine';

import { wasmBytes } from './testing/engine';

describe('boundary crossings', () => {
  it('are the same per frame for 100 and 10 000 bodies', async () => {
    let calls = 0;
    const real = WebAssembly.instantiate;
    // Count every call into wasm: hand the glue a copy of the exports with counting wrappers.
    (WebAssembly as { instantiate: unknown }).instantiate = async (m: never, imports: never) => {
      const result = (await real(m, imports)) as unknown;
      // Bytes give { module, instance }; a compiled module gives the instance alone.
      const instance =
        result instanceof WebAssembly.Instance
          ? result
          : (result as WebAssembly.WebAssemblyInstantiatedSource).instance;
      const counted: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(instance.exports)) {
        counted[name] =
          typeof value === 'function'
            ? (...args: unknown[]) => {
                calls++;
                return (value as (...a: unknown[]) => unknown)(...args);
              }
            : value;
      }
      const wrapped = { exports: counted };
      return result instanceof WebAssembly.Instance
        ? wrapped
        : { module: (result as WebAssembly.WebAssemblyInstantiatedSource).module, instance: wrapped };
    };
    let module: EngineModule;
    try {
      module = await loadEngine({ flavour: 'simd', wasm: wasmBytes('simd') });
    } finally {
      (WebAssembly as { instantiate: unknown }).instantiate = real;
    }
    const perFrame = (engine: Engine) => {
      // Let the scene settle first, so the frames measured are ordinary ones. (A memory growth
      // costs no call either: views() re-derives from the header address read at creation.)
      for (let frame = 0; frame < 60; frame++) engine.advance(1 / 60);
      engine.views();
      const start = calls;
      let sum = 0;
      for (let frame = 0; frame < 10; frame++) {
        engine.advance(1 / 60);
        const v = engine.views();
        for (let i = 0; i < v.transforms.length; i++) sum += v.transforms[i]!;
      }
      expect(Number.isFinite(sum)).toBe(true);
      return (calls - start) / 10;
    };
    const small = module.create({ preset: 'rain?count=100' });
    const big = module.create({ preset: 'rain?count=10000' });
    const smallCalls = perFrame(small);
    const bigCalls = perFrame(big);
    console.log(`wasm calls per frame: ${smallCalls} (100 bodies), ${bigCalls} (10 000 bodies)`);
    expect(bigCalls).toBe(smallCalls);
    expect(smallCalls).toBeGreaterThanOrEqual(1); // the counter is really counting
    expect(smallCalls).toBeLessThanOrEqual(3);
    small.free();
    big.free();
  });
});

