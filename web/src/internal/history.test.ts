import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_LEVELS, History, MIN_LEVELS, type HistoryOptions } from './history';
import { mulberry32 as prng } from './testing/prng';

/** A stand-in for a snapshot: which world it holds, and its size. */
interface State {
  readonly id: number;
  readonly bytes: number;
}


/** Makes states and a History over them, and counts every dispose. */
function harness(options: Partial<HistoryOptions<State>> = {}) {
  let next = 0;
  const disposed: State[] = [];
  const history = new History<State>({ size: (s) => s.bytes, dispose: (s) => disposed.push(s), ...options });
  const state = (bytes = 100): State => ({ id: next++, bytes });
  /** How many times each state was disposed, by id. */
  const disposeCounts = () => {
    const counts = new Map<number, number>();
    for (const s of disposed) counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
    return counts;
  };
  return { history, state, disposed, disposeCounts };
}

describe('History', () => {
  it('keeps at least MIN_LEVELS of 150 small edits, by default all of them', () => {
    const { history, state, disposed } = harness();
    const recorded = Array.from({ length: 150 }, (_, i) => {
      const s = state(10_000);
      history.record(s, `edit ${i}`);
      return s;
    });
    expect(MIN_LEVELS).toBe(100);
    expect(DEFAULT_MAX_LEVELS).toBeGreaterThanOrEqual(MIN_LEVELS);
    expect(history.undoDepth).toBe(150);
    expect(disposed).toEqual([]);
    for (let i = 149; i >= 0; i--) {
      expect(history.undoLabel).toBe(`edit ${i}`);
      expect(history.undo(state())).toBe(recorded[i]);
    }
    expect(history.undo(state())).toBeNull();
  });

  it('keeps MIN_LEVELS when that many fit the budget, dropping the oldest first', () => {
    // 120 of these fit in the default budget; the level cap is the binding limit.
    const { history, state, disposed } = harness({ maxLevels: MIN_LEVELS });
    const recorded = Array.from({ length: 150 }, () => {
      const s = state(Math.floor(DEFAULT_MAX_BYTES / 120));
      history.record(s, 'edit');
      return s;
    });
    expect(history.undoDepth).toBe(MIN_LEVELS);
    expect(disposed).toEqual(recorded.slice(0, 50));

    // The budget binding instead: 120 levels fit, the 30 oldest go.
    const big = harness();
    for (let i = 0; i < 150; i++) big.history.record(big.state(Math.floor(DEFAULT_MAX_BYTES / 120)), 'edit');
    expect(big.history.undoDepth).toBe(120);
    expect(big.history.bytes).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
    expect(big.disposed.map((s) => s.id)).toEqual([...Array(30).keys()]);
  });

  it('undoes and redoes in order, with the label of each edit', () => {
    const { history, state, disposed } = harness();
    const [s0, s1, s2, now] = [state(), state(), state(), state()];
    expect([history.canUndo, history.canRedo]).toEqual([false, false]);
    expect([history.undoLabel, history.redoLabel]).toEqual([null, null]);
    history.record(s0, 'add ball');
    history.record(s1, 'move ball');
    history.record(s2, 'delete body');
    expect(history.undoLabel).toBe('delete body');

    expect(history.undo(now)).toBe(s2);
    expect([history.undoLabel, history.redoLabel]).toEqual(['move ball', 'delete body']);
    const afterS1 = state();
    expect(history.undo(afterS1)).toBe(s1);
    expect([history.undoLabel, history.redoLabel]).toEqual(['add ball', 'move ball']);
    expect([history.canUndo, history.canRedo]).toEqual([true, true]);

    const atS1 = state();
    expect(history.redo(atS1)).toBe(afterS1);
    expect([history.undoLabel, history.redoLabel]).toEqual(['move ball', 'delete body']);
    const atS2 = state();
    expect(history.redo(atS2)).toBe(now);
    expect([history.canRedo, history.redoLabel]).toEqual([false, null]);
    expect(history.undo(state())).toBe(atS2);
    expect(history.undo(state())).toBe(atS1);
    expect(history.undo(state())).toBe(s0);
    expect(disposed).toEqual([]);
  });

  it('takes nothing when there is nothing to undo or redo', () => {
    const { history, state, disposed } = harness();
    const current = state();
    expect(history.undo(current)).toBeNull();
    expect(history.redo(current)).toBeNull();
    history.record(state(), 'edit');
    expect(history.redo(current)).toBeNull();
    expect([history.undoDepth, history.redoDepth, history.bytes]).toEqual([1, 0, 100]);
    expect(disposed).toEqual([]);
  });

  it('a new edit after undo disposes the redo levels, once each, and nothing returned', () => {
    const { history, state, disposed, disposeCounts } = harness();
    const recorded = [state(), state(), state()];
    for (const s of recorded) history.record(s, 'edit');
    const left = [state(), state()];
    const returned = [history.undo(left[0]!), history.undo(left[1]!)];
    expect(returned).toEqual([recorded[2], recorded[1]]);

    history.record(state(), 'fork');
    expect(history.canRedo).toBe(false);
    expect([history.undoDepth, history.bytes]).toEqual([2, 200]);
    expect(new Set(disposed)).toEqual(new Set(left));
    expect([...disposeCounts().values()]).toEqual([1, 1]);
  });

  it('over the byte budget drops the oldest levels and disposes each exactly once', () => {
    const { history, state, disposed, disposeCounts } = harness({ maxBytes: 1000 });
    const recorded = Array.from({ length: 10 }, () => state(300));
    for (const s of recorded) history.record(s, 'edit');
    expect([history.undoDepth, history.bytes]).toEqual([3, 900]);
    expect(disposed).toEqual(recorded.slice(0, 7));
    expect([...disposeCounts().values()].every((n) => n === 1)).toBe(true);
    history.clear();
    expect(disposed).toEqual(recorded);
    expect([history.undoDepth, history.bytes]).toEqual([0, 0]);
  });

  it('after undos, trims the far ends of both stacks so the nearest steps work both ways', () => {
    const { history, state, disposed } = harness({ maxBytes: 1000 });
    for (let i = 0; i < 10; i++) history.record(state(100), `edit ${i}`);
    const leftBehind = Array.from({ length: 5 }, () => state(100));
    for (const s of leftBehind) history.undo(s);
    expect([history.undoDepth, history.redoDepth, history.bytes]).toEqual([5, 5, 1000]);

    // 200 bytes over: the redo stack is now the deeper one, so its two farthest levels go.
    history.undo(state(300));
    expect([history.undoDepth, history.redoDepth, history.bytes]).toEqual([4, 4, 1000]);
    expect(disposed).toEqual([leftBehind[0], leftBehind[1]]);
    expect([history.undoLabel, history.redoLabel]).toEqual(['edit 3', 'edit 4']);
  });

  it('keeps a state larger than the whole budget as the only level', () => {
    const { history, state, disposed } = harness({ maxBytes: 1000 });
    const small = [state(), state(), state()];
    for (const s of small) history.record(s, 'edit');
    const huge = state(5000);
    history.record(huge, 'huge edit');
    expect([history.undoDepth, history.bytes, history.undoLabel]).toEqual([1, 5000, 'huge edit']);
    expect(disposed).toEqual(small);

    // The next edit is the newest level; the huge one is now the oldest and goes.
    history.record(state(), 'edit');
    expect([history.undoDepth, history.bytes]).toEqual([1, 100]);
    expect(disposed).toEqual([...small, huge]);
  });

  it('leaves everything as it was when size() fails', () => {
    const bad = { id: -1, bytes: Number.NaN };
    const { history, state, disposed } = harness();
    const kept = state();
    history.record(kept, 'edit');
    expect(() => history.record(bad, 'edit')).toThrow(RangeError);
    expect(() => history.undo(bad)).toThrow(RangeError);
    expect(() => history.record({ id: -2, bytes: -1 }, 'edit')).toThrow(RangeError);
    expect([history.undoDepth, history.redoDepth, history.bytes, history.undoLabel]).toEqual([1, 0, 100, 'edit']);
    expect(disposed).toEqual([]);
    expect(history.undo(state())).toBe(kept);
  });

  it('disposes every level even when one dispose throws', () => {
    const seen: number[] = [];
    const history = new History<number>({
      size: () => 1,
      dispose: (s) => {
        seen.push(s);
        if (s === 2) throw new Error('free failed');
      },
    });
    for (let s = 1; s <= 4; s++) history.record(s, 'edit');
    expect(() => history.clear()).toThrow('free failed');
    expect(seen).toEqual([1, 2, 3, 4]);
    expect([history.undoDepth, history.bytes]).toEqual([0, 0]);
  });

  it('refuses limits that would break its guarantees', () => {
    const options = { size: () => 1, dispose: () => {} };
    expect(() => new History({ ...options, maxLevels: MIN_LEVELS - 1 })).toThrow(RangeError);
    expect(() => new History({ ...options, maxLevels: 150.5 })).toThrow(RangeError);
    expect(() => new History({ ...options, maxBytes: 0 })).toThrow(RangeError);
    expect(() => new History({ ...options, maxBytes: Number.NaN })).toThrow(RangeError);
    expect(new History(options).maxBytes).toBe(DEFAULT_MAX_BYTES);
  });

  // Random record/undo/redo/clear against a reference timeline. Every state is created by the
  // "view", handed to the history, and ends up disposed exactly once: by the history when it
  // drops it, or by the view after restoring it. The history may only drop levels at the far ends
  // of its stacks, must stay within its limits, and must drop no more than it has to.
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`owns every state exactly once over 2000 random operations (seed ${seed})`, () => {
      const random = prng(seed);
      const maxBytes = 60_000;
      const maxLevels = MIN_LEVELS;
      let created = 0;
      const held = new Set<State>(); // owned by the history
      const freed = new Set<State>(); // disposed, by the history or by the view
      let droppedNow: State[] = [];
      const history = new History<State>({
        size: (s) => s.bytes,
        dispose: (s) => {
          expect(held.has(s), `disposed state ${s.id}, which the history does not hold`).toBe(true);
          held.delete(s);
          freed.add(s);
          droppedNow.push(s);
        },
        maxBytes,
        maxLevels,
      });
      /** A new state handed to the history: small, or with odds `large` large, `huge` over the budget. */
      const give = ({ large, huge }: { large: number; huge: number }): State => {
        const r = random();
        let bytes = 1 + Math.floor(random() * 600);
        if (r < large) bytes = 5_000 + Math.floor(random() * 15_000);
        if (r < huge) bytes = maxBytes + 1;
        const state = { id: created++, bytes };
        held.add(state);
        return state;
      };
      /** The view got a state back (or kept its own): it restores it, then frees it. */
      const freeByView = (s: State) => {
        held.delete(s);
        expect(freed.has(s), `state ${s.id} freed twice`).toBe(false);
        freed.add(s);
      };

      // The reference: the timeline as the history should hold it, far ends first.
      let refUndo: State[] = [];
      let refRedo: State[] = [];
      const seen = { levelCap: 0, budget: 0, oversized: 0, redoTrim: 0 };

      // Phases of 200 operations, so that every limit binds: small edits (the level cap), mixed
      // edits with a few over the whole budget, mixed edits again to fill the budget, then no edits
      // (an edit clears redo): mostly undos, then mostly redos, of states tending larger (trims of
      // the redo stack).
      const phases = [
        { large: 0, huge: 0, clear: 0.003, record: 0.7, undo: 0.85 },
        { large: 0.1, huge: 0.02, clear: 0.003, record: 0.55, undo: 0.8 },
        { large: 0.1, huge: 0, clear: 0, record: 0.7, undo: 0.85 },
        { large: 0.3, huge: 0, clear: 0, record: 0, undo: 0.8 },
        { large: 0.3, huge: 0, clear: 0, record: 0, undo: 0.2 },
      ];
      for (let op = 0; op < 2000; op++) {
        droppedNow = [];
        const phase = phases[Math.floor(op / 200) % phases.length]!;
        const r = random();
        let forked: State[] = [];
        if (r < phase.clear) {
          forked = [...refUndo, ...refRedo];
          refUndo = [];
          refRedo = [];
          history.clear();
        } else if (r < phase.record) {
          const before = give(phase);
          history.record(before, `edit ${op}`);
          forked = refRedo;
          refRedo = [];
          refUndo.push(before);
        } else {
          const undo = r < phase.undo;
          const current = give(phase);
          const [from, to] = undo ? [refUndo, refRedo] : [refRedo, refUndo];
          const result = undo ? history.undo(current) : history.redo(current);
          if (from.length === 0) {
            expect(result).toBeNull();
            expect(held.has(current)).toBe(true); // not disposed: still the view's
            freeByView(current);
          } else {
            expect(result).toBe(from.pop());
            expect(held.has(result!), `returned state ${result!.id}, which the history does not hold`).toBe(true);
            to.push(current);
            freeByView(result!);
          }
        }

        // What was dropped: first the levels forked off, then trimmed ones, only from the far ends.
        expect(new Set(droppedNow.slice(0, forked.length))).toEqual(new Set(forked));
        const trimmed = droppedNow.slice(forked.length);
        const fromUndo = refUndo.length - history.undoDepth;
        const fromRedo = refRedo.length - history.redoDepth;
        expect(fromUndo + fromRedo).toBe(trimmed.length);
        expect(new Set(trimmed)).toEqual(new Set([...refUndo.slice(0, fromUndo), ...refRedo.slice(0, fromRedo)]));
        refUndo = refUndo.slice(fromUndo);
        refRedo = refRedo.slice(fromRedo);

        // Within the limits (or down to one level), and trimmed no further than needed.
        const levels = refUndo.length + refRedo.length;
        const bytes = [...refUndo, ...refRedo].reduce((sum, s) => sum + s.bytes, 0);
        expect(history.bytes).toBe(bytes);
        expect(held).toEqual(new Set([...refUndo, ...refRedo]));
        expect(levels).toBeLessThanOrEqual(maxLevels);
        if (levels > 1) expect(bytes).toBeLessThanOrEqual(maxBytes);
        else if (bytes > maxBytes) seen.oversized++;
        const last = trimmed.at(-1);
        if (last) {
          expect(bytes + last.bytes > maxBytes || levels + 1 > maxLevels).toBe(true);
          if (levels === maxLevels) seen.levelCap++;
          else seen.budget++;
          if (fromRedo > 0) seen.redoTrim++;
        }
        expect(history.undoLabel === null).toBe(refUndo.length === 0);
        expect(history.redoLabel === null).toBe(refRedo.length === 0);
      }
      history.clear();
      expect(held.size).toBe(0);
      expect(freed.size).toBe(created);
      // The sequence exercised every way of dropping a level.
      for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
    });
  }
});
