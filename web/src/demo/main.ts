// The demo page: a full-page TumbleView with a toolbar, a stats overlay and an error panel.

import './demo.css';
import { TumbleView } from '../public/view';
import { ErrorPanel } from './error-panel';
import { StatsOverlay } from './stats-overlay';
import { TOOL_KEYS, Toolbar } from './toolbar';
import { TOOLS } from '../internal/tools';

const app = document.getElementById('app')!;
const stage = document.getElementById('stage')!;
const status = document.getElementById('status')!;

// `?preset=rain%3Fcount%3D5000` starts with another preset; `?gestures=cooperative` tries the
// embedding behaviour (wheel zooms only with focus or Ctrl, one finger on empty space scrolls).
const query = new URLSearchParams(location.search);
const initialPreset = query.get('preset') ?? 'playground';
const gestures = query.get('gestures') === 'cooperative' ? 'cooperative' : 'greedy';

const errors = new ErrorPanel(stage);
// Declared first: the view reports its first state from its constructor, before the toolbar exists.
let toolbar: Toolbar | undefined;
const view = new TumbleView(stage, {
  preset: initialPreset,
  // The sandbox is the whole page: there is nothing to scroll, so wheel and touch always act.
  gestureHandling: gestures,
  contactEvents: true,
  onError: (error) => errors.show('That did not work', error),
  onStateChange: (state) => {
    status.hidden = state !== 'loading';
    app.dataset.state = state;
    toolbar?.sync();
  },
  onSceneLoad: () => toolbar?.sync(),
});
toolbar = new Toolbar(app, view, { onError: (title, error) => errors.show(title, error) });
new StatsOverlay(stage, view.stats);

void view.ready.then(() => {
  toolbar.setPresets(view.presets(), initialPreset);
  toolbar.sync();
});

const toolByKey = new Map(TOOLS.map((tool) => [TOOL_KEYS[tool], tool]));

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || view.state !== 'running') return;
  const target = e.target as HTMLElement | null;
  if (target?.closest('input, select, textarea')) return;
  const key = e.key.toLowerCase();
  const tool = toolByKey.get(key);
  if (tool) toolbar.setTool(tool);
  else if (key === 'p') toolbar.togglePlay();
  else if (key === 'o') toolbar.step();
  else if (key === 'r') toolbar.reset();
  else if (key === 'd') toolbar.toggleDebug();
  else if (key === 'escape' && errors.visible) errors.hide();
  else return;
  e.preventDefault();
});

declare global {
  interface Window {
    /** The end-to-end tests' window into the demo; present only with `?e2e` in the URL. */
    __tumble?: { view: TumbleView; toolbar: Toolbar };
  }
}
if (query.has('e2e')) window.__tumble = { view, toolbar };
