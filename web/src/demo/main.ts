// The demo page: the <tumble-sandbox> element with its toolbar, statistics and every tool, filling
// the window. What only the demo adds: the URL parameters and the end-to-end tests' hook.

import './demo.css';
import { defineTumbleSandbox, type TumbleSandboxElement } from '../element/tumble-sandbox';
import type { Toolbar } from '../element/controls/toolbar';
import type { TumbleView } from '../public/view';

const sandbox = document.getElementById('sandbox') as TumbleSandboxElement;

// `?preset=rain%3Fcount%3D5000` starts with another preset; `?gestures=cooperative` tries the
// embedding behaviour (wheel zooms only with focus or Ctrl, one finger on empty space scrolls)
// while keeping every tool; `?renderer=webgl2` or `?renderer=canvas2d` overrides the automatic
// choice (the element reads it when it is defined, just below).
const query = new URLSearchParams(location.search);
sandbox.setAttribute('preset', query.get('preset') ?? 'playground');
// A preset asked for in the URL wins over the autosaved scene (autosave is then off for the visit).
if (query.has('preset')) sandbox.removeAttribute('autosave');
const renderer = query.get('renderer');
if (renderer !== null) sandbox.setAttribute('renderer', renderer);
defineTumbleSandbox();
if (query.get('gestures') === 'cooperative') sandbox.view_?.configureInput(true, 'cooperative');
// The page is the sandbox: its keyboard shortcuts work from the start. (Not when trying the
// embedding behaviour, where focus is what lets the wheel zoom.)
else sandbox.focus({ preventScroll: true });

declare global {
  interface Window {
    /** The end-to-end tests' window into the demo; present only with `?e2e` in the URL. */
    __tumble?: { element: TumbleSandboxElement; readonly view: TumbleView; readonly toolbar: Toolbar | null };
  }
}
if (query.has('e2e')) {
  window.__tumble = {
    element: sandbox,
    get view() {
      return sandbox.view_!;
    },
    get toolbar() {
      return sandbox.toolbar_;
    },
  };
}
