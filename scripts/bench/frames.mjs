// The demo's own frames, measured by `npm run bench`: how long the main thread works per frame
// (advance + reading the views + issuing the draw) and the frame rate actually delivered, for the
// rain preset at several body counts, and how soon after navigation the first frame is drawn.
// It runs the built demo (dist-site/, what `vite preview` serves) at devicePixelRatio 1.
import { serve } from './server.mjs';

/** The demo page's hook (`?e2e`) and first-frame mark (web/src/public/view.ts). */
const FIRST_FRAME_MARK = 'tumble:first-frame';

/**
 * Runs the built demo in `siteDir` in `context` (a browser context with devicePixelRatio 1).
 * `counts` are rain body counts; `frames` the requestAnimationFrame frames timed per count, after
 * `settleMs` of running; `startups` the number of fresh page loads timed for the first frame.
 * Resolves to `{ frames: [...], startup: {...} }` for the JSON report.
 */
export async function measureDemo(context, siteDir, { counts, frames, settleMs, startups, log }) {
  const server = await serve(siteDir);
  try {
    const startupMs = [];
    for (let i = 0; i < startups; i++) {
      const page = await context.newPage();
      await page.goto(`${server.url}index.html?e2e`);
      const ms = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, FIRST_FRAME_MARK, { timeout: 60_000 });
      startupMs.push(await ms.jsonValue());
      await page.close();
    }
    startupMs.sort((a, b) => a - b);
    const startup = { loads: startups, medianMs: startupMs[startupMs.length >> 1], minMs: startupMs[0], maxMs: startupMs.at(-1) };
    log?.(`demo start-up: first frame ${startup.medianMs.toFixed(0)} ms after navigation (median of ${startups})`);

    const rows = [];
    for (const count of counts) {
      const page = await context.newPage();
      await page.goto(`${server.url}index.html?e2e&preset=${encodeURIComponent(`rain?count=${count}`)}`);
      await page.waitForFunction(() => window.__tumble?.view.state === 'running' && window.__tumble.view.stats.frames > 2, null, { timeout: 120_000 });
      await page.waitForTimeout(settleMs);
      const row = await page.evaluate(timeFrames, frames);
      rows.push({ count, ...row });
      log?.(
        `demo rain ${count}: ${row.fps.toFixed(1)} fps delivered, main-thread work per frame median ${row.work.median.toFixed(2)} ms ` +
          `(advance ${row.advance.median.toFixed(2)}, views + draw ${row.draw.median.toFixed(2)}), p95 ${row.work.p95.toFixed(2)} ms, ${row.renderer}`,
      );
      await page.close();
    }
    return { frames: rows, startup };
  } finally {
    await server.close();
  }
}

/**
 * In the page: watches `frames` of the view's own frames through requestAnimationFrame and reads
 * what the view recorded for each (FrameStats rings), so the measuring adds no work to a frame.
 */
function timeFrames(frames) {
  const view = window.__tumble.view;
  const stats = view.stats;
  const HISTORY = stats.work.length;
  const work = [];
  const advance = [];
  const draw = [];
  return new Promise((resolve) => {
    let seen = stats.frames;
    let t0 = -1;
    const tick = (now) => {
      if (t0 < 0) {
        t0 = now;
        seen = stats.frames;
      }
      // The view's frame and this callback both run once per animation frame: at most one new
      // frame is in the rings each time (more only if this callback missed one).
      if (seen < stats.frames) {
        advance.push(stats.lastAdvanceMs);
        draw.push(stats.lastDrawMs);
      }
      while (seen < stats.frames && work.length < frames) {
        const back = stats.frames - seen;
        const at = (stats.head - back + HISTORY) % HISTORY;
        work.push(stats.work[at]);
        seen++;
      }
      if (work.length < frames) {
        requestAnimationFrame(tick);
        return;
      }
      const elapsed = now - t0;
      const summary = (values) => {
        const sorted = Float64Array.from(values).sort();
        return { median: sorted[sorted.length >> 1], p95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] };
      };
      resolve({
        frames: work.length,
        fps: (work.length * 1000) / elapsed,
        bodies: stats.bodies,
        dpr: view.camera.dpr,
        renderer: stats.renderer,
        work: summary(work),
        advance: summary(advance),
        draw: summary(draw),
      });
    };
    requestAnimationFrame(tick);
  });
}
