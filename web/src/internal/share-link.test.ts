import { rejection } from './testing/engine';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  LINK_MALFORMED_CODE,
  LINK_PREFIX,
  LINK_TOO_LARGE_CODE,
  MAX_LINK_CHARS,
  MAX_LINK_SCENE_BYTES,
  SCENE_BYTES_CODE,
  decodeShareLink,
  encodeShareLink,
  inflateBounded,
  looksLikeShareLink,
  type InflateStats,
} from './share-link';
import { mulberry32 as prng } from './testing/prng';

const MiB = 1024 * 1024;
/** How far past the cap a bomb may get before decoding stops (1 KiB fed expands to about 1 MiB). */
const OVERSHOOT = 2 * MiB;

const EMPTY_SCENE = '{"format":"tumble-scene","version":1,"bodies":[]}';


async function readAll(stream: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return readAll(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')));
}

/** `total` zero bytes, deflated by streaming 1 MiB at a time: the bomb never exists inflated. */
function deflateZeros(total: number): Promise<Uint8Array<ArrayBuffer>> {
  const zeros = new Uint8Array(MiB);
  let left = total;
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (left === 0) return controller.close();
      const n = Math.min(left, zeros.byteLength);
      controller.enqueue(zeros.subarray(0, n));
      left -= n;
    },
  });
  return readAll(source.pipeThrough(new CompressionStream('deflate-raw')));
}

/** A link built outside the module under test (Node's own base64url), for hand-made payloads. */
const linkOf = (compressed: Uint8Array) => LINK_PREFIX + Buffer.from(compressed).toString('base64url');


/** A scene of `count` similar boxes: the repetition of a real scene, so it compresses well. */
function boxesScene(count: number): string {
  const bodies = [];
  for (let i = 0; i < count; i++) {
    bodies.push({
      type: 'dynamic',
      shape: { type: 'box', width: 0.5, height: 0.5 },
      position: [(i % 40) * 0.5, Math.floor(i / 40) * 0.5],
      color: '#4f8fd6',
    });
  }
  return JSON.stringify({ format: 'tumble-scene', version: 1, bodies }, null, 2);
}

describe('round trip', () => {
  it('brings back a small scene exactly, with or without the #', async () => {
    const link = await encodeShareLink(EMPTY_SCENE);
    expect(link.startsWith(LINK_PREFIX)).toBe(true);
    expect(link.slice(LINK_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeShareLink(link)).toBe(EMPTY_SCENE);
    expect(await decodeShareLink(`#${link}`)).toBe(EMPTY_SCENE);
    // The URL API keeps the hash as is: no character of a link gets percent-encoded.
    expect(new URL(`https://example.org/#${link}`).hash).toBe(`#${link}`);
  });

  it('brings back a 1 MB scene exactly, in a link under the limit', async () => {
    const scene = boxesScene(7000);
    expect(scene.length).toBeGreaterThan(MiB);
    const link = await encodeShareLink(scene);
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    const stats: InflateStats = { decompressedBytes: 0, chunks: 0 };
    expect(await decodeShareLink(link, stats)).toBe(scene);
    expect(stats.decompressedBytes).toBe(scene.length);
    expect(stats.chunks).toBeGreaterThan(1);
  });

  it('keeps unicode, control characters and a leading byte-order mark', async () => {
    const scenes = [
      '{"name":"Ünïcødé ✓ 日本語 🎉 𝄞","note":"\u0000\u0001\u2028\u2029\r\n\t"}',
      '\uFEFF{"bom":true}',
      '',
      ' ',
    ];
    for (const scene of scenes) expect(await decodeShareLink(await encodeShareLink(scene))).toBe(scene);
  });
});

describe('size limits', () => {
  it('refuses to make a link longer than MAX_LINK_CHARS, saying how long and what to do', async () => {
    const random = prng(1);
    let noise = '';
    while (noise.length < 100_000) noise += String.fromCharCode(33 + Math.floor(random() * 90));
    const error = await rejection(encodeShareLink(JSON.stringify({ noise })));
    expect(error.code).toBe(LINK_TOO_LARGE_CODE);
    const [needed] = /\d+/.exec(error.message)!;
    expect(Number(needed)).toBeGreaterThan(MAX_LINK_CHARS);
    expect(error.message).toContain(String(MAX_LINK_CHARS));
    expect(error.message).toContain('Save');
  });

  it('refuses to make a link of a scene over the engine limit, counted in UTF-8 bytes', async () => {
    // Half as many characters as the limit, but two bytes each.
    const scene = 'é'.repeat(MAX_LINK_SCENE_BYTES / 2 + 1);
    const error = await rejection(encodeShareLink(scene));
    expect(error.code).toBe(SCENE_BYTES_CODE);
    expect(error.message).toContain(String(MAX_LINK_SCENE_BYTES + 2));
  });

  it('refuses a link over MAX_LINK_CHARS before decoding any of it', async () => {
    // Not even valid base64url: had it been decoded, it would be link.malformed.
    const stats: InflateStats = { decompressedBytes: 0, chunks: 0 };
    const error = await rejection(decodeShareLink(`#${LINK_PREFIX}${'!'.repeat(MAX_LINK_CHARS)}`, stats));
    expect(error.code).toBe(LINK_TOO_LARGE_CODE);
    expect(error.message).toContain(String(MAX_LINK_CHARS));
    expect(stats).toEqual({ decompressedBytes: 0, chunks: 0 });
  });

  it('counts the limit without the #: a link of exactly MAX_LINK_CHARS is decoded', async () => {
    const atLimit = LINK_PREFIX + 'A'.repeat(MAX_LINK_CHARS - LINK_PREFIX.length);
    // Decoded (zero bytes are not a valid DEFLATE stream), not refused for its length.
    expect((await rejection(decodeShareLink(`#${atLimit}`))).code).toBe(LINK_MALFORMED_CODE);
    expect((await rejection(decodeShareLink(`${atLimit}A`))).code).toBe(LINK_TOO_LARGE_CODE);
  });
});

describe('malformed links', () => {
  async function expectMalformed(hash: string, mentions?: string): Promise<void> {
    const error = await rejection(decodeShareLink(hash));
    expect(error.code, hash.slice(0, 40)).toBe(LINK_MALFORMED_CODE);
    expect(error.message).toMatch(/^This share link cannot be opened: /);
    if (mentions) expect(error.message).toContain(mentions);
  }

  it('refuses an empty hash or an empty payload', async () => {
    for (const hash of ['', '#', LINK_PREFIX, `#${LINK_PREFIX}`]) await expectMalformed(hash);
  });

  it('refuses a wrong prefix, and names a newer format as such', async () => {
    const body = (await encodeShareLink(EMPTY_SCENE)).slice(LINK_PREFIX.length);
    for (const prefix of ['', 'x1.', 'S1.', 's1', 's1-', 's.', 's0.', 'scene=', '#s1.']) {
      await expectMalformed(`#${prefix}${body}`);
    }
    await expectMalformed(`#s2.${body}`, 'newer version');
    await expectMalformed(`s10.${body}`, 'format s10');
  });

  it('refuses characters outside base64url, naming the first', async () => {
    const link = await encodeShareLink(EMPTY_SCENE);
    const at = LINK_PREFIX.length + 5;
    for (const bad of ['+', '/', '=', ' ', '%', '.', '\n', 'é', '🎉']) {
      await expectMalformed(link.slice(0, at) + bad + link.slice(at), JSON.stringify(bad));
    }
    await expectMalformed(`${link}==`); // padding is not part of the format
  });

  it('refuses base64url of an impossible length', async () => {
    await expectMalformed(`${LINK_PREFIX}A`, 'cut short');
    await expectMalformed(`${LINK_PREFIX}AAAAA`, 'cut short');
  });

  it('refuses DEFLATE data cut short, at every byte', async () => {
    const compressed = await deflate(new TextEncoder().encode(boxesScene(3)));
    for (let length = 0; length < compressed.byteLength; length++) {
      await expectMalformed(linkOf(compressed.subarray(0, length)));
    }
  });

  it('refuses a link cut short at every character', async () => {
    const link = await encodeShareLink(boxesScene(3));
    for (let length = 0; length < link.length; length++) await expectMalformed(link.slice(0, length));
  });

  it('refuses random bytes', async () => {
    const random = prng(42);
    for (let trial = 0; trial < 200; trial++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 300));
      for (let i = 0; i < bytes.byteLength; i++) bytes[i] = Math.floor(random() * 256);
      await expectMalformed(linkOf(bytes));
    }
  });

  it('refuses bytes that are not UTF-8', async () => {
    const cases = [
      [0xff],
      [0x7b, 0x22, 0xc3], // a sequence cut short at the end
      [0xc0, 0xaf], // overlong '/'
      [0xed, 0xa0, 0x80], // a UTF-16 surrogate
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0x80], // a continuation byte alone
    ];
    for (const bytes of cases) {
      await expectMalformed(linkOf(await deflate(new Uint8Array(bytes))), 'UTF-8');
    }
  });
});

/**
 * `megabytes` MiB of zeros as raw DEFLATE, built without inflating anything: one block of 1 MiB of
 * zeros ended with a sync flush (non-final, byte-aligned) repeated, then an empty final block.
 * Cheaper than streaming a GiB through CompressionStream.
 */
function zeroBlocks(megabytes: number): Uint8Array<ArrayBuffer> {
  const block = deflateRawSync(Buffer.alloc(MiB), { finishFlush: constants.Z_SYNC_FLUSH });
  const bomb = new Uint8Array(block.byteLength * megabytes + 2);
  for (let i = 0; i < megabytes; i++) bomb.set(block, i * block.byteLength);
  bomb.set([0x03, 0x00], block.byteLength * megabytes); // final fixed-Huffman block, empty
  return bomb;
}

describe('decompression bombs', () => {
  it('a bomb within the link limit is refused after inflating little more than the cap', async () => {
    const compressed = await deflateZeros(40 * MiB);
    const link = linkOf(compressed);
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    const stats: InflateStats = { decompressedBytes: 0, chunks: 0 };
    const error = await rejection(decodeShareLink(link, stats));
    expect(error.code).toBe(SCENE_BYTES_CODE);
    expect(error.message).toContain(String(MAX_LINK_SCENE_BYTES));
    expect(stats.decompressedBytes).toBeGreaterThan(MAX_LINK_SCENE_BYTES);
    expect(stats.decompressedBytes).toBeLessThanOrEqual(MAX_LINK_SCENE_BYTES + OVERSHOOT);
  });

  it('never inflates to the end: corrupt data after the cap goes unseen', async () => {
    // Inflated in full first, this would fail as link.malformed at its corrupt end.
    const valid = zeroBlocks(40);
    const bomb = new Uint8Array(valid.byteLength - 2 + 4);
    bomb.set(valid.subarray(0, valid.byteLength - 2));
    bomb.set([0x07, 0xff, 0xff, 0xff], valid.byteLength - 2); // a final block of reserved type 3
    expect((await rejection(inflateBounded(bomb, 64 * MiB))).code).toBe(LINK_MALFORMED_CODE);
    expect(linkOf(bomb).length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    expect((await rejection(decodeShareLink(linkOf(bomb)))).code).toBe(SCENE_BYTES_CODE);
  });

  it('the work done depends on the cap, not on the size of the bomb', async () => {
    const streamed = await deflateZeros(100 * 1000 * 1000);
    expect(streamed.byteLength).toBeLessThan(200_000); // a few hundred KB for 100 MB
    const bombs = [streamed, zeroBlocks(1024)]; // 100 MB and 1 GiB
    for (const bomb of bombs) {
      for (const cap of [MAX_LINK_SCENE_BYTES, MiB]) {
        const stats: InflateStats = { decompressedBytes: 0, chunks: 0 };
        expect((await rejection(inflateBounded(bomb, cap, stats))).code).toBe(SCENE_BYTES_CODE);
        expect(stats.decompressedBytes).toBeGreaterThan(cap);
        expect(stats.decompressedBytes).toBeLessThanOrEqual(cap + OVERSHOOT);
      }
    }
  });

  it('accepts exactly the cap and refuses one byte more', async () => {
    const compressed = await deflateZeros(100_000);
    expect((await inflateBounded(compressed, 100_000)).byteLength).toBe(100_000);
    expect((await rejection(inflateBounded(compressed, 99_999))).code).toBe(SCENE_BYTES_CODE);
  });
});

describe('looksLikeShareLink', () => {
  it('takes any versioned link, even a damaged one, and leaves ordinary fragments alone', () => {
    for (const hash of ['#s1.abc', 's1.', '#s1.!!!', '#s2.future', '#s10.x']) expect(looksLikeShareLink(hash), hash).toBe(true);
    for (const hash of ['', '#', '#section', '#s1', '#s.abc', '#S1.abc', '#xs1.abc']) expect(looksLikeShareLink(hash), hash).toBe(false);
  });
});
