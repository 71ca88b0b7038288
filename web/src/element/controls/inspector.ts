// The Inspector: a panel over the stage with the selected body's or joint's properties, editable
// live. The fields are data (inspector-fields.ts); this file makes controls of them, commits an
// edit on `change` through its host (one undoable edit each), and shows what the engine refused
// next to the field that caused it.

import { toTumbleError } from '../../internal/errors';
import type { BodyDesc, JointDesc } from '../../internal/types';
import { el } from './dom';
import {
  bodyLayout,
  bodyLayoutKey,
  formatNumber,
  jointLayout,
  jointLayoutKey,
  parseNumber,
  remember,
  type Facts,
  type Field,
  type JointMemory,
  type Readout,
  type Section,
} from './inspector-fields';

/** What the panel shows: a body or a joint, by id. */
export type InspectorTarget = { kind: 'body'; id: number } | { kind: 'joint'; id: number };

/** What the panel reads and edits: the sandbox's view of the engine, with undo. */
export interface InspectorHost {
  /** Full current description (pose, velocity live); throws a TumbleError for a stale id. */
  body(id: number): Required<BodyDesc>;
  /** kg, 0 for static and kinematic bodies. */
  bodyMass(id: number): number;
  /**
   * Applies an edited description as one undoable edit labelled `label`. Throws a TumbleError
   * (code, message, path like `body.friction`) when it is invalid; then nothing changed.
   */
  editBody(id: number, desc: BodyDesc, label: string): void;
  /** The joint's description; throws a TumbleError for a stale id. */
  joint(id: number): JointDesc;
  /** As editBody, for a joint. */
  editJoint(id: number, desc: JointDesc, label: string): void;
}

/** The `detail` of the `inspector-close` event: what was shown when the person closed the panel. */
export interface InspectorCloseDetail {
  target: InspectorTarget;
}

/**
 * The panel. It appends itself to `parent` (the stage) hidden; `show` fills it. Closing it with its
 * × calls `show(null)` and dispatches `inspector-close` (bubbling, composed) on `element`.
 */
export class Inspector {
  readonly element: HTMLElement;
  private readonly title = el('h2', { class: 'inspector-title' });
  private readonly content = el('div', { class: 'inspector-content' });
  private shown: InspectorTarget | null = null;
  private form: Form<BodyDesc> | Form<JointDesc> | null = null;
  /** Per joint id: the limits and motor it had, so turning them off and on again restores them. */
  private readonly jointMemory = new Map<number, JointMemory>();

  constructor(
    parent: HTMLElement,
    private readonly host: InspectorHost,
  ) {
    const close = el('button', { type: 'button', class: 'inspector-close', 'aria-label': 'Close inspector', title: 'Close', text: '×' });
    close.addEventListener('click', () => {
      const target = this.shown;
      this.show(null);
      if (target) {
        this.element.dispatchEvent(
          new CustomEvent<InspectorCloseDetail>('inspector-close', { bubbles: true, composed: true, detail: { target } }),
        );
      }
    });
    this.element = el(
      'aside',
      { class: 'inspector', part: 'inspector', 'aria-label': 'Inspector', hidden: true },
      el('header', { class: 'inspector-head' }, this.title, close),
      this.content,
    );
    parent.append(this.element);
  }

  /** What the panel shows, or null when it is hidden. */
  get target(): InspectorTarget | null {
    return this.shown;
  }

  /**
   * Shows a body's or a joint's fields, or hides the panel (null). Showing what is already shown
   * only refreshes it (keeping what is being typed and any error); a stale id hides the panel.
   */
  show(target: InspectorTarget | null): void {
    if (target && this.shown && target.kind === this.shown.kind && target.id === this.shown.id) {
      this.refresh();
      return;
    }
    this.form = null;
    this.shown = null;
    this.content.replaceChildren();
    this.element.hidden = true;
    if (!target) return;
    const form = target.kind === 'body' ? this.bodyForm(target.id) : this.jointForm(target.id);
    if (!form) return;
    this.form = form;
    this.shown = { kind: target.kind, id: target.id };
    this.title.textContent = `${target.kind === 'body' ? 'Body' : 'Joint'} #${target.id}`;
    this.content.append(form.element);
    this.element.hidden = false;
  }

  /**
   * Re-reads every value from the host: call it a few times a second while the world runs, and
   * after undo or redo. The field being typed in and fields showing an error keep what they show.
   * A target that no longer exists hides the panel.
   */
  refresh(): void {
    if (this.form && !this.form.refresh()) this.show(null);
  }

  /** Removes the panel. */
  destroy(): void {
    this.show(null);
    this.element.remove();
  }

  private bodyForm(id: number): Form<BodyDesc> | null {
    const host = this.host;
    return Form.open<BodyDesc>(
      {
        read: () => ({ desc: host.body(id), facts: { mass: host.bodyMass(id) } }),
        layoutKey: bodyLayoutKey,
        layout: (desc) => bodyLayout(desc.shape.type),
        write: (desc, label) => host.editBody(id, desc, label),
      },
      () => this.show(null),
    );
  }

  private jointForm(id: number): Form<JointDesc> | null {
    const host = this.host;
    const memory = this.jointMemory.get(id) ?? {};
    this.jointMemory.set(id, memory);
    return Form.open<JointDesc>(
      {
        read: () => {
          const desc = host.joint(id);
          remember(memory, desc);
          return { desc, facts: { mass: 0 } };
        },
        layoutKey: jointLayoutKey,
        layout: (desc) => jointLayout(desc.type, memory),
        write: (desc, label) => host.editJoint(id, desc, label),
      },
      () => this.show(null),
    );
  }
}

/** One body or joint as a Form sees it. */
interface Subject<D> {
  read(): { desc: D; facts: Facts };
  layoutKey(desc: D): string;
  layout(desc: D): Section<D>[];
  write(desc: D, label: string): void;
}

interface Control<D> {
  readonly field: Field<D>;
  readonly input: HTMLInputElement | HTMLSelectElement;
  readonly error: HTMLElement;
}

/** What a control holds, ready to go into a description; or why it cannot. */
type Pending<D> = { ok: true; apply: (desc: D) => D } | { ok: false; message: string };

/** The fields of one subject: its controls, their commits, their errors. */
class Form<D> {
  readonly element = el('div', { class: 'inspector-form' });
  private key = '';
  private controls: Control<D>[] = [];
  private readouts: { item: Readout<D>; output: HTMLOutputElement }[] = [];

  /** A form showing `subject`, or null (and nothing built) when it cannot be read. */
  static open<D>(subject: Subject<D>, lost: () => void): Form<D> | null {
    let state: { desc: D; facts: Facts };
    try {
      state = subject.read();
    } catch {
      return null;
    }
    const form = new Form(subject, lost);
    form.build(state.desc);
    form.update(state.desc, state.facts, null);
    return form;
  }

  private constructor(
    private readonly subject: Subject<D>,
    private readonly lost: () => void,
  ) {}

  /** Re-reads and shows the subject; false when it cannot be read (gone). */
  refresh(force: Control<D> | null = null): boolean {
    let state: { desc: D; facts: Facts };
    try {
      state = this.subject.read();
    } catch {
      return false;
    }
    if (this.subject.layoutKey(state.desc) !== this.key) this.build(state.desc);
    this.update(state.desc, state.facts, force);
    return true;
  }

  private build(desc: D): void {
    this.key = this.subject.layoutKey(desc);
    this.controls = [];
    this.readouts = [];
    this.element.replaceChildren(...this.subject.layout(desc).map((section) => this.section(section)));
  }

  private section(section: Section<D>): HTMLElement {
    const rows = section.items.map((item) => (item.kind === 'readout' ? this.readoutRow(item) : this.fieldRow(item)));
    const note = section.note ? [el('p', { class: 'inspector-note', text: section.note })] : [];
    return el('section', { class: 'inspector-section' }, el('h3', { class: 'inspector-section-title', text: section.title }), ...rows, ...note);
  }

  private readoutRow(item: Readout<D>): HTMLElement {
    const id = `inspector-readout-${slug(item.key)}`;
    const output = el('output', { id, class: 'inspector-readout', 'data-readout': item.key });
    this.readouts.push({ item, output });
    return el('div', { class: 'inspector-row' }, el('label', { class: 'inspector-label', for: id, text: item.label }), output);
  }

  private fieldRow(field: Field<D>): HTMLElement {
    const id = `inspector-${slug(field.key)}`;
    const common = { id, name: field.key, 'data-field': field.key, title: field.hint };
    let input: HTMLInputElement | HTMLSelectElement;
    switch (field.kind) {
      case 'number':
        input = el('input', { ...common, type: 'number', step: 'any', inputmode: 'decimal', autocomplete: 'off' });
        break;
      case 'checkbox':
        input = el('input', { ...common, type: 'checkbox' });
        break;
      case 'color':
        input = el('input', { ...common, type: 'color' });
        break;
      case 'select':
        input = el('select', common, ...field.options.map((o) => el('option', { value: o.value, text: o.label })));
        break;
    }
    const error = el('p', { id: `${id}-error`, class: 'inspector-error', role: 'alert', hidden: true });
    const control: Control<D> = { field, input, error };
    this.controls.push(control);
    const element: HTMLElement = input;
    element.addEventListener('change', () => this.commit(control));
    element.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      this.restore(control);
    });
    const unit = field.kind === 'number' && field.unit ? [el('span', { class: 'inspector-unit', text: field.unit })] : [];
    return el(
      'div',
      { class: `inspector-row inspector-${field.kind}`, 'data-row': field.key },
      el('label', { class: 'inspector-label', for: id, title: field.hint, text: field.label }),
      input,
      ...unit,
      error,
    );
  }

  /**
   * Shows `desc` in every control but the one being typed in and those showing an error, whose
   * text is the person's; `force` is shown whatever its state (it was just committed).
   */
  private update(desc: D, facts: Facts, force: Control<D> | null): void {
    const focused = focusedElement(this.element);
    for (const control of this.controls) {
      const { field, input } = control;
      input.disabled = field.enabled ? !field.enabled(desc) : false;
      if (control !== force && (input === focused || !control.error.hidden)) continue;
      show(field, input, desc);
    }
    for (const { item, output } of this.readouts) output.textContent = item.text(desc, facts);
  }

  /** Parses a control's value, before anything is read or sent. */
  private pending(control: Control<D>): Pending<D> {
    const { field, input } = control;
    switch (field.kind) {
      case 'number': {
        const parsed = parseNumber(input.value);
        if (!parsed.ok) return parsed;
        const value = parsed.value;
        const message = field.check?.(value);
        if (message) return { ok: false, message };
        // The value it already has (up to the f32 digits shown): no edit, no undo level.
        const same = (desc: D) => formatNumber(field.read(desc)) === formatNumber(value);
        return { ok: true, apply: (desc) => (same(desc) ? desc : field.write(desc, value)) };
      }
      case 'checkbox': {
        const value = (input as HTMLInputElement).checked;
        return { ok: true, apply: (desc) => field.write(desc, value) };
      }
      case 'select':
      case 'color': {
        const value = input.value;
        return { ok: true, apply: (desc) => field.write(desc, value) };
      }
    }
  }

  private commit(control: Control<D>): void {
    const pending = this.pending(control);
    if (!pending.ok) {
      this.setError(control, pending.message);
      return;
    }
    let desc: D;
    try {
      desc = this.subject.read().desc;
    } catch {
      this.lost();
      return;
    }
    // An undo changed the shape or joint under the field: show what is there now, send nothing.
    if (this.subject.layoutKey(desc) !== this.key) {
      if (!this.refresh()) this.lost();
      return;
    }
    try {
      const next = pending.apply(desc);
      if (next !== desc) this.subject.write(next, control.field.edit);
    } catch (thrown) {
      const { error } = toTumbleError(thrown);
      if (error.code.endsWith('.stale_id')) this.lost();
      else this.setError(control, error.message);
      return;
    }
    this.setError(control, null);
    if (!this.refresh(control)) this.lost();
  }

  /** Escape: back to the stored value, error gone. */
  private restore(control: Control<D>): void {
    this.setError(control, null);
    if (!this.refresh(control)) this.lost();
  }

  private setError(control: Control<D>, message: string | null): void {
    const { input, error } = control;
    error.textContent = message ?? '';
    error.hidden = message === null;
    if (message === null) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    } else {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
    }
  }
}

/** Puts a field's value from `desc` into its control. */
function show<D>(field: Field<D>, input: HTMLInputElement | HTMLSelectElement, desc: D): void {
  switch (field.kind) {
    case 'number':
      input.value = formatNumber(field.read(desc), field.live);
      break;
    case 'checkbox':
      (input as HTMLInputElement).checked = field.read(desc);
      break;
    case 'select':
    case 'color':
      input.value = field.read(desc);
      break;
  }
}

/** The focused element in the document or shadow root that holds `node`, if any. */
function focusedElement(node: Node): Element | null {
  const root = node.getRootNode();
  return root instanceof Document || root instanceof ShadowRoot ? root.activeElement : null;
}

/** `linearVelocity.x` → `linearVelocity-x`: a field key as an id. */
function slug(key: string): string {
  return key.replace(/\./g, '-');
}
