// The sandbox's editing tools in headless Chromium, as a person uses them with a mouse and with a
// finger (real touch events through the DevTools protocol): drawing, joints, selection, undo and
// redo, the inspector, files, autosave, recording and replay, debug layers and the camera.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { useBrowser, useDemo, screenshot, sleep, type DemoPage } from './harness';
import type { BodyDesc, JointDesc, Vec2 } from '../src/internal/types';

const browser = useBrowser();
const openDemoPage = useDemo(browser);

/** The demo with a small pyramid (lots of empty sky to draw in), paused. */
async function open(query = 'preset=pyramid%3Fbase%3D3'): Promise<DemoPage> {
  const demo = await openDemoPage(query);
  await demo.page.evaluate(() => window.__tumble!.element.pause());
  return demo;
}

/** Page coordinates of world points. */
function toPage(page: Page, points: Vec2[]): Promise<Vec2[]> {
  return page.evaluate((points) => {
    const view = window.__tumble!.view;
    const rect = view.canvas.getBoundingClientRect();
    return points.map(([x, y]) => [rect.left + view.camera.screenX(x), rect.top + view.camera.screenY(y)] as Vec2);
  }, points);
}

/** The world point at a fraction of the canvas (0,0 top left; 1,1 bottom right). */
function worldFraction(page: Page, fx: number, fy: number): Promise<Vec2> {
  return page.evaluate(
    ([fx, fy]) => {
      const view = window.__tumble!.view;
      return [view.camera.worldX(view.camera.width * fx!), view.camera.worldY(view.camera.height * fy!)] as Vec2;
    },
    [fx, fy],
  );
}

function bodyIds(page: Page): Promise<number[]> {
  return page.evaluate(() => Array.from(window.__tumble!.view.engine!.views().slotIds).filter((id) => id >= 0));
}

function jointIds(page: Page): Promise<number[]> {
  return page.evaluate(() => Array.from(window.__tumble!.view.engine!.views().jointIds));
}

function body(page: Page, id: number): Promise<Required<BodyDesc>> {
  return page.evaluate((id) => window.__tumble!.view.engine!.body(id), id);
}

function joint(page: Page, id: number): Promise<JointDesc> {
  return page.evaluate((id) => window.__tumble!.view.engine!.joint(id), id);
}

function selection(page: Page): Promise<{ bodies: readonly number[]; joint: number | null }> {
  return page.evaluate(() => ({ ...window.__tumble!.view.editor.selection }));
}

async function pickTool(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
}

/** The body ids added by `action`. */
async function added(page: Page, action: () => Promise<void>): Promise<number[]> {
  const before = new Set(await bodyIds(page));
  await action();
  await sleep(50);
  return (await bodyIds(page)).filter((id) => !before.has(id));
}

function area(points: readonly Vec2[]): number {
  let a = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[(i + 1) % points.length]!;
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a) / 2;
}

/** A finger: real touch events (Chromium turns them into pointer events of type touch). */
class Finger {
  private constructor(private readonly cdp: CDPSession) {}

  static async on(page: Page): Promise<Finger> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    return new Finger(cdp);
  }

  async tap([x, y]: Vec2): Promise<void> {
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await sleep(30);
  }

  /** Touches `path[0]`, moves through the rest, lifts. */
  async stroke(path: Vec2[]): Promise<void> {
    const [first, ...rest] = path;
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: first![0], y: first![1] }] });
    for (const [x, y] of rest) await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await sleep(30);
  }
}

/** Points along straight lines through `corners`, `n` per side (a hand-drawn stroke). */
function along(corners: Vec2[], n: number, closed: boolean): Vec2[] {
  const out: Vec2[] = [];
  const sides = closed ? corners.length : corners.length - 1;
  for (let s = 0; s < sides; s++) {
    const [ax, ay] = corners[s]!;
    const [bx, by] = corners[(s + 1) % corners.length]!;
    for (let i = 0; i < n; i++) out.push([ax + ((bx - ax) * i) / n, ay + ((by - ay) * i) / n]);
  }
  if (!closed) out.push(corners[corners.length - 1]!);
  return out;
}

describe('drawing', () => {
  it('a concave polygon clicked corner by corner becomes one body of the drawn area (±5%)', async () => {
    const { page } = await open();
    await pickTool(page, 'n');
    // An L in the sky, clockwise on screen, closed by clicking the first corner again.
    const [x0, y0] = await worldFraction(page, 0.3, 0.15);
    const L: Vec2[] = [
      [x0, y0],
      [x0 + 3, y0],
      [x0 + 3, y0 - 1],
      [x0 + 1, y0 - 1],
      [x0 + 1, y0 - 3],
      [x0, y0 - 3],
    ];
    const ids = await added(page, async () => {
      for (const [x, y] of await toPage(page, [...L, L[0]!])) await page.mouse.click(x, y);
    });
    expect(ids).toHaveLength(1);
    const made = await body(page, ids[0]!);
    expect(made.shape.type).toBe('polygon');
    const points = (made.shape as { points: Vec2[] }).points;
    expect(area(points)).toBeGreaterThan(area(L) * 0.95);
    expect(area(points)).toBeLessThan(area(L) * 1.05);
    // One body, several convex parts inside the engine; it falls as one.
    await screenshot(page, 'sandbox-polygon-clicked');
  });

  it('a freehand circle drawn by finger becomes a polygon of its area (±5%); a figure eight is refused with a message', async () => {
    const { page } = await open();
    const finger = await Finger.on(page);
    await pickTool(page, 'n');
    const [cx, cy] = await worldFraction(page, 0.7, 0.3);
    const r = 1.5;
    const circle: Vec2[] = Array.from({ length: 120 }, (_, i) => [cx + r * Math.cos((2 * Math.PI * i) / 120), cy + r * Math.sin((2 * Math.PI * i) / 120)]);
    const drawn = area(circle);
    const ids = await added(page, () => toPage(page, circle).then((p) => finger.stroke(p)));
    expect(ids).toHaveLength(1);
    const points = ((await body(page, ids[0]!)).shape as { points: Vec2[] }).points;
    expect(Math.abs(area(points) / drawn - 1)).toBeLessThan(0.05);

    const eight: Vec2[] = Array.from({ length: 100 }, (_, i) => {
      const t = (2 * Math.PI * i) / 100;
      return [cx - 4 + 1.5 * Math.sin(t), cy + 1.5 * Math.sin(t) * Math.cos(t)];
    });
    const none = await added(page, () => toPage(page, eight).then((p) => finger.stroke(p)));
    expect(none).toEqual([]);
    await expect.poll(() => page.locator('.tumble-hint').textContent()).toContain('crosses itself');
  });

  it('terrain drawn by clicks is one static polyline through the points', async () => {
    const { page } = await open();
    await pickTool(page, 't');
    const [x0, y0] = await worldFraction(page, 0.2, 0.5);
    const path: Vec2[] = [
      [x0, y0],
      [x0 + 2, y0 - 1],
      [x0 + 4, y0 - 0.5],
    ];
    const ids = await added(page, async () => {
      for (const [x, y] of await toPage(page, path)) await page.mouse.click(x, y);
      await page.keyboard.press('Enter');
    });
    expect(ids).toHaveLength(1);
    const made = await body(page, ids[0]!);
    expect(made.type).toBe('static');
    expect(made.shape.type).toBe('polyline');
    expect((made.shape as { points: Vec2[] }).points).toHaveLength(3);
  });
});

describe('joints', () => {
  it('a pin between two boxes keeps them joined for 5 s of simulation', async () => {
    const { page } = await open();
    await pickTool(page, 'x');
    const [x0, y0] = await worldFraction(page, 0.3, 0.2);
    // Two overlapping boxes, dragged corner to corner.
    const [a1, a2, b1, b2] = await toPage(page, [
      [x0, y0],
      [x0 + 2, y0 - 0.6],
      [x0 + 1.6, y0 + 0.2],
      [x0 + 3.6, y0 - 0.4],
    ]);
    const boxes = await added(page, async () => {
      for (const [from, to] of [
        [a1!, a2!],
        [b1!, b2!],
      ] as const) {
        await page.mouse.move(from[0], from[1]);
        await page.mouse.down();
        await page.mouse.move(to[0], to[1], { steps: 6 });
        await page.mouse.up();
      }
    });
    expect(boxes).toHaveLength(2);
    await pickTool(page, 'j');
    const pin: Vec2 = [x0 + 1.8, y0 - 0.2];
    const [p] = await toPage(page, [pin]);
    const before = await jointIds(page);
    await page.mouse.click(p![0], p![1]);
    const joints = (await jointIds(page)).filter((id) => !before.includes(id));
    expect(joints).toHaveLength(1);
    const made = await joint(page, joints[0]!);
    expect(made.type).toBe('revolute');
    expect(new Set([made.bodyA, made.bodyB])).toEqual(new Set(boxes));
    // 5 s at 60 Hz: they fall, land on the pyramid or the ground, and stay pinned.
    const gap = await page.evaluate(() => {
      const engine = window.__tumble!.view.engine!;
      for (let i = 0; i < 300; i++) engine.step();
      const views = engine.views();
      return Math.hypot(views.joints[1]! - views.joints[3]!, views.joints[2]! - views.joints[4]!);
    });
    const fell = (await body(page, boxes[0]!)).position[1];
    expect(fell).toBeLessThan(y0 - 1);
    expect(gap).toBeLessThan(0.02);
  });

  it('rope, spring and weld join two picked points; M turns a pin motor on', async () => {
    const { page } = await open();
    const [x0, y0] = await worldFraction(page, 0.25, 0.2);
    await pickTool(page, 'b');
    const balls = await added(page, async () => {
      for (const [x, y] of await toPage(page, [
        [x0, y0],
        [x0 + 3, y0],
        [x0 + 6, y0],
      ]))
        await page.mouse.click(x, y);
    });
    expect(balls).toHaveLength(3);
    const pts = await Promise.all(balls.map((id) => body(page, id).then((b) => b.position)));
    for (const [key, type] of [
      ['q', 'rope'],
      ['s', 'spring'],
      ['w', 'weld'],
    ] as const) {
      await pickTool(page, key);
      const [a, b] = await toPage(page, type === 'weld' ? [pts[1]!, pts[2]!] : [pts[0]!, pts[1]!]);
      const before = await jointIds(page);
      await page.mouse.click(a![0], a![1]);
      await page.mouse.click(b![0], b![1]);
      const made = (await jointIds(page)).filter((id) => !before.includes(id));
      expect(made, type).toHaveLength(1);
      expect((await joint(page, made[0]!)).type).toBe(type);
    }
    // A pin to the world through the first ball, selected after it is made; M toggles its motor.
    await pickTool(page, 'j');
    const [c] = await toPage(page, [pts[0]!]);
    await page.mouse.click(c![0], c![1]);
    const pinned = (await selection(page)).joint!;
    expect((await joint(page, pinned)).bodyA ?? null).toBeNull();
    await page.keyboard.press('m');
    expect((await joint(page, pinned)).motor?.speed).toBe(2);
    await screenshot(page, 'sandbox-joints');
    await page.keyboard.press('m');
    expect((await joint(page, pinned)).motor).toBeUndefined();
  });
});

describe('a scene built with the tools', () => {
  it('a cart of a drawn chassis and two pinned, motorised wheels drives up drawn terrain', async () => {
    const { page } = await open('preset=pyramid%3Fbase%3D1');
    // Zoomed out, for room to drive.
    await page.evaluate(() => {
      const camera = window.__tumble!.view.camera;
      camera.zoomAt(camera.width * 0.3, camera.height * 0.6, 0.6);
      window.__tumble!.view.refresh();
    });
    // The ground's top, from the scene's static box.
    const top = await page.evaluate(() => {
      const engine = window.__tumble!.view.engine!;
      for (const id of Array.from(engine.views().slotIds).filter((i) => i >= 0)) {
        const b = engine.body(id);
        if (b.type === 'static' && b.shape.type === 'box') return b.position[1] + b.shape.height / 2;
      }
      throw new Error('no ground');
    });
    const [cx] = await worldFraction(page, 0.5, 0.5);
    const r = 0.45;
    const wy = top + r + 0.05;
    // Terrain: a ramp up to the right, drawn freehand, starting just ahead of the cart.
    await pickTool(page, 't');
    const ramp = await toPage(page, along([[cx + 2.2, top + 0.02], [cx + 7, top + 1.6]], 30, false));
    await page.mouse.move(ramp[0]![0], ramp[0]![1]);
    await page.mouse.down();
    for (const [x, y] of ramp.slice(1)) await page.mouse.move(x, y);
    await page.mouse.up();
    // The chassis: a concave polygon (a flat bed with a cab), clicked corner by corner.
    const chassis: Vec2[] = [
      [cx - 1.6, wy - 0.1],
      [cx + 1.6, wy - 0.1],
      [cx + 1.6, wy + 0.4],
      [cx - 0.5, wy + 0.4],
      [cx - 0.5, wy + 1.1],
      [cx - 1.6, wy + 1.1],
    ];
    await pickTool(page, 'n');
    const made = await added(page, async () => {
      for (const [x, y] of await toPage(page, [...chassis, chassis[0]!])) await page.mouse.click(x, y);
    });
    expect(made).toHaveLength(1);
    const chassisId = made[0]!;
    // Two wheels, dragged centre to rim, under the chassis' ends.
    await pickTool(page, 'b');
    const wheels: Vec2[] = [
      [cx - 1.15, wy],
      [cx + 1.15, wy],
    ];
    for (const w of wheels) {
      const [[ax, ay], [bx, by]] = await toPage(page, [w, [w[0] + r, w[1]]]);
      await page.mouse.move(ax!, ay!);
      await page.mouse.down();
      await page.mouse.move(bx!, by!, { steps: 5 });
      await page.mouse.up();
    }
    // Pin each wheel to the chassis at its centre; M turns the motor on (at +2 rad/s, which
    // would roll it left), and the inspector sets −4 rad/s: clockwise, to the right.
    await pickTool(page, 'j');
    for (const w of wheels) {
      const [[x, y]] = await toPage(page, [w]);
      await page.mouse.click(x!, y!);
      const pin = (await selection(page)).joint!;
      expect(new Set([(await joint(page, pin)).bodyA, (await joint(page, pin)).bodyB]).has(chassisId)).toBe(true);
      await page.keyboard.press('m');
      const speed = page.locator('tumble-sandbox .inspector [data-field="motor.speed"]');
      await speed.fill('-4');
      await speed.press('Enter');
      await expect.poll(async () => (await joint(page, pin)).motor?.speed).toBe(-4);
    }
    await page.locator('tumble-sandbox').focus();
    await pickTool(page, 'h');
    await page.evaluate(() => window.__tumble!.view.editor.select([]));
    await sleep(100);
    await screenshot(page, 'sandbox-cart-built');
    const start = await body(page, chassisId);
    // Four seconds of driving: along the flat, then up the ramp.
    await page.evaluate(() => window.__tumble!.element.step(240));
    await sleep(100);
    await screenshot(page, 'sandbox-cart-driven');
    const end = await body(page, chassisId);
    expect(end.position[0] - start.position[0]).toBeGreaterThan(3);
    expect(end.position[1] - start.position[1]).toBeGreaterThan(0.3);
  });
});

describe('selection, undo and redo', () => {
  it('delete, then undo, restores the body with all its properties; redo deletes it again', async () => {
    const { page } = await open();
    const ids = await bodyIds(page);
    const target = ids[ids.length - 1]!;
    const original = await body(page, target);
    await pickTool(page, 'v');
    const [p] = await toPage(page, [original.position]);
    await page.mouse.click(p![0], p![1]);
    expect((await selection(page)).bodies).toEqual([target]);
    await page.keyboard.press('Delete');
    expect(await bodyIds(page)).not.toContain(target);
    await page.keyboard.press('Control+z');
    expect(await bodyIds(page)).toContain(target);
    expect(await body(page, target)).toEqual(original);
    await page.keyboard.press('Control+Shift+z');
    expect(await bodyIds(page)).not.toContain(target);
    // The toolbar says what undo would undo, and its buttons do the same.
    expect(await page.locator('tumble-sandbox #undo').getAttribute('title')).toBe('Undo delete body (Ctrl+Z)');
    await page.locator('tumble-sandbox #undo').click();
    expect(await body(page, target)).toEqual(original);
    expect(await page.locator('tumble-sandbox #redo').getAttribute('title')).toBe('Redo delete body (Ctrl+Shift+Z)');
    await page.locator('tumble-sandbox #redo').click();
    expect(await bodyIds(page)).not.toContain(target);
  });

  it('shift adds to the selection, duplicate copies it, a drag moves it as one undo level', async () => {
    const { page } = await open();
    await pickTool(page, 'v');
    const ids = await bodyIds(page);
    const [a, b] = [ids[ids.length - 1]!, ids[ids.length - 2]!];
    const [pa, pb] = await toPage(page, [(await body(page, a)).position, (await body(page, b)).position]);
    await page.mouse.click(pa![0], pa![1]);
    await page.keyboard.down('Shift');
    await page.mouse.click(pb![0], pb![1]);
    await page.keyboard.up('Shift');
    expect(new Set((await selection(page)).bodies)).toEqual(new Set([a, b]));
    const copies = await added(page, () => page.keyboard.press('Control+d'));
    expect(copies).toHaveLength(2);
    expect(new Set((await selection(page)).bodies)).toEqual(new Set(copies));
    // Drag the copies up by 100 px.
    const start = await body(page, copies[0]!);
    const [c] = await toPage(page, [start.position]);
    await page.mouse.move(c![0], c![1]);
    await page.mouse.down();
    await page.mouse.move(c![0], c![1] - 100, { steps: 8 });
    await page.mouse.up();
    const scale = await page.evaluate(() => window.__tumble!.view.camera.scale);
    const moved = await body(page, copies[0]!);
    expect(moved.position[1] - start.position[1]).toBeCloseTo(100 / scale, 1);
    await page.keyboard.press('Control+z');
    expect((await body(page, copies[0]!)).position).toEqual(start.position);
  });

  it('a drag on empty space with the select tool selects every body it boxes', async () => {
    const { page } = await open();
    await pickTool(page, 'v');
    // The pyramid's six boxes (every dynamic body of the preset), boxed from above-left to
    // below-right of them, without starting on a body.
    const dynamic = await page.evaluate(() => {
      const engine = window.__tumble!.view.engine!;
      return Array.from(engine.views().slotIds)
        .filter((id) => id >= 0 && engine.body(id).type === 'dynamic')
        .map((id) => ({ id, position: engine.body(id).position }));
    });
    expect(dynamic).toHaveLength(6);
    const xs = dynamic.map((d) => d.position[0]);
    const ys = dynamic.map((d) => d.position[1]);
    const [[ax, ay], [bx, by]] = await toPage(page, [
      [Math.min(...xs) - 1, Math.max(...ys) + 1],
      [Math.max(...xs) + 1, Math.min(...ys) - 0.2],
    ]);
    await page.mouse.move(ax!, ay!);
    await page.mouse.down();
    await page.mouse.move(bx!, by!, { steps: 8 });
    await page.mouse.up();
    expect(new Set((await selection(page)).bodies)).toEqual(new Set(dynamic.map((d) => d.id)));
  });

  it('keeps at least 100 undo levels', async () => {
    const { page } = await open();
    const result = await page.evaluate(() => {
      const editor = window.__tumble!.view.editor;
      const first = window.__tumble!.view.engine!.bodyCount;
      for (let i = 0; i < 120; i++) editor.spawn({ shape: { type: 'circle', radius: 0.1 }, position: [i * 0.3, 20] });
      let undone = 0;
      while (editor.undo()) undone++;
      return { undone, back: window.__tumble!.view.engine!.bodyCount === first };
    });
    expect(result.undone).toBeGreaterThanOrEqual(100);
    expect(result.back).toBe(true);
  });
});

describe('the inspector', () => {
  it('edits friction live and rejects an invalid entry inline, changing nothing', async () => {
    const { page } = await open();
    await pickTool(page, 'v');
    const ids = await bodyIds(page);
    const target = ids[ids.length - 1]!;
    const [p] = await toPage(page, [(await body(page, target)).position]);
    await page.mouse.click(p![0], p![1]);
    const friction = page.locator('tumble-sandbox .inspector [data-field="friction"]');
    await friction.fill('0.9');
    await friction.press('Enter');
    await expect.poll(async () => (await body(page, target)).friction).toBeCloseTo(0.9, 5);
    await friction.fill('-3');
    await friction.press('Enter');
    await expect.poll(() => friction.getAttribute('aria-invalid')).toBe('true');
    expect((await body(page, target)).friction).toBeCloseTo(0.9, 5);
    const message = await page.locator('tumble-sandbox .inspector [role="alert"]:not(:empty)').first().textContent();
    expect(message).toMatch(/friction/i);
    await friction.fill('');
    await friction.press('Enter');
    expect(await page.locator('tumble-sandbox .inspector [role="alert"]:not(:empty)').first().textContent()).toMatch(/number/i);
    expect((await body(page, target)).friction).toBeCloseTo(0.9, 5);
    await screenshot(page, 'sandbox-inspector');
    // The edit is one undo level.
    await page.locator('tumble-sandbox').focus();
    await page.evaluate(() => window.__tumble!.element.undo());
    expect((await body(page, target)).friction).not.toBeCloseTo(0.9, 5);
  });
});

describe('files, autosave, links', () => {
  it('Save downloads the scene; opening the file, by picker or by drop, gives equal save() JSON', async () => {
    const { page } = await open();
    const [x, y] = (await toPage(page, [await worldFraction(page, 0.5, 0.2)]))[0]!;
    await pickTool(page, 'c');
    await page.mouse.click(x, y);
    const saved = await page.evaluate(() => window.__tumble!.element.save());
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('tumble-sandbox #save').click()]);
    const file = await download.path();
    const text = readFileSync(file!, 'utf8');
    expect(text).toBe(saved);
    await page.evaluate(() => window.__tumble!.element.load('pyramid?base=2'));
    await page.locator('tumble-sandbox #open-file').setInputFiles(file!);
    await expect.poll(() => page.evaluate(() => window.__tumble!.element.save())).toBe(saved);

    await page.evaluate(() => window.__tumble!.element.load('pyramid?base=2'));
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'scene.json', { type: 'application/json' }));
      const el = window.__tumble!.element;
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, saved);
    await expect.poll(() => page.evaluate(() => window.__tumble!.element.save())).toBe(saved);
  });

  it('autosaves edits to localStorage and restores them on reload', async () => {
    // The demo's own scene: autosave is on without a preset in the URL.
    const { page } = await openDemoPage();
    await page.evaluate(() => window.__tumble!.element.pause());
    const [x, y] = (await toPage(page, [await worldFraction(page, 0.5, 0.15)]))[0]!;
    await pickTool(page, 'b');
    const ids = await added(page, () => page.mouse.click(x, y));
    expect(ids).toHaveLength(1);
    const count = await page.evaluate(() => window.__tumble!.element.bodyCount);
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tumble-sandbox:autosave:')).length), { timeout: 5000 }).toBe(1);
    const expected = await page.evaluate(() => window.__tumble!.element.save());
    await page.reload();
    // `ready` resolves once the first scene is in: here the autosave, after its trial on a worker.
    await page.waitForFunction(() => window.__tumble !== undefined);
    await page.evaluate(() => window.__tumble!.element.ready);
    await page.waitForFunction(() => window.__tumble!.view.state === 'running' && window.__tumble!.view.stats.frames > 2);
    expect(await page.evaluate(() => window.__tumble!.element.bodyCount)).toBe(count);
    expect(await body(page, ids[0]!)).toMatchObject({ shape: { type: 'circle' } });
    // The restored world is the saved one, bit for bit, as of its save.
    const restoredSteps = await page.evaluate(() => window.__tumble!.view.engine!.stepCount);
    expect(restoredSteps).toBeGreaterThanOrEqual(JSON.parse(expected).clock.steps);
  });
});

describe('record and replay', () => {
  it('replays a recorded session of tools, drags and edits to the live run’s final hash', async () => {
    const { page } = await open();
    await page.evaluate(() => window.__tumble!.element.play());
    await page.locator('tumble-sandbox #record').click();
    const [x0, y0] = await worldFraction(page, 0.35, 0.2);
    await pickTool(page, 'b');
    for (const [x, y] of await toPage(page, [
      [x0, y0],
      [x0 + 2, y0 + 0.5],
    ])) {
      await page.mouse.click(x, y);
      await sleep(150);
    }
    // A drag of a pyramid box with the drag tool.
    await pickTool(page, 'h');
    const ids = await bodyIds(page);
    const [p] = await toPage(page, [(await body(page, ids[1]!)).position]);
    await page.mouse.move(p![0], p![1]);
    await page.mouse.down();
    await page.mouse.move(p![0] + 60, p![1] - 80, { steps: 10 });
    await sleep(200);
    await page.mouse.up();
    // A setting and an undo, mid-run.
    await page.evaluate(() => window.__tumble!.view.editor.setSettings({ gravity: [0, -5] }));
    await sleep(200);
    await page.keyboard.press('Control+z');
    await sleep(300);
    await page.evaluate(() => window.__tumble!.element.pause());
    await page.locator('tumble-sandbox #record').click();
    const live = await page.evaluate(() => window.__tumble!.view.engine!.stateHash());
    await page.locator('tumble-sandbox #replay').click();
    await page.locator('tumble-sandbox #replay-scrubber').waitFor();
    // Drag the scrubber back to the middle (the replay pauses), then to the end.
    const scrubber = page.locator('tumble-sandbox #replay-scrubber');
    const [min, max] = [Number(await scrubber.getAttribute('min')), Number(await scrubber.getAttribute('max'))];
    expect(max - min).toBeGreaterThan(30);
    const middle = Math.round((min + max) / 2);
    await scrubber.fill(String(middle));
    await expect.poll(() => page.locator('tumble-sandbox #replay-step').textContent()).toBe(`step ${middle - min} / ${max - min}`);
    expect(await page.locator('tumble-sandbox #replay-play').textContent()).toBe('Play');
    expect(await page.evaluate(() => window.__tumble!.view.engine!.stateHash())).not.toBe(live);
    await scrubber.fill(String(max));
    await expect.poll(() => page.locator('tumble-sandbox #replay-verdict').getAttribute('data-match')).toBe('true');
    expect(await page.evaluate(() => window.__tumble!.view.engine!.stateHash())).toBe(live);
    await screenshot(page, 'sandbox-replay');
    await page.locator('tumble-sandbox #replay-exit').click();
    expect(await page.locator('tumble-sandbox .replay-bar').count()).toBe(0);
  });
});

describe('debug layers and camera', () => {
  it('draws each debug layer when switched on in the menu', async () => {
    const { page } = await open('preset=ragdolls');
    await sleep(200);
    await page.locator('tumble-sandbox #debug').click();
    for (const layer of ['aabbs', 'contacts', 'centers', 'sleep']) await page.locator(`tumble-sandbox #debug-${layer}`).check();
    expect(await page.evaluate(() => window.__tumble!.view.debug)).toEqual({ aabbs: true, contacts: true, joints: true, centers: true, sleep: true });
    await page.evaluate(() => window.__tumble!.element.step(30));
    await sleep(200);
    await screenshot(page, 'sandbox-debug');
    // The centre-of-mass markers' colour is on the overlay.
    const magenta = await page.evaluate(() => {
      const canvas = window.__tumble!.view.element.querySelector<HTMLCanvasElement>('.tumble-edit-overlay')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 200 && data[i + 1]! < 120 && data[i + 2]! > 180 && data[i + 3]! > 100) n++;
      return n;
    });
    expect(magenta).toBeGreaterThan(50);
    await page.locator('tumble-sandbox #debug-centers').uncheck();
    expect(await page.evaluate(() => window.__tumble!.view.debug.centers)).toBe(false);
  });

  it('follows the selected body, stops on a pan; Home fits the scene', async () => {
    const { page } = await open();
    const ids = await bodyIds(page);
    const target = ids[ids.length - 1]!;
    await page.evaluate((id) => window.__tumble!.view.editor.select([id]), target);
    await page.keyboard.press('f');
    await page.evaluate((id) => {
      const engine = window.__tumble!.view.engine!;
      const b = engine.body(id);
      engine.editBody(id, { ...b, linearVelocity: [6, 8] });
      window.__tumble!.element.play();
    }, target);
    await sleep(500);
    const [camera, at] = await page.evaluate((id) => {
      const view = window.__tumble!.view;
      return [[view.camera.centerX, view.camera.centerY], view.engine!.body(id).position];
    }, target);
    expect(Math.hypot(camera![0]! - at![0]!, camera![1]! - at![1]!)).toBeLessThan(0.5);
    expect(await page.evaluate(() => window.__tumble!.view.following)).toBe(target);
    await page.mouse.click(640, 400, { button: 'middle' });
    await page.mouse.move(640, 400);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(700, 420, { steps: 3 });
    await page.mouse.up({ button: 'middle' });
    await sleep(100);
    expect(await page.evaluate(() => window.__tumble!.view.following)).toBeNull();
  });
});

describe('touch', () => {
  it('every tool works with a finger', async () => {
    const { page } = await open();
    const finger = await Finger.on(page);
    const tapButton = async (id: string) => {
      const box = (await page.locator(`tumble-sandbox #${id}`).boundingBox())!;
      await finger.tap([box.x + box.width / 2, box.y + box.height / 2]);
    };
    const tool = async (name: string) => {
      await tapButton(`tool-${name}`);
      expect(await page.evaluate(() => window.__tumble!.view.tool)).toBe(name);
    };
    const at = async (fx: number, fy: number) => (await toPage(page, [await worldFraction(page, fx, fy)]))[0]!;
    // Shapes: drag to size.
    for (const [name, fx] of [
      ['ball', 0.25],
      ['box', 0.4],
      ['capsule', 0.55],
    ] as const) {
      await tool(name);
      const [x, y] = await at(fx, 0.15);
      const made = await added(page, () => finger.stroke([[x, y], [x + 20, y + 10], [x + 40, y + 20]]));
      expect(made, name).toHaveLength(1);
      const type = (await body(page, made[0]!)).shape.type;
      expect(type).toBe(name === 'ball' ? 'circle' : name);
    }
    // Polygon, freehand; terrain, by taps and a tap on the last point.
    await tool('polygon');
    const [px, py] = await at(0.75, 0.15);
    const square = along([[px, py], [px + 50, py], [px + 50, py + 50], [px, py + 50]], 8, true);
    expect(await added(page, () => finger.stroke(square))).toHaveLength(1);
    await tool('terrain');
    const [tx, ty] = await at(0.15, 0.45);
    const terrain = await added(page, async () => {
      await finger.tap([tx, ty]);
      await finger.tap([tx + 80, ty + 20]);
      await finger.tap([tx + 80, ty + 20]);
    });
    expect(terrain).toHaveLength(1);
    expect((await body(page, terrain[0]!)).type).toBe('static');
    // Joints between the shapes just made.
    const ids = await bodyIds(page);
    const shapes = ids.slice(-5, -1);
    const positions = await toPage(page, await Promise.all(shapes.map((id) => body(page, id).then((b) => b.position))));
    for (const [name, a, b, type] of [
      ['rope', 0, 1, 'rope'],
      ['spring', 1, 2, 'spring'],
      ['weld', 2, 3, 'weld'],
    ] as const) {
      await tool(name);
      const before = await jointIds(page);
      await finger.tap(positions[a]!);
      await finger.tap(positions[b]!);
      const made = (await jointIds(page)).filter((id) => !before.includes(id));
      expect(made, name).toHaveLength(1);
      expect((await joint(page, made[0]!)).type).toBe(type);
    }
    await tool('pin');
    const beforePin = await jointIds(page);
    await finger.tap(positions[0]!);
    expect((await jointIds(page)).length).toBe(beforePin.length + 1);
    // Select by tap, move by drag, delete with the palette button.
    await tool('select');
    const last = ids[ids.length - 1]!;
    const [sx, sy] = (await toPage(page, [(await body(page, last)).position]))[0]!;
    await finger.tap([sx, sy]);
    expect((await selection(page)).bodies).toEqual([last]);
    const before = (await body(page, last)).position;
    await finger.stroke([[sx, sy], [sx, sy - 20], [sx, sy - 40], [sx, sy - 60]]);
    expect((await body(page, last)).position[1]).toBeGreaterThan(before[1] + 0.3);
    await tapButton('delete');
    expect(await bodyIds(page)).not.toContain(last);
    // Drag: a finger on a body pulls it.
    await tool('drag');
    await page.evaluate(() => window.__tumble!.element.play());
    const pyramidTop = ids[2]!;
    const [dx, dy] = (await toPage(page, [(await body(page, pyramidTop)).position]))[0]!;
    const start = (await body(page, pyramidTop)).position;
    await finger.stroke([[dx, dy], ...Array.from({ length: 10 }, (_, i) => [dx, dy - 10 * (i + 1)] as Vec2)]);
    await sleep(100);
    expect((await body(page, pyramidTop)).position).not.toEqual(start);
    // A polygon tapped corner by corner, closed by a tap 16 px from its first corner (a finger
    // snaps from farther than a mouse).
    await page.evaluate(() => window.__tumble!.element.pause());
    await tool('polygon');
    const [qx, qy] = await at(0.8, 0.35);
    const corners: Vec2[] = [
      [qx, qy],
      [qx + 70, qy],
      [qx + 35, qy - 60],
      [qx + 12, qy + 10],
    ];
    const tapped = await added(page, async () => {
      for (const corner of corners) await finger.tap(corner);
    });
    expect(tapped).toHaveLength(1);
    expect(((await body(page, tapped[0]!)).shape as { points: Vec2[] }).points).toHaveLength(3);
    await screenshot(page, 'sandbox-touch');
  });
});
