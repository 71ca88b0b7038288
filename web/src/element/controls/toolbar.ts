// The sandbox's toolbar (the `controls` attribute): playback, undo and redo, presets, scene files,
// recording and the main settings, plus the tool palette down the left of the stage (tools, and
// what to do with the selection). Every control calls its host (the element); `sync()` puts the
// controls back in line with it.

import type { TumbleError } from '../../internal/errors';
import { toTumbleError } from '../../internal/errors';
import { DEBUG_LAYER_LABELS, DEBUG_LAYER_NAMES, type DebugLayers } from '../../internal/debug-layers';
import { TOOL_KEYS, TOOL_LABELS, TOOL_TIPS, type Tool } from '../../internal/tools';
import type { PresetInfo, Settings } from '../../internal/types';
import { presetTitle } from '../attributes';
import { el } from './dom';

/** Tools grouped in the palette: moving things, shapes, drawing, joints. */
const TOOL_GROUPS: readonly (readonly Tool[])[] = [
  ['drag', 'select'],
  ['ball', 'box', 'capsule'],
  ['polygon', 'terrain'],
  ['pin', 'weld', 'rope', 'spring'],
];
const HZ_CHOICES = [30, 60, 120, 240];
const SUBSTEP_CHOICES = [1, 2, 4, 8];

/** What the toolbar drives: the sandbox element (a TumbleView with the element's play state). */
export interface ToolbarHost {
  readonly playing: boolean;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  tool: Tool;
  /** The debug layers drawn, and a change to them. */
  readonly debug: DebugLayers;
  setDebug(layers: DebugLayers): void;
  /** Undo and redo, with what they would undo (null: nothing). */
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  undo(): void;
  redo(): void;
  /** What is selected now. */
  readonly selection: { bodies: readonly number[]; joint: number | null };
  deleteSelection(): void;
  duplicateSelection(): void;
  /** Whether the selection is a revolute or prismatic joint (a motor can be toggled). */
  readonly motorToggleable: boolean;
  toggleMotor(): void;
  /** The body the camera follows (null: none). */
  readonly following: number | null;
  toggleFollow(): void;
  /** Recording: whether one is under way, and whether a recording waits to be replayed. */
  readonly recording: boolean;
  readonly canReplay: boolean;
  toggleRecording(): void;
  replay(): void;
  settings(): Settings | null;
  setSettings(patch: Partial<Settings>): void;
  loadPreset(spec: string): Promise<void>;
  loadScene(json: string): Promise<void>;
  save(): string;
  /** Whether the toolbar offers Copy link (the element's `share` attribute). */
  readonly canShare: boolean;
  /** Puts a link to the current world in the address bar and the clipboard. */
  copyLink(): Promise<void>;
}

export interface ToolbarOptions {
  /** A control failed with an expected error: show it. */
  onError: (title: string, error: TumbleError) => void;
  /** Show the tool buttons (spawning); without them the pointer only drags. */
  tools: boolean;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly presetSelect: HTMLSelectElement;
  private readonly params = el('span', { class: 'params', 'aria-label': 'Preset parameters' });
  private presets: PresetInfo[] = [];
  private readonly toolButtons = new Map<Tool, HTMLButtonElement>();
  private readonly gravity: HTMLInputElement;
  private readonly gravityValue: HTMLOutputElement;
  private readonly timeScale: HTMLInputElement;
  private readonly timeScaleValue: HTMLOutputElement;
  private readonly hz: HTMLSelectElement;
  private readonly substeps: HTMLSelectElement;
  private readonly debugButton: HTMLButtonElement;
  private readonly debugMenu: HTMLElement;
  private readonly debugBoxes = new Map<keyof DebugLayers, HTMLInputElement>();
  private readonly undoButton: HTMLButtonElement;
  private readonly redoButton: HTMLButtonElement;
  private readonly deleteButton: HTMLButtonElement;
  private readonly duplicateButton: HTMLButtonElement;
  private readonly motorButton: HTMLButtonElement;
  private readonly followButton: HTMLButtonElement;
  private readonly recordButton: HTMLButtonElement;
  private readonly replayButton: HTMLButtonElement;
  /** The tool palette (with `tools`): the element puts it over the stage's left edge. */
  readonly palette: HTMLElement;
  readonly fileInput: HTMLInputElement;

  constructor(
    parent: ParentNode,
    private readonly view: ToolbarHost,
    private readonly handlers: ToolbarOptions,
  ) {
    this.playButton = button('Pause', 'Play / pause (P)', () => this.togglePlay(), 'play');
    const step = button('Step', 'Single step (O)', () => this.step(), 'step');
    const reset = button('Reset', 'Reset the scene (R)', () => this.reset(), 'reset');

    this.presetSelect = el('select', { id: 'preset', 'aria-label': 'Preset', title: 'Preset' });
    this.presetSelect.addEventListener('change', () => {
      this.showParams(this.presetSelect.value, new URLSearchParams());
      void this.loadPreset(this.presetSelect.value);
    });

    this.fileInput = el('input', { type: 'file', accept: '.json,application/json', id: 'open-file', class: 'visually-hidden' });
    this.fileInput.addEventListener('change', () => void this.openFile());
    const open = el('label', { for: 'open-file', class: 'button', title: 'Open a scene file (.json)', text: 'Open…' });
    const save = button('Save', 'Save the scene as JSON', () => this.save(), 'save');
    const link = button('Copy link', 'Copy a link that opens this exact scene (L)', () => void this.view.copyLink(), 'copy-link');
    link.hidden = !view.canShare;

    this.undoButton = button('Undo', 'Undo (Ctrl+Z)', () => this.attempt('Could not undo', () => this.view.undo()), 'undo');
    this.redoButton = button('Redo', 'Redo (Ctrl+Shift+Z)', () => this.attempt('Could not redo', () => this.view.redo()), 'redo');
    this.recordButton = button('Record', 'Record what you do, to replay it exactly', () => this.attempt('Could not record', () => this.view.toggleRecording()), 'record');
    this.replayButton = button('Replay', 'Replay the last recording with a scrubber', () => this.attempt('Could not replay', () => this.view.replay()), 'replay');

    this.palette = el('nav', { class: 'palette', 'aria-label': 'Tools', part: 'palette', hidden: !handlers.tools });
    for (const groupTools of TOOL_GROUPS) {
      const g = el('div', { class: 'palette-group', role: 'group' });
      for (const tool of groupTools) {
        const b = button(TOOL_LABELS[tool], `${TOOL_LABELS[tool]}: ${TOOL_TIPS[tool]} (${TOOL_KEYS[tool].toUpperCase()})`, () => this.setTool(tool), `tool-${tool}`);
        b.setAttribute('aria-keyshortcuts', TOOL_KEYS[tool]);
        b.dataset.key = TOOL_KEYS[tool].toUpperCase();
        this.toolButtons.set(tool, b);
        g.append(b);
      }
      this.palette.append(g);
    }
    this.deleteButton = button('Delete', 'Delete the selection (Delete)', () => this.attempt('Could not delete', () => this.view.deleteSelection()), 'delete');
    this.duplicateButton = button('Duplicate', 'Duplicate the selected bodies (Ctrl+D)', () => this.attempt('Could not duplicate', () => this.view.duplicateSelection()), 'duplicate');
    this.motorButton = button('Motor', 'Turn the selected joint\'s motor on or off (M)', () => this.attempt('Could not change the motor', () => this.view.toggleMotor()), 'motor');
    this.followButton = button('Follow', 'Keep the selected body in view (F); Home fits the scene', () => this.view.toggleFollow(), 'follow');
    this.palette.append(el('div', { class: 'palette-group', role: 'group', 'aria-label': 'Selection' }, this.deleteButton, this.duplicateButton, this.motorButton, this.followButton));

    this.gravity = el('input', { type: 'range', min: -30, max: 10, step: 0.5, id: 'gravity', 'aria-label': 'Gravity y' });
    this.gravityValue = el('output', { for: 'gravity', class: 'value' });
    this.gravity.addEventListener('input', () => {
      const y = Number(this.gravity.value);
      this.gravityValue.textContent = y.toFixed(1);
      const current = this.view.settings();
      this.apply({ gravity: [current ? current.gravity[0] : 0, y] });
    });
    this.timeScale = el('input', { type: 'range', min: 0, max: 3, step: 0.05, id: 'time-scale', 'aria-label': 'Time scale' });
    this.timeScaleValue = el('output', { for: 'time-scale', class: 'value' });
    this.timeScale.addEventListener('input', () => {
      const value = Number(this.timeScale.value);
      this.timeScaleValue.textContent = `${value.toFixed(2)}×`;
      this.apply({ timeScale: value });
    });
    this.hz = choices('hz', 'Steps per second', HZ_CHOICES);
    this.hz.addEventListener('change', () => this.apply({ hz: Number(this.hz.value) }));
    this.substeps = choices('substeps', 'Substeps per step', SUBSTEP_CHOICES);
    this.substeps.addEventListener('change', () => this.apply({ substeps: Number(this.substeps.value) }));
    this.debugButton = el('button', { type: 'button', class: 'button', id: 'debug', title: 'Debug drawing (D toggles all)', 'aria-haspopup': 'true', 'aria-expanded': 'false', text: 'Debug ▾' });
    this.debugMenu = el('div', { class: 'menu', role: 'group', 'aria-label': 'Debug layers', hidden: true });
    for (const name of DEBUG_LAYER_NAMES) {
      const box = el('input', { type: 'checkbox', id: `debug-${name}`, 'data-layer': name });
      box.addEventListener('change', () => this.view.setDebug({ ...this.view.debug, [name]: box.checked }));
      this.debugBoxes.set(name, box);
      this.debugMenu.append(el('label', { class: 'menu-item' }, box, el('span', { text: DEBUG_LAYER_LABELS[name] })));
    }
    this.debugButton.addEventListener('click', () => this.toggleDebugMenu());
    this.debugMenu.addEventListener('focusout', (e) => {
      if (!this.debugMenu.contains(e.relatedTarget as Node | null) && e.relatedTarget !== this.debugButton) this.toggleDebugMenu(false);
    });

    // Two rows: what you do (playback, scenes, tools), then how the world behaves.
    this.element = el(
      'header',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Sandbox controls' },
      el(
        'div',
        { class: 'toolbar-row' },
        el('span', { class: 'brand', text: 'Tumble' }),
        group(this.playButton, step, reset),
        group(this.undoButton, this.redoButton),
        group(this.presetSelect, open, this.fileInput, save, link),
        group(this.recordButton, this.replayButton),
      ),
      el(
        'div',
        { class: 'toolbar-row secondary' },
        group(this.params),
        group(
          field('Gravity', this.gravity, this.gravityValue),
          field('Time', this.timeScale, this.timeScaleValue),
          field('Hz', this.hz),
          field('Substeps', this.substeps),
          el('div', { class: 'menu-anchor' }, this.debugButton, this.debugMenu),
        ),
        el('span', { class: 'keys', text: `P play/pause · O step · R reset · Ctrl+Z undo${handlers.tools ? ' · letters pick tools (see tooltips) · Delete · Esc' : ''} · D debug · Home fit` }),
      ),
    );
    parent.prepend(this.element);
    this.sync();
  }

  /** Fills the preset picker, grouped by category, and shows `selected` (a preset spec). */
  setPresets(presets: PresetInfo[], selected: string): void {
    this.presets = presets;
    this.presetSelect.replaceChildren();
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const preset of presets) {
      let optgroup = groups.get(preset.category);
      if (!optgroup) {
        optgroup = el('optgroup', { label: preset.category });
        groups.set(preset.category, optgroup);
        this.presetSelect.append(optgroup);
      }
      optgroup.append(el('option', { value: preset.name, title: preset.description, text: presetTitle(preset.name) }));
    }
    this.showPreset(selected);
  }

  /** Shows a preset spec (`rain?count=5000`) in the picker and its parameter fields. */
  showPreset(spec: string): void {
    const [name = '', query = ''] = spec.split('?');
    this.presetSelect.value = name;
    this.showParams(name, new URLSearchParams(query));
  }

  /** One number field per parameter of preset `name`; changing one reloads the preset. */
  private showParams(name: string, values: URLSearchParams): void {
    const info = this.presets.find((p) => p.name === name);
    this.presetSelect.title = info ? info.description : 'Preset';
    this.params.replaceChildren();
    if (!info) return;
    const inputs: [string, HTMLInputElement][] = [];
    const reload = () => {
      const query = inputs.map(([param, input]) => `${param}=${encodeURIComponent(input.value)}`).join('&');
      void this.loadPreset(query ? `${name}?${query}` : name);
    };
    for (const param of info.params) {
      const input = el('input', {
        type: 'number',
        class: 'param',
        min: param.min,
        max: param.max,
        step: param.integer ? 1 : 'any',
        value: values.get(param.name) ?? param.default,
        'aria-label': param.name,
        title: `${param.description} (${param.min}–${param.max})`,
        'data-param': param.name,
      });
      input.addEventListener('change', reload);
      inputs.push([param.name, input]);
      this.params.append(el('label', { class: 'field' }, el('span', { text: param.name }), input));
    }
  }

  togglePlay(): void {
    if (this.view.playing) this.view.pause();
    else this.view.play();
    this.sync();
  }

  step(): void {
    this.attempt('Could not step', () => this.view.step());
    this.sync();
  }

  reset(): void {
    this.attempt('Could not reset', () => this.view.reset());
  }

  setTool(tool: Tool): void {
    if (!this.handlers.tools) return;
    this.view.tool = tool;
    this.sync();
  }

  /** Opens or closes the debug layer menu. */
  toggleDebugMenu(open = this.debugMenu.hidden): void {
    this.debugMenu.hidden = !open;
    this.debugButton.setAttribute('aria-expanded', String(open));
    if (open) this.debugBoxes.values().next().value?.focus();
  }

  /** Puts every control in line with the view: playing state, tool, settings. */
  sync(): void {
    const playing = this.view.playing;
    this.playButton.textContent = playing ? 'Pause' : 'Play';
    this.playButton.setAttribute('aria-pressed', String(!playing));
    for (const [tool, b] of this.toolButtons) b.setAttribute('aria-pressed', String(tool === this.view.tool));
    const settings = this.view.settings();
    const debug = this.view.debug;
    for (const [name, box] of this.debugBoxes) box.checked = debug[name];
    // Loading or crashed: nothing to control, and no made-up values on show.
    for (const control of this.element.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>('button, input, select')) {
      control.disabled = settings === null;
    }
    this.element.classList.toggle('disabled', settings === null);
    for (const control of this.palette.querySelectorAll('button')) control.disabled = settings === null;
    if (!settings) return;
    const undo = this.view.undoLabel;
    const redo = this.view.redoLabel;
    this.undoButton.disabled = undo === null;
    this.undoButton.title = undo ? `Undo ${undo} (Ctrl+Z)` : 'Nothing to undo (Ctrl+Z)';
    this.redoButton.disabled = redo === null;
    this.redoButton.title = redo ? `Redo ${redo} (Ctrl+Shift+Z)` : 'Nothing to redo (Ctrl+Shift+Z)';
    const selection = this.view.selection;
    this.deleteButton.disabled = selection.bodies.length === 0 && selection.joint === null;
    this.duplicateButton.disabled = selection.bodies.length === 0;
    this.motorButton.disabled = !this.view.motorToggleable;
    this.followButton.disabled = selection.bodies.length !== 1 && this.view.following === null;
    this.followButton.setAttribute('aria-pressed', String(this.view.following !== null));
    const recording = this.view.recording;
    this.recordButton.textContent = recording ? '■ Stop' : '● Record';
    this.recordButton.setAttribute('aria-pressed', String(recording));
    this.recordButton.classList.toggle('recording', recording);
    this.replayButton.disabled = recording || !this.view.canReplay;
    this.gravity.value = String(settings.gravity[1]);
    this.gravityValue.textContent = settings.gravity[1].toFixed(1);
    this.timeScale.value = String(settings.timeScale);
    this.timeScaleValue.textContent = `${settings.timeScale.toFixed(2)}×`;
    setChoice(this.hz, settings.hz);
    setChoice(this.substeps, settings.substeps);
  }

  private async loadPreset(spec: string): Promise<void> {
    try {
      await this.view.loadPreset(spec);
    } catch (thrown) {
      this.handlers.onError('Could not load the preset', toTumbleError(thrown).error);
    }
  }

  private async openFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    try {
      await this.view.loadScene(await file.text());
      this.presetSelect.value = '';
      this.params.replaceChildren();
    } catch (thrown) {
      this.handlers.onError(`Could not open ${file.name}`, toTumbleError(thrown).error);
    }
  }

  private save(): void {
    this.attempt('Could not save', () => {
      const url = URL.createObjectURL(new Blob([this.view.save()], { type: 'application/json' }));
      const link = el('a', { href: url, download: 'tumble-scene.json' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    });
  }

  private apply(patch: Partial<Settings>): void {
    this.attempt('Could not change the setting', () => this.view.setSettings(patch));
  }

  private attempt(title: string, action: () => void): void {
    try {
      action();
    } catch (thrown) {
      this.handlers.onError(title, toTumbleError(thrown).error);
    }
  }
}

function button(label: string, tip: string, onClick: () => void, id: string): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'button', id, title: tip, text: label });
  b.addEventListener('click', onClick);
  return b;
}

function choices(id: string, tip: string, values: number[]): HTMLSelectElement {
  const select = el('select', { id, title: tip });
  for (const v of values) select.append(el('option', { value: v, text: String(v) }));
  return select;
}

/** Selects `value`, adding it first when a scene uses a value outside the usual choices. */
function setChoice(select: HTMLSelectElement, value: number): void {
  const text = String(value);
  if (![...select.options].some((o) => o.value === text)) select.append(el('option', { value: text, text }));
  select.value = text;
}

function group(...children: HTMLElement[]): HTMLElement {
  return el('div', { class: 'group' }, ...children);
}

function field(label: string, ...controls: HTMLElement[]): HTMLElement {
  return el('label', { class: 'field' }, el('span', { text: label }), ...controls);
}
