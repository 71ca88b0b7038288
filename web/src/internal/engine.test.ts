// The engine against the real wasm, in Node: views, errors, call counts, golden hashes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEngine, type Flavour } from './engine';
import { TumbleError } from './errors';
import * as L from './layout';

const root = new URL('../../../', import.meta.url);
const wasmBytes = (flavour: Flavour) =>
  readFileSync(new URL(`web/pkg/${flavour}/tumble_wasm_bg.wasm`, root));
const load = (flavour: Flavour = 'simd') => loadEngine({ flavour, wasm: wasmBytes(flavour) });

function thrown(fn: () => unknown): TumbleError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TumbleError);
    return e as TumbleError;
  }
  throw new Error('expected a TumbleError');
}

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
