// The WebGL2 renderer: filled bodies as GPU instances, one per slot. Per frame it uploads the
// engine's transform view as it is (x, y, cos, sin per slot) with one bufferSubData, the body
// states with one more, and makes one instanced draw per shape kind and layer (scenery, then
// moving bodies: the 2D renderer's order). What depends only on the world's structure (shape,
// colour, bounds, polygon outlines) is uploaded when `structureVersion` changes, not per frame.
//
// Lines (terrain segments and polylines), joints, highlights and debug lines stay Canvas 2D, on
// two canvases sandwiching the WebGL one: below it the background, grid and scenery lines, above
// it everything else (Renderer's `under` and `over` parts). So both renderers draw those alike.

import type { DebugLayers } from './debug-layers';
import type { Camera } from './camera';
import type { FrameViews } from './engine';
import * as L from './layout';
import { buildBatches, type Batch } from './render-batches';
import { Renderer } from './renderer';
import type { BodyRenderer } from './renderer-choice';
import * as S from './webgl-shaders';

/** Floats per slot in the structure table: shape (4), bounds (4), fill (4), extra (4). */
const STATIC_STRIDE = 16;
/** The program's uniforms, by their name without `u_`. */
type Uniform = 'origin' | 'size' | 'scale' | 'dpr' | 'kind' | 'dynamic' | 'vertices';
/** Filled shape kinds, in the 2D renderer's batch order. */
const KINDS = [L.SHAPE_CIRCLE, L.SHAPE_BOX, L.SHAPE_CAPSULE, L.SHAPE_POLYGON] as const;

/** The two lower canvases: stacked under the top one, which alone takes the pointer. */
const LAYER_STYLE = {
  position: 'absolute',
  left: '0',
  top: '0',
  width: '100%',
  height: '100%',
  pointerEvents: 'none',
  // The bottom one is opaque, so black until drawn: both wait for the first frame.
  visibility: 'hidden',
} satisfies Partial<CSSStyleDeclaration>;

/** Instanced WebGL2 bodies between two Canvas 2D layers. Make it with `WebGLRenderer.create`. */
export class WebGLRenderer implements BodyRenderer {
  /** Always `webgl2`: when WebGL2 goes, the view replaces this renderer rather than switching it. */
  readonly kind = 'webgl2';
  private readonly under: Renderer;
  private readonly over: Renderer;
  private readonly glCanvas: HTMLCanvasElement;
  private readonly underCanvas: HTMLCanvasElement;
  /** The view's canvas: the top layer, sized by the view. */
  private readonly topCanvas: HTMLCanvasElement;
  private readonly transformBuffer: WebGLBuffer;
  private readonly stateBuffer: WebGLBuffer;
  private readonly staticBuffer: WebGLBuffer;
  private readonly vertexTexture: WebGLTexture;
  private readonly vao: WebGLVertexArrayObject;
  private readonly uniforms: Record<Uniform, WebGLUniformLocation | null>;
  /** The 2D renderer's batches, shared by both layers and the structure table. */
  private batches: Batch[] = [];
  /** Slots each GPU buffer has room for. */
  private capacity = 0;
  private version = -1;
  private slotCount = -1;
  /** Bodies per (layer, kind): a draw with none is skipped. */
  private readonly counts = new Int32Array(2 * KINDS.length);
  private shown = false;
  private lost = false;

  /**
   * A WebGL2 renderer under `top` (a canvas without a context yet, which becomes the transparent
   * 2D layer on top and keeps taking input). Null when WebGL2 is unavailable or its program does
   * not build: then no canvas was added. `onLost` runs once if the GPU context is lost later.
   */
  static create(top: HTMLCanvasElement, onLost: () => void): WebGLRenderer | null {
    const glCanvas = document.createElement('canvas');
    // Transparent over the bottom layer; antialiasing comes from the shader, not multisampling.
    const gl = glCanvas.getContext('webgl2', { alpha: true, premultipliedAlpha: true, antialias: false, depth: false, stencil: false });
    if (!gl) return null;
    const program = buildProgram(gl);
    if (!program) {
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return null;
    }
    const underCanvas = document.createElement('canvas');
    const under = underCanvas.getContext('2d', { alpha: false });
    const over = top.getContext('2d', { alpha: true });
    if (!under || !over) {
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return null;
    }
    for (const layer of [underCanvas, glCanvas]) {
      Object.assign(layer.style, LAYER_STYLE);
      top.before(layer);
    }
    return new WebGLRenderer(gl, program, under, over, onLost);
  }

  private constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly program: WebGLProgram,
    under: CanvasRenderingContext2D,
    over: CanvasRenderingContext2D,
    private readonly onLost: () => void,
  ) {
    this.glCanvas = gl.canvas as HTMLCanvasElement;
    this.underCanvas = under.canvas;
    this.topCanvas = over.canvas;
    this.under = new Renderer(under, 'under');
    this.over = new Renderer(over, 'over');
    this.transformBuffer = gl.createBuffer()!;
    this.stateBuffer = gl.createBuffer()!;
    this.staticBuffer = gl.createBuffer()!;
    this.vertexTexture = gl.createTexture()!;
    this.vao = gl.createVertexArray()!;
    const at = (name: string) => gl.getUniformLocation(program, name);
    this.uniforms = {
      origin: at('u_origin'),
      size: at('u_size'),
      scale: at('u_scale'),
      dpr: at('u_dpr'),
      kind: at('u_kind'),
      dynamic: at('u_dynamic'),
      vertices: at('u_vertices'),
    };
    gl.bindVertexArray(this.vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.transformBuffer);
    const transformBytes = 4 * L.TRANSFORM_STRIDE;
    instanced(gl, S.ATTR_TRANSFORM, () => gl.vertexAttribPointer(S.ATTR_TRANSFORM, 4, gl.FLOAT, false, transformBytes, 0));
    gl.bindBuffer(gl.ARRAY_BUFFER, this.stateBuffer);
    instanced(gl, S.ATTR_STATE, () => gl.vertexAttribIPointer(S.ATTR_STATE, 1, gl.UNSIGNED_BYTE, 1, 0));
    gl.bindBuffer(gl.ARRAY_BUFFER, this.staticBuffer);
    const attributes = [S.ATTR_SHAPE, S.ATTR_BOUNDS, S.ATTR_FILL, S.ATTR_EXTRA];
    attributes.forEach((location, i) => {
      instanced(gl, location, () => gl.vertexAttribPointer(location, 4, gl.FLOAT, false, 4 * STATIC_STRIDE, 16 * i));
    });
    gl.bindVertexArray(null);
    gl.bindTexture(gl.TEXTURE_2D, this.vertexTexture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RG32F, 1, 1, 0, gl.RG, gl.FLOAT, new Float32Array(2));
    this.glCanvas.addEventListener('webglcontextlost', this.contextLost);
  }

  /** Forces the batches and the structure table to be rebuilt on the next draw. */
  invalidate(): void {
    this.version = -1;
  }

  /** Draws one frame: the bottom 2D layer, the bodies on the GPU, then the top 2D layer. */
  draw(views: FrameViews, camera: Camera): void {
    if (this.lost || this.gl.isContextLost()) return;
    this.syncSize();
    if (views.structureVersion !== this.version || views.slotCount !== this.slotCount) this.rebuild(views);
    this.under.drawBatches(this.batches, views, camera);
    this.drawBodies(views, camera);
    this.over.drawBatches(this.batches, views, camera);
    if (!this.shown) {
      this.shown = true;
      this.underCanvas.style.visibility = 'visible';
      this.glCanvas.style.visibility = 'visible';
    }
  }

  /** Frees the GPU objects and removes the two canvases this renderer added. */
  /** The debug layers are drawn by its top 2D layer. */
  setDebugLayers(layers: DebugLayers): void {
    this.over.setDebugLayers(layers);
  }

  destroy(): void {
    const gl = this.gl;
    this.glCanvas.removeEventListener('webglcontextlost', this.contextLost);
    if (!gl.isContextLost()) {
      gl.deleteBuffer(this.transformBuffer);
      gl.deleteBuffer(this.stateBuffer);
      gl.deleteBuffer(this.staticBuffer);
      gl.deleteTexture(this.vertexTexture);
      gl.deleteVertexArray(this.vao);
      gl.deleteProgram(this.program);
      // Browsers cap live contexts per page: give this one back now rather than at GC.
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
    this.underCanvas.remove();
    this.glCanvas.remove();
  }

  private readonly contextLost = (): void => {
    if (this.lost) return;
    this.lost = true;
    this.onLost();
  };

  /** The layers follow the top canvas, which the view sizes. */
  private syncSize(): void {
    const top = this.topCanvas;
    const gl = this.glCanvas;
    const under = this.underCanvas;
    if (gl.width !== top.width || under.width !== top.width) gl.width = under.width = top.width;
    if (gl.height !== top.height || under.height !== top.height) gl.height = under.height = top.height;
  }

  private drawBodies(views: FrameViews, camera: Camera): void {
    const gl = this.gl;
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const slots = this.slotCount;
    if (slots === 0) return;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.transformBuffer);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, views.transforms, 0, slots * L.TRANSFORM_STRIDE);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.stateBuffer);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, views.bodyState, 0, slots);
    gl.useProgram(this.program);
    gl.bindVertexArray(this.vao);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.vertexTexture);
    const u = this.uniforms;
    gl.uniform1i(u.vertices, 0);
    gl.uniform2f(u.origin, camera.originX, camera.originY);
    gl.uniform2f(u.size, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.uniform1f(u.scale, camera.pixelScale);
    gl.uniform1f(u.dpr, camera.dpr);
    // Premultiplied colour over what is below, as the canvas composites it.
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    for (let layer = 0; layer < 2; layer++) {
      gl.uniform1ui(u.dynamic, layer);
      for (let i = 0; i < KINDS.length; i++) {
        if (this.counts[layer * KINDS.length + i] === 0) continue;
        gl.uniform1i(u.kind, KINDS[i]!);
        gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, slots);
      }
    }
    gl.bindVertexArray(null);
  }

  /** Uploads what depends on the world's structure: the per-slot table and polygon outlines. */
  private rebuild(views: FrameViews): void {
    const gl = this.gl;
    const slots = views.slotCount;
    this.version = views.structureVersion;
    this.slotCount = slots;
    this.counts.fill(0);
    const table = new Float32Array(Math.max(1, slots) * STATIC_STRIDE);
    const { shapes, vertices, colors } = views;
    let polygons = false;
    this.batches = buildBatches(views);
    // The batches say which bodies the 2D renderer outlines (by the largest of their batch).
    for (const batch of this.batches) {
      const kindIndex = (KINDS as readonly number[]).indexOf(batch.shapeKind);
      if (kindIndex < 0) continue;
      for (let i = 0; i < batch.slots.length; i++) {
        const slot = batch.slots[i]!;
        const o = slot * L.SHAPE_STRIDE;
        const t = slot * STATIC_STRIDE;
        const start = shapes[o + L.SHAPE_VERTEX_START]!;
        const count = shapes[o + L.SHAPE_VERTEX_COUNT]!;
        // An outline of fewer than two points draws nothing in 2D either.
        if (batch.shapeKind === L.SHAPE_POLYGON && count < 2) continue;
        for (let j = 0; j < 4; j++) table[t + j] = shapes[o + j]!;
        writeBounds(table, t + 4, shapes, vertices, slot);
        const rgba = colors[slot]!;
        table[t + 8] = ((rgba >>> 24) & 0xff) / 255;
        table[t + 9] = ((rgba >>> 16) & 0xff) / 255;
        table[t + 10] = ((rgba >>> 8) & 0xff) / 255;
        table[t + 11] = (rgba & 0xff) / 255;
        table[t + 12] = start;
        table[t + 13] = count;
        table[t + 14] = batch.maxRadius;
        this.counts[(batch.dynamic ? KINDS.length : 0) + kindIndex]!++;
        if (batch.shapeKind === L.SHAPE_POLYGON) polygons = true;
      }
    }
    if (slots > this.capacity) {
      // Room to grow, so spawning body after body does not reallocate every time.
      this.capacity = Math.max(64, slots * 2);
      gl.bindBuffer(gl.ARRAY_BUFFER, this.transformBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, this.capacity * 4 * L.TRANSFORM_STRIDE, gl.DYNAMIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, this.stateBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, this.capacity, gl.DYNAMIC_DRAW);
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, this.staticBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, table, gl.STATIC_DRAW);
    if (polygons) this.uploadVertices(vertices);
  }

  /** The shared vertex buffer as an RG32F texture, `VERTEX_TEXTURE_WIDTH` points per row. */
  private uploadVertices(vertices: Float32Array): void {
    const gl = this.gl;
    const points = vertices.length / 2;
    const width = S.VERTEX_TEXTURE_WIDTH;
    const rows = Math.max(1, Math.ceil(points / width));
    const texels = new Float32Array(width * rows * 2);
    texels.set(vertices);
    gl.bindTexture(gl.TEXTURE_2D, this.vertexTexture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RG32F, width, rows, 0, gl.RG, gl.FLOAT, texels);
  }
}

/** Enables an instanced attribute (one value per slot) after `point` describes it. */
function instanced(gl: WebGL2RenderingContext, location: number, point: () => void): void {
  point();
  gl.enableVertexAttribArray(location);
  gl.vertexAttribDivisor(location, 1);
}

/** Writes the body-space box around a shape (centre x, y, half width, half height) at `t`. */
function writeBounds(table: Float32Array, t: number, shapes: Float32Array, vertices: Float32Array, slot: number): void {
  const o = slot * L.SHAPE_STRIDE;
  const kind = shapes[o + L.SHAPE_KIND];
  const p0 = shapes[o + L.SHAPE_P0]!;
  const p1 = shapes[o + L.SHAPE_P1]!;
  if (kind !== L.SHAPE_POLYGON) {
    table[t] = 0;
    table[t + 1] = 0;
    table[t + 2] = kind === L.SHAPE_CIRCLE ? p0 : kind === L.SHAPE_BOX ? p0 : p0 + p1;
    table[t + 3] = kind === L.SHAPE_CIRCLE ? p0 : p1;
    return;
  }
  const start = shapes[o + L.SHAPE_VERTEX_START]! * 2;
  const end = start + shapes[o + L.SHAPE_VERTEX_COUNT]! * 2;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = start; i < end; i += 2) {
    minX = Math.min(minX, vertices[i]!);
    maxX = Math.max(maxX, vertices[i]!);
    minY = Math.min(minY, vertices[i + 1]!);
    maxY = Math.max(maxY, vertices[i + 1]!);
  }
  table[t] = (minX + maxX) / 2;
  table[t + 1] = (minY + maxY) / 2;
  table[t + 2] = (maxX - minX) / 2;
  table[t + 3] = (maxY - minY) / 2;
}

/** Compiles and links the program; null (with the driver's log on the console) when it refuses. */
function buildProgram(gl: WebGL2RenderingContext): WebGLProgram | null {
  const program = gl.createProgram();
  const shaders: WebGLShader[] = [];
  for (const [type, source] of [
    [gl.VERTEX_SHADER, S.VERTEX_SHADER],
    [gl.FRAGMENT_SHADER, S.FRAGMENT_SHADER],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
    shaders.push(shader);
  }
  gl.linkProgram(program);
  const linked = gl.getProgramParameter(program, gl.LINK_STATUS) as boolean;
  if (!linked && !gl.isContextLost()) {
    const log = shaders.map((shader) => gl.getShaderInfoLog(shader)).join('\n') + (gl.getProgramInfoLog(program) ?? '');
    console.error(`Tumble: the WebGL2 program did not build; drawing with Canvas 2D instead.\n${log}`);
  }
  for (const shader of shaders) gl.deleteShader(shader);
  if (linked) return program;
  gl.deleteProgram(program);
  return null;
}
