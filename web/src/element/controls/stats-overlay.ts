// The stats overlay: FPS, ms per frame, bodies, contacts, the renderer, and a frame-time graph on
// its own small canvas. Refreshed a few times a second; the graph shows main-thread work per frame
// against the 60 Hz budget.

import { HISTORY, type FrameStats } from '../../internal/frame-stats';
import { el } from './dom';

const REFRESH_MS = 250;
const GRAPH_WIDTH = HISTORY;
const GRAPH_HEIGHT = 40;
/** Top of the graph, ms: two 60 Hz frames. */
const GRAPH_MS = 33.3;

export class StatsOverlay {
  readonly element: HTMLElement;
  private readonly values = new Map<string, HTMLElement>();
  private readonly graph: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private timer = 0;

  constructor(
    parent: HTMLElement,
    private readonly stats: FrameStats,
  ) {
    const rows = [
      ['fps', 'FPS'],
      ['step', 'step ms'],
      ['draw', 'draw ms'],
      ['bodies', 'bodies'],
      ['contacts', 'contacts'],
      ['renderer', 'renderer'],
    ] as const;
    const list = el('dl', { class: 'stats-list' });
    for (const [key, label] of rows) {
      const value = el('dd', { 'data-stat': key, text: '–' });
      this.values.set(key, value);
      list.append(el('dt', { text: label }), value);
    }
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    this.graph = el('canvas', {
      class: 'stats-graph',
      width: GRAPH_WIDTH * dpr,
      height: GRAPH_HEIGHT * dpr,
      title: 'Main-thread ms per frame (line: 16.7 ms)',
    });
    this.graph.style.width = `${GRAPH_WIDTH}px`;
    this.graph.style.height = `${GRAPH_HEIGHT}px`;
    this.ctx = this.graph.getContext('2d');
    this.ctx?.scale(dpr, dpr);
    this.element = el('aside', { class: 'stats', 'aria-label': 'Statistics' }, list, this.graph);
    parent.append(this.element);
    this.timer = window.setInterval(() => this.refresh(), REFRESH_MS);
  }

  destroy(): void {
    clearInterval(this.timer);
    this.element.remove();
  }

  private refresh(): void {
    const s = this.stats;
    this.set('fps', s.frames > 1 ? s.fps.toFixed(0) : '–');
    this.set('step', s.advanceMs.toFixed(2));
    this.set('draw', s.drawMs.toFixed(2));
    this.set('bodies', s.bodies.toLocaleString('en-US'));
    this.set('contacts', s.contacts.toLocaleString('en-US'));
    this.set('renderer', s.renderer === 'webgl2' ? 'WebGL2' : 'Canvas 2D');
    this.drawGraph();
  }

  private set(key: string, text: string): void {
    const value = this.values.get(key);
    if (value && value.textContent !== text) value.textContent = text;
  }

  private drawGraph(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const s = this.stats;
    ctx.clearRect(0, 0, GRAPH_WIDTH, GRAPH_HEIGHT);
    const y = (ms: number) => GRAPH_HEIGHT - Math.min(1, ms / GRAPH_MS) * GRAPH_HEIGHT;
    for (let i = 0; i < HISTORY; i++) {
      const ms = s.work[(s.head + i) % HISTORY]!;
      if (ms <= 0) continue;
      ctx.fillStyle = ms > 16.7 ? '#ef476f' : ms > 10 ? '#f3a712' : '#4fb286';
      const top = y(ms);
      ctx.fillRect(i, top, 1, GRAPH_HEIGHT - top);
    }
    ctx.fillStyle = 'rgb(255 255 255 / 0.35)';
    ctx.fillRect(0, Math.round(y(16.7)), GRAPH_WIDTH, 1);
  }
}
