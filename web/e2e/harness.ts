// Headless Chromium for the end-to-end tests, and what the tests read from the demo page.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

export const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** How the browser's pages look: the device pixel ratio (default 1). */
export interface BrowserOptions {
  deviceScaleFactor?: number;
}

/** Debian's Chromium, headless, with a throwaway profile (Playwright's own builds need network). */
export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tumble-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One headless Chromium for the whole test file: launched before its first test, closed after the last. */
export function useBrowser(options: BrowserOptions = {}): Browser {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launchBrowser(options);
  });
  afterAll(async () => {
    await launched?.close();
  });
  return {
    get context() {
      if (!launched) throw new Error('the browser is launched in beforeAll: use it inside tests and hooks');
      return launched.context;
    },
    close: async () => {
      await launched?.close();
    },
  };
}

export interface DemoPage {
  page: Page;
  /** Console errors and warnings, and uncaught page errors, since the page opened. */
  problems: string[];
}

/** Opens the demo with the test hook and waits until the engine runs. */
export async function openDemo(browser: Browser, baseUrl: string, query = ''): Promise<DemoPage> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // Every test starts from the demo's own scene: the autosave of an earlier test (same profile)
  // is cleared on the tab's first load only, so a test's reload still finds its own.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('tumble-e2e-fresh') === null) {
      sessionStorage.setItem('tumble-e2e-fresh', '1');
      localStorage.clear();
    }
  });
  await page.goto(`${baseUrl}?e2e${query ? `&${query}` : ''}`);
  await page.waitForFunction(() => window.__tumble?.view.state === 'running' && window.__tumble.view.stats.frames > 2);
  return { page, problems };
}

/**
 * The demo's pages for a test file: the returned `open(query)` opens one (see openDemo). After
 * each test the page is closed, and the test fails if it logged a console error or warning.
 */
export function useDemo(browser: Browser): (query?: string) => Promise<DemoPage> {
  let demo: DemoPage | null = null;
  afterEach(async () => {
    const problems = demo?.problems ?? [];
    await demo?.page.close();
    demo = null;
    expect(problems).toEqual([]);
  });
  return async (query = '') => {
    demo = await openDemo(browser, inject('baseUrl'), query);
    return demo;
  };
}

/** Saves a PNG of the page (or of `clip`, in CSS pixels) as test-results/`name`.png and returns it. */
export async function screenshot(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  mkdirSync(RESULTS, { recursive: true });
  return page.screenshot({ path: join(RESULTS, `${name}.png`), ...(clip ? { clip } : {}) });
}

/** Lets the page run for `ms` of wall time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Adds a `<tumble-sandbox>` with `attributes` (`id` and `style` included) to `#host` on a test page
 * (web/e2e/pages/widget.html) and waits until it is ready.
 */
export async function addSandbox(page: Page, attributes: Record<string, string>): Promise<void> {
  await page.evaluate(async (attributes) => {
    await customElements.whenDefined('tumble-sandbox');
    const el = document.createElement('tumble-sandbox');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    document.getElementById('host')!.append(el);
    await el.ready;
  }, attributes);
}
