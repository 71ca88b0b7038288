// The WebGL2 renderer against the Canvas 2D one in headless Chromium: the same world at the same
// step, drawn by each, must look the same (pixel by pixel, up to antialiasing), and neither picture
// may be blank. Also: `auto` keeps Canvas 2D on this software GPU (SwiftShader), a bad `renderer`
// value is reported, and a lost WebGL2 context falls back to Canvas 2D instead of a blank canvas.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { useBrowser, openDemo, screenshot, sleep, type DemoPage } from './harness';

const browser = useBrowser();
/** Twice the pixel density, as on most machines with a GPU (where `auto` picks WebGL2). */
const hidpi = useBrowser({ deviceScaleFactor: 2 });
const opened: DemoPage[] = [];
afterEach(async () => {
  // Without a GPU (--disable-gpu) Chromium composites the page in software, reading every WebGL
  // frame back from SwiftShader; its GL driver then warns about the stall. The page never reads
  // pixels back itself: that warning is the test browser's, every other one is a failure.
  const problems = opened.flatMap((demo) => demo.problems).filter((p) => !p.includes('GPU stall due to ReadPixels'));
  for (const demo of opened.splice(0)) await demo.page.close();
  expect(problems).toEqual([]);
});

async function open(query: string, dpr = 1): Promise<DemoPage> {
  const demo = await openDemo(dpr === 2 ? hidpi : browser, inject('baseUrl'), query);
  opened.push(demo);
  return demo;
}

type Kind = 'canvas2d' | 'webgl2';

/** One picture to draw with both renderers. */
interface Scene {
  preset: string;
  /** Steps from the start: the engine is deterministic, so every page holds the same world. */
  steps: number;
  /** Device pixels per CSS pixel: 1 (default) or 2. */
  dpr?: 1 | 2;
  /** Zoom in by this factor after framing the scene: big bodies, thick detail. */
  zoom?: number;
  /** Select the boxes and draw the debug layer: the 2D layer over the WebGL2 bodies. */
  overlays?: boolean;
  /** The differing fraction allowed where a scene needs more than `MAX_DIFFERING` (say why there). */
  maxDiffering?: number;
}

/**
 * Opens the scene's preset drawn by `renderer`, puts its world back to the start, runs the steps,
 * and returns a PNG of the sandbox alone: no stats box (its numbers differ), no toolbar.
 */
async function drawnAt(scene: Scene, renderer: Kind, name: string): Promise<{ page: Page; png: Buffer }> {
  const { page } = await open(`preset=${encodeURIComponent(scene.preset)}&renderer=${renderer}`, scene.dpr);
  expect(await page.evaluate(() => window.__tumble!.view.rendererKind)).toBe(renderer);
  const clip = await page.evaluate(({ steps, overlays }) => {
    const { element, view } = window.__tumble!;
    element.stats = false;
    element.debug = overlays;
    element.reset();
    element.step(steps);
    if (overlays) {
      // Every dynamic box selected: yellow outlines over bodies that WebGL2 fills.
      const engine = view.engine!;
      const v = engine.views();
      for (let slot = 0; slot < v.slotCount; slot++) {
        const state = v.bodyState[slot]!;
        // Occupied, dynamic (kind bits 0), a box (shape kind 2): layout.ts.
        if ((state & 1) === 1 && ((state >> 4) & 3) === 0 && v.shapes[slot * 8] === 2) engine.setSelected(v.slotIds[slot]!, true);
      }
      view.refresh();
    }
    const rect = view.element.getBoundingClientRect();
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  }, { steps: scene.steps, overlays: scene.overlays ?? false });
  // The camera frames the scene on the next frame; a zoom goes after that.
  await nextFrames(page, 3);
  if (scene.zoom) {
    await page.evaluate((zoom) => {
      const { camera } = window.__tumble!.view;
      camera.zoomAt(camera.width / 2, camera.height * 0.75, zoom);
    }, scene.zoom);
    await nextFrames(page, 3);
  }
  expect(await page.evaluate(() => window.__tumble!.view.camera.dpr)).toBe(scene.dpr ?? 1);
  return { page, png: await screenshot(page, `renderer-${name}-${renderer}`, clip) };
}

function nextFrames(page: Page, n: number): Promise<void> {
  return page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame);
  }, n);
}

interface Comparison {
  width: number;
  height: number;
  /** Pixels whose largest channel difference is over `tolerance`, as a fraction of all. */
  differing: number;
  /** Mean absolute channel difference over the whole picture (0-255). */
  meanDelta: number;
  /** Pixels of each picture clearly not background or grid, as a fraction of all. */
  drawnA: number;
  drawnB: number;
}

/** Decodes both PNGs in the page (a software 2D canvas: no GPU read-back) and compares them. */
function compare(page: Page, a: Buffer, b: Buffer, tolerance: number): Promise<Comparison> {
  return page.evaluate(
    async ([a, b, tolerance]) => {
      const pixels = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = document.createElement('canvas');
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [pa, pb] = await Promise.all([pixels(a as string), pixels(b as string)]);
      if (pa.width !== pb.width || pa.height !== pb.height) throw new Error('the screenshots differ in size');
      // The background (#13161b) and grid lines (#1c2027, #272c35) are all within 40 of it.
      const drawn = (d: Uint8ClampedArray, i: number) =>
        Math.max(Math.abs(d[i]! - 0x13), Math.abs(d[i + 1]! - 0x16), Math.abs(d[i + 2]! - 0x1b)) > 40;
      let differing = 0;
      let delta = 0;
      let drawnA = 0;
      let drawnB = 0;
      const n = pa.width * pa.height;
      for (let i = 0; i < pa.data.length; i += 4) {
        let worst = 0;
        for (let c = 0; c < 3; c++) {
          const d = Math.abs(pa.data[i + c]! - pb.data[i + c]!);
          delta += d;
          worst = Math.max(worst, d);
        }
        if (worst > (tolerance as number)) differing++;
        if (drawn(pa.data, i)) drawnA++;
        if (drawn(pb.data, i)) drawnB++;
      }
      return {
        width: pa.width,
        height: pa.height,
        differing: differing / n,
        meanDelta: delta / (3 * n),
        drawnA: drawnA / n,
        drawnB: drawnB / n,
      };
    },
    [a.toString('base64'), b.toString('base64'), tolerance] as const,
  );
}

/**
 * A pixel "differs" when a channel is off by more than this (of 255). Both renderers antialias by
 * the share of the pixel a shape covers, but Skia estimates it by supersampling where the shader
 * computes it from a distance: edge pixels of the same picture differ by up to about 30.
 */
const TOLERANCE = 32;
/**
 * At most this fraction of pixels may differ (460 of 1280 × 722): stray edge pixels, and where
 * overlapping bodies are drawn in another order (Canvas 2D batches by colour, WebGL2 goes by slot).
 * Measured here: 0.0001% to 0.03%. An outline 15% too light, a body half a pixel off, outlines
 * half again too thick or sleeping bodies not dimmed each exceed it in the playground; one 40 px
 * ball drawn wrong would alone be 0.14%.
 */
const MAX_DIFFERING = 0.0005;

describe('the WebGL2 renderer', () => {
  // Boxes (pyramid); balls, boxes, capsules, concave polygons, a terrain segment and a sleeping
  // ball (playground); capsules, boxes and joints, bodies overlapping at the joints (ragdolls);
  // then at twice the pixel density, and zoomed in with a selection and the debug layer on top.
  const scenes: [string, Scene][] = [
    // Rows of different colours share edges, and which outline ends on top goes by draw order:
    // whole rows of seam pixels differ.
    ['pyramid', { preset: 'pyramid', steps: 240, maxDiffering: 0.003 }],
    ['playground', { preset: 'playground', steps: 300 }],
    ['ragdolls', { preset: 'ragdolls', steps: 90 }],
    ['playground-dpr2', { preset: 'playground', steps: 300, dpr: 2 }],
    ['playground-zoomed', { preset: 'playground', steps: 120, zoom: 3, overlays: true }],
  ];
  it.each(scenes)('draws %s like Canvas 2D does', async (name, scene) => {
    const canvas = await drawnAt(scene, 'canvas2d', name);
    const webgl = await drawnAt(scene, 'webgl2', name);
    const result = await compare(canvas.page, canvas.png, webgl.png, TOLERANCE);
    console.log(`${name}: ${JSON.stringify(result)}`);
    // Neither picture is blank: bodies cover a good part of the sandbox in each.
    expect(result.drawnA).toBeGreaterThan(0.01);
    expect(result.drawnB).toBeGreaterThan(0.01);
    expect(Math.abs(result.drawnA - result.drawnB)).toBeLessThan(0.1 * result.drawnA);
    expect(result.differing).toBeLessThan(scene.maxDiffering ?? MAX_DIFFERING);
  });

  it('shows which renderer draws in the stats box, and leaves the pointer to the top canvas', async () => {
    const { page } = await open('renderer=webgl2');
    await sleep(600);
    await screenshot(page, 'renderer-stats-webgl2');
    const shown = page.locator('tumble-sandbox .stats [data-stat="renderer"]');
    expect(await shown.textContent()).toBe('WebGL2');
    // The WebGL2 layers lie under the view's canvas, which takes every gesture as before.
    const onTop = await page.evaluate(() => {
      const { element, view } = window.__tumble!;
      const rect = view.canvas.getBoundingClientRect();
      return element.shadowRoot!.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2) === view.canvas;
    });
    expect(onTop).toBe(true);
  });

  it('falls back to Canvas 2D when the WebGL2 context is lost, and keeps drawing', async () => {
    const { page } = await open('preset=pyramid&renderer=webgl2');
    const layers = await page.evaluate(() => window.__tumble!.view.element.querySelectorAll<HTMLCanvasElement>('canvas:not(.tumble-edit-overlay)').length);
    expect(layers).toBe(3);
    await page.evaluate(() => {
      const canvases = [...window.__tumble!.view.element.querySelectorAll<HTMLCanvasElement>('canvas:not(.tumble-edit-overlay)')];
      const gl = canvases.map((c) => c.getContext('webgl2')).find((c) => c !== null)!;
      gl.getExtension('WEBGL_lose_context')!.loseContext();
    });
    await page.waitForFunction(() => window.__tumble!.view.rendererKind === 'canvas2d');
    await nextFrames(page, 3);
    const after = await page.evaluate(() => window.__tumble!.view.element.querySelectorAll<HTMLCanvasElement>('canvas:not(.tumble-edit-overlay)').length);
    expect(after).toBe(1);
    const png = await screenshot(page, 'renderer-context-lost');
    const result = await compare(page, png, png, TOLERANCE);
    expect(result.drawnA).toBeGreaterThan(0.01);
  });
});

describe('choosing the renderer', () => {
  it('keeps Canvas 2D automatically on a software GPU (this headless Chromium: SwiftShader)', async () => {
    const { page } = await open('');
    const gpu = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2')!;
      const info = gl.getExtension('WEBGL_debug_renderer_info')!;
      const name = String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
      gl.getExtension('WEBGL_lose_context')!.loseContext();
      return name;
    });
    expect(gpu).toMatch(/swiftshader/i);
    expect(await page.evaluate(() => window.__tumble!.view.rendererKind)).toBe('canvas2d');
    expect(await page.evaluate(() => window.__tumble!.view.element.querySelectorAll<HTMLCanvasElement>('canvas:not(.tumble-edit-overlay)').length)).toBe(1);
  });

  it('reports a bad renderer value and uses auto', async () => {
    const page = await browser.context.newPage();
    // The element reads `renderer` as it is defined, before the page could listen: catch from the start.
    await page.addInitScript(() => {
      const w = window as unknown as { sandboxErrors: unknown[] };
      w.sandboxErrors = [];
      document.addEventListener('error', (e) => w.sandboxErrors.push((e as unknown as CustomEvent).detail), true);
    });
    await page.goto(`${inject('baseUrl')}?e2e&renderer=vulkan`);
    await page.waitForFunction(() => window.__tumble?.view.state === 'running' && window.__tumble.view.stats.frames > 2);
    const errors = await page.evaluate(() => (window as unknown as { sandboxErrors: unknown[] }).sandboxErrors);
    const message = expect.stringContaining('expected auto, canvas2d or webgl2, got "vulkan"');
    expect(errors).toEqual([{ code: 'attribute.invalid', message }]);
    expect(await page.evaluate(() => window.__tumble!.view.rendererKind)).toBe('canvas2d');
    await page.close();
  });
});
