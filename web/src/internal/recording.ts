// Record and replay of a sandbox session: a start snapshot plus a log of every call that changed
// the world, replayed with single fixed steps. Replays are bit-exact because stepping from a
// restored snapshot is, and because the same calls on the same state give the same body ids.
//
// The timeline. A recording counts steps from `startStep` (the engine's stepCount when recording
// began) and only moves forward: each logged call gets the step the timeline had reached. While no
// restore or load happens, the timeline step is the engine's stepCount. Restore and load replace
// the whole world, stepCount included, so from them on the two differ. The recorder learns how many
// steps ran only when it is called (it never sees the frame loop). So the steps between the last
// logged call and a restore or load are not on the timeline: they cannot change what follows,
// because the whole world is replaced, but a replay does not show them.
//
// When calls are applied. A call logged at step s is applied after s steps have run and before
// step s+1 runs: the same moment the live run made it. Calls at one step keep their order.
// `seek(s)` applies the calls at s too, so `seek(endStep)` ends where the live run stopped.
//
// Logging. Log a call right after it succeeded: `engine.spawn(body); recorder.record('spawn',
// [body])`. A failed call must not be logged (the replay would fail there). A load must be logged
// after it ran: the recorder then reads the step count the loaded scene brought. After a restore
// (undo, redo), call `recordRestore()`: it logs its own snapshot of the result, so the caller's
// snapshot can be freed. What the log cannot name is recorded as a load of `engine.save()` made
// just after (`loadPreset`, `loadScene`); `setGravity` is `setSettings({ gravity })`. Selection
// and camera do not change physics and are not logged.
//
// Ownership. Snapshots hold wasm memory until freed. The recorder owns its start snapshot and one
// snapshot per logged restore; `stop()` hands them to the Recording and `discard()` frees them.
// `Recording.free()` frees them; a Replay only borrows them. A Replay owns its keyframes and
// frees them in `free()`. Snapshots belong to one wasm instance: replay on an engine of the same
// EngineModule.
//
// Memory and cost. A Replay keeps keyframes (snapshots) every `keyframeEvery` steps as it first
// plays through them, and spaces them out so that at most `maxKeyframes` fit between start and
// end: the spacing is chosen up front from the recording's length, so no keyframe is ever taken
// and then dropped. A seek restores the nearest keyframe at or before its step and steps from
// there, so it costs at most one spacing of steps (or continues from where the world is, when that
// is closer). A recording itself holds one world per logged restore.
//
// Error codes: replay.diverged (a logged call threw on replay: the log is corrupt, or the engine
// was changed between replay calls), recording.gap (the engine's stepCount went back with no
// restore or load logged), recording.stopped, recording.freed, replay.freed, arg.invalid.

import type { Engine, Snapshot } from './engine';
import { FREED_CODE, PANIC_CODE, TumbleError } from './errors';
import type { BodyDesc, JointDesc, Settings } from './types';

/** The engine calls a recording can hold (everything that changes the world apart from time). */
export type RecordedMethod =
  | 'spawn'
  | 'removeBody'
  | 'editBody'
  | 'addJoint'
  | 'removeJoint'
  | 'editJoint'
  | 'grab'
  | 'dragTo'
  | 'release'
  | 'setSettings'
  | 'restore'
  | 'load';

/** One logged call: at which timeline step, which engine method, with which arguments. */
export interface RecordedCall {
  readonly step: number;
  readonly method: RecordedMethod;
  /** The method's arguments, copied when logged. For `restore`: the recording's own Snapshot. */
  readonly args: readonly unknown[];
}

/** Default spacing of replay keyframes, in steps (2 s at 60 Hz). */
export const DEFAULT_KEYFRAME_EVERY = 120;

/** Default cap on the keyframes one Replay holds. */
export const DEFAULT_MAX_KEYFRAMES = 64;

/** How each logged call is made again. */
const APPLY: Record<RecordedMethod, (engine: Engine, args: readonly unknown[]) => unknown> = {
  spawn: (e, a) => e.spawn(a[0] as BodyDesc),
  removeBody: (e, a) => e.removeBody(a[0] as number),
  editBody: (e, a) => e.editBody(a[0] as number, a[1] as BodyDesc),
  addJoint: (e, a) => e.addJoint(a[0] as JointDesc),
  removeJoint: (e, a) => e.removeJoint(a[0] as number),
  editJoint: (e, a) => e.editJoint(a[0] as number, a[1] as JointDesc),
  grab: (e, a) => e.grab(a[0] as number, a[1] as number),
  dragTo: (e, a) => e.dragTo(a[0] as number, a[1] as number),
  release: (e) => e.release(),
  setSettings: (e, a) => e.setSettings(a[0] as Partial<Settings>),
  restore: (e, a) => e.restore(a[0] as Snapshot),
  load: (e, a) => e.load(a[0] as string),
};

/**
 * Logs a live session on one engine. Create it when recording starts, log each world-changing
 * call as it succeeds, and `stop()` to get the Recording. See the file header for the rules.
 */
export class Recorder {
  private readonly start: Snapshot;
  private readonly log: RecordedCall[] = [];
  private readonly first: number;
  /** The timeline step reached so far. */
  private timeline: number;
  /** The engine's stepCount when the recorder last looked. */
  private seen: number;
  private done = false;

  /** Takes a snapshot of the engine's state now (the recorder owns it) and its stepCount. */
  constructor(private readonly engine: Engine) {
    this.first = this.timeline = this.seen = engine.stepCount;
    this.start = engine.snapshot();
  }

  /** Calls logged so far. */
  get calls(): number {
    return this.log.length;
  }

  /** The engine's stepCount when recording began: the recording's first step. */
  get startStep(): number {
    return this.first;
  }

  /**
   * Logs a call the caller just made successfully, at the timeline's current step. `args` are
   * deep-copied (`structuredClone`), so changing them later does not change the log. A `load` must
   * be logged after it ran; other calls do not change stepCount, so just before works too. For a
   * restore use `recordRestore()`.
   */
  record(method: Exclude<RecordedMethod, 'restore'>, args: readonly unknown[]): void {
    this.open();
    if (!(method in APPLY) || method === ('restore' as RecordedMethod)) {
      throw new TumbleError('arg.invalid', `record() cannot log '${method}'; log a restore with recordRestore().`);
    }
    const copy = structuredClone(args);
    if (method === 'load') this.seen = this.engine.stepCount;
    else this.catchUp();
    this.log.push(Object.freeze({ step: this.timeline, method, args: Object.freeze(copy) }));
  }

  /** After the caller restored some state: logs a recorder-owned snapshot of the engine's state now. */
  recordRestore(): void {
    this.open();
    const snapshot = this.engine.snapshot();
    this.seen = this.engine.stepCount;
    this.log.push(Object.freeze({ step: this.timeline, method: 'restore', args: Object.freeze([snapshot]) }));
  }

  /**
   * Ends recording: the Recording holds the start snapshot, the calls, `endStep` (the timeline
   * step now: the engine's stepCount if no restore or load was logged) and the engine's
   * `stateHash()`. It owns the snapshots from now on; this recorder accepts no more calls.
   */
  stop(): Recording {
    this.open();
    const endStep = this.catchUp();
    const endHash = this.engine.stateHash();
    this.done = true;
    return new Recording(this.start, this.log, this.first, endStep, endHash);
  }

  /** Abandons the recording and frees its snapshots. Safe to call twice, and after `stop()` (then it does nothing). */
  discard(): void {
    if (this.done) return;
    this.done = true;
    this.start.free();
    for (const snapshot of restoredStates(this.log)) snapshot.free();
  }

  private open(): void {
    if (this.done) throw new TumbleError('recording.stopped', 'This recorder was stopped or discarded; start a new Recorder.');
  }

  /** Moves the timeline by the steps the engine ran since the last look; returns the step reached. */
  private catchUp(): number {
    const now = this.engine.stepCount;
    if (now < this.seen) {
      throw new TumbleError(
        'recording.gap',
        `The engine's step count went back from ${this.seen} to ${now} with no restore or load logged, so the recording cannot reproduce it: call recordRestore() after each restore and record('load', ...) after each load.`,
      );
    }
    this.timeline += now - this.seen;
    this.seen = now;
    return this.timeline;
  }
}

/** The snapshots that a log's restore calls hold. */
function restoredStates(calls: readonly RecordedCall[]): Snapshot[] {
  return calls.filter((c) => c.method === 'restore').map((c) => c.args[0] as Snapshot);
}

/**
 * A finished recording: the start state, the calls, and where and how the live run ended. It owns
 * the start snapshot and the snapshots of its restore calls: `free()` it when no longer needed.
 */
export class Recording {
  private released = false;
  /** The calls, in the order they were made; their steps never decrease. */
  readonly calls: readonly RecordedCall[];

  /**
   * Use `Recorder.stop`. Takes `startState` and every restore call's snapshot: `free()` frees them.
   */
  constructor(
    /** The world at `startStep`, before any call at that step. Owned by this recording: do not free it. */
    readonly startState: Snapshot,
    calls: readonly RecordedCall[],
    /** The engine's stepCount when recording began. */
    readonly startStep: number,
    /** The timeline step when recording stopped. */
    readonly endStep: number,
    /** The live world's `stateHash()` at `endStep`, after its calls. */
    readonly endHash: string,
  ) {
    this.calls = Object.freeze([...calls]);
  }

  /** True after `free()`. */
  get freed(): boolean {
    return this.released;
  }

  /** Frees the snapshots. Replays of it stop working. Safe to call twice. */
  free(): void {
    if (this.released) return;
    this.released = true;
    this.startState.free();
    for (const snapshot of restoredStates(this.calls)) snapshot.free();
  }
}

/** The world after `step` steps with `calls[0 .. nextCall)` applied. */
interface Keyframe {
  readonly step: number;
  readonly nextCall: number;
  readonly snapshot: Snapshot;
}

export interface ReplayOptions {
  /** Steps between keyframes (default DEFAULT_KEYFRAME_EVERY): a seek steps at most this far. */
  keyframeEvery?: number;
  /** Most keyframes held (default DEFAULT_MAX_KEYFRAMES); long recordings get them spaced wider. */
  maxKeyframes?: number;
}

/**
 * Plays a Recording on an engine, with seeking. Between replay calls leave the engine alone: a
 * replay continues from the world it left. (If the engine stepped meanwhile, the next seek notices
 * and restores a keyframe; other changes it cannot see.)
 */
export class Replay {
  /** Steps between keyframes. */
  private readonly spacing: number;
  /** Keyframes this replay took, by step. The start state is the recording's. */
  private readonly keyframes: Keyframe[] = [];
  /** The timeline step the world is at. */
  private position: number;
  /** The first call not yet applied. */
  private nextCall = 0;
  /** The engine's stepCount when this replay last left it, or null when its world is not the replay's. */
  private engineSteps: number | null = null;
  private released = false;

  /**
   * Restores the recording's start state into `engine` and applies the calls made at the first
   * step: the replay is then at `startStep`.
   */
  constructor(
    private readonly engine: Engine,
    private readonly recording: Recording,
    options: ReplayOptions = {},
  ) {
    const every = options.keyframeEvery ?? DEFAULT_KEYFRAME_EVERY;
    const max = options.maxKeyframes ?? DEFAULT_MAX_KEYFRAMES;
    if (!Number.isInteger(every) || every < 1) {
      throw new TumbleError('arg.invalid', `keyframeEvery must be a whole number of steps, at least 1 (got ${every}).`);
    }
    if (!Number.isInteger(max) || max < 0) {
      throw new TumbleError('arg.invalid', `maxKeyframes must be a whole number, at least 0 (got ${max}).`);
    }
    const span = recording.endStep - recording.startStep;
    this.spacing = max === 0 ? Infinity : Math.max(every, Math.ceil(span / max));
    this.position = recording.startStep;
    this.seek(recording.startStep);
  }

  /** The timeline step the world is at. */
  get step(): number {
    return this.position;
  }

  get startStep(): number {
    return this.recording.startStep;
  }

  get endStep(): number {
    return this.recording.endStep;
  }

  /** True at `endStep`, with its calls applied. */
  get atEnd(): boolean {
    return this.position === this.recording.endStep && this.holdsItsWorld();
  }

  /** Keyframes held now (at most `maxKeyframes`). */
  get keyframeCount(): number {
    return this.keyframes.length;
  }

  /**
   * Puts the world at `step` (clamped to [startStep, endStep]; fractions round down), with every
   * call logged up to and including that step applied. Throws `replay.diverged` if a call throws.
   */
  seek(step: number): void {
    this.usable();
    if (Number.isNaN(step)) throw new TumbleError('arg.invalid', 'seek() needs a step number (got NaN).');
    const target = Math.floor(Math.min(Math.max(step, this.recording.startStep), this.recording.endStep));
    const from = this.keyframeAtOrBefore(target);
    if (!(this.holdsItsWorld() && this.position <= target && this.position >= from.step)) {
      this.engine.restore(from.snapshot);
      this.position = from.step;
      this.nextCall = from.nextCall;
    }
    this.engineSteps = null;
    this.applyDueCalls();
    while (this.position < target) {
      this.engine.step();
      this.position += 1;
      this.applyDueCalls();
      this.keepKeyframe();
    }
    this.engineSteps = this.engine.stepCount;
  }

  /** Advances by `n` steps (stopping at `endStep`), applying calls. Returns the steps taken. */
  forward(n: number): number {
    if (!Number.isInteger(n) || n < 0) {
      throw new TumbleError('arg.invalid', `forward() takes a whole number of steps, at least 0 (got ${n}).`);
    }
    const before = this.position;
    this.seek(this.position + n);
    return this.position - before;
  }

  /** Whether the world's hash equals the live run's at `endStep`; false when not `atEnd`. */
  matchesLive(): boolean {
    this.usable();
    return this.atEnd && this.engine.stateHash() === this.recording.endHash;
  }

  /** Frees the keyframes (not the recording, not the engine). Safe to call twice. */
  free(): void {
    if (this.released) return;
    this.released = true;
    for (const keyframe of this.keyframes) keyframe.snapshot.free();
    this.keyframes.length = 0;
  }

  private usable(): void {
    if (this.released) throw new TumbleError('replay.freed', 'This replay was freed; make a new Replay.');
    if (this.recording.freed) {
      throw new TumbleError('recording.freed', 'The recording of this replay was freed; it can no longer be replayed.');
    }
  }

  /** Whether the engine still holds the world this replay left (as far as its stepCount tells). */
  private holdsItsWorld(): boolean {
    return this.engineSteps !== null && this.engine.stepCount === this.engineSteps;
  }

  /** The latest keyframe at or before `step`: one of this replay's, or the recording's start. */
  private keyframeAtOrBefore(step: number): Keyframe {
    let best: Keyframe = { step: this.recording.startStep, nextCall: 0, snapshot: this.recording.startState };
    for (const keyframe of this.keyframes) {
      if (keyframe.step > step) break;
      best = keyframe;
    }
    return best;
  }

  /** Applies every call logged at or before the current step that is not applied yet. */
  private applyDueCalls(): void {
    const calls = this.recording.calls;
    while (this.nextCall < calls.length && calls[this.nextCall]!.step <= this.position) {
      const call = calls[this.nextCall]!;
      try {
        APPLY[call.method](this.engine, call.args);
      } catch (thrown) {
        const error = thrown instanceof TumbleError ? thrown : new TumbleError('internal', String(thrown));
        if (error.code === PANIC_CODE || error.code === FREED_CODE) throw error;
        throw new TumbleError(
          'replay.diverged',
          `Replay diverged at step ${call.step}: ${call.method} (call ${this.nextCall} of the log) failed with ${error.code} ` +
            `(${error.message}). The log does not fit its start state: it is corrupt, or the engine was changed between replay calls.`,
        );
      }
      this.nextCall += 1;
    }
  }

  /** Takes a keyframe here if the spacing puts one here and there is none yet. */
  private keepKeyframe(): void {
    const offset = this.position - this.recording.startStep;
    if (offset % this.spacing !== 0) return;
    const at = this.keyframes.findIndex((k) => k.step >= this.position);
    if (at >= 0 && this.keyframes[at]!.step === this.position) return;
    const keyframe = { step: this.position, nextCall: this.nextCall, snapshot: this.engine.snapshot() };
    if (at < 0) this.keyframes.push(keyframe);
    else this.keyframes.splice(at, 0, keyframe);
  }
}
