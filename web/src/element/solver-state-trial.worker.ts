// The worker side of solver-state-trial.ts: instantiates the engine module, loads the scene text
// and steps it, then says whether that trapped. The page terminates it if it never answers.

import type { TrialReply, TrialRequest } from './solver-state-trial';

addEventListener('message', (event: MessageEvent<TrialRequest>) => {
  void trial(event.data).then((reply) => postMessage(reply));
});

async function trial({ flavour, wasmUrl, json, steps }: TrialRequest): Promise<TrialReply> {
  let glue;
  try {
    // Literal specifiers, as in engine.ts, so the bundler includes both builds.
    glue =
      flavour === 'simd' ? await import('../../pkg/simd/tumble_wasm.js') : await import('../../pkg/baseline/tumble_wasm.js');
    await glue.default({ module_or_path: wasmUrl });
  } catch {
    return { outcome: 'unavailable' };
  }
  try {
    const sandbox = glue.Sandbox.fromJson(json);
    for (let i = 0; i < steps; i++) sandbox.step();
    sandbox.free();
    return { outcome: 'passed' };
  } catch (error) {
    // Expected failures come back as errors with a `code`; anything else is a trap (a panic, a
    // stack overflow), and the instance is unusable.
    return { outcome: isTypedError(error) ? 'passed' : 'crashed' };
  }
}

function isTypedError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
