// Panic containment with several <tumble-sandbox> elements on one page: a real Rust panic (the
// test build's `debugPanic`) traps the shared wasm instance. Every element then shows its failed
// state with a Reload button instead of freezing; Reload brings each back on a new instance, and
// the page itself never breaks.
import { expect, inject, it } from 'vitest';
import type {} from '../src/element/tumble-sandbox';
import { useBrowser, screenshot, sleep } from './harness';

const browser = useBrowser();

it('shows a panic in every element as a failed state, and Reload recovers each', async () => {
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(new URL('web/e2e/pages/widget.html', inject('staticUrl')).href);
  await page.evaluate(async () => {
    await customElements.whenDefined('tumble-sandbox');
    const host = document.getElementById('host')!;
    for (const [id, preset] of [
      ['first', 'pyramid?base=6'],
      ['second', 'newtons_cradle'],
    ]) {
      const el = document.createElement('tumble-sandbox');
      el.id = id!;
      el.setAttribute('preset', preset!);
      el.setAttribute('autoplay', '');
      el.style.height = '220px';
      host.append(el);
      await el.ready;
    }
  });
  await page.waitForFunction(() => (document.getElementById('second') as HTMLElementTagNameMap['tumble-sandbox']).sandbox!.stepCount > 5);

  // A genuine panic inside Rust, in the first element's world.
  const thrown = await page.evaluate(() => {
    try {
      (document.getElementById('first') as HTMLElementTagNameMap['tumble-sandbox']).sandbox!.debugPanic();
      return null;
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
  });
  expect(thrown).toBe('engine.panic');

  // Both elements share the trapped instance: both show the failed state, neither freezes.
  for (const id of ['first', 'second']) {
    const panel = page.locator(`#${id} .tumble-failure`);
    await panel.waitFor({ state: 'visible' });
    expect(await panel.textContent()).toContain('The physics engine stopped');
    expect(await page.getAttribute(`#${id}`, 'data-state')).toBe('failed');
  }
  await screenshot(page, 'element-panic');

  // Reload on the first brings up a new instance; the second joins it with its own Reload.
  await page.locator('#first .tumble-reload').click();
  await page.waitForFunction(() => document.getElementById('first')!.dataset.state === 'running');
  expect(await page.locator('#second .tumble-failure').isVisible()).toBe(true);
  await page.locator('#second .tumble-reload').click();
  await page.waitForFunction(() => document.getElementById('second')!.dataset.state === 'running');

  const after = await page.evaluate(() => {
    const [a, b] = ['first', 'second'].map((id) => document.getElementById(id) as HTMLElementTagNameMap['tumble-sandbox']);
    return { same: a!.sandbox!.module === b!.sandbox!.module, live: a!.sandbox!.module.liveCount(), steps: [a!.sandbox!.stepCount, b!.sandbox!.stepCount] };
  });
  expect(after.same).toBe(true);
  expect(after.live).toBe(2);
  await sleep(400);
  const later = await page.evaluate(() => ['first', 'second'].map((id) => (document.getElementById(id) as HTMLElementTagNameMap['tumble-sandbox']).sandbox!.stepCount));
  expect(later[0]).toBeGreaterThan(after.steps[0]!);
  expect(later[1]).toBeGreaterThan(after.steps[1]!);
  // The panic was contained: nothing escaped to the page as an uncaught error.
  expect(pageErrors).toEqual([]);
  await page.close();
});
