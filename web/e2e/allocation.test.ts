// The frame loop makes no garbage per body: a running 3000-body world is advanced, read and drawn
// for 600 frames under V8's sampling heap profiler (every allocation sampled, collected garbage
// included), and what Tumble's code allocated is counted. Garbage per frame becomes GC pauses,
// which show as dropped frames.
//
// What remains is a constant ~150 bytes a frame whatever the body count: numbers V8 boxes at a
// handful of per-frame call boundaries (performance.now() results, the dt handed to the engine),
// and more of it in the first seconds, while those functions still run unoptimised. Any
// allocation per body, even one 12-byte number, would be 36 KB a frame here: the bound below
// (1 KB a frame) catches it with a wide margin. Before fixed-point path coordinates, the
// Canvas 2D renderer made ~90 KB of garbage a frame at 2000 bodies.
import { expect, inject, it } from 'vitest';
import type {} from '../src/element/tumble-sandbox';
import { addSandbox, useBrowser } from './harness';

const browser = useBrowser();

/** Frames profiled. */
const FRAMES = 600;
/** Bodies in the world: per-body garbage would dwarf the bound. */
const BODIES = 3000;
/** What Tumble's code may allocate per frame, all causes together. */
const BYTES_PER_FRAME = 1024;
/** Bytes between samples: far below the smallest object, so every allocation is sampled. */
const SAMPLING_INTERVAL = 8;

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** Every allocation site under `node` whose stack passes through a script whose URL matches `ours`. */
function ourAllocations(node: ProfileNode, ours: (url: string) => boolean, stack: string[] = [], inOurs = false): { bytes: number; stack: string }[] {
  const frame = node.callFrame;
  const here = [...stack, `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`];
  const mine = inOurs || ours(frame.url);
  const found = mine && node.selfSize > 0 ? [{ bytes: node.selfSize, stack: here.slice(-6).join(' < ') }] : [];
  for (const child of node.children) found.push(...ourAllocations(child, ours, here, mine));
  return found;
}

it(`runs ${FRAMES} frames of a ${BODIES}-body world with no garbage per body in the frame loop`, async () => {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(new URL('web/e2e/pages/widget.html', inject('staticUrl')).href);
  // No toolbar or stats overlay: those are UI that updates text, not the frame loop.
  await addSandbox(page, { id: 'alloc', preset: `rain?count=${BODIES}`, autoplay: '', style: 'display:block;width:800px;height:500px' });
  // Steady state: the JIT has compiled the loop and every buffer and view has its final size.
  await page.waitForFunction(() => (document.getElementById('alloc') as HTMLElement & { view_: { stats: { frames: number } } }).view_.stats.frames > 600, null, { timeout: 120_000 });

  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: SAMPLING_INTERVAL,
    // Garbage is what matters here, and the collector would otherwise take it out of the profile.
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const measured = await page.evaluate(async (frames) => {
    const sandbox = document.getElementById('alloc') as HTMLElement & { view_: { stats: { frames: number; steps: number }; state: string } };
    const stats = sandbox.view_.stats;
    const start = stats.frames;
    await new Promise<void>((resolve) => {
      const tick = () => (stats.frames - start >= frames ? resolve() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    });
    return { frames: stats.frames - start, state: sandbox.view_.state };
  }, FRAMES);
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
  await cdp.detach();

  const ours = (url: string) => url.includes('/dist/');
  const allocations = ourAllocations(profile.head, ours);
  const bytes = allocations.reduce((sum, a) => sum + a.bytes, 0);
  const everything = ourAllocations(profile.head, () => true).reduce((sum, a) => sum + a.bytes, 0);
  console.log(
    `${measured.frames} frames of ${BODIES} bodies: ${bytes} bytes sampled from Tumble's code (${(bytes / measured.frames).toFixed(0)} B a frame, ${allocations.length} sites), ` +
      `${everything} bytes from all JavaScript on the page (the test's own frame counter included)`,
  );
  for (const a of allocations.sort((x, y) => y.bytes - x.bytes).slice(0, 10)) console.log(`  ${a.bytes} B  ${a.stack}`);

  expect(measured.state).toBe('running');
  expect(measured.frames).toBeGreaterThanOrEqual(FRAMES);
  expect(bytes / measured.frames).toBeLessThan(BYTES_PER_FRAME);
  expect(problems).toEqual([]);
  await page.close();
});

it('sees an allocation in the frame loop when there is one (the profiler check can fail)', async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL('web/e2e/pages/widget.html', inject('staticUrl')).href);
  await addSandbox(page, { id: 'alloc', preset: 'pyramid', autoplay: '', style: 'display:block;width:400px;height:300px' });
  // A `step` listener is an allocation per frame by design (one CustomEvent each).
  await page.evaluate(() => document.getElementById('alloc')!.addEventListener('step', () => {}));
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: SAMPLING_INTERVAL, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
  await cdp.detach();
  const allocations = ourAllocations(profile.head, (url) => url.includes('/dist/'));
  // About a second of frames: one event object each is well over the bound per frame.
  expect(allocations.reduce((sum, a) => sum + a.bytes, 0)).toBeGreaterThan(30 * BYTES_PER_FRAME);
  await page.close();
});
