// One element's recording and replay: the Record button starts logging (every edit and drag goes
// to the log through the editor), Stop keeps the recording, and Replay plays it back in the
// element's world with a scrubber (controls/replay-bar.ts), editing off until the person leaves.

import type { TumbleError } from '../internal/errors';
import { Recorder, type Recording } from '../internal/recording';
import type { TumbleView } from '../public/view';
import { ReplayBar } from './controls/replay-bar';

/** What a session needs from its element. */
export interface RecordingHost {
  readonly view: TumbleView;
  /** Where the replay bar goes. */
  readonly stage: HTMLElement;
  readonly paused: boolean;
  play(): void;
  pause(): void;
  report(error: TumbleError, title: string): void;
  /** A replay began or ended: editing goes off or back on, controls resync. */
  onModeChange(replaying: boolean): void;
}

export class RecordingSession {
  private recorder: Recorder | null = null;
  private last: Recording | null = null;
  private bar: ReplayBar | null = null;

  constructor(private readonly host: RecordingHost) {}

  /** Whether a recording is under way. */
  get recording(): boolean {
    return this.recorder !== null;
  }

  /** Whether a finished recording waits to be replayed (and no replay is up). */
  get canReplay(): boolean {
    return this.last !== null && this.bar === null && this.recorder === null;
  }

  /** The replay bar while a replay is up. */
  get replayBar(): ReplayBar | null {
    return this.bar;
  }

  /** Starts recording, or stops and keeps the recording for `replay`. */
  toggle(): void {
    const view = this.host.view;
    if (this.recorder) {
      const recorder = this.recorder;
      this.recorder = null;
      view.editor.recorder = null;
      this.last?.free();
      this.last = recorder.stop();
      view.showHint(`Recorded ${this.last.endStep - this.last.startStep} steps and ${this.last.calls.length} actions: press Replay`);
    } else if (!this.bar && view.engine) {
      this.recorder = new Recorder(view.engine);
      view.editor.recorder = this.recorder;
      view.showHint('Recording: everything you do is logged with its step');
    }
  }

  /** Replays the last recording from its start; the live world comes back when the bar closes. */
  replay(): void {
    const view = this.host.view;
    const recording = this.last;
    if (!recording || this.bar || this.recorder || !view.engine) return;
    const wasPaused = this.host.paused;
    this.host.pause();
    view.cancelTool();
    this.bar = new ReplayBar(this.host.stage, view.engine, recording, {
      refresh: () => view.refresh(),
      hz: () => view.settings()?.hz ?? 60,
      onError: (error) => this.host.report(error, 'The replay stopped'),
      onExit: () => {
        this.bar = null;
        this.host.onModeChange(false);
        if (!wasPaused) this.host.play();
      },
    });
    this.host.onModeChange(true);
    this.bar.play();
  }

  /** Drops everything: a recording under way, the last one, an open replay (the element is going). */
  dispose(): void {
    this.bar?.close();
    this.bar = null;
    this.recorder?.discard();
    this.recorder = null;
    this.host.view.editor.recorder = null;
    this.last?.free();
    this.last = null;
  }
}
