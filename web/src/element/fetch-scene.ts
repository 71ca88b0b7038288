// The `src` attribute's fetch: scene JSON from a URL, bounded in size, with errors a page author
// can act on.

import { TumbleError } from '../internal/errors';
import { MAX_SCENE_BYTES } from '../internal/limits';

/** Fetches scene JSON: CORS rules apply, the size is bounded, and failures say what happened. */
export async function fetchScene(url: URL): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { mode: 'cors', credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (thrown) {
    throw new TumbleError('src.fetch', `Could not fetch ${url.href}: ${(thrown as Error).message} (offline, or the server does not allow this page, CORS)`);
  }
  if (!response.ok) throw new TumbleError('src.fetch', `Could not fetch ${url.href}: HTTP ${response.status} ${response.statusText}`.trim());
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_SCENE_BYTES) throw new TumbleError('limit.scene_bytes', `${url.href} is ${declared} bytes; scenes may be at most ${MAX_SCENE_BYTES}`);
  // Bytes, not UTF-16 code units: the limit is the engine's, which counts UTF-8 bytes.
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_SCENE_BYTES) throw new TumbleError('limit.scene_bytes', `${url.href} is ${bytes.byteLength} bytes; scenes may be at most ${MAX_SCENE_BYTES}`);
  return new TextDecoder().decode(bytes);
}

