// The renderer against a recording 2D context: batching, chunking, no per-body state changes,
// no trigonometry per body, sleeping bodies dimmed, batches rebuilt only on a structure change.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Camera } from './camera';
import type { FrameViews } from './engine';
import * as L from './layout';
import { Renderer } from './renderer';

interface Body {
  shape: number;
  p0: number;
  p1?: number;
  color: number;
  x: number;
  y: number;
  asleep?: boolean;
  selected?: boolean;
  kind?: number;
}

function views(bodies: Body[], structureVersion = 1): FrameViews {
  const n = bodies.length;
  const v: FrameViews = {
    transforms: new Float32Array(n * L.TRANSFORM_STRIDE),
    bodyState: new Uint8Array(n),
    slotIds: new Float64Array(n),
    shapes: new Float32Array(n * L.SHAPE_STRIDE),
    colors: new Uint32Array(n),
    vertices: new Float32Array(0),
    joints: new Float32Array(0),
    jointIds: new Float64Array(0),
    contacts: new Float64Array(0),
    debugLines: new Float32Array(0),
    slotCount: n,
    structureVersion,
  };
  bodies.forEach((b, i) => {
    v.transforms.set([b.x, b.y, 1, 0], i * L.TRANSFORM_STRIDE);
    v.shapes.set([b.shape, b.p0, b.p1 ?? 0, 0, 0, 0, 0, 0], i * L.SHAPE_STRIDE);
    v.colors[i] = b.color;
    v.bodyState[i] =
      L.STATE_OCCUPIED |
      (b.asleep ? 0 : L.STATE_AWAKE) |
      (b.selected ? L.STATE_SELECTED : 0) |
      ((b.kind ?? L.KIND_DYNAMIC) << L.STATE_KIND_SHIFT);
    v.slotIds[i] = i;
  });
  return v;
}

/** Path methods whose arguments are coordinates (or radii and angles). */
const PATH_METHODS = new Set(['moveTo', 'lineTo', 'arc', 'arcTo', 'rect']);

/**
 * A 2D context that counts method calls, records the styles each fill used, and collects every
 * fractional number passed to a path method.
 */
function recordingContext() {
  const calls = new Map<string, number>();
  const fractional: string[] = [];
  const fills: string[] = [];
  const alphas: number[] = [];
  const state: Record<string, unknown> = { canvas: { width: 800, height: 600 }, globalAlpha: 1 };
  const ctx = new Proxy(state, {
    get(target, name: string) {
      if (name in target) return target[name];
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        if (PATH_METHODS.has(name)) {
          // The end angle of a full circle is 2π by necessity: a constant, never a new number.
          const checked = name === 'arc' ? args.slice(0, 4) : args;
          if (checked.some((a) => !Number.isInteger(a))) fractional.push(`${name}(${args.join(', ')})`);
        }
        if (name === 'fill') {
          fills.push(String(target.fillStyle));
          alphas.push(Number(target.globalAlpha));
        }
      };
    },
    set(target, name: string, value) {
      target[name] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls, fills, alphas, fractional };
}

function camera(): Camera {
  const c = new Camera();
  c.resize(800, 600, 1);
  c.fitHint({ center: [0, 0], height: 60 });
  return c;
}

const RED = 0xe4572eff;
const BLUE = 0x4f8fd6ff;

afterEach(() => vi.restoreAllMocks());

describe('Renderer', () => {
  it('fills one chunked path per colour and shape kind, with no per-body state or trigonometry', () => {
    const bodies: Body[] = [];
    for (let i = 0; i < 300; i++) bodies.push({ shape: L.SHAPE_CIRCLE, p0: 0.4, color: i % 2 ? RED : BLUE, x: (i % 30) - 15, y: i / 30 });
    for (let i = 0; i < 130; i++) bodies.push({ shape: L.SHAPE_BOX, p0: 0.3, p1: 0.2, color: RED, x: (i % 30) - 15, y: -5 - i / 30 });
    const trig = [vi.spyOn(Math, 'sin'), vi.spyOn(Math, 'cos'), vi.spyOn(Math, 'atan2')];
    const { ctx, calls } = recordingContext();
    new Renderer(ctx).draw(views(bodies), camera());
    // Circles: 150 per colour fit one path each (256 per chunk); boxes: 130 in chunks of 64.
    expect(calls.get('fill')).toBe(2 + 3 + 0 /* no joints */);
    expect(calls.get('arc')).toBe(300);
    expect(calls.get('save') ?? 0).toBe(0);
    expect(calls.get('restore') ?? 0).toBe(0);
    // Identity for the background, then the fixed-point scale for everything traced.
    expect(calls.get('setTransform')).toBe(2);
    for (const spy of trig) expect(spy).not.toHaveBeenCalled();
  });

  it('passes only whole numbers to path methods, so tracing a body allocates nothing', () => {
    // Fractional numbers reach the canvas API boxed, one heap object each: the e2e allocation
    // test saw ~90 KB of garbage a frame at 2000 bodies before coordinates went fixed point.
    const bodies: Body[] = [
      { shape: L.SHAPE_CIRCLE, p0: 0.37, color: RED, x: 0.123, y: 1.77 },
      { shape: L.SHAPE_CIRCLE, p0: 0.03, color: RED, x: 3.3, y: 1.1 },
      { shape: L.SHAPE_BOX, p0: 0.31, p1: 0.27, color: BLUE, x: -2.71, y: 0.3, selected: true },
      { shape: L.SHAPE_CAPSULE, p0: 0.5, p1: 0.21, color: BLUE, x: 5.55, y: -1.3 },
    ];
    const v = views(bodies);
    v.transforms.set([0.6, 0.8], 2 * L.TRANSFORM_STRIDE + L.TRANSFORM_COS);
    const c = camera();
    c.zoomAt(123.4, 321.7, 1.37);
    const { ctx, fractional, calls } = recordingContext();
    new Renderer(ctx).draw(v, c);
    expect(calls.get('arc')).toBeGreaterThan(0);
    expect(calls.get('arcTo')).toBeGreaterThan(0);
    expect(fractional).toEqual([]);
  });

  it('dims sleeping dynamic bodies but never scenery', () => {
    const { ctx, alphas } = recordingContext();
    new Renderer(ctx).draw(
      views([
        { shape: L.SHAPE_BOX, p0: 10, p1: 0.5, color: RED, x: 0, y: -1, kind: L.KIND_STATIC },
        { shape: L.SHAPE_CIRCLE, p0: 0.5, color: BLUE, x: 0, y: 1 },
        { shape: L.SHAPE_CIRCLE, p0: 0.5, color: BLUE, x: 2, y: 1, asleep: true },
      ]),
      camera(),
    );
    expect(alphas).toEqual([1, 1, 0.6]); // scenery, the awake ball, the sleeping ball
  });

  it('outlines the selected body on top', () => {
    const { ctx, calls } = recordingContext();
    new Renderer(ctx).draw(views([{ shape: L.SHAPE_CIRCLE, p0: 0.5, color: BLUE, x: 0, y: 1, selected: true }]), camera());
    expect(calls.get('arc')).toBe(2); // the body, then its highlight
  });

  it('rebuilds its batches only when the structure version changes', () => {
    const { ctx, fills } = recordingContext();
    const renderer = new Renderer(ctx);
    const v = views([{ shape: L.SHAPE_CIRCLE, p0: 0.5, color: BLUE, x: 0, y: 1 }]);
    renderer.draw(v, camera());
    v.colors[0] = RED; // not a real change: the version did not move
    renderer.draw(v, camera());
    renderer.draw({ ...v, structureVersion: 2 }, camera());
    expect(fills).toEqual(['rgb(79 143 214)', 'rgb(79 143 214)', 'rgb(228 87 46)']);
  });

  it('draws circles a few pixels across as squares', () => {
    const { ctx, calls } = recordingContext();
    // 60 m over 600 px: 10 px per metre, so a 0.1 m radius is 1 px.
    new Renderer(ctx).draw(views([{ shape: L.SHAPE_CIRCLE, p0: 0.1, color: BLUE, x: 0, y: 0 }]), camera());
    expect([calls.get('arc') ?? 0, calls.get('rect')]).toEqual([0, 1]);
  });

  it('leaves filled bodies to WebGL2 in its layers: scenery lines under them, the rest over them', () => {
    const bodies = views([
      { shape: L.SHAPE_BOX, p0: 10, p1: 0.5, color: RED, x: 0, y: -1, kind: L.KIND_STATIC },
      { shape: L.SHAPE_CIRCLE, p0: 0.5, color: BLUE, x: 0, y: 1, selected: true },
    ]);
    const under = recordingContext();
    new Renderer(under.ctx, 'under').draw(bodies, camera());
    // The background and the grid only: no body is filled, no highlight stroked.
    expect([under.calls.get('fillRect'), under.calls.get('fill') ?? 0, under.calls.get('arc') ?? 0]).toEqual([1, 0, 0]);
    const over = recordingContext();
    new Renderer(over.ctx, 'over').draw(bodies, camera());
    // Transparent: cleared, not painted; the selected ball is outlined although WebGL2 fills it.
    expect([over.calls.get('clearRect'), over.calls.get('fillRect') ?? 0, over.calls.get('fill') ?? 0]).toEqual([1, 0, 0]);
    expect(over.calls.get('arc')).toBe(1);
  });

  it('skips bodies off screen', () => {
    const { ctx, calls } = recordingContext();
    new Renderer(ctx).draw(
      views([
        { shape: L.SHAPE_CIRCLE, p0: 0.5, color: BLUE, x: 0, y: 0 },
        { shape: L.SHAPE_CIRCLE, p0: 0.5, color: BLUE, x: 500, y: 0 },
      ]),
      camera(),
    );
    expect(calls.get('arc')).toBe(1);
  });
});
