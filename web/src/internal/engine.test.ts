// The engine against the real wasm, in Node: views, errors, call counts, golden hashes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FREED_CODE } from './errors';
import * as L from './layout';

import { loadTestEngine as load, ROOT as root, thrown } from './testing/engine';


const ball = (x: number, y: number) => ({
  shape: { type: 'circle' as const, radius: 0.25 },
  position: [x, y] as [number, number],
});

describe('views', () => {
  it('survive wasm memory growth and read the right values', async () => {
    const module = await load();
    const engine = module.create({ preset: 'pyramid?base=3' });
    const before = engine.views();
    const bufferBefore = module.memory.buffer;
    const ids: number[] = [];
    while (module.memory.buffer === bufferBefore) {
      for (let i = 0; i < 500; i++) ids.push(engine.spawn(ball((ids.length % 200) * 0.6, 5 + ids.length / 200)));
    }
    expect(before.transforms.length).toBe(0); // the stale view was detached by the growth
    const views = engine.views();
    expect(views.slotCount).toBe(engine.bodyCount);
    expect(views.transforms.length).toBe(views.slotCount * L.TRANSFORM_STRIDE);
    for (const id of [ids[0]!, ids[ids.length >> 1]!, ids[ids.length - 1]!]) {
      const slot = id % 2 ** 32;
      const body = engine.body(id);
      expect(views.transforms[slot * L.TRANSFORM_STRIDE + L.TRANSFORM_X]).toBe(body.position[0]);
      expect(views.transforms[slot * L.TRANSFORM_STRIDE + L.TRANSFORM_Y]).toBe(body.position[1]);
      expect(views.slotIds[slot]).toBe(id);
      expect(views.shapes[slot * L.SHAPE_STRIDE + L.SHAPE_KIND]).toBe(L.SHAPE_CIRCLE);
    }
    engine.advance(1 / 60);
    const moved = engine.views();
    const slot = ids[0]! % 2 ** 32;
    expect(moved.transforms[slot * L.TRANSFORM_STRIDE + L.TRANSFORM_Y]).toBe(engine.body(ids[0]!).position[1]);
    engine.free();
  });

  it('return the same object while nothing moved', async () => {
    const engine = (await load()).create({ preset: 'rain?count=100' });
    const a = engine.views();
    engine.advance(1 / 60);
    expect(engine.views()).toBe(a);
    engine.spawn(ball(0, 20));
    expect(engine.views()).not.toBe(a);
    engine.free();
  });

  it('keep the typed arrays of buffers that did not move', async () => {
    const engine = (await load()).create({ preset: 'rain?count=200' });
    engine.setContactEvents(true);
    engine.setDebugLines(true);
    for (let i = 0; i < 120; i++) engine.advance(1 / 60); // let the buffers reach their size
    const a = engine.views();
    let sawContacts = false;
    for (let i = 0; i < 30; i++) {
      engine.advance(1 / 60);
      const b = engine.views();
      // Contact and debug-line counts change per frame; the per-slot arrays stay the same objects.
      expect(b.transforms).toBe(a.transforms);
      expect(b.shapes).toBe(a.shapes);
      expect(b.bodyState).toBe(a.bodyState);
      expect(b.contacts.length % L.CONTACT_STRIDE).toBe(0);
      expect(b.debugLines.length % L.DEBUG_LINE_STRIDE).toBe(0);
      sawContacts ||= b.contacts.length > 0;
    }
    expect(sawContacts).toBe(true);
    engine.free();
  });

  it('show selection, grabbing and joints', async () => {
    const engine = (await load()).create({ preset: 'pyramid?base=2' });
    const a = engine.spawn(ball(-3, 8));
    const b = engine.spawn(ball(3, 8));
    const slot = (id: number) => id % 2 ** 32;
    engine.setSelected(a, true);
    let v = engine.views();
    expect(v.bodyState[slot(a)]! & L.STATE_SELECTED).toBe(L.STATE_SELECTED);
    expect(v.bodyState[slot(b)]! & L.STATE_SELECTED).toBe(0);
    expect((v.bodyState[slot(a)]! >> L.STATE_KIND_SHIFT) & L.STATE_KIND_MASK).toBe(L.KIND_DYNAMIC);
    engine.clearSelection();
    expect(engine.views().bodyState[slot(a)]! & L.STATE_SELECTED).toBe(0);

    expect(engine.grab(3, 8)).toBe(b);
    expect(engine.views().bodyState[slot(b)]! & L.STATE_GRABBED).toBe(L.STATE_GRABBED);
    engine.dragTo(3, 12);
    for (let i = 0; i < 30; i++) engine.advance(1 / 60);
    expect(engine.body(b).position[1]).toBeGreaterThan(8);
    engine.release();
    expect(thrown(() => engine.dragTo(0, 0)).code).toBe('drag.none');
    expect(engine.grab(100, 100)).toBeNull();

    const joint = engine.addJoint({ type: 'rope', bodyA: a, bodyB: b, maxLength: 7 });
    expect(engine.joint(joint)).toMatchObject({ type: 'rope', bodyA: a, bodyB: b, maxLength: 7 });
    v = engine.views();
    expect(v.joints.length).toBe(L.JOINT_STRIDE);
    expect(v.joints[L.JOINT_KIND]).toBe(L.JOINT_ROPE);
    expect(v.jointIds[0]).toBe(joint);
    engine.removeBody(a); // takes its joint along
    expect(engine.views().joints.length).toBe(0);
    expect(thrown(() => engine.joint(joint)).code).toBe('joint.stale_id');
    engine.free();
  });
});

describe('the API', () => {
  it('answers queries, edits settings and lists presets', async () => {
    const module = await load();
    const engine = module.create({ preset: 'pyramid?base=2' });
    const id = engine.spawn({ ...ball(10, 10), color: '#ff0000' });
    expect(engine.bodyAt(10, 10)).toBe(id);
    expect(engine.bodyAt(10, 20)).toBeNull();
    expect(engine.bodiesInRect(9, 9, 11, 11)).toEqual([id]);
    expect(engine.body(id).color).toBe('#ff0000ff');
    expect(engine.views().colors[id % 2 ** 32]).toBe(0xff0000ff);
    expect(engine.bodyMass(id)).toBeCloseTo(Math.PI * 0.25 ** 2, 5);
    engine.editBody(id, { ...engine.body(id), type: 'static' });
    expect(engine.body(id).type).toBe('static');

    engine.setGravity(0, -1.5);
    expect(engine.settings().gravity).toEqual([0, -1.5]);
    engine.setSettings({ hz: 120 });
    expect(engine.settings()).toMatchObject({ hz: 120, gravity: [0, -1.5], substeps: 4 });
    let e = thrown(() => engine.setSettings({ warp: 9 } as never));
    expect([e.code, e.path]).toEqual(['arg.invalid', 'settings.warp']);
    e = thrown(() => engine.setSettings(null as never));
    expect([e.code, e.path]).toEqual(['arg.invalid', 'settings']);
    expect(thrown(() => engine.setGravity(NaN, 0)).code).toBe('arg.invalid');
    expect(engine.settings().hz).toBe(120); // failed edits change nothing

    // A joint naming a number that cannot be an id is a stale id, not some other body.
    e = thrown(() => engine.addJoint({ type: 'weld', bodyA: id, bodyB: 0.5 }));
    expect(e.code).toBe('body.stale_id');
    expect(thrown(() => engine.addJoint({ type: 'weld', bodyA: id, bodyB: id })).code).toBe('joint.invalid');

    const presets = engine.presets();
    expect(presets.length).toBeGreaterThanOrEqual(14);
    const pyramid = presets.find((p) => p.name === 'pyramid')!;
    expect(pyramid.category).toBeTypeOf('string');
    expect(pyramid.params[0]).toMatchObject({ name: 'base', integer: true });
    expect(thrown(() => engine.loadPreset('pyramid?base=0'))).toMatchObject({
      code: 'preset.param',
      path: 'preset.pyramid.base',
    });
    engine.free();
    expect(thrown(() => engine.advance(1 / 60)).code).toBe(FREED_CODE);
    expect(thrown(() => engine.views()).code).toBe(FREED_CODE);
    engine.free(); // twice is fine
  });

  it('loads scene objects and continues saves and snapshots exactly', async () => {
    const module = await load();
    const original = module.create({ preset: 'pyramid?base=6' });
    for (let i = 0; i < 30; i++) original.step();
    const saved = original.save();
    const snapshot = original.snapshot();
    for (let i = 0; i < 60; i++) original.step();
    const expected = original.stateHash();

    const fromObject = module.create({ scene: JSON.parse(saved) });
    for (let i = 0; i < 60; i++) fromObject.step();
    expect(fromObject.stateHash()).toBe(expected);

    original.restore(snapshot);
    for (let i = 0; i < 60; i++) original.step();
    expect(original.stateHash()).toBe(expected);

    const other = module.create({ preset: 'playground' });
    other.loadScene(JSON.parse(saved));
    other.restore(snapshot); // any engine of the same instance
    expect(other.bodyCount).toBe(original.bodyCount);

    const e = thrown(() => module.create({ scene: { format: 'tumble-scene', version: 2 } as never }));
    expect([e.code, e.path]).toEqual(['scene.version', 'version']);
    const baseline = await load('baseline');
    const foreign = baseline.create({ preset: 'pyramid?base=2' });
    expect(thrown(() => foreign.restore(snapshot)).code).toBe('snapshot.invalid');
    snapshot.free();
    snapshot.free();
    expect(thrown(() => original.restore(snapshot)).code).toBe('snapshot.invalid');
    for (const engine of [original, fromObject, other, foreign]) engine.free();
  });
});

describe('errors', () => {
  it('carry the stable code and the JSON path', async () => {
    const module = await load();
    const scene = (body: string) => `{"format":"tumble-scene","version":1,"bodies":[${body}]}`;
    let e = thrown(() => module.create({ json: scene('{"shape":{"type":"circle","radius":1},"position":[0,0],"colour":"red"}') }));
    expect([e.code, e.path]).toEqual(['scene.parse', 'bodies[0].colour']);
    e = thrown(() => module.create({ json: scene('{"shape":{"type":"circle","radius":-1},"position":[0,0]}') }));
    expect([e.code, e.path, e.message]).toEqual([
      'scene.invalid',
      'bodies[0].shape.radius',
      'bodies[0].shape.radius: must be > 0, got -1',
    ]);
    e = thrown(() => module.create({ preset: 'volcano' }));
    expect(e.code).toBe('preset.unknown');

    const engine = module.create({ preset: 'pyramid?base=2' });
    const id = engine.spawn(ball(0, 5));
    engine.removeBody(id);
    expect(thrown(() => engine.body(id)).code).toBe('body.stale_id');
    expect(thrown(() => engine.removeBody(-1)).code).toBe('body.stale_id');
    e = thrown(() => engine.advance(NaN));
    expect([e.code, e.path]).toEqual(['arg.invalid', 'dt']);
    // Inside a tagged shape serde reports the shape, not the field (it buffers tagged enums).
    e = thrown(() => engine.spawn({ shape: { type: 'circle', radius: 'big' }, position: [0, 0] } as never));
    expect([e.code, e.path]).toEqual(['arg.invalid', 'body.shape']);
    e = thrown(() => engine.spawn({ shape: { type: 'circle', radius: 1 }, position: [0, 'up'] } as never));
    expect([e.code, e.path]).toEqual(['arg.invalid', 'body.position[1]']);
    e = thrown(() => engine.spawn(ball(NaN, 0)));
    expect([e.code, e.path]).toEqual(['arg.invalid', 'body.position[0]']);
    e = thrown(() => engine.setSettings({ hz: 0 }));
    expect([e.code, e.path]).toEqual(['arg.invalid', 'settings.hz']);
    const before = engine.save();
    expect(thrown(() => engine.load('{"format":"tumble-scene","version":1,"bodies":[{}]}')).code).toBe('scene.parse');
    expect(engine.save()).toBe(before); // a failed load changes nothing
    engine.free();
  });
});

describe('determinism', () => {
  const golden = JSON.parse(
    readFileSync(new URL('crates/tumble-core/tests/golden_hashes.json', root), 'utf8'),
  ) as Record<string, string>;
  for (const flavour of ['simd', 'baseline'] as const) {
    it(`the ${flavour} build reproduces every native golden hash`, async () => {
      const module = await load(flavour);
      const names = Object.keys(golden);
      expect(names.length).toBeGreaterThanOrEqual(3);
      for (const name of names) {
        const engine = module.create({ preset: name });
        for (let i = 0; i < 600; i++) engine.step();
        expect(`${name} ${engine.stateHash()}`).toBe(`${name} ${golden[name]}`);
        engine.free();
      }
    });
  }
});
