// The worker side of solver-state-trial.ts: instantiates the engine module, loads the scene text
// and steps it, then says whether that trapped. The page terminates it if it never answers.

import { toTumbleError } from '../internal/errors';
import { importGlue } from '../internal/glue';
import type { TrialReply, TrialRequest } from './solver-state-trial';

addEventListener('message', (event: MessageEvent<TrialRequest>) => {
  void trial(event.data).then((reply) => postMessage(reply));
});

async function trial({ flavour, wasmUrl, json, steps }: TrialRequest): Promise<TrialReply> {
  let glue;
  try {
    glue = await importGlue(flavour);
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
    // A trap (a panic, a stack overflow) is what the trial is for. Any other error is one the
    // page's own load will throw and report.
    return { outcome: toTumbleError(error).trapped ? 'crashed' : 'passed' };
  }
}
