// Which renderer a view uses. WebGL2 pays off only on a real GPU: under a software rasterizer
// (SwiftShader, llvmpipe) its fragment shading runs on the CPU and loses to Canvas 2D, so `auto`
// picks WebGL2 only when the GPU's name says it is hardware. An option (or the element's
// `renderer` attribute, or the demo's `?renderer=`) forces either one.

import type { DebugLayers } from './debug-layers';
import type { Camera } from './camera';
import type { FrameViews } from './engine';

/** A renderer that is running: `canvas2d` (Canvas 2D) or `webgl2` (instanced WebGL2). */
export type RendererKind = 'canvas2d' | 'webgl2';

/** What a page asks for: one of the renderers, or `auto` (WebGL2 on a hardware GPU). */
export type RendererChoice = 'auto' | RendererKind;

/** Every accepted `RendererChoice`, for parsing. */
export const RENDERER_CHOICES: readonly RendererChoice[] = ['auto', 'canvas2d', 'webgl2'];

/** What a view asks of its renderer, whichever it is. */
export interface BodyRenderer {
  /** Which renderer this is. */
  readonly kind: RendererKind;
  /** Draws one frame of `views` as seen by `camera`. */
  draw(views: FrameViews, camera: Camera): void;
  /** Forces everything built from the world's structure to be rebuilt on the next draw. */
  invalidate(): void;
  /** Releases what the renderer holds (GPU objects, canvases it added). */
  destroy(): void;
  /** Chooses the debug layers it draws (joints, bounding boxes, contacts). */
  setDebugLayers(layers: DebugLayers): void;
}

/** GPU names of software rasterizers: Chromium's SwiftShader, Mesa's llvmpipe/softpipe/lavapipe, Windows' WARP. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|microsoft basic/i;

/** Whether a WebGL renderer string names a software rasterizer. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

/**
 * The renderer to use for `choice`. `gpu` is asked only for `auto`: it returns the GPU's name, or
 * null when no WebGL2 context can be made.
 */
export function chooseRenderer(choice: RendererChoice, gpu: () => string | null): RendererKind {
  if (choice !== 'auto') return choice;
  const name = gpu();
  return name !== null && !isSoftwareRenderer(name) ? 'webgl2' : 'canvas2d';
}

/**
 * The name to judge a GPU by. Chromium and Safari mask `RENDERER` as "WebKit WebGL" and tell the
 * truth only through WEBGL_debug_renderer_info; Firefox gives it in `RENDERER` and warns when the
 * (deprecated there) extension is asked for, so the extension is asked only when needed.
 */
export function gpuName(renderer: string, unmasked: () => string | null): string {
  return /^webkit webgl$/i.test(renderer.trim()) ? (unmasked() ?? renderer) : renderer;
}

/** The probe's answer, once per page: the GPU does not change under a page. */
let probed: string | null | undefined;

/** This browser's WebGL2 GPU name, or null without WebGL2. Makes (and frees) one throwaway context. */
export function probeGpu(): string | null {
  if (probed !== undefined) return probed;
  probed = null;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      probed = gpuName(String(gl.getParameter(gl.RENDERER) ?? ''), () => {
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL) ?? '') : null;
      });
      // Browsers cap live contexts per page: give this one back now rather than at GC.
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    probed = null;
  }
  return probed;
}
