// Parsing of <tumble-sandbox>'s attributes. Pure functions, no DOM: each returns the parsed value,
// or the default together with an error that says what was wrong and what is expected. A bad
// attribute never throws; the element reports the error (an `error` event) and uses the default.

import { TumbleError } from '../internal/errors';
import { MAX_HZ } from '../internal/limits';
import { RENDERER_CHOICES, type RendererChoice } from '../internal/renderer-choice';

/** How much the pointer may do. */
export type Interactive = 'none' | 'drag' | 'full';

/** The outcome of parsing one attribute: always a usable value, plus an error when it was bad. */
export interface Parsed<T> {
  value: T;
  error?: TumbleError;
}

/** The code every attribute error carries. */
export const ATTRIBUTE_CODE = 'attribute.invalid';

/** What `load()` and the attributes accept as a world: a preset spec or scene JSON text. */
export type SceneInput = { preset: string } | { json: string };

function invalid<T>(name: string, value: T, message: string): Parsed<T> {
  return { value, error: new TumbleError(ATTRIBUTE_CODE, `${name}: ${message}`) };
}

/** `interactive`: `none`, `drag` or `full`; absent means `drag`. */
export function parseInteractive(text: string | null): Parsed<Interactive> {
  if (text === null) return { value: 'drag' };
  const value = text.trim().toLowerCase();
  if (value === 'none' || value === 'drag' || value === 'full') return { value };
  // `interactive` alone (an empty value) reads as "yes": the most a page usually wants.
  if (value === '') return { value: 'full' };
  return invalid('interactive', 'drag', `expected none, drag or full, got "${text}"; using drag`);
}

/** `renderer`: `auto`, `canvas2d` or `webgl2`, in any case; absent or empty means `auto`. */
export function parseRenderer(text: string | null): Parsed<RendererChoice> {
  if (text === null) return { value: 'auto' };
  const value = text.trim().toLowerCase();
  if (value === '') return { value: 'auto' };
  const choice = RENDERER_CHOICES.find((c) => c === value);
  if (choice) return { value: choice };
  return invalid('renderer', 'auto', `expected auto, canvas2d or webgl2, got "${text}"; using auto`);
}

/**
 * `gravity`: two numbers, x and y in m/s² (`"0 -9.81"`, commas allowed), or one number for y
 * alone (`"-3.7"`). Null means the scene's own gravity.
 */
export function parseGravity(text: string | null): Parsed<[number, number] | null> {
  if (text === null || text.trim() === '') return { value: null };
  const parts = text.trim().split(/[\s,]+/);
  const numbers = parts.map(Number);
  if (parts.length > 2 || numbers.some((n) => !Number.isFinite(n))) {
    return invalid('gravity', null, `expected "x y" in m/s² such as "0 -9.81", got "${text}"; using the scene's gravity`);
  }
  return { value: numbers.length === 1 ? [0, numbers[0]!] : [numbers[0]!, numbers[1]!] };
}

/** `hz`: physics steps per simulated second, 1 to 1000. Null means the scene's own rate. */
export function parseHz(text: string | null): Parsed<number | null> {
  if (text === null || text.trim() === '') return { value: null };
  const hz = Number(text.trim());
  if (!Number.isFinite(hz) || hz < 1 || hz > MAX_HZ) {
    return invalid('hz', null, `expected steps per second from 1 to ${MAX_HZ}, got "${text}"; using the scene's rate`);
  }
  return { value: hz };
}

/**
 * `src`: a scene JSON URL, resolved against `base` (the document's URL). Only http and https
 * are fetched: a scene is data, and other schemes (`javascript:`, `data:`, `file:`) are refused.
 */
export function parseSrc(text: string | null, base: string): Parsed<URL | null> {
  if (text === null || text.trim() === '') return { value: null };
  let url: URL;
  try {
    url = new URL(text.trim(), base);
  } catch {
    return { value: null, error: new TumbleError('src.invalid', `src: "${text}" is not a URL`) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      value: null,
      error: new TumbleError('src.invalid', `src: only http and https URLs are fetched, not ${url.protocol}`),
    };
  }
  return { value: url };
}

/**
 * What to load from a string: scene JSON when it starts with `{`, a preset spec
 * (`pyramid?base=20`) otherwise.
 */
export function sceneInput(text: string): SceneInput {
  const trimmed = text.trimStart();
  return trimmed.startsWith('{') ? { json: trimmed } : { preset: text.trim() };
}

/** `playground` → `Playground`, `newtons_cradle?balls=5` → `Newtons cradle`. */
export function presetTitle(spec: string): string {
  const name = spec.split('?')[0]!.replace(/[_-]+/g, ' ').trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}
