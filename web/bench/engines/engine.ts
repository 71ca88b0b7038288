/**
 * What the benchmark needs from a physics engine: build a scene, step it, and hand over every
 * body's pose as one Float32Array that the shared draw routine reads.
 */

import type { BenchScene } from '../scenes';

/**
 * Floats per body in a frame array: `x, y, cos, sin` (metres, y up). This is Tumble's transform
 * layout, so Tumble hands over its view as is; the other engines fill a preallocated array of
 * this layout from their per-body getters, which includes turning their angle into cos and sin.
 */
export const FRAME_STRIDE = 4;

/** One engine's world holding one benchmark scene. */
export interface BenchWorld {
  /** Advances one fixed step of 1/60 s. */
  step(): void;
  /**
   * Everything a renderer does each frame to get every body's pose into one Float32Array in
   * scene order, {@link FRAME_STRIDE} floats per body. `scratch` is preallocated for engines that
   * must copy; an engine whose memory already holds that array returns its own.
   */
  sync(scratch: Float32Array): Float32Array;
  /** Frees the world. */
  dispose(): void;
}

/** A physics engine under test. */
export interface BenchEngine {
  /** Stable id used in results, e.g. `rapier2d-compat`. */
  readonly id: string;
  /**
   * The engine's own units when they are not the scene's metres, e.g. `1 m = 50 px`: the table
   * prints it beside the engine's name.
   */
  readonly units?: string;
  /** Loads the engine (wasm instantiation and so on) and returns its version string. */
  init(): Promise<string>;
  /** Builds `scene` in a new world. */
  create(scene: BenchScene): BenchWorld;
}

/** A sink the JIT cannot prove unused, for loops that only read. */
export const sink = { value: 0 };
