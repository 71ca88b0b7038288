// The sandbox's edits: every change a person makes to a world goes through an Editor, which makes
// it one undoable step and, while recording, one entry of the input log.
//
// Undo levels are whole-world snapshots (history.ts): restoring one is exact (ids, properties,
// contacts, even the solver's warm-start), which is what "undo a delete" has to mean. Undo therefore
// also rewinds time to the moment of the edit, as in other sandboxes: an undo is a trip back to
// the world as it was just before.
//
// An edit that fails (the engine rejects a value) throws the engine's TumbleError, adds no level,
// and leaves the world as it was: an edit of several engine calls that fails half-way is rolled
// back to its snapshot.

import type { Engine, Snapshot } from './engine';
import { TumbleError } from './errors';
import { History } from './history';
import type { Recorder } from './recording';
import type { BodyDesc, JointDesc, Settings } from './types';

/** What is selected: bodies (any number) or one joint. */
export interface Selection {
  readonly bodies: readonly number[];
  readonly joint: number | null;
}

/** Edits that arrive this close together with the same coalescing key make one undo level. */
export const COALESCE_MS = 800;

/** The motor a joint gets when it is switched on: rad/s (revolute) or m/s (prismatic), and force. */
export const DEFAULT_MOTOR = { revolute: { speed: 2, maxForce: 1000 }, prismatic: { speed: 1, maxForce: 1000 } } as const;

/** How far (metres) a duplicate lands from its original. */
export const DUPLICATE_OFFSET: readonly [number, number] = [0.5, 0.5];

export interface EditorOptions {
  /** The engine to edit now (the view's current one; null while loading or after a crash). */
  engine(): Engine | null;
  /** After every change to the world, the selection or the history (to redraw and sync controls). */
  onChange?(): void;
  /** Milliseconds now (tests pass a fake clock). */
  now?(): number;
  /** Byte budget of the undo history (default: history.ts DEFAULT_MAX_BYTES). */
  maxBytes?: number;
}

/**
 * Selection, undo/redo and the input log of one view's world. Every method that changes the world
 * throws a TumbleError when the engine refuses, and then nothing changed.
 */
export class Editor {
  private readonly history: History<Snapshot>;
  private selectedBodies: number[] = [];
  private jointSelected: number | null = null;
  private lastCoalesce: { key: string; at: number } | null = null;
  /** A move in progress (select tool drag): the level is recorded when it ends. */
  private move: { before: Snapshot; moved: boolean } | null = null;
  /** The input log being recorded, if any. */
  recorder: Recorder | null = null;

  constructor(private readonly options: EditorOptions) {
    this.history = new History<Snapshot>({
      size: (s) => s.approxBytes,
      dispose: (s) => s.free(),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    });
  }

  // ----- history -----

  get canUndo(): boolean {
    return this.history.canUndo;
  }
  get canRedo(): boolean {
    return this.history.canRedo;
  }
  /** What Undo would undo (`delete 2 bodies`), or null. */
  get undoLabel(): string | null {
    return this.history.undoLabel;
  }
  get redoLabel(): string | null {
    return this.history.redoLabel;
  }
  /** Undo levels available. */
  get undoDepth(): number {
    return this.history.undoDepth;
  }
  /** Bytes the undo history holds (estimated). */
  get historyBytes(): number {
    return this.history.bytes;
  }

  /** Steps back one edit. Returns false when there is nothing to undo. */
  undo(): boolean {
    return this.travel((current) => this.history.undo(current));
  }

  /** Steps forward one undone edit. Returns false when there is nothing to redo. */
  redo(): boolean {
    return this.travel((current) => this.history.redo(current));
  }

  /** Forgets every level (the engine was replaced, e.g. after a crash). */
  clearHistory(): void {
    this.endMove();
    this.history.clear();
    this.lastCoalesce = null;
    this.changed();
  }

  /**
   * Runs `change` (one or more engine calls) as one undoable edit named `label`. When `coalesce`
   * is given and the previous edit had the same key less than COALESCE_MS ago, no new level is
   * made (a slider dragged, a value typed twice): one undo goes back past both.
   */
  edit<T>(label: string, change: (engine: Engine) => T, coalesce?: string): T {
    const engine = this.requireEngine();
    const now = this.options.now?.() ?? performance.now();
    const merge = coalesce !== undefined && this.lastCoalesce?.key === coalesce && now - this.lastCoalesce.at < COALESCE_MS && this.history.canUndo;
    const before = merge ? null : engine.snapshot();
    let result: T;
    try {
      result = change(engine);
    } catch (thrown) {
      // A multi-call edit may have got half-way: put the world back.
      if (before) {
        engine.restore(before);
        this.recorder?.recordRestore();
        before.free();
      }
      throw thrown;
    }
    if (before) this.history.record(before, label);
    this.lastCoalesce = coalesce !== undefined ? { key: coalesce, at: now } : null;
    this.pruneSelection();
    this.changed();
    return result;
  }

  // ----- edits -----

  /** Adds a body (one level); returns its id. */
  spawn(desc: BodyDesc, label = `add ${desc.shape.type}`): number {
    return this.edit(label, (engine) => this.call('spawn', [desc], () => engine.spawn(desc)));
  }

  /** Adds a joint (one level); returns its id. */
  addJoint(desc: JointDesc, label = `add ${desc.type} joint`): number {
    return this.edit(label, (engine) => this.call('addJoint', [desc], () => engine.addJoint(desc)));
  }

  /** Replaces a body's description (one level; repeated edits of one field coalesce). */
  editBody(id: number, desc: BodyDesc, label = 'edit body'): void {
    this.edit(label, (engine) => this.call('editBody', [id, desc], () => engine.editBody(id, desc)), `body ${id} ${label}`);
  }

  /** Replaces a joint's description (one level; repeated edits of one field coalesce). */
  editJoint(id: number, desc: JointDesc, label = 'edit joint'): void {
    this.edit(label, (engine) => this.call('editJoint', [id, desc], () => engine.editJoint(id, desc)), `joint ${id} ${label}`);
  }

  /** Changes settings (gravity, hz, ...): one level, coalescing a slider's stream of changes. */
  setSettings(patch: Partial<Settings>, label = `change ${Object.keys(patch).join(', ')}`): void {
    this.edit(label, (engine) => this.call('setSettings', [patch], () => engine.setSettings(patch)), `settings ${label}`);
  }

  /** Removes the selected joint, or the selected bodies with their joints. Returns false when nothing is selected. */
  deleteSelection(): boolean {
    const joint = this.jointSelected;
    const bodies = this.selectedBodies.slice();
    if (joint === null && bodies.length === 0) return false;
    const label = joint !== null ? 'delete joint' : bodies.length === 1 ? 'delete body' : `delete ${bodies.length} bodies`;
    this.edit(label, (engine) => {
      if (joint !== null) this.call('removeJoint', [joint], () => engine.removeJoint(joint));
      for (const id of bodies) this.call('removeBody', [id], () => engine.removeBody(id));
    });
    this.select([], null);
    return true;
  }

  /**
   * Copies the selected bodies, DUPLICATE_OFFSET away, with the joints between them, and selects
   * the copies. Returns the new ids (empty when no body is selected).
   */
  duplicateSelection(): number[] {
    const ids = this.selectedBodies.slice();
    if (ids.length === 0) return [];
    const copies = this.edit(ids.length === 1 ? 'duplicate body' : `duplicate ${ids.length} bodies`, (engine) => {
      const map = new Map<number, number>();
      for (const id of ids) {
        const desc = engine.body(id);
        const copy: BodyDesc = { ...desc, position: [desc.position[0] + DUPLICATE_OFFSET[0], desc.position[1] + DUPLICATE_OFFSET[1]], sleeping: false };
        map.set(id, this.call('spawn', [copy], () => engine.spawn(copy)));
      }
      for (const jointId of jointIds(engine)) {
        const joint = engine.joint(jointId);
        const a = joint.bodyA ?? null;
        if (!map.has(joint.bodyB) || (a !== null && !map.has(a))) continue;
        // A joint to the world stays with the original only.
        if (a === null) continue;
        const copy: JointDesc = { ...joint, bodyA: map.get(a)!, bodyB: map.get(joint.bodyB)! };
        this.call('addJoint', [copy], () => engine.addJoint(copy));
      }
      return [...map.values()];
    });
    this.select(copies, null);
    return copies;
  }

  /** The selected joint when a motor applies to it (revolute or prismatic), else null. */
  get motorJoint(): number | null {
    const engine = this.options.engine();
    const id = this.jointSelected;
    if (id === null || !engine) return null;
    try {
      const type = engine.joint(id).type;
      return type === 'revolute' || type === 'prismatic' ? id : null;
    } catch {
      return null;
    }
  }

  /**
   * Switches the selected joint's motor off, or on at DEFAULT_MOTOR (one level). Returns the
   * motor now (null: off), or undefined when the selection is not a revolute or prismatic joint.
   */
  toggleMotor(): JointDesc['motor'] | null | undefined {
    const id = this.motorJoint;
    if (id === null) return undefined;
    const joint = this.requireEngine().joint(id);
    const next: JointDesc = { ...joint };
    if (joint.motor) delete next.motor;
    else next.motor = { ...DEFAULT_MOTOR[joint.type as 'revolute' | 'prismatic'] };
    this.editJoint(id, next, joint.motor ? 'motor off' : 'motor on');
    return next.motor ?? null;
  }

  /** Starts moving the selection with the pointer: the move becomes one level when it ends. */
  beginMove(): void {
    const engine = this.requireEngine();
    this.endMove();
    this.move = { before: engine.snapshot(), moved: false };
  }

  /** Moves every selected body by (dx, dy) metres, stopping it (it is held by the pointer). */
  moveSelection(dx: number, dy: number): void {
    const engine = this.options.engine();
    if (!engine || !this.move || (dx === 0 && dy === 0)) return;
    for (const id of this.selectedBodies) {
      const desc = engine.body(id);
      const moved: BodyDesc = { ...desc, position: [desc.position[0] + dx, desc.position[1] + dy], linearVelocity: [0, 0], angularVelocity: 0, sleeping: false };
      this.call('editBody', [id, moved], () => engine.editBody(id, moved));
    }
    this.move.moved = true;
    this.changed();
  }

  /** Ends a move: one undo level if anything moved. */
  endMove(): void {
    const move = this.move;
    if (!move) return;
    this.move = null;
    if (move.moved) {
      this.history.record(move.before, this.selectedBodies.length === 1 ? 'move body' : `move ${this.selectedBodies.length} bodies`);
      this.lastCoalesce = null;
      this.changed();
    } else move.before.free();
  }

  // ----- pointer drags (physics, not edits: recorded, never undone) -----

  /** Grabs the topmost dynamic body at a point with the mouse spring; returns its id or null. */
  grab(x: number, y: number): number | null {
    const engine = this.requireEngine();
    const id = engine.grab(x, y);
    if (id !== null) this.recorder?.record('grab', [x, y]);
    return id;
  }

  dragTo(x: number, y: number): void {
    const engine = this.requireEngine();
    engine.dragTo(x, y);
    this.recorder?.record('dragTo', [x, y]);
  }

  release(): void {
    const engine = this.options.engine();
    if (!engine) return;
    engine.release();
    this.recorder?.record('release', []);
  }

  // ----- selection -----

  /** The selected joint, or null (no allocation: read per frame). */
  get selectedJoint(): number | null {
    return this.jointSelected;
  }

  get selection(): Selection {
    return { bodies: this.selectedBodies, joint: this.jointSelected };
  }

  /** Selects these bodies, or one joint (never both), and shows it in the body-state buffer. */
  select(bodies: readonly number[], joint: number | null = null): void {
    this.selectedBodies = joint !== null ? [] : [...new Set(bodies)];
    this.jointSelected = joint;
    this.syncSelectionBits();
    this.changed();
  }

  /** Adds a body to the selection, or takes it out if it was in (shift-click). */
  toggle(body: number): void {
    const has = this.selectedBodies.includes(body);
    this.select(has ? this.selectedBodies.filter((b) => b !== body) : [...this.selectedBodies, body]);
  }

  /** Drops selected ids that no longer exist (after an undo, a load, a removal by script). */
  pruneSelection(): void {
    const engine = this.options.engine();
    if (!engine) return;
    const alive = (f: () => unknown) => {
      try {
        f();
        return true;
      } catch {
        return false;
      }
    };
    const bodies = this.selectedBodies.filter((id) => alive(() => engine.body(id)));
    const joint = this.jointSelected !== null && alive(() => engine.joint(this.jointSelected!)) ? this.jointSelected : null;
    if (bodies.length !== this.selectedBodies.length || joint !== this.jointSelected) {
      this.selectedBodies = bodies;
      this.jointSelected = joint;
    }
    this.syncSelectionBits();
  }

  // ----- internals -----

  private travel(step: (current: Snapshot) => Snapshot | null): boolean {
    const engine = this.options.engine();
    if (!engine) return false;
    this.endMove();
    const current = engine.snapshot();
    const target = step(current);
    if (!target) {
      current.free();
      return false;
    }
    engine.restore(target);
    target.free();
    this.recorder?.recordRestore();
    this.lastCoalesce = null;
    this.pruneSelection();
    this.changed();
    return true;
  }

  /** Makes one engine call and logs it when it succeeded. */
  private call<T>(method: 'spawn' | 'addJoint' | 'editBody' | 'editJoint' | 'removeBody' | 'removeJoint' | 'setSettings', args: unknown[], run: () => T): T {
    const result = run();
    this.recorder?.record(method, args);
    return result;
  }

  /** The snapshot restored by undo carries the selection bits of its time: set today's instead. */
  private syncSelectionBits(): void {
    const engine = this.options.engine();
    if (!engine) return;
    engine.clearSelection();
    for (const id of this.selectedBodies) engine.setSelected(id, true);
  }

  /** The engine edits go to now, or null while there is none running. */
  engineOrNull(): Engine | null {
    return this.options.engine();
  }

  private requireEngine(): Engine {
    const engine = this.options.engine();
    if (!engine) throw new TumbleError('view.loading', 'The engine is not running.');
    return engine;
  }

  private changed(): void {
    this.options.onChange?.();
  }
}

/** Every joint id, from the frame views (no call per joint). */
function jointIds(engine: Engine): number[] {
  return Array.from(engine.views().jointIds);
}
