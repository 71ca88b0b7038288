// A trial of a scene's exact solver state in a throwaway engine, on a Worker.
//
// A save's `solverState` is rapier's internals, and a crafted one can panic inside rapier or,
// in principle, loop forever (README, known issues). Before the page's own engine loads such a
// scene, a dedicated worker instantiates the engine module, loads the text and runs TRIAL_STEPS
// steps. A trap there costs a worker; a loop is cut off by TRIAL_TIMEOUT_MS and the worker is
// terminated. Either way the page's engine never sees the state, and the element loads the
// scene from its readable part.
//
// Where no worker can run (a CSP without the page's own origin for workers, an engine given as
// bytes), the outcome is 'unavailable' and the element falls back to trying the state in its own
// engine, which contains a trap (a new instance) but not a loop.

import type { EngineModule, Flavour } from '../internal/engine';

/** Steps a scene with an exact solver state is tried for (as the fuzz harness does). */
export const TRIAL_STEPS = 10;

/**
 * How long the trial may take before it counts as hung. Loading and stepping the largest scene
 * the limits allow takes well under a second; compiling the module in the worker is most of the
 * wait on a slow machine.
 */
export const TRIAL_TIMEOUT_MS = 10_000;

/** What the trial found: the state ran, trapped, never finished, or could not be tried. */
export type TrialOutcome = 'passed' | 'crashed' | 'hung' | 'unavailable';

/** The message the page sends the worker. */
export interface TrialRequest {
  flavour: Flavour;
  /** The engine module's `.wasm`, fetched again by the worker (from the HTTP cache). */
  wasmUrl: string;
  json: string;
  steps: number;
}

/** The worker's answer. A scene the engine refuses with a typed error passes: loading it in the
 * page reports that error as usual. */
export interface TrialReply {
  outcome: Exclude<TrialOutcome, 'hung'>;
}

/**
 * Tries `json` (scene text with a `solverState`) in a worker running the same build as `module`.
 * Never rejects.
 */
export function trySolverState(
  json: string,
  module: EngineModule,
  timeoutMs: number = TRIAL_TIMEOUT_MS,
): Promise<TrialOutcome> {
  const wasmUrl = module.url;
  if (!wasmUrl || typeof Worker === 'undefined') return Promise.resolve('unavailable');
  let worker: Worker;
  try {
    // Literal `new URL(..., import.meta.url)` inside `new Worker`: Vite bundles the worker.
    worker = new Worker(new URL('./solver-state-trial.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve('unavailable');
  }
  return new Promise<TrialOutcome>((resolve) => {
    const finish = (outcome: TrialOutcome) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('hung'), timeoutMs);
    worker.onmessage = (event: MessageEvent<TrialReply>) => finish(event.data.outcome);
    // The script did not load (a CSP, a network error) or the worker died without replying.
    worker.onerror = (event) => {
      event.preventDefault();
      finish('unavailable');
    };
    const request: TrialRequest = { flavour: module.flavour, wasmUrl: wasmUrl.href, json, steps: TRIAL_STEPS };
    worker.postMessage(request);
  });
}
