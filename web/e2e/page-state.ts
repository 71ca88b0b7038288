// Reading the demo's state from inside the page (through the `?e2e` hook). Each function runs in
// the browser, so it only uses what it is given and `window.__tumble`.
import type { Page } from 'playwright-core';

export interface BodyOnScreen {
  id: number;
  x: number;
  y: number;
  /** Page coordinates of the body's origin, for page.mouse. */
  pageX: number;
  pageY: number;
}

/** The dynamic circle highest up (it falls longest), with its page coordinates. */
export function highestBall(page: Page): Promise<BodyOnScreen | null> {
  return page.evaluate(() => {
    const view = window.__tumble!.view;
    const engine = view.engine!;
    const v = engine.views();
    let best: { id: number; x: number; y: number } | null = null;
    for (let slot = 0; slot < v.slotCount; slot++) {
      const state = v.bodyState[slot]!;
      const dynamic = ((state >> 4) & 3) === 0;
      if (!(state & 1) || !dynamic || v.shapes[slot * 8] !== 1) continue;
      const [x, y] = engine.body(v.slotIds[slot]!).position;
      if (!best || y > best.y) best = { id: v.slotIds[slot]!, x, y };
    }
    if (!best) return null;
    const rect = view.canvas.getBoundingClientRect();
    return { ...best, pageX: rect.left + view.camera.screenX(best.x), pageY: rect.top + view.camera.screenY(best.y) };
  });
}

export function bodyPosition(page: Page, id: number): Promise<[number, number]> {
  return page.evaluate((id) => window.__tumble!.view.engine!.body(id).position, id);
}

/** The world point under a page point. */
export function worldAt(page: Page, pageX: number, pageY: number): Promise<[number, number]> {
  return page.evaluate(
    ([px, py]) => {
      const view = window.__tumble!.view;
      const rect = view.canvas.getBoundingClientRect();
      return [view.camera.worldX(px! - rect.left), view.camera.worldY(py! - rect.top)] as [number, number];
    },
    [pageX, pageY],
  );
}

export function stateHash(page: Page): Promise<string> {
  return page.evaluate(() => window.__tumble!.view.engine!.stateHash());
}

export function stepCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__tumble!.view.engine!.stepCount);
}

export function bodyCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__tumble!.view.engine!.bodyCount);
}

/**
 * What the canvas shows, summarised: a hash of its pixels, how many distinct colours, and how
 * many clearly coloured (not grey) pixels. Read through a copy so the page's own canvas is not
 * switched to the slow read-back mode (and Chromium prints no warning about it).
 */
export function canvasPixels(page: Page): Promise<{ hash: number; colours: number; coloured: number }> {
  return page.evaluate(() => {
    const source = window.__tumble!.view.canvas;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const colours = new Set<number>();
    let hash = 0;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      const rgb = (r << 16) | (g << 8) | b;
      hash = (Math.imul(hash, 31) + rgb) | 0;
      if (i % 64 === 0) colours.add(rgb);
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    return { hash, colours: colours.size, coloured };
  });
}
