// Replaying a recording in the sandbox: a bar along the bottom of the stage with play/pause, a
// scrubber over the recorded steps, the step reached, and whether the end matches the live run.
//
// While the bar is up the world belongs to the replay: the element pauses its own clock and turns
// editing off. Leaving puts back the live world exactly as it was when the replay began.

import type { Engine, Snapshot } from '../../internal/engine';
import { toTumbleError, type TumbleError } from '../../internal/errors';
import { Replay, type Recording } from '../../internal/recording';
import { el } from './dom';

/** What the bar needs from the element. */
export interface ReplayHost {
  /** Draw the world again (it changed under the view). */
  refresh(): void;
  /** Steps per second of the world (the replay plays at that rate). */
  hz(): number;
  /** The replay could not go on (a corrupt log): show why. */
  onError(error: TumbleError): void;
  /** The person left the replay (the live world is back). */
  onExit(): void;
}

export class ReplayBar {
  readonly element: HTMLElement;
  private readonly replay: Replay;
  private readonly live: Snapshot;
  private readonly playButton: HTMLButtonElement;
  private readonly scrubber: HTMLInputElement;
  private readonly position: HTMLOutputElement;
  private readonly verdict: HTMLOutputElement;
  private playing = false;
  private rafId = 0;
  private lastTime = -1;
  private carry = 0;
  private closed = false;

  /** Starts replaying `recording` on `engine` from its first step (keeps the live world to come back to). */
  constructor(
    parent: HTMLElement,
    private readonly engine: Engine,
    recording: Recording,
    private readonly host: ReplayHost,
  ) {
    this.live = engine.snapshot();
    try {
      this.replay = new Replay(engine, recording);
    } catch (thrown) {
      engine.restore(this.live);
      this.live.free();
      throw thrown;
    }
    this.playButton = el('button', { type: 'button', class: 'button', id: 'replay-play', text: 'Play', title: 'Play / pause the replay (P)' });
    this.playButton.addEventListener('click', () => this.toggle());
    this.scrubber = el('input', {
      type: 'range',
      id: 'replay-scrubber',
      min: recording.startStep,
      max: recording.endStep,
      step: 1,
      value: recording.startStep,
      'aria-label': 'Replay position (step)',
    });
    this.scrubber.addEventListener('input', () => {
      // Read before pausing: pausing redraws the bar, which puts the scrubber back at the step.
      const step = Number(this.scrubber.value);
      this.pause();
      this.seek(step);
    });
    this.position = el('output', { class: 'value', id: 'replay-step' });
    this.verdict = el('output', { class: 'verdict', id: 'replay-verdict', role: 'status' });
    const exit = el('button', { type: 'button', class: 'button', id: 'replay-exit', text: 'Back to live', title: 'Leave the replay: the live world comes back (Esc)' });
    exit.addEventListener('click', () => this.close());
    this.element = el(
      'div',
      { class: 'replay-bar', role: 'group', 'aria-label': 'Replay', part: 'replay' },
      el('span', { class: 'replay-label', text: 'Replay' }),
      this.playButton,
      this.scrubber,
      this.position,
      this.verdict,
      exit,
    );
    parent.append(this.element);
    this.show();
  }

  /** The replay's current step. */
  get step(): number {
    return this.replay.step;
  }

  /** Whether the replay reached the end and its hash equals the live run's. */
  get matches(): boolean {
    return this.replay.atEnd && this.replay.matchesLive();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (this.closed || this.playing) return;
    if (this.replay.atEnd) this.seek(this.replay.startStep);
    this.playing = true;
    this.lastTime = -1;
    this.carry = 0;
    this.rafId = requestAnimationFrame(this.tick);
    this.show();
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    this.show();
  }

  /** Puts the world at `step` of the recording. */
  seek(step: number): void {
    this.attempt(() => this.replay.seek(step));
  }

  /** Leaves the replay: the live world comes back as it was. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pause();
    this.replay.free();
    try {
      this.engine.restore(this.live);
    } finally {
      this.live.free();
      this.element.remove();
      this.host.refresh();
      this.host.onExit();
    }
  }

  private readonly tick = (now: number): void => {
    this.rafId = 0;
    if (!this.playing || this.closed) return;
    const dt = this.lastTime < 0 ? 0 : Math.min(0.1, (now - this.lastTime) / 1000);
    this.lastTime = now;
    this.carry += dt * this.host.hz();
    const steps = Math.floor(this.carry);
    this.carry -= steps;
    if (steps > 0) this.attempt(() => this.replay.forward(steps));
    if (this.replay.atEnd) {
      this.pause();
      return;
    }
    this.rafId = requestAnimationFrame(this.tick);
  };

  private attempt(action: () => void): void {
    try {
      action();
    } catch (thrown) {
      this.pause();
      this.host.onError(toTumbleError(thrown).error);
    }
    this.host.refresh();
    this.show();
  }

  private show(): void {
    const r = this.replay;
    this.playButton.textContent = this.playing ? 'Pause' : 'Play';
    this.scrubber.value = String(r.step);
    this.position.textContent = `step ${r.step - r.startStep} / ${r.endStep - r.startStep}`;
    if (!r.atEnd) this.verdict.textContent = '';
    else this.verdict.textContent = r.matchesLive() ? 'End state matches the live run ✓' : 'End state differs from the live run ✗';
    this.verdict.dataset.match = r.atEnd ? String(r.matchesLive()) : '';
  }
}
