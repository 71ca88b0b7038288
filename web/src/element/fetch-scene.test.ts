import { rejection } from '../internal/testing/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_SCENE_BYTES } from '../internal/limits';
import { fetchScene } from './fetch-scene';

/** A response streamed in chunks, with no Content-Length (as a chunked or compressed reply comes). */
function streamed(text: string, status = 200): Response {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1 << 20) controller.enqueue(bytes.subarray(i, i + (1 << 20)));
      controller.close();
    },
  });
  return new Response(stream, { status });
}


afterEach(() => vi.unstubAllGlobals());

describe('fetchScene', () => {
  const url = new URL('https://example.com/scene.json');

  it('returns the text of a scene, multi-byte characters included', async () => {
    vi.stubGlobal('fetch', async () => streamed('{"name":"é✓"}'));
    expect(await fetchScene(url)).toBe('{"name":"é✓"}');
  });

  it('counts the limit in bytes: a body under it in characters but over it in UTF-8 is refused', async () => {
    // 'é' is one UTF-16 unit and two UTF-8 bytes.
    const text = 'é'.repeat(MAX_SCENE_BYTES / 2 + 1);
    expect(text.length).toBeLessThan(MAX_SCENE_BYTES);
    vi.stubGlobal('fetch', async () => streamed(text));
    const error = await rejection(fetchScene(url));
    expect(error.code).toBe('limit.scene_bytes');
    expect(error.message).toContain(`${MAX_SCENE_BYTES + 2} bytes`);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const response = new Response('{}', { headers: { 'content-length': String(MAX_SCENE_BYTES + 1) } });
    vi.stubGlobal('fetch', async () => response);
    expect((await rejection(fetchScene(url))).code).toBe('limit.scene_bytes');
    expect(response.bodyUsed).toBe(false);
  });

  it('says what happened for an HTTP error and a network failure', async () => {
    vi.stubGlobal('fetch', async () => streamed('nope', 404));
    expect((await rejection(fetchScene(url))).message).toContain('HTTP 404');
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await rejection(fetchScene(url));
    expect(error.code).toBe('src.fetch');
    expect(error.message).toContain('CORS');
  });
});
