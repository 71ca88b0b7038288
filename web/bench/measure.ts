/**
 * One benchmark row: one engine, one scene. Warm-up frames, then timed frames in a plain loop
 * (headless Chromium throttles requestAnimationFrame), each frame timed in three parts:
 * step, sync (poses into one Float32Array) and draw (the shared Canvas 2D routine).
 */

import { drawFrame, fitCamera, shapeList } from './draw';
import { FRAME_STRIDE, sink, type BenchEngine } from './engines/engine';
import { checkLayout, checkResult } from './sanity';
import { buildScene, type SceneName } from './scenes';

/** What the page is asked to run. */
export interface RowRequest {
  scene: SceneName;
  n: number;
  warmup: number;
  steps: number;
  /** Wall-clock milliseconds of {@link warmJit} before the row; 0 skips it. */
  jitWarmupMs: number;
}

/** Median and 95th percentile of one timed part, in milliseconds. */
export interface Timing {
  median: number;
  p95: number;
}

/** What one row measured. */
export interface RowResult {
  engineVersion: string;
  /** The engine's units when not metres (see {@link BenchEngine.units}), else `''`. */
  units: string;
  scene: SceneName;
  n: number;
  bodies: number;
  warmup: number;
  steps: number;
  step: Timing;
  sync: Timing;
  /**
   * Mean of {@link SYNC_BATCH} back-to-back syncs after the run: the precise figure when one
   * sync is only a few timer ticks (performance.now() moves in 5 µs steps when isolated).
   */
  syncBatchMean: number;
  draw: Timing;
  sane: boolean;
  check: string;
  /** How the initial poses compared with the shared scene list. */
  layout: string;
  /** Milliseconds to build the world, for the curious. */
  buildMs: number;
}

/** Syncs timed as one block for {@link RowResult.syncBatchMean}. */
export const SYNC_BATCH = 100;

/** The `q`-quantile by nearest rank, as `tumble-bench` computes it. */
export function quantile(samples: Float64Array, q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

function timing(samples: Float64Array): Timing {
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

/** The throwaway worlds {@link warmJit} steps: both shape kinds, each small. */
const JIT_WARMUP_SCENES: [SceneName, number][] = [
  ['pyramid', 10],
  ['rain', 300],
];

/**
 * Steps throwaway worlds for `ms` of wall time, so the engine's code runs optimised when the row
 * starts, as it does in any app after its first second. Without it, a small scene's 60 warm-up
 * steps last a few milliseconds: V8 compiles hot wasm and JS functions in the background and
 * swaps them in only on their next call (wasm has no on-stack replacement), so the timed steps
 * partly measured the baseline compiler, more or less depending on how busy the machine was.
 * Every engine gets the same warm-up.
 */
async function warmJit(engine: BenchEngine, ms: number): Promise<void> {
  for (const [name, n] of JIT_WARMUP_SCENES) {
    const world = engine.create(buildScene(name, n));
    const end = performance.now() + ms / JIT_WARMUP_SCENES.length;
    while (performance.now() < end) {
      const slice = performance.now() + 50;
      while (performance.now() < slice) world.step();
      // Let finished background compilations be installed.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    world.dispose();
  }
}

/** Runs one row of `engine` on `canvas`. */
export async function runRow(engine: BenchEngine, request: RowRequest, canvas: HTMLCanvasElement): Promise<RowResult> {
  const engineVersion = await engine.init();
  if (request.jitWarmupMs > 0) await warmJit(engine, request.jitWarmupMs);
  const scene = buildScene(request.scene, request.n);
  const shapes = shapeList(scene);
  const camera = fitCamera(scene, canvas.width, canvas.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no Canvas 2D context');
  const scratch = new Float32Array(scene.bodies.length * FRAME_STRIDE);

  const built = performance.now();
  const world = engine.create(scene);
  const buildMs = performance.now() - built;
  let verdict = checkLayout(scene, world.sync(scratch));
  const layout = verdict.check;

  for (let i = 0; i < request.warmup; i++) {
    world.step();
    drawFrame(ctx, world.sync(scratch), shapes, camera);
  }
  const step = new Float64Array(request.steps);
  const sync = new Float64Array(request.steps);
  const draw = new Float64Array(request.steps);
  let frame: Float32Array = scratch;
  for (let i = 0; i < request.steps; i++) {
    const t0 = performance.now();
    world.step();
    const t1 = performance.now();
    frame = world.sync(scratch);
    const t2 = performance.now();
    drawFrame(ctx, frame, shapes, camera);
    // Canvas 2D records commands and rasterises later; reading one pixel makes it rasterise now.
    sink.value += ctx.getImageData(0, 0, 1, 1).data[0];
    const t3 = performance.now();
    step[i] = t1 - t0;
    sync[i] = t2 - t1;
    draw[i] = t3 - t2;
  }
  if (verdict.sane) verdict = checkResult(scene, frame);
  const batchStart = performance.now();
  for (let i = 0; i < SYNC_BATCH; i++) world.sync(scratch);
  const syncBatchMean = (performance.now() - batchStart) / SYNC_BATCH;
  world.dispose();
  return {
    engineVersion,
    units: engine.units ?? '',
    scene: request.scene,
    n: request.n,
    bodies: scene.bodies.length,
    warmup: request.warmup,
    steps: request.steps,
    step: timing(step),
    sync: timing(sync),
    syncBatchMean,
    draw: timing(draw),
    sane: verdict.sane,
    check: verdict.check,
    layout,
    buildMs,
  };
}
