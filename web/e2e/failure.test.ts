// A wasm trap must show what happened and a Reload button, never a frozen canvas; Reload brings
// the sandbox back.
import { expect, inject, it } from 'vitest';
import { useBrowser, openDemo, screenshot, sleep } from './harness';
import { stateHash } from './page-state';

const browser = useBrowser();

it('shows the failed state on a trap and recovers with Reload', async () => {
  const { page, problems } = await openDemo(browser, inject('baseUrl'));
  // A trap as the engine reports one: a WebAssembly.RuntimeError out of a guarded wasm call.
  await page.evaluate(() => {
    try {
      window.__tumble!.view.engine!.module.guard(() => {
        throw new WebAssembly.RuntimeError('unreachable executed');
      });
    } catch {
      // The view shows it; the caller only needs to stop.
    }
  });
  const panel = page.locator('.tumble-failure');
  await panel.waitFor({ state: 'visible' });
  expect(await panel.textContent()).toContain('The physics engine stopped');
  expect(await panel.textContent()).toContain('unreachable executed');
  expect(await page.evaluate(() => window.__tumble!.view.state)).toBe('failed');
  await screenshot(page, 'failure-panel');

  await panel.getByRole('button', { name: 'Reload' }).click();
  await page.waitForFunction(() => window.__tumble!.view.state === 'running');
  await panel.waitFor({ state: 'hidden' });
  const hash = await stateHash(page);
  await sleep(300);
  expect(await stateHash(page)).not.toBe(hash);
  expect(problems).toEqual([]);
  await page.close();
});
