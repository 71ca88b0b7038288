// Autosave for <tumble-sandbox autosave>: the world goes to localStorage a moment after each edit
// and when the page is hidden, and comes back on the next visit.
//
// A save is the engine's exact scene JSON. When it does not fit the storage quota (browsers give
// about 5 MB per origin; a save of several thousand bodies can be larger), the save is skipped,
// the last one that fitted stays, and the element says so once.

/** Milliseconds after the last edit before the world is written. */
export const AUTOSAVE_DELAY_MS = 1000;

/** The storage key for an element: its `autosave` value, else one per page path. */
export function autosaveKey(attribute: string, pathname: string): string {
  const name = attribute.trim();
  return `tumble-sandbox:autosave:${name || pathname}`;
}

/** Reads a saved world, or null (none, storage blocked, or not a scene at all). */
export function readAutosave(storage: Storage | null, key: string): string | null {
  try {
    const text = storage?.getItem(key) ?? null;
    return text !== null && text.startsWith('{') ? text : null;
  } catch {
    return null;
  }
}

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private warned = false;

  constructor(
    private readonly storage: Storage | null,
    readonly key: string,
    /** The world as JSON now (throws when there is no world: then nothing is written). */
    private readonly save: () => string,
    /** Writing failed (quota, storage blocked): called once per Autosave. */
    private readonly onFailure: (message: string) => void,
  ) {}

  /** Writes the world AUTOSAVE_DELAY_MS after the last call. */
  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), AUTOSAVE_DELAY_MS);
  }

  /** Writes the world now (the page is being hidden). Returns whether it was written. */
  flush(): boolean {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.storage) return false;
    let text: string;
    try {
      text = this.save();
    } catch {
      return false;
    }
    try {
      this.storage.setItem(this.key, text);
      return true;
    } catch {
      if (!this.warned) {
        this.warned = true;
        const kb = Math.round(text.length / 1024).toLocaleString('en');
        this.onFailure(`Autosave skipped: this scene (${kb} KB) does not fit in the browser's storage. Use Save to keep it.`);
      }
      return false;
    }
  }

  /** Stops any pending write. */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
