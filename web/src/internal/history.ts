// Undo and redo for sandbox edits: two stacks of whole states, bounded in count and in bytes.
//
// States are whole worlds (Engine snapshots, or saved scene JSON), not diffs: restoring one is one
// call, and an edit needs no inverse. The price is memory, hence the budget. A snapshot holds wasm
// memory that only `free()` returns, so every state has exactly one owner at a time: the caller, or
// this history, which disposes of whatever it drops.
//
// Ownership, per call:
//   record(before)  the history takes `before`.
//   undo(current)   when it returns a state: the history takes `current`, the caller gets the
//                   returned state (restore it, then free it). When it returns null: nothing moves.
//   redo(current)   the same.
//   clear()         the history disposes of everything it holds.
//
// A view's edit, with snapshots:
//   history.record(engine.snapshot(), 'delete body'); engine.removeBody(id);
// and its Undo button:
//   const state = history.undo(engine.snapshot()); if (state) { engine.restore(state); state.free(); }

/** Undo levels kept whatever the byte budget, as long as that many states fit in it. */
export const MIN_LEVELS = 100;

/** Default cap on levels (undo and redo together). */
export const DEFAULT_MAX_LEVELS = 500;

/**
 * Default byte budget: 64 MiB, small next to what a tab may use. Full saves measure about 90 KB for
 * the `playground` preset (so DEFAULT_MAX_LEVELS of it fit) and 3.5-7.5 MB for `rain`'s 1003 bodies
 * (so only about 10-20 levels of it do: MIN_LEVELS holds for small and medium scenes, not for the
 * largest). A snapshot clones the same engine state in memory, so expect the same order of size.
 */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** How a History measures and frees the states it holds. */
export interface HistoryOptions<S> {
  /**
   * The bytes a state holds, counted against `maxBytes`. Called once per state, when the history
   * takes it: it must be cheap, and the same for the state's whole life.
   */
  size(state: S): number;
  /** Frees a state the history drops (`Snapshot.free`). Called exactly once per dropped state. */
  dispose(state: S): void;
  /**
   * Byte budget over both stacks (default DEFAULT_MAX_BYTES). Over it, the levels farthest from the
   * present go first.
   * A single state larger than the whole budget is still kept when it is the last one: see History.
   */
  maxBytes?: number;
  /** Most levels over both stacks (default DEFAULT_MAX_LEVELS); at least MIN_LEVELS. */
  maxLevels?: number;
}

interface Entry<S> {
  readonly state: S;
  /** The edit this level undoes or redoes, e.g. `delete body`. */
  readonly label: string;
  readonly bytes: number;
}

/**
 * Undo and redo stacks of whole states, generic over the state type. `record` the state before
 * each edit; `undo` and `redo` hand states back to restore.
 *
 * Memory is bounded by a level count and a byte budget over both stacks. Over either, the level
 * farthest from the present is dropped and disposed, until within both. With no redo levels (the
 * usual case: edits clear them) that is the oldest undo level; after some undos, the far ends of
 * both stacks shrink alike, so the steps next to the present keep working both ways. On a tie the
 * older (undo) level goes.
 *
 * Whatever the budget, one level is always kept: when a single state is larger than the whole
 * budget, it stays as the only level (the last edit can still be undone) and all others go, so
 * memory peaks at the budget or that one state, whichever is larger.
 */
export class History<S> {
  private readonly undoStack: Entry<S>[] = [];
  private readonly redoStack: Entry<S>[] = [];
  private heldBytes = 0;
  private readonly size: (state: S) => number;
  private readonly dispose: (state: S) => void;
  /** The byte budget over both stacks. */
  readonly maxBytes: number;
  /** The most levels kept over both stacks. */
  readonly maxLevels: number;

  constructor(options: HistoryOptions<S>) {
    this.size = options.size;
    this.dispose = options.dispose;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxLevels = options.maxLevels ?? DEFAULT_MAX_LEVELS;
    if (!(this.maxBytes > 0)) throw new RangeError(`History maxBytes must be positive, got ${this.maxBytes}`);
    if (!(Number.isInteger(this.maxLevels) && this.maxLevels >= MIN_LEVELS)) {
      throw new RangeError(`History maxLevels must be an integer of at least ${MIN_LEVELS}, got ${this.maxLevels}`);
    }
  }

  /** Whether `undo` would return a state. */
  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** Whether `redo` would return a state. */
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** The label of the edit `undo` would undo (for a tooltip: `Undo ${label}`), or null. */
  get undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null;
  }

  /** The label of the edit `redo` would redo, or null. */
  get redoLabel(): string | null {
    return this.redoStack.at(-1)?.label ?? null;
  }

  /** Levels `undo` can go back. */
  get undoDepth(): number {
    return this.undoStack.length;
  }

  /** Levels `redo` can go forward. */
  get redoDepth(): number {
    return this.redoStack.length;
  }

  /** Bytes held over both stacks, as `size` measured them. */
  get bytes(): number {
    return this.heldBytes;
  }

  /**
   * Records the state from before an edit, which `label` names (`delete body`). The history takes
   * `before`; the redo stack is disposed (a new edit forks the timeline). If `size` throws or
   * returns a negative or non-finite number, nothing changes and `before` stays the caller's.
   */
  record(before: S, label: string): void {
    const entry = this.entry(before, label);
    const forked = this.redoStack.splice(0);
    for (const dropped of forked) this.heldBytes -= dropped.bytes;
    this.push(this.undoStack, entry);
    this.disposeAll(forked.concat(this.trim()));
  }

  /**
   * Steps back: returns the state to restore, now the caller's, and takes `current` (the state
   * being left, for `redo`). Returns null, taking nothing, when there is nothing to undo.
   */
  undo(current: S): S | null {
    return this.move(this.undoStack, this.redoStack, current);
  }

  /**
   * Steps forward again after `undo`: returns the state to restore, now the caller's, and takes
   * `current`. Returns null, taking nothing, when there is nothing to redo.
   */
  redo(current: S): S | null {
    return this.move(this.redoStack, this.undoStack, current);
  }

  /** Disposes every level: after loading another scene, or when the view goes away. */
  clear(): void {
    const dropped = this.undoStack.splice(0).concat(this.redoStack.splice(0));
    this.heldBytes = 0;
    this.disposeAll(dropped);
  }

  private move(from: Entry<S>[], to: Entry<S>[], current: S): S | null {
    const target = from.at(-1);
    if (!target) return null;
    // Measure first: if `size` throws, nothing has moved.
    const entry = this.entry(current, target.label);
    from.pop();
    this.heldBytes -= target.bytes;
    this.push(to, entry);
    this.disposeAll(this.trim());
    return target.state;
  }

  private entry(state: S, label: string): Entry<S> {
    const bytes = this.size(state);
    if (!(bytes >= 0 && bytes < Infinity)) {
      throw new RangeError(`History size() must return a finite number ≥ 0, got ${bytes}`);
    }
    return { state, label, bytes };
  }

  private push(stack: Entry<S>[], entry: Entry<S>): void {
    stack.push(entry);
    this.heldBytes += entry.bytes;
  }

  /** Takes levels off, farthest first, until within both limits or one level is left; returns them. */
  private trim(): Entry<S>[] {
    const dropped: Entry<S>[] = [];
    while (this.undoStack.length + this.redoStack.length > 1) {
      const levels = this.undoStack.length + this.redoStack.length;
      if (levels <= this.maxLevels && this.heldBytes <= this.maxBytes) break;
      // The bottom of each stack is its level farthest from the present, that stack's depth away.
      const stack = this.undoStack.length >= this.redoStack.length ? this.undoStack : this.redoStack;
      const farthest = stack.shift()!;
      this.heldBytes -= farthest.bytes;
      dropped.push(farthest);
    }
    return dropped;
  }

  /**
   * Disposes every entry even if one dispose throws (then rethrows the first error), so that one
   * failing state leaks nothing else. The stacks are already consistent when this runs.
   */
  private disposeAll(entries: Entry<S>[]): void {
    let failure: { error: unknown } | null = null;
    for (const entry of entries) {
      try {
        this.dispose(entry.state);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
