// Record and replay against the real wasm (SIMD build) in Node: a live session with every kind of
// logged call, interleaved with frames of varying length, replays to the live run's exact hash;
// seeks agree with a straight replay; keyframes stay bounded and every snapshot gets freed.
import { describe, expect, it, vi } from 'vitest';
import { type Engine, type EngineModule, type Snapshot } from './engine';
import { Recorder, Recording, Replay, type RecordedCall, type RecordedMethod } from './recording';
import { mulberry32 } from './testing/prng';
import type { BodyDesc, JointDesc } from './types';

import { loadTestEngine, thrown } from './testing/engine';

const load = () => loadTestEngine('simd');

const ball = (x: number, y: number): BodyDesc => ({ shape: { type: 'circle', radius: 0.4 }, position: [x, y] });
const box = (x: number, y: number): BodyDesc => ({ shape: { type: 'box', width: 1, height: 0.6 }, position: [x, y] });


function isFreed(snapshot: Snapshot, module: EngineModule): boolean {
  try {
    snapshot.unwrap(module);
    return false;
  } catch {
    return true;
  }
}

/** Every snapshot `engine.snapshot()` returned since the call, in order. */
function trackSnapshots(engine: Engine): () => Snapshot[] {
  const spy = vi.spyOn(engine, 'snapshot');
  return () => spy.mock.results.map((r) => r.value as Snapshot);
}

/**
 * A live session as the sandbox's frame loop makes it: frames of varying length, and edits between
 * them, each logged right after it succeeded. Returns the recording and the hash the world started at.
 */
function liveSession(engine: Engine): { recording: Recording; startHash: string } {
  const recorder = new Recorder(engine);
  const startHash = engine.stateHash();
  const frames = (count: number, dt = 1 / 60) => {
    for (let i = 0; i < count; i++) engine.advance(dt);
  };
  const logged = <T>(method: Exclude<RecordedMethod, 'restore'>, args: unknown[], call: () => T): T => {
    const result = call();
    recorder.record(method, args);
    return result;
  };

  frames(5);
  const a = logged('spawn', [ball(-1, 6)], () => engine.spawn(ball(-1, 6)));
  const b = logged('spawn', [box(0.5, 6)], () => engine.spawn(box(0.5, 6)));
  const c = logged('spawn', [ball(3, 9)], () => engine.spawn(ball(3, 9)));
  frames(6, 0.05);
  const joint: JointDesc = { type: 'revolute', bodyA: a, bodyB: b, anchorA: [0.75, 0], anchorB: [-0.75, 0] };
  logged('addJoint', [joint], () => engine.addJoint(joint));
  frames(7);
  logged('removeBody', [c], () => engine.removeBody(c));
  const edited = { ...engine.body(b), linearVelocity: [3, 4] as [number, number], angularVelocity: 2 };
  logged('editBody', [b, edited], () => engine.editBody(b, edited));
  edited.linearVelocity = [-50, 0]; // the log holds a copy: this must not reach the replay
  frames(3, 1 / 30);

  const [x, y] = engine.body(a).position;
  expect(logged('grab', [x, y], () => engine.grab(x, y))).toBe(a);
  for (let i = 1; i <= 6; i++) {
    logged('dragTo', [x + 0.4 * i, y + 0.3 * i], () => engine.dragTo(x + 0.4 * i, y + 0.3 * i));
    frames(1, i % 2 ? 1 / 60 : 0.05);
  }
  logged('release', [], () => engine.release());
  frames(4, 0.05);
  logged('setSettings', [{ gravity: [2, -6] }], () => engine.setSettings({ gravity: [2, -6] }));
  frames(10);

  // An undo: the edit and the frames after it are taken back, then the session goes on.
  const before = engine.snapshot();
  logged('spawn', [ball(0, 12)], () => engine.spawn(ball(0, 12)));
  frames(8);
  engine.restore(before);
  before.free();
  recorder.recordRestore();
  frames(2, 0.05);
  // Body ids after the restore must come out the same on replay, or this edit would fail there.
  const d = logged('spawn', [box(-2, 10)], () => engine.spawn(box(-2, 10)));
  frames(5);
  const heavier = { ...engine.body(d), density: 5, angularVelocity: 3 };
  logged('editBody', [d, heavier], () => engine.editBody(d, heavier));
  frames(12, 1 / 60);
  frames(3, 0.05);

  expect(recorder.calls).toBe(19);
  return { recording: recorder.stop(), startHash };
}

/** A straight replay: from the start, one step at a time, the hash at every step. */
function straightHashes(engine: Engine, recording: Recording): Map<number, string> {
  const replay = new Replay(engine, recording, { maxKeyframes: 0 });
  const hashes = new Map([[replay.step, engine.stateHash()]]);
  while (replay.forward(1) === 1) hashes.set(replay.step, engine.stateHash());
  expect(replay.keyframeCount).toBe(0);
  replay.free();
  return hashes;
}

/** The same recording with its calls changed; shares the original's snapshots (free only one). */
const withCalls = (recording: Recording, calls: readonly RecordedCall[]) =>
  new Recording(recording.startState, calls, recording.startStep, recording.endStep, recording.endHash);

describe('record and replay', () => {
  it('replays a live session with every kind of call to the live hash', async () => {
    const engine = (await load()).create({ preset: 'pyramid?base=4' });
    const { recording, startHash } = liveSession(engine);
    const liveSteps = engine.stepCount;
    expect(recording.endHash).toBe(engine.stateHash());
    expect(recording.endHash).not.toBe(startHash);
    // The undo went back to the step of the last logged call, so the timeline still agrees with
    // the engine's count: the steps it took back are not on the timeline.
    expect(recording.endStep).toBe(liveSteps);
    expect(recording.endStep - recording.startStep).toBeGreaterThan(80);
    expect(recording.calls.map((c) => c.method)).toContain('restore');

    const replay = new Replay(engine, recording);
    expect(replay.step).toBe(recording.startStep);
    expect(replay.atEnd).toBe(false);
    expect(replay.matchesLive()).toBe(false);
    replay.seek(Infinity);
    expect(replay.atEnd).toBe(true);
    expect(engine.stateHash()).toBe(recording.endHash);
    expect(replay.matchesLive()).toBe(true);
    expect(engine.stepCount).toBe(liveSteps);

    // Control: the same log without its last call (an edit of a body spawned after the restore) ends elsewhere.
    const control = new Replay(engine, withCalls(recording, recording.calls.slice(0, -1)));
    control.seek(control.endStep);
    expect(control.atEnd).toBe(true);
    expect(control.matchesLive()).toBe(false);
    expect(engine.stateHash()).not.toBe(recording.endHash);
    // A call before the restore cannot matter: the restored snapshot brings back everything.
    const restoreAt = recording.calls.findIndex((c) => c.method === 'restore');
    const masked = new Replay(engine, withCalls(recording, recording.calls.filter((_, i) => i !== restoreAt - 2)));
    expect(recording.calls[restoreAt - 2]!.method).toBe('setSettings');
    masked.seek(masked.endStep);
    expect(masked.matchesLive()).toBe(true);

    masked.free();
    control.free();
    replay.free();
    recording.free();
    engine.free();
  });

  it('seeks anywhere, back and forth, to the hash of a straight replay', async () => {
    const engine = (await load()).create({ preset: 'pyramid?base=4' });
    const { recording } = liveSession(engine);
    const straight = straightHashes(engine, recording);
    expect(straight.size).toBe(recording.endStep - recording.startStep + 1);
    expect(straight.get(recording.endStep)).toBe(recording.endHash);
    expect(new Set(straight.values()).size).toBeGreaterThan(straight.size / 2); // the world moves

    const random = mulberry32(0x5eed);
    for (const options of [{}, { keyframeEvery: 7 }, { keyframeEvery: 1, maxKeyframes: 5 }]) {
      const replay = new Replay(engine, recording, options);
      const { startStep, endStep } = replay;
      const seekTo = (step: number) => {
        replay.seek(step);
        expect(replay.step).toBe(step);
        expect(engine.stateHash(), `seek(${step}) with ${JSON.stringify(options)}`).toBe(straight.get(step));
      };
      seekTo(Math.floor((startStep + endStep) / 2));
      seekTo(startStep);
      seekTo(endStep);
      seekTo(startStep + 3);
      for (let i = 0; i < 40; i++) seekTo(startStep + Math.floor(random() * (endStep - startStep + 1)));
      // Every logged call's own step, where keyframes and calls meet.
      for (const call of recording.calls.slice().reverse()) seekTo(call.step);
      replay.seek(endStep - 10);
      expect(replay.forward(4)).toBe(4);
      expect(engine.stateHash()).toBe(straight.get(endStep - 6));
      expect(replay.forward(100)).toBe(6);
      expect(replay.matchesLive()).toBe(true);
      replay.free();
    }
    recording.free();
    engine.free();
  });

  it('restores a keyframe when the engine stepped between replay calls', async () => {
    const engine = (await load()).create({ preset: 'pyramid?base=4' });
    const { recording } = liveSession(engine);
    const straight = straightHashes(engine, recording);
    const replay = new Replay(engine, recording, { keyframeEvery: 10 });
    replay.seek(50);
    engine.advance(0.1); // the frame loop left running by mistake
    expect(replay.atEnd).toBe(false);
    replay.seek(60);
    expect(engine.stateHash()).toBe(straight.get(60));
    replay.free();
    recording.free();
    engine.free();
  });

  it('keeps at most maxKeyframes, and frees every snapshot it took', async () => {
    const module = await load();
    const engines = module.liveCount();
    const engine = module.create({ preset: 'pyramid?base=4' });
    const recorderSnapshots = trackSnapshots(engine);
    const { recording } = liveSession(engine);
    const ownedByRecording = recorderSnapshots().filter((s) => !isFreed(s, module));
    expect(ownedByRecording).toHaveLength(2); // the start and the one restore
    vi.restoreAllMocks();

    for (const maxKeyframes of [1, 5, 64]) {
      const taken = trackSnapshots(engine);
      const replay = new Replay(engine, recording, { keyframeEvery: 1, maxKeyframes });
      const random = mulberry32(maxKeyframes);
      replay.seek(replay.endStep);
      for (let i = 0; i < 30; i++) replay.seek(Math.floor(random() * replay.endStep));
      const live = taken().filter((s) => !isFreed(s, module));
      expect(replay.keyframeCount).toBeGreaterThan(0);
      expect(replay.keyframeCount).toBeLessThanOrEqual(maxKeyframes);
      expect(live).toHaveLength(replay.keyframeCount);
      if (maxKeyframes === 64) expect(replay.keyframeCount).toBeGreaterThan(32); // spread, not just a few

      replay.free();
      replay.free();
      expect(taken().every((s) => isFreed(s, module))).toBe(true);
      expect(thrown(() => replay.seek(0)).code).toBe('replay.freed');
      expect(ownedByRecording.some((s) => isFreed(s, module))).toBe(false); // a replay borrows them
      vi.restoreAllMocks();
    }

    recording.free();
    expect(ownedByRecording.every((s) => isFreed(s, module))).toBe(true);
    expect(thrown(() => new Replay(engine, recording)).code).toBe('recording.freed');
    engine.free();
    expect(module.liveCount()).toBe(engines);
  });

  it('frees the snapshots of a discarded recorder, and accepts nothing after stop', async () => {
    const module = await load();
    const engine = module.create({ preset: 'pyramid?base=3' });
    const taken = trackSnapshots(engine);
    const discarded = new Recorder(engine);
    engine.advance(0.05);
    const state = engine.snapshot();
    engine.restore(state);
    discarded.recordRestore();
    discarded.discard();
    discarded.discard();
    expect(taken().filter((s) => s !== state).every((s) => isFreed(s, module))).toBe(true);
    state.free();

    const recorder = new Recorder(engine);
    recorder.stop().free();
    expect(thrown(() => recorder.record('release', [])).code).toBe('recording.stopped');
    expect(thrown(() => recorder.recordRestore()).code).toBe('recording.stopped');
    vi.restoreAllMocks();
    engine.free();
  });

  it('refuses a step count that went back without a logged restore', async () => {
    const engine = (await load()).create({ preset: 'pyramid?base=3' });
    const state = engine.snapshot();
    const recorder = new Recorder(engine);
    engine.advance(0.1);
    recorder.record('release', []);
    engine.advance(0.05);
    engine.restore(state);
    expect(thrown(() => recorder.record('release', [])).code).toBe('recording.gap');
    recorder.discard();
    state.free();
    engine.free();
  });

  it('throws replay.diverged, naming the step and method, on a corrupt log', async () => {
    const engine = (await load()).create({ preset: 'pyramid?base=4' });
    const { recording } = liveSession(engine);
    const straight = straightHashes(engine, recording);
    const at = recording.calls[3]!.step; // after the joint, before the removeBody
    const corrupt = withCalls(recording, [
      ...recording.calls.filter((c) => c.step <= at),
      { step: at + 5, method: 'removeBody', args: [2 ** 40 + 77] },
      ...recording.calls.filter((c) => c.step > at),
    ]);
    const replay = new Replay(engine, corrupt, { keyframeEvery: 4 });
    const error = thrown(() => replay.seek(replay.endStep));
    expect(error.code).toBe('replay.diverged');
    expect(error.message).toContain(`step ${at + 5}`);
    expect(error.message).toContain('removeBody');
    expect(replay.atEnd).toBe(false);
    // The part before the bad call still replays exactly.
    replay.seek(at + 4);
    expect(engine.stateHash()).toBe(straight.get(at + 4));
    expect(thrown(() => replay.forward(10)).code).toBe('replay.diverged');
    replay.free();
    recording.free();
    engine.free();
  });
});
