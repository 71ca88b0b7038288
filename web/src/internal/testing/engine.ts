// What the unit tests share: the real wasm from web/pkg (built by `npm run build:wasm`), and
// assertions that a call fails with a TumbleError.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { loadEngine, type EngineModule, type Flavour } from '../engine';
import { TumbleError } from '../errors';

/** The repository root. */
export const ROOT = new URL('../../../../', import.meta.url);

/** The bytes of one build of the module. */
export function wasmBytes(flavour: Flavour = 'simd'): Buffer {
  return readFileSync(new URL(`web/pkg/${flavour}/tumble_wasm_bg.wasm`, ROOT));
}

/** This page's (this test file's) instance of a build, from the bytes in web/pkg. */
export function loadTestEngine(flavour: Flavour = 'simd'): Promise<EngineModule> {
  return loadEngine({ flavour, wasm: wasmBytes(flavour) });
}

/** The TumbleError `fn` throws; fails the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): TumbleError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TumbleError);
    return e as TumbleError;
  }
  throw new Error('expected a TumbleError');
}

/** The TumbleError `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<TumbleError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(TumbleError);
    return e as TumbleError;
  }
  throw new Error('expected a TumbleError');
}
