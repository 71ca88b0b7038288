// <tumble-sandbox> from the built library (dist/tumble.js), on plain pages without a bundler:
// several instances, a bad src, attribute changes, page scrolling, cleanup, keyboard, events, the
// JS API, and the examples page under a strict Content-Security-Policy.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {} from '../src/element/tumble-sandbox';
import { addSandbox, useBrowser, screenshot, sleep } from './harness';

const browser = useBrowser();

interface Opened {
  page: Page;
  /** Console errors and warnings, and uncaught page errors. */
  problems: string[];
}

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Opened> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Every `error` event of every sandbox, from the first moment (capture sees non-bubbling events).
  await page.addInitScript(() => {
    const w = window as unknown as { sandboxErrors: { id: string; code: string; message: string }[] };
    w.sandboxErrors = [];
    document.addEventListener(
      'error',
      (e) => {
        const target = e.target as HTMLElement;
        if (target.localName === 'tumble-sandbox') w.sandboxErrors.push({ id: target.id, ...(e as unknown as CustomEvent).detail });
      },
      true,
    );
  });
  await page.goto(new URL(path, inject('staticUrl')).href);
  return { page, problems };
}

/** Steps taken by each sandbox on the page, by id. */
function stepCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('tumble-sandbox')].map((el) => [el.id, el.sandbox?.stepCount ?? -1])),
  );
}

describe('the examples page, under a strict CSP', () => {
  let opened: Opened;
  beforeAll(async () => {
    // Tall enough that every sandbox is on screen (offscreen ones pause, by design).
    opened = await open('csp/examples/embed.html', { width: 1280, height: 2000 });
    await opened.page.waitForFunction(() =>
      ['pyramid', 'cradle', 'inline', 'fetched'].every((id) => (document.getElementById(id) as HTMLElement & { sandbox: { stepCount: number } | null }).sandbox?.stepCount! > 10),
    );
  });
  afterAll(() => opened.page.close());

  it('runs three and more instances independently, each its own world, all moving', async () => {
    const { page } = opened;
    const before = await stepCounts(page);
    const transformsBefore = await page.evaluate(() =>
      ['pyramid', 'cradle', 'inline'].map((id) => Array.from(document.querySelector<HTMLElementTagNameMap['tumble-sandbox']>(`#${id}`)!.transforms())),
    );
    await sleep(1000);
    const after = await stepCounts(page);
    for (const id of ['pyramid', 'cradle', 'inline', 'fetched']) expect(after[id]!, id).toBeGreaterThan(before[id]!);
    const info = await page.evaluate(() =>
      ['pyramid', 'cradle', 'inline', 'fetched'].map((id) => {
        const el = document.querySelector<HTMLElementTagNameMap['tumble-sandbox']>(`#${id}`)!;
        return { bodies: el.bodyCount, hash: el.sandbox!.stateHash(), transforms: Array.from(el.transforms()) };
      }),
    );
    // Different scenes, different body counts, different states.
    expect(new Set(info.map((i) => i.bodies)).size).toBe(4);
    expect(new Set(info.map((i) => i.hash)).size).toBe(4);
    // Moving: the transforms changed within the second (the pyramid's top settles slowly, but
    // something always moves in the first seconds: the cradle swings, the inline bodies fall).
    for (let i = 0; i < 3; i++) expect(info[i]!.transforms).not.toEqual(transformsBefore[i]);
    // One compiled module, one instance, shared by every element.
    expect(await page.evaluate(() => {
      const all = [...document.querySelectorAll('tumble-sandbox')].filter((el) => el.sandbox);
      return all.every((el) => el.sandbox!.module === all[0]!.sandbox!.module) && all[0]!.sandbox!.module.liveCount();
    })).toBe(5);
  });

  it('shows a bad src inside its own box and fires error, while the others keep running', async () => {
    const { page } = opened;
    const errors = await page.evaluate(() => (window as unknown as { sandboxErrors: { id: string; code: string; message: string }[] }).sandboxErrors);
    expect(errors).toEqual([{ id: 'broken', code: 'src.fetch', message: expect.stringContaining('HTTP 404') }]);
    const panel = page.locator('#broken .error-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.locator('.error-code').textContent()).toBe('src.fetch');
    expect(await panel.locator('.error-message').textContent()).toContain('scenes/missing.json');
    // The others are unaffected.
    const before = await stepCounts(page);
    await sleep(500);
    const after = await stepCounts(page);
    for (const id of ['pyramid', 'cradle', 'inline', 'fetched']) expect(after[id]!).toBeGreaterThan(before[id]!);
    await screenshot(page, 'embed-page');
  });

  it('works under the strict CSP: nothing refused, no errors beyond the missing scene', async () => {
    const problems = opened.problems.filter((p) => !p.includes('404'));
    expect(problems).toEqual([]);
    const csp = await opened.page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });
});

describe('one sandbox on a test page', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await open('web/e2e/pages/widget.html');
  });
  afterAll(() => opened.page.close());

  const clear = () => opened.page.evaluate(() => document.getElementById('host')!.replaceChildren());

  it('frees its world on disconnect: 100 connect/disconnect cycles keep wasm memory bounded', async () => {
    const { page } = opened;
    await clear();
    const result = await page.evaluate(async () => {
      const host = document.getElementById('host')!;
      const memory: number[] = [];
      const live: number[] = [];
      let module: NonNullable<HTMLElementTagNameMap['tumble-sandbox']['sandbox']>['module'] | null = null;
      for (let i = 0; i < 100; i++) {
        const el = document.createElement('tumble-sandbox');
        el.setAttribute('preset', 'pyramid?base=15');
        el.setAttribute('autoplay', '');
        host.append(el);
        await el.ready;
        module ??= el.sandbox!.module;
        el.step(5);
        el.remove();
        // The world is freed a microtask after the removal (a move within the page keeps it).
        await Promise.resolve();
        await new Promise((resolve) => setTimeout(resolve, 0));
        memory.push(module.memory.buffer.byteLength);
        live.push(module.liveCount());
      }
      return { memory, live };
    });
    // Every removed element's world was freed (the view's reset snapshot with it).
    expect(result.live.every((n) => n === 0)).toBe(true);
    // Memory grows while the allocator warms up, then stays put.
    const afterWarmUp = result.memory[9]!;
    expect(result.memory[99]!).toBeLessThanOrEqual(afterWarmUp + 1024 * 1024);
    console.log(`memory after cycles 1, 10, 50, 100: ${[0, 9, 49, 99].map((i) => result.memory[i]! / 1024 / 1024).map((m) => m.toFixed(1)).join(', ')} MiB`);
  });

  it('keeps the world when moved within the page', async () => {
    const { page } = opened;
    await clear();
    await addSandbox(page, { preset: 'pyramid?base=5', id: 'mover' });
    const moved = await page.evaluate(async () => {
      const el = document.getElementById('mover') as HTMLElementTagNameMap['tumble-sandbox'];
      el.step(7);
      const engine = el.sandbox;
      document.getElementById('top')!.append(el);
      await new Promise((resolve) => setTimeout(resolve, 0));
      const result = { same: el.sandbox === engine, steps: el.sandbox?.stepCount };
      el.remove();
      return result;
    });
    expect(moved).toEqual({ same: true, steps: 7 });
  });

  it('leaves no listeners on window or document after disconnect', async () => {
    const { page } = opened;
    await clear();
    const cdp = await page.context().newCDPSession(page);
    // Which script registered each listener: ours come from dist/; Playwright's own helpers add
    // window listeners too (on first use of the mouse), and those are not the element's.
    const scriptUrls = new Map<string, string>();
    cdp.on('Debugger.scriptParsed', (e) => scriptUrls.set(e.scriptId, e.url));
    await cdp.send('Debugger.enable');
    const count = async () => {
      let total = 0;
      for (const expression of ['window', 'document']) {
        const { result } = await cdp.send('Runtime.evaluate', { expression });
        const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
        total += listeners.filter((l) => scriptUrls.get(l.scriptId)?.includes('/dist/')).length;
      }
      return total;
    };
    const before = await count();
    await addSandbox(page, { preset: 'playground', id: 'listening', interactive: 'full', controls: '', autoplay: '', style: 'height: 500px' });
    // Exercise it: a drag on the canvas, a key press, a wheel.
    const box = (await page.locator('#listening').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 - 20, { steps: 3 });
    await page.mouse.up();
    await page.mouse.wheel(0, 100);
    await page.keyboard.press('p');
    const during = await count();
    expect(during).toBeGreaterThan(before); // it does listen (visibilitychange) while connected
    await clear();
    await sleep(50);
    expect(await count()).toBe(before);
    await cdp.send('Debugger.disable');
    await cdp.detach();
  });

  it('applies attribute changes: paused, gravity, preset, and reports bad values', async () => {
    const { page } = opened;
    await clear();
    await addSandbox(page, { preset: 'pyramid?base=5', id: 'attrs', autoplay: '' });
    const el = 'document.getElementById("attrs")';
    const steps = () => page.evaluate(`${el}.sandbox.stepCount`) as Promise<number>;
    await sleep(200);
    expect(await steps()).toBeGreaterThan(0);

    await page.evaluate(`${el}.setAttribute('paused', '')`);
    expect(await page.evaluate(`${el}.paused`)).toBe(true);
    const paused = await steps();
    await sleep(300);
    expect(await steps()).toBe(paused);
    await page.evaluate(`${el}.removeAttribute('paused')`);
    await sleep(300);
    expect(await steps()).toBeGreaterThan(paused);

    await page.evaluate(`${el}.setAttribute('gravity', '1.5 -2')`);
    expect(await page.evaluate(`${el}.sandbox.settings().gravity`)).toEqual([1.5, -2]);
    await page.evaluate(`${el}.setAttribute('hz', '120')`);
    expect(await page.evaluate(`${el}.sandbox.settings().hz`)).toBe(120);

    await page.evaluate(`${el}.setAttribute('preset', 'rain?count=40')`);
    await page.waitForFunction(`${el}.getAttribute('aria-label').includes('Rain')`);
    const bodies = (await page.evaluate(`${el}.bodyCount`)) as number;
    expect(bodies).toBeGreaterThanOrEqual(40);
    // The overrides carry over to the new scene.
    expect(await page.evaluate(`${el}.sandbox.settings().gravity`)).toEqual([1.5, -2]);
    expect(await page.evaluate(`${el}.getAttribute('aria-label')`)).toBe(`Physics sandbox: Rain, ${bodies} bodies`);

    // A bad value: an error event with a clear message, and the previous setting stays.
    await page.evaluate(`window.sandboxErrors.length = 0; ${el}.setAttribute('gravity', 'down')`);
    const errors = (await page.evaluate('window.sandboxErrors')) as { code: string; message: string }[];
    expect(errors).toEqual([{ id: 'attrs', code: 'attribute.invalid', message: expect.stringContaining('"0 -9.81"') }]);
    expect(await page.locator('#attrs .error-code').textContent()).toBe('attribute.invalid');
    expect(await page.evaluate(`${el}.sandbox.settings().gravity`)).toEqual([1.5, -2]);
    await page.evaluate(`window.sandboxErrors.length = 0; ${el}.setAttribute('preset', 'no_such_preset')`);
    await page.waitForFunction('window.sandboxErrors.length > 0');
    expect(((await page.evaluate('window.sandboxErrors')) as { code: string }[])[0]!.code).toBe('preset.unknown');
    expect(await page.evaluate(`${el}.bodyCount`)).toBe(bodies);
  });

  it('pauses while scrolled offscreen or while the tab is hidden, and resumes after', async () => {
    const { page } = opened;
    await clear();
    await page.evaluate(() => window.scrollTo(0, 0));
    await addSandbox(page, { preset: 'pyramid?base=5', id: 'seen', autoplay: '' });
    const steps = () => page.evaluate('document.getElementById("seen").sandbox.stepCount') as Promise<number>;
    await sleep(200);
    expect(await steps()).toBeGreaterThan(0);

    await page.evaluate(() => window.scrollTo(0, 2000));
    await sleep(300);
    const offscreen = await steps();
    await sleep(400);
    expect(await steps()).toBe(offscreen);
    // Still not paused by the person: it is only waiting to be seen.
    expect(await page.evaluate('document.getElementById("seen").paused')).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(400);
    expect(await steps()).toBeGreaterThan(offscreen);

    // A hidden tab (headless Chromium never hides one, so the page is told it is hidden).
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await sleep(100);
    const hidden = await steps();
    await sleep(400);
    expect(await steps()).toBe(hidden);
    await page.evaluate(() => {
      delete (document as unknown as { visibilityState?: string }).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await sleep(400);
    expect(await steps()).toBeGreaterThan(hidden);
  });

  it('waits for a first play without autoplay, behind a play button', async () => {
    const { page } = opened;
    await clear();
    await addSandbox(page, { preset: 'pyramid?base=5', id: 'still' });
    await sleep(300);
    expect(await page.evaluate('document.getElementById("still").sandbox.stepCount')).toBe(0);
    expect(await page.evaluate('document.getElementById("still").paused')).toBe(true);
    await page.locator('#still .play-overlay').click();
    await page.waitForFunction('document.getElementById("still").sandbox.stepCount > 0');
    expect(await page.locator('#still .play-overlay').isVisible()).toBe(false);
  });

  it('lets the page scroll over interactive="none" and "drag", and zooms over "full"', async () => {
    const { page } = opened;
    for (const [interactive, scrolls] of [
      ['none', true],
      ['drag', true],
      ['full', false],
    ] as const) {
      await clear();
      await page.evaluate(() => window.scrollTo(0, 0));
      await addSandbox(page, { preset: 'pyramid?base=5', id: 'wheel', interactive, autoplay: '' });
      const scale = () => page.evaluate('document.getElementById("wheel").view_.camera.scale') as Promise<number>;
      await sleep(100);
      const scaleBefore = await scale();
      const box = (await page.locator('#wheel').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 240);
      await sleep(300);
      const scrollY = (await page.evaluate('window.scrollY')) as number;
      if (scrolls) {
        expect(scrollY, interactive).toBeGreaterThan(0);
        expect(await scale(), interactive).toBe(scaleBefore);
      } else {
        expect(scrollY, interactive).toBe(0);
        expect(await scale(), interactive).not.toBe(scaleBefore);
      }
    }
  });

  it('is keyboard-focusable, with shortcuts only while focused, and a visible focus ring', async () => {
    const { page } = opened;
    await clear();
    await page.evaluate(() => window.scrollTo(0, 0));
    await addSandbox(page, { preset: 'pyramid?base=8', id: 'keys', autoplay: '' });
    await page.locator('#outside').focus();
    await page.keyboard.press('p');
    expect(await page.evaluate('document.getElementById("keys").paused')).toBe(false);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('keys');
    await page.keyboard.press('p');
    expect(await page.evaluate('document.getElementById("keys").paused')).toBe(true);
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('keys')!);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '2px' });
    expect(await page.evaluate('document.getElementById("keys").getAttribute("aria-label")')).toMatch(/^Physics sandbox: Pyramid, \d+ bodies$/);
    await screenshot(page, 'element-focus-ring');
  });

  it('fires step events, and contact events only while someone listens', async () => {
    const { page } = opened;
    await clear();
    await addSandbox(page, { preset: 'pyramid?base=6', id: 'events' });
    const result = await page.evaluate(async () => {
      const el = document.getElementById('events') as HTMLElementTagNameMap['tumble-sandbox'];
      const steps: number[] = [];
      el.addEventListener('step', (e) => steps.push(e.detail.steps));
      el.step(3);
      // Nobody listens for contacts: the engine does not compute them.
      const quiet = el.sandbox!.views().contacts.length;
      let contacts = 0;
      const onContact = (e: CustomEvent<{ contacts: { started: boolean }[] }>) => (contacts += e.detail.contacts.filter((c) => c.started).length);
      el.addEventListener('contact', onContact);
      // A fresh pyramid: its first steps begin every box-on-box contact.
      await el.load('pyramid?base=6');
      el.step(2);
      const heard = contacts;
      el.removeEventListener('contact', onContact);
      el.step(2);
      return { steps, quiet, heard, quietAgain: el.sandbox!.views().contacts.length };
    });
    expect(result.steps).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(result.quiet).toBe(0);
    // The first steps of a stacked pyramid begin every box-on-box contact.
    expect(result.heard).toBeGreaterThan(10);
    expect(result.quietAgain).toBe(0);
  });

  it('has a JS API: load, save, step, snapshot, restore, spawn, transforms', async () => {
    const { page } = opened;
    await clear();
    await addSandbox(page, { preset: 'pyramid?base=4', id: 'api' });
    const result = await page.evaluate(async () => {
      const el = document.getElementById('api') as HTMLElementTagNameMap['tumble-sandbox'];
      const stride = (el.constructor as unknown as { transformStride: number }).transformStride;
      el.step(3);
      const saved = el.save();
      const snap = el.snapshot();
      const hashAtSnap = el.sandbox!.stateHash();
      el.step(10);
      el.restore(snap);
      snap.free();
      const restored = el.sandbox!.stateHash() === hashAtSnap;
      const id = el.spawn({ shape: { type: 'circle', radius: 0.5 }, position: [0, 20] });
      const afterSpawn = el.bodyCount;
      const t = el.transforms();
      let bad: { code: string; message: string } | null = null;
      try {
        await el.load('{"format":"tumble-scene","version":1,"bodies":[{"shape":{"type":"circle","radius":-1},"position":[0,0]}]}');
      } catch (e) {
        bad = { code: (e as { code: string }).code, message: (e as Error).message };
      }
      const unchanged = el.bodyCount === afterSpawn;
      await el.load(saved);
      const reloaded = el.save() === saved;
      await el.load({ format: 'tumble-scene', version: 1, bodies: [{ shape: { type: 'box', width: 1, height: 1 }, position: [0, 1] }] });
      return { stride, restored, id: typeof id, afterSpawn, length: t.length, bad, unchanged, reloaded, objectScene: el.bodyCount, paused: el.paused };
    });
    expect(result.stride).toBe(4);
    expect(result.restored).toBe(true);
    expect(result.id).toBe('number');
    expect(result.length).toBeGreaterThanOrEqual(result.afterSpawn * 4);
    expect(result.bad?.code).toBe('scene.invalid');
    expect(result.unchanged).toBe(true);
    expect(result.reloaded).toBe(true);
    expect(result.objectScene).toBe(1);
    expect(result.paused).toBe(true);
  });

  it('fires ready once, when its first scene runs, and ready resolves with it', async () => {
    const { page } = opened;
    await clear();
    const result = await page.evaluate(async () => {
      const el = document.createElement('tumble-sandbox');
      el.setAttribute('preset', 'pyramid?base=3');
      let events = 0;
      let bodiesAtEvent = -1;
      el.addEventListener('ready', () => {
        events++;
        bodiesAtEvent = el.bodyCount;
      });
      document.getElementById('host')!.append(el);
      await el.ready;
      await el.load('pyramid?base=4'); // a later load is not a second ready
      return { events, bodiesAtEvent };
    });
    expect(result).toEqual({ events: 1, bodiesAtEvent: 7 });
  });

  it('tolerates the library twice on one page', async () => {
    const { page, problems } = opened;
    // A second copy of the module (another URL is another module instance): its define is skipped.
    // (A string, so the test runner does not rewrite the dynamic import.)
    const defined = await page.evaluate(`import('/dist/tumble.js?copy=2').then(() => customElements.get('tumble-sandbox') !== undefined)`);
    expect(defined).toBe(true);
    expect(problems.filter((p) => /already|define/i.test(p))).toEqual([]);
  });
});
