// Zoom and pan gestures, and what the canvas leaves to the page: in `cooperative` mode the wheel
// only zooms with focus or Ctrl; two fingers always pinch-zoom the view.
import { describe, expect, it } from 'vitest';
import { useBrowser, useDemo, sleep, type DemoPage } from './harness';

const browser = useBrowser();
const open = useDemo(browser);

const scale = (d: DemoPage) => d.page.evaluate(() => window.__tumble!.view.camera.scale);
const center = (d: DemoPage) => d.page.evaluate(() => [window.__tumble!.view.camera.centerX, window.__tumble!.view.camera.centerY]);

describe('gestures', () => {
  it('cooperative: the wheel zooms only with focus or Ctrl', async () => {
    const demo = await open('gestures=cooperative');
    const { page } = demo;
    await page.mouse.move(640, 500);
    const s0 = await scale(demo);
    await page.mouse.wheel(0, -300);
    await sleep(100);
    expect(await scale(demo)).toBe(s0);
    expect(await page.locator('.tumble-hint').textContent()).toContain('Ctrl');

    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await sleep(100);
    const s1 = await scale(demo);
    expect(s1).toBeGreaterThan(s0);

    await page.mouse.click(640, 150, { button: 'middle' }); // focus without touching a body
    await page.mouse.wheel(0, 200);
    await sleep(100);
    expect(await scale(demo)).toBeLessThan(s1);
  });

  it('greedy: the wheel zooms around the pointer and the right button pans', async () => {
    const demo = await open();
    const { page } = demo;
    await page.mouse.move(300, 300);
    const s0 = await scale(demo);
    await page.mouse.wheel(0, -200);
    await sleep(100);
    expect(await scale(demo)).toBeGreaterThan(s0);
    const [x0, y0] = await center(demo);
    await page.mouse.move(600, 300);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(700, 350, { steps: 5 });
    await page.mouse.up({ button: 'right' });
    const [x1, y1] = await center(demo);
    expect(x1!).toBeLessThan(x0!); // the world moved right with the pointer
    expect(y1!).toBeGreaterThan(y0!);
  });

  it('two fingers pinch-zoom the view', async () => {
    const demo = await open();
    const { page } = demo;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    const s0 = await scale(demo);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: 640 - spread, y: 200, id: 1 },
                { x: 640 + spread, y: 200, id: 2 },
              ],
      });
    await touch('touchStart', 40);
    for (let spread = 50; spread <= 120; spread += 10) await touch('touchMove', spread);
    await touch('touchEnd', 0);
    await sleep(100);
    expect(await scale(demo)).toBeGreaterThan(s0 * 2);
  });
});
