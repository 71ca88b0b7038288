// The trial's page side in Node: where there is no worker, or the engine came from bytes (no URL a
// worker could fetch), the trial says so at once and the element tries the state in its own
// engine. The worker paths run in Chromium (web/e2e/share-link.test.ts).
import { describe, expect, it } from 'vitest';
import { loadTestEngine } from '../internal/testing/engine';
import { trySolverState } from './solver-state-trial';

describe('trySolverState', () => {
  it('is unavailable for an engine loaded from bytes, which has no URL to hand a worker', async () => {
    const module = await loadTestEngine();
    expect(module.url).toBeNull();
    const save = module.create({ preset: 'pyramid?base=3' }).save();
    expect(save).toContain('"solverState"');
    expect(await trySolverState(save, module)).toBe('unavailable');
  });

  it('is unavailable where the runtime has no Worker, without waiting for a timeout', async () => {
    const module = await loadTestEngine();
    const withUrl = Object.create(module, { url: { value: new URL('https://example.test/simd/tumble_wasm_bg.wasm') } });
    expect(typeof Worker).toBe('undefined');
    const started = Date.now();
    expect(await trySolverState('{}', withUrl, 60_000)).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
