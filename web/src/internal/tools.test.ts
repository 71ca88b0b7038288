import { describe, expect, it } from 'vitest';
import { randomConvexPolygon, spawnDesc } from './tools';
import { mulberry32 as seeded } from './testing/prng';


describe('randomConvexPolygon', () => {
  it('is convex, counter-clockwise and of 3 to 7 corners', () => {
    const random = seeded(7);
    for (let i = 0; i < 500; i++) {
      const points = randomConvexPolygon(0.5, random);
      expect(points.length).toBeGreaterThanOrEqual(3);
      expect(points.length).toBeLessThanOrEqual(7);
      for (let j = 0; j < points.length; j++) {
        const [ax, ay] = points[j]!;
        const [bx, by] = points[(j + 1) % points.length]!;
        const [cx, cy] = points[(j + 2) % points.length]!;
        expect((bx - ax) * (cy - by) - (by - ay) * (cx - bx)).toBeGreaterThan(0);
      }
    }
  });
});

describe('spawnDesc', () => {
  it('makes dynamic bodies of the requested size at the point', () => {
    const random = seeded(1);
    const ball = spawnDesc('ball', 1, 2, 0.8, random);
    expect(ball).toMatchObject({ type: 'dynamic', shape: { type: 'circle', radius: 0.4 }, position: [1, 2] });
    expect(ball.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(spawnDesc('box', 0, 0, 1, random).shape).toMatchObject({ type: 'box', width: 1 });
    expect(spawnDesc('polygon', 0, 0, 1, random).shape.type).toBe('polygon');
  });
});
