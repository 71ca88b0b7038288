// The Editor (undo/redo, selection, edits as one level each) against the real wasm, in Node.
import { describe, expect, it } from 'vitest';
import { COALESCE_MS, DEFAULT_MOTOR, DUPLICATE_OFFSET, Editor } from './editor';
import type { Engine } from './engine';
import { TumbleError } from './errors';
import { Recorder, Replay } from './recording';
import type { BodyDesc } from './types';

import { loadTestEngine } from './testing/engine';

async function setup(spec = 'pyramid?base=3', maxBytes?: number) {
  const module = await loadTestEngine('simd');
  const engine = module.create({ preset: spec });
  let clock = 0;
  let changes = 0;
  const editor = new Editor({
    engine: () => engine,
    now: () => clock,
    onChange: () => changes++,
    ...(maxBytes !== undefined ? { maxBytes } : {}),
  });
  return { module, engine, editor, tick: (ms: number) => (clock += ms), changes: () => changes };
}

const ball = (x: number, y: number): BodyDesc => ({ shape: { type: 'circle', radius: 0.3 }, position: [x, y], friction: 0.4, color: '#e4572e' });

function ids(engine: Engine): number[] {
  return Array.from(engine.views().slotIds).filter((id) => id >= 0);
}

describe('Editor', () => {
  it('undoes and redoes an edit exactly, and says what it undoes', async () => {
    const { engine, editor } = await setup();
    const before = engine.save();
    const id = editor.spawn(ball(0, 5));
    expect(editor.undoLabel).toBe('add circle');
    const after = engine.save();
    expect(editor.undo()).toBe(true);
    expect(engine.save()).toBe(before);
    expect(editor.redoLabel).toBe('add circle');
    expect(editor.redo()).toBe(true);
    expect(engine.save()).toBe(after);
    expect(engine.body(id).position).toEqual([0, 5]);
    expect(editor.redo()).toBe(false);
  });

  it('a rejected edit throws the engine error, adds no level and changes nothing', async () => {
    const { engine, editor } = await setup();
    const before = engine.save();
    expect(() => editor.spawn({ shape: { type: 'circle', radius: -1 }, position: [0, 0] })).toThrow(TumbleError);
    expect(editor.canUndo).toBe(false);
    expect(engine.save()).toBe(before);
  });

  it('rolls a multi-call edit back when a later call fails', async () => {
    const { engine, editor } = await setup();
    const before = engine.save();
    expect(() =>
      editor.edit('two balls', (e) => {
        e.spawn(ball(0, 5));
        e.spawn({ shape: { type: 'circle', radius: Number.NaN }, position: [0, 0] });
      }),
    ).toThrow(TumbleError);
    expect(engine.save()).toBe(before);
    expect(editor.canUndo).toBe(false);
  });

  it('coalesces repeated edits of one field within COALESCE_MS into one level', async () => {
    const { engine, editor, tick } = await setup();
    const id = ids(engine)[1]!;
    const original = engine.body(id).friction;
    for (const friction of [0.1, 0.2, 0.3]) {
      editor.editBody(id, { ...engine.body(id), friction }, 'edit friction');
      tick(COALESCE_MS / 2);
    }
    expect(editor.undoDepth).toBe(1);
    tick(COALESCE_MS * 2);
    editor.editBody(id, { ...engine.body(id), friction: 0.9 }, 'edit friction');
    expect(editor.undoDepth).toBe(2);
    editor.undo();
    expect(engine.body(id).friction).toBeCloseTo(0.3, 6);
    editor.undo();
    expect(engine.body(id).friction).toBeCloseTo(original, 6);
  });

  it('deletes the selection with its joints in one level; undo brings back bodies and joints', async () => {
    const { engine, editor } = await setup();
    const a = editor.spawn(ball(0, 5));
    const b = editor.spawn(ball(1, 5));
    const j = editor.addJoint({ type: 'revolute', bodyA: a, bodyB: b, anchorA: [0.5, 0] });
    const saved = engine.save();
    editor.select([a, b]);
    expect(editor.deleteSelection()).toBe(true);
    expect(ids(engine)).not.toContain(a);
    expect(engine.views().jointIds.length).toBe(0);
    expect(editor.selection.bodies).toEqual([]);
    expect(editor.undoLabel).toBe('delete 2 bodies');
    editor.undo();
    expect(engine.save()).toBe(saved);
    expect(engine.joint(j).bodyB).toBe(b);
    expect(editor.deleteSelection()).toBe(false); // the selection was cleared by the delete
  });

  it('duplicates bodies with the joints between them, offset, and selects the copies', async () => {
    const { engine, editor } = await setup();
    const a = editor.spawn(ball(0, 5));
    const b = editor.spawn(ball(1, 5));
    editor.addJoint({ type: 'rope', bodyA: a, bodyB: b, maxLength: 1 });
    editor.addJoint({ type: 'revolute', bodyA: null, bodyB: a, anchorA: [0, 6] });
    editor.select([a, b]);
    const copies = editor.duplicateSelection();
    expect(copies).toHaveLength(2);
    expect(editor.selection.bodies).toEqual(copies);
    expect(engine.body(copies[0]!).position).toEqual([DUPLICATE_OFFSET[0], 5 + DUPLICATE_OFFSET[1]]);
    expect(engine.body(copies[0]!).friction).toBeCloseTo(0.4, 6);
    // The rope is copied, the pin to the world is not.
    const joints = Array.from(engine.views().jointIds).map((id) => engine.joint(id));
    expect(joints.filter((j) => j.type === 'rope')).toHaveLength(2);
    expect(joints.filter((j) => j.type === 'revolute')).toHaveLength(1);
    expect(editor.undoDepth).toBe(5);
  });

  it('a pointer move is one level however many moves it made', async () => {
    const { engine, editor } = await setup();
    const id = editor.spawn(ball(0, 5));
    editor.select([id]);
    editor.beginMove();
    for (let i = 0; i < 10; i++) editor.moveSelection(0.1, 0.2);
    editor.endMove();
    expect(engine.body(id).position[0]).toBeCloseTo(1, 5);
    expect(engine.body(id).position[1]).toBeCloseTo(7, 5);
    expect(editor.undoLabel).toBe('move body');
    editor.undo();
    expect(engine.body(id).position).toEqual([0, 5]);
    // A press that did not move adds nothing.
    const depth = editor.undoDepth;
    editor.beginMove();
    editor.endMove();
    expect(editor.undoDepth).toBe(depth);
  });

  it('toggles the motor of a selected revolute joint, one level each way, and of nothing else', async () => {
    const { engine, editor } = await setup();
    const a = editor.spawn(ball(0, 5));
    const pin = editor.addJoint({ type: 'revolute', bodyA: null, bodyB: a, anchorA: [0, 5] });
    const rope = editor.addJoint({ type: 'rope', bodyA: null, bodyB: a, anchorA: [0, 8], maxLength: 3 });
    editor.select([], rope);
    expect(editor.motorJoint).toBeNull();
    expect(editor.toggleMotor()).toBeUndefined();
    editor.select([], pin);
    expect(editor.toggleMotor()).toEqual(DEFAULT_MOTOR.revolute);
    expect(engine.joint(pin).motor).toEqual(DEFAULT_MOTOR.revolute);
    expect(editor.undoLabel).toBe('motor on');
    expect(editor.toggleMotor()).toBeNull();
    expect(engine.joint(pin).motor).toBeUndefined();
    editor.undo();
    expect(engine.joint(pin).motor).toEqual(DEFAULT_MOTOR.revolute);
  });

  it('drops stale ids from the selection after an undo', async () => {
    const { editor } = await setup();
    const id = editor.spawn(ball(0, 5));
    editor.select([id]);
    editor.undo();
    expect(editor.selection.bodies).toEqual([]);
  });

  it('keeps memory within its byte budget, dropping the oldest levels', async () => {
    const { engine, editor } = await setup('rain?count=300', 4_000_000);
    const one = engine.snapshot();
    const size = one.approxBytes;
    one.free();
    expect(size).toBeGreaterThan(100_000);
    for (let i = 0; i < 60; i++) editor.spawn(ball(i, 40));
    expect(editor.historyBytes).toBeLessThanOrEqual(4_000_000);
    expect(editor.undoDepth).toBeLessThan(60);
    expect(editor.undoDepth).toBeGreaterThanOrEqual(Math.floor(4_000_000 / (size * 1.5)));
  });

  it('logs its edits and undos so that a replay reaches the live hash', async () => {
    const { engine, editor } = await setup();
    const recorder = new Recorder(engine);
    editor.recorder = recorder;
    const id = editor.spawn(ball(0, 5));
    engine.advance(0.1);
    editor.editBody(id, { ...engine.body(id), linearVelocity: [3, 0] }, 'edit velocity');
    engine.advance(0.1);
    editor.spawn(ball(2, 6));
    engine.advance(0.05);
    editor.undo();
    engine.advance(0.2);
    const [gx, gy] = engine.body(id).position;
    expect(editor.grab(gx, gy)).toBe(id);
    editor.dragTo(gx + 1, gy + 2);
    engine.advance(0.1);
    editor.release();
    editor.setSettings({ gravity: [0, -3] });
    engine.advance(0.3);
    const recording = recorder.stop();
    editor.recorder = null;
    const live = engine.stateHash();
    const replay = new Replay(engine, recording);
    replay.seek(recording.endStep);
    expect(engine.stateHash()).toBe(live);
    expect(replay.matchesLive()).toBe(true);
    replay.free();
    recording.free();
  });
});
