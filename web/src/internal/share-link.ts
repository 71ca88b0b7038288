// Share links: a whole scene packed into a URL's hash, so the link alone brings the scene back.
//
// Format, version 1: the hash is `s1.` followed by the base64url text (RFC 4648 §5, no `=` padding)
// of the scene JSON's UTF-8 bytes compressed with raw DEFLATE (RFC 1951, `deflate-raw`):
//
//   https://example.org/sandbox/#s1.7Vxbb9s4Fn7vr...
//
// - The hash, because browsers never send it to the server: no server's request-line limit applies,
//   and the scene stays between the people who share the link.
// - `s1.`: the format's version. `.` is not a base64url character, so the prefix can never be
//   mistaken for data, and a later format (another codec, a preset dictionary) becomes `s2.` while
//   old links keep opening.
// - Raw DEFLATE: what every browser's CompressionStream speaks, without gzip's 18 bytes of header
//   and trailer. It has no checksum; a link damaged in the middle usually fails to inflate, and
//   otherwise yields text the engine refuses as JSON (the engine validates every scene it loads).
// - base64url: its 64 characters (A-Z a-z 0-9 - _) are all allowed unescaped in a URL fragment, so
//   nothing gets percent-encoded along the way.
//
// Decoding trusts nothing: the link's length is checked before any work, and inflation stops as
// soon as the output passes the engine's scene size limit (a few KB of DEFLATE can expand to
// gigabytes: a "decompression bomb").
//
// Codes: `link.too_large` (the link is longer than MAX_LINK_CHARS), `link.malformed` (not a link of
// this format, or damaged), and the engine's own `limit.scene_bytes` (the scene inside is larger
// than the engine accepts).

import { TumbleError } from './errors';
import { MAX_SCENE_BYTES } from './limits';

/** Code of the error for a share link longer than MAX_LINK_CHARS (made or opened). */
export const LINK_TOO_LARGE_CODE = 'link.too_large';

/** Code of the error for a hash that is not a share link of a known format, or is damaged. */
export const LINK_MALFORMED_CODE = 'link.malformed';

/**
 * Code of the error for a scene larger than MAX_LINK_SCENE_BYTES: the engine's code for the same
 * limit, since such a scene would not load from a file either.
 */
export const SCENE_BYTES_CODE = 'limit.scene_bytes';

/** What every version-1 link starts with (after the `#`). */
export const LINK_PREFIX = 's1.';

/**
 * Whether `hash` (with or without `#`) is meant as a share link of some version (`s<digits>.`),
 * so a page can tell a link to open, even a damaged one, from an ordinary fragment (`#section`).
 */
export function looksLikeShareLink(hash: string): boolean {
  return /^#?s\d+\./.test(hash);
}

/**
 * Longest share link, in characters of the hash after `#` (prefix included): 64 Ki.
 *
 * Browsers open far longer URLs (Chrome up to 2 MB), and servers never see the hash, so the limit
 * is about people, not software: a link is pasted into chat apps, mail and issue trackers, and
 * those cap a message at a few thousand to a few tens of thousands of characters, truncate, or
 * choke on previews. Past this size a file (Save) is the better way to share anyway.
 *
 * Measured on the presets (saves with `solverState` removed, the part that makes a continuation
 * bit-identical and barely compresses): every preset fits, the largest being `rain` (1003 bodies)
 * at about 52 K characters after 120 steps; most scenes take 1-15 K. Full saves, with
 * `solverState`, run 10-30 times larger and fit only for small scenes.
 */
export const MAX_LINK_CHARS = 64 * 1024;

/**
 * Largest scene a link may hold, in UTF-8 bytes of JSON: the engine's own limit (16 MiB).
 * Decoding stops as soon as the inflated text passes it, so a malicious link costs at most about
 * this much memory.
 */
export const MAX_LINK_SCENE_BYTES = MAX_SCENE_BYTES;

/**
 * Compressed bytes handed to the decompressor at a time. DEFLATE expands at most about 1032 to 1,
 * so one piece inflates to at most about 1 MiB. Browsers' DecompressionStream inflates a whole input
 * chunk at once and then waits for its output to be read, so small pieces are what bound how far
 * past the cap it runs. (Node's takes input ahead, but zlib inflates only as its output is read.)
 */
const FEED_BYTES = 1024;

/** Counters a decode fills in as it goes: to show in tests that a bomb was stopped early. */
export interface InflateStats {
  /** Decompressed bytes received so far. */
  decompressedBytes: number;
  /** Decompressed chunks received so far. */
  chunks: number;
}

/**
 * The hash payload (without `#`) that carries `sceneJson`: `s1.` + base64url(deflate-raw(UTF-8)).
 * The text comes back exactly from `decodeShareLink`. (Like any UTF-8 encoding, it turns a lone
 * UTF-16 surrogate into U+FFFD; JSON from the engine never has one.)
 *
 * Throws `link.too_large` when the link would be longer than MAX_LINK_CHARS, and
 * `limit.scene_bytes` when the scene is larger than MAX_LINK_SCENE_BYTES, so every link it makes
 * opens again.
 */
export async function encodeShareLink(sceneJson: string): Promise<string> {
  const utf8 = new TextEncoder().encode(sceneJson);
  if (utf8.byteLength > MAX_LINK_SCENE_BYTES) {
    throw new TumbleError(
      SCENE_BYTES_CODE,
      `This scene is ${utf8.byteLength} bytes; a scene may be at most ${MAX_LINK_SCENE_BYTES} bytes (16 MiB). ` +
        'Remove some bodies and try again.',
    );
  }
  const compressed = await readAll(new Blob([utf8]).stream().pipeThrough(new CompressionStream('deflate-raw')));
  // Refuse from the length alone: no need to build a string that will not be used.
  const length = LINK_PREFIX.length + base64UrlLength(compressed.byteLength);
  if (length > MAX_LINK_CHARS) {
    throw new TumbleError(
      LINK_TOO_LARGE_CODE,
      `This scene needs a share link of ${length} characters, more than the ${MAX_LINK_CHARS} a link may have ` +
        `(the scene is ${utf8.byteLength} bytes). Use Save to keep it in a file, and share the file instead.`,
    );
  }
  return LINK_PREFIX + toBase64Url(compressed);
}

/**
 * The scene JSON text a share link carries. `hash` is the URL's hash, with or without its `#`
 * (`location.hash` as it is). The text is not parsed here: the engine validates it on load.
 *
 * Throws a TumbleError: `link.too_large` (longer than MAX_LINK_CHARS, refused before any decoding),
 * `link.malformed` (empty, another format, invalid base64url, corrupt or cut-short DEFLATE, or not
 * UTF-8 text), or `limit.scene_bytes` (the scene inflates past MAX_LINK_SCENE_BYTES; decoding stops
 * there). `stats`, if given, is filled in as decoding goes.
 */
export async function decodeShareLink(hash: string, stats?: InflateStats): Promise<string> {
  const payload = hash.startsWith('#') ? hash.slice(1) : hash;
  if (payload.length > MAX_LINK_CHARS) {
    throw new TumbleError(
      LINK_TOO_LARGE_CODE,
      `This share link is ${payload.length} characters long; links may be at most ${MAX_LINK_CHARS}, so it was not ` +
        'opened. Ask whoever shared it for the scene as a file (Save) instead.',
    );
  }
  if (payload === '') throw malformed('it is empty');
  if (!payload.startsWith(LINK_PREFIX)) {
    const version = /^s(\d+)\./.exec(payload);
    if (version && Number(version[1]) > 1) {
      throw malformed(`it was made by a newer version of Tumble (format s${version[1]}); reload the page to update`);
    }
    throw malformed(`a scene link starts with #${LINK_PREFIX}`);
  }
  const compressed = fromBase64Url(payload.slice(LINK_PREFIX.length));
  const bytes = await inflateBounded(compressed, MAX_LINK_SCENE_BYTES, stats);
  try {
    // fatal: bad bytes are an error, not U+FFFD. ignoreBOM: a leading U+FEFF is part of the text.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw malformed('the scene inside is not valid UTF-8 text');
  }
}

/**
 * Inflates raw DEFLATE `compressed`, refusing with `limit.scene_bytes` as soon as the output passes
 * `maxBytes`. Streaming: output is counted as it is read and the stream cancelled once past the cap,
 * so a bomb costs about `maxBytes` + 1 MiB of inflating (FEED_BYTES), never its full size.
 * Corrupt or cut-short input throws `link.malformed`. Exported for tests; use `decodeShareLink`.
 */
export async function inflateBounded(
  compressed: Uint8Array<ArrayBuffer>,
  maxBytes: number,
  stats?: InflateStats,
): Promise<Uint8Array<ArrayBuffer>> {
  let fed = 0;
  // highWaterMark 0: the pipe pulls the next piece only when the decompressor takes input, which a
  // browser's does only once the output of the previous piece has been read.
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        if (fed >= compressed.byteLength) {
          controller.close();
          return;
        }
        const end = Math.min(fed + FEED_BYTES, compressed.byteLength);
        controller.enqueue(compressed.subarray(fed, end));
        fed = end;
      },
    },
    { highWaterMark: 0 },
  );
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
    try {
      result = await reader.read();
    } catch {
      throw malformed('its compressed data is corrupt or cut short');
    }
    if (result.done) break;
    total += result.value.byteLength;
    if (stats) {
      stats.decompressedBytes = total;
      stats.chunks++;
    }
    if (total > maxBytes) {
      // Cancelling stops the pipe, and with it the feeding; nothing waits on it.
      reader.cancel().catch(() => {});
      throw new TumbleError(
        SCENE_BYTES_CODE,
        `This share link unpacks to more than ${maxBytes} bytes, more than the largest scene Tumble opens, so it ` +
          'was not opened. The link is damaged or was not made by Tumble.',
      );
    }
    chunks.push(result.value);
  }
  return concat(chunks, total);
}

function malformed(reason: string): TumbleError {
  return new TumbleError(
    LINK_MALFORMED_CODE,
    `This share link cannot be opened: ${reason}. If it was cut short when copied, copy the whole link again.`,
  );
}

async function readAll(stream: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks, total);
    chunks.push(value);
    total += value.byteLength;
  }
}

function concat(chunks: Uint8Array<ArrayBuffer>[], total: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Characters of unpadded base64 for `bytes` bytes. */
function base64UrlLength(bytes: number): number {
  const rest = bytes % 3;
  return Math.floor(bytes / 3) * 4 + (rest === 0 ? 0 : rest + 1);
}

/** Bytes per String.fromCharCode call: well under any engine's argument-count limit. */
const BINARY_STRING_STEP = 0x8000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.byteLength; i += BINARY_STRING_STEP) {
    binary += String.fromCharCode(...bytes.subarray(i, i + BINARY_STRING_STEP));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes unpadded base64url. */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const bad = /[^A-Za-z0-9_-]/u.exec(text);
  if (bad) throw malformed(`it contains ${JSON.stringify(bad[0])}, which no share link has`);
  if (text === '') throw malformed('it holds no scene');
  // One character past a multiple of four carries only 6 bits: no byte ends there.
  if (text.length % 4 === 1) throw malformed('it has been cut short');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
