// The demo in headless Chromium, as a person uses it: it loads cleanly, draws, bodies fall, the
// mouse drags them, P/O pause and step, the preset picker switches scenes, and a bad scene file
// shows the error panel while the previous scene keeps running.
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, useDemo, screenshot, sleep } from './harness';
import { bodyCount, bodyPosition, canvasPixels, highestBall, stateHash, stepCount, worldAt } from './page-state';

const browser = useBrowser();
// Every test's page must stay free of console errors and warnings.
const open = useDemo(browser);

describe('the demo', () => {
  it('loads with no console errors or warnings and draws a changing picture', async () => {
    const { page, problems } = await open();
    await page.locator('.status').waitFor({ state: 'hidden' });
    await sleep(300);
    await screenshot(page, 'demo-loaded');
    const first = await canvasPixels(page);
    expect(first.colours).toBeGreaterThan(8);
    expect(first.coloured).toBeGreaterThan(2000);
    await sleep(250);
    const second = await canvasPixels(page);
    expect(second.hash).not.toBe(first.hash);
    expect(await page.locator('#preset option').count()).toBeGreaterThanOrEqual(10);
    // Served under a strict CSP (vite.config.js), and nothing was refused.
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(problems).toEqual([]);
  });

  it('says so while the engine loads', async () => {
    const page = await browser.context.newPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${inject('baseUrl')}?e2e`);
    const status = page.locator('.status');
    await status.waitFor({ state: 'visible' });
    expect(await status.textContent()).toContain('Loading the physics engine');
    await screenshot(page, 'demo-loading');
    release();
    await status.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('lets bodies fall', async () => {
    const { page } = await open();
    const ball = (await highestBall(page))!;
    expect(ball).not.toBeNull();
    await sleep(300);
    const [, y] = await bodyPosition(page, ball.id);
    expect(y).toBeLessThan(ball.y - 0.1);
  });

  it('drags a body toward the mouse', async () => {
    const { page } = await open();
    await sleep(2500); // let the scene settle
    const ball = (await highestBall(page))!;
    const [toX, toY] = [ball.pageX + 220, ball.pageY - 160];
    const [targetX, targetY] = await worldAt(page, toX, toY);
    const before = Math.hypot(targetX - ball.x, targetY - ball.y);
    await page.mouse.move(ball.pageX, ball.pageY);
    await page.mouse.down();
    await page.mouse.move(toX, toY, { steps: 12 });
    await sleep(1200);
    await screenshot(page, 'demo-dragging');
    const grabbed = await page.evaluate((id) => {
      const v = window.__tumble!.view.engine!.views();
      return (v.bodyState[id % 2 ** 32]! & 8) !== 0;
    }, ball.id);
    const [x, y] = await bodyPosition(page, ball.id);
    await page.mouse.up();
    expect(grabbed).toBe(true);
    expect(Math.hypot(targetX - x, targetY - y)).toBeLessThan(Math.min(1, before * 0.25));
  });

  it('pauses with P and steps exactly once with O', async () => {
    const { page } = await open();
    await page.keyboard.press('p');
    expect(await page.locator('#play').textContent()).toBe('Play');
    const hash = await stateHash(page);
    const pixels = await canvasPixels(page);
    const steps = await stepCount(page);
    await sleep(400);
    expect(await stateHash(page)).toBe(hash);
    expect(await stepCount(page)).toBe(steps);
    expect((await canvasPixels(page)).hash).toBe(pixels.hash);
    await page.keyboard.press('o');
    expect(await stepCount(page)).toBe(steps + 1);
    expect(await stateHash(page)).not.toBe(hash);
    await screenshot(page, 'demo-paused');
    await page.keyboard.press('p');
    await sleep(200);
    expect(await stepCount(page)).toBeGreaterThan(steps + 1);
  });

  it('drops a ball, a box and a capsule where clicked, and shows the debug layers', async () => {
    const { page } = await open();
    // Paused, so each new body stays where it was dropped until it is looked for.
    await page.keyboard.press('p');
    const before = await bodyCount(page);
    for (const [key, x] of [['b', 420], ['x', 640], ['c', 860]] as const) {
      await page.keyboard.press(key);
      await page.mouse.click(x, 200);
    }
    expect(await bodyCount(page)).toBe(before + 3);
    const [wx, wy] = await worldAt(page, 640, 200);
    expect(await page.evaluate(([x, y]) => window.__tumble!.view.engine!.bodyAt(x!, y!) !== null, [wx, wy])).toBe(true);
    await page.keyboard.press('h');
    expect(await page.locator('#tool-drag').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('d');
    await sleep(400);
    await screenshot(page, 'demo-spawned-debug');
    expect(await page.evaluate(() => window.__tumble!.view.engine!.views().debugLines.length)).toBeGreaterThan(0);
  });

  it('switches presets from the picker', async () => {
    const { page } = await open();
    const before = await bodyCount(page);
    await page.selectOption('#preset', 'pyramid');
    await page.waitForFunction((n) => window.__tumble!.view.engine!.bodyCount !== n, before);
    expect(await bodyCount(page)).toBeGreaterThan(before);
    await sleep(500);
    await screenshot(page, 'demo-pyramid');
  });

  it('shows a bad scene file in the error panel and keeps the previous scene running', async () => {
    const { page } = await open();
    const count = await bodyCount(page);
    const bad = {
      format: 'tumble-scene',
      version: 1,
      bodies: [{ type: 'dynamic', shape: { type: 'circle', radius: -1 }, position: [0, 5] }],
    };
    await page.setInputFiles('#open-file', {
      name: 'bad-scene.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const panel = page.locator('.error-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.locator('.error-code').textContent()).toBe('scene.invalid');
    expect(await panel.locator('.error-path').textContent()).toContain('bodies[0].shape.radius');
    expect(await panel.locator('.error-message').textContent()).toContain('must be > 0');
    await screenshot(page, 'demo-error-panel');
    expect(await bodyCount(page)).toBe(count);
    const hash = await stateHash(page);
    await sleep(300);
    expect(await stateHash(page)).not.toBe(hash);
    await panel.locator('.error-close').click();
    await panel.waitFor({ state: 'hidden' });
  });

  it('fits a phone screen: the toolbar wraps, nothing overflows, the sandbox keeps most of the screen', async () => {
    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await sleep(400);
    await screenshot(page, 'demo-phone');
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      toolbar: window.__tumble!.element.shadowRoot!.querySelector('.toolbar')!.getBoundingClientRect().height,
      canvas: window.__tumble!.view.canvas.getBoundingClientRect().height,
      backing: [window.__tumble!.view.canvas.width, window.__tumble!.view.canvas.height],
    }));
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.canvas).toBeGreaterThan(844 * 0.55);
    expect(layout.backing).toEqual([390, Math.round(layout.canvas)]);
  });
});
