// The WebGL2 renderer's one program. Every filled body is a quad around its shape in body space;
// the fragment shader finds the signed distance to the outline in device pixels and turns it into
// fill and outline coverage the way Canvas 2D antialiases (area of the pixel covered), so the two
// renderers agree to within a rasterizer's rounding. Circles, boxes and capsules are rounded boxes;
// polygons (convex or not) take their outline from a texture of the shared vertex buffer.
//
// Constants come from the TypeScript side (layout.ts, the 2D renderer) so the two cannot drift.

import * as L from './layout';
import { OUTLINE_SHADE } from './render-batches';
import { DETAIL_PX, SLEEP_ALPHA } from './renderer';
import { HALF_SQRT_PI, TINY_PX } from './shape-paths';

/** Texels per row of the vertex texture: a power of two, within WebGL2's guaranteed 2048. */
export const VERTEX_TEXTURE_WIDTH = 2048;
const WIDTH_SHIFT = Math.log2(VERTEX_TEXTURE_WIDTH);

/** Attribute locations: per-frame buffers first, then the per-slot table built on structure change. */
export const ATTR_TRANSFORM = 0;
export const ATTR_STATE = 1;
export const ATTR_SHAPE = 2;
export const ATTR_BOUNDS = 3;
export const ATTR_FILL = 4;
export const ATTR_EXTRA = 5;

const f = (x: number): string => x.toFixed(6);

/** Vertex shader: slots of another kind or layer than this draw's collapse outside the clip volume. */
export const VERTEX_SHADER = `#version 300 es
precision highp float;
precision highp int;

layout(location = ${ATTR_TRANSFORM}) in vec4 a_transform; // x, y, cos, sin
layout(location = ${ATTR_STATE}) in uint a_state;         // bodyState bits
layout(location = ${ATTR_SHAPE}) in vec4 a_shape;         // kind, p0, p1, p2
layout(location = ${ATTR_BOUNDS}) in vec4 a_bounds;       // body-space box: centre x, y, half w, h
layout(location = ${ATTR_FILL}) in vec4 a_fill;           // rgba, 0 to 1
layout(location = ${ATTR_EXTRA}) in vec4 a_extra;         // vertex start, count, batch max radius, 0

uniform vec2 u_origin;  // device px of the world origin
uniform vec2 u_size;    // canvas size, device px
uniform float u_scale;  // device px per metre
uniform float u_dpr;
uniform int u_kind;
uniform uint u_dynamic;

out vec2 v_local;
out vec2 v_offset;
flat out vec4 v_shape;
flat out vec4 v_fill;
flat out vec4 v_extra;  // vertex start, count, detailed (0 or 1), opacity

void main() {
  uint state = a_state;
  uint dynamic = ((state >> ${L.STATE_KIND_SHIFT}u) & ${L.STATE_KIND_MASK}u) == ${L.KIND_DYNAMIC}u ? 1u : 0u;
  if ((state & ${L.STATE_OCCUPIED}u) == 0u || int(a_shape.x + 0.5) != u_kind || dynamic != u_dynamic) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1)) * 2.0 - 1.0;
  // Room for half the outline and a pixel of antialiasing.
  float pad = (0.5 * u_dpr + 1.0) / u_scale;
  vec2 local = a_bounds.xy + corner * (a_bounds.zw + pad);
  vec2 offset = vec2(a_transform.z * local.x - a_transform.w * local.y, a_transform.w * local.x + a_transform.z * local.y);
  vec2 screen = u_origin + u_scale * vec2(a_transform.x + offset.x, -(a_transform.y + offset.y));
  gl_Position = vec4(screen.x / u_size.x * 2.0 - 1.0, 1.0 - screen.y / u_size.y * 2.0, 0.0, 1.0);
  v_local = local;
  v_offset = offset;
  v_shape = a_shape;
  v_fill = a_fill;
  bool asleep = dynamic == 1u && (state & ${L.STATE_AWAKE}u) == 0u;
  // Like the 2D renderer, outlines go by the largest body of the batch, not the body itself.
  float detailed = a_extra.z * u_scale >= ${f(DETAIL_PX)} ? 1.0 : 0.0;
  v_extra = vec4(a_extra.xy, detailed, asleep ? ${f(SLEEP_ALPHA)} : 1.0);
}
`;

/** Fragment shader: fill, then outline (and a circle's radius line) over it, premultiplied. */
export const FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;

uniform highp sampler2D u_vertices;
uniform float u_scale;
uniform float u_dpr;
uniform int u_kind;

in vec2 v_local;
in vec2 v_offset;
flat in vec4 v_shape;
flat in vec4 v_fill;
flat in vec4 v_extra;
out vec4 o_color;

// How much of a pixel lies inside, d px from the pixel centre to the edge (positive: outside).
float fillCover(float d) {
  return clamp(0.5 - d, 0.0, 1.0);
}

// How much of a pixel a line 'width' px wide covers, its centre line d px from the pixel centre.
float lineCover(float d, float width) {
  return clamp(min(0.5, d + 0.5 * width) - max(-0.5, d - 0.5 * width), 0.0, 1.0);
}

float roundedBox(vec2 p, vec2 halfSize, float radius) {
  vec2 q = abs(p) - halfSize + radius;
  return length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - radius;
}

vec2 vertexAt(int i) {
  return texelFetch(u_vertices, ivec2(i & ${VERTEX_TEXTURE_WIDTH - 1}, i >> ${WIDTH_SHIFT}), 0).xy;
}

// Signed distance to a closed outline, negative inside (nonzero winding, as Canvas 2D fills).
float polygon(vec2 p, int start, int count) {
  float d2 = 1e30;
  int winding = 0;
  vec2 a = vertexAt(start + count - 1);
  for (int i = 0; i < count; i++) {
    vec2 b = vertexAt(start + i);
    vec2 e = b - a;
    vec2 w = p - a;
    vec2 q = w - e * clamp(dot(w, e) / max(dot(e, e), 1e-20), 0.0, 1.0);
    d2 = min(d2, dot(q, q));
    float side = e.x * w.y - e.y * w.x;
    if (a.y <= p.y && b.y > p.y && side > 0.0) winding++;
    else if (a.y > p.y && b.y <= p.y && side < 0.0) winding--;
    a = b;
  }
  return winding != 0 ? -sqrt(d2) : sqrt(d2);
}

void main() {
  float k = u_scale;
  bool detailed = v_extra.z > 0.5;
  float d;
  float radiusLine = 0.0;
  if (u_kind == ${L.SHAPE_CIRCLE}) {
    float rk = v_shape.y * k;
    if (rk < ${f(TINY_PX)}) {
      // As in the 2D renderer: a screen-aligned square of the same area.
      vec2 q = abs(v_offset) * k;
      d = max(q.x, q.y) - rk * ${f(HALF_SQRT_PI)};
    } else {
      d = length(v_local) * k - rk;
      if (detailed) {
        // The radius along the body's x axis shows its rotation (butt ends, as stroked in 2D).
        vec2 q = v_local * k;
        radiusLine = lineCover(abs(q.y), u_dpr) * clamp(min(q.x + 0.5, rk) - max(q.x - 0.5, 0.0), 0.0, 1.0);
      }
    }
  } else if (u_kind == ${L.SHAPE_BOX}) {
    // Corners under half a pixel are drawn square, as in 2D.
    float radius = v_shape.w * k < 0.5 ? 0.0 : min(v_shape.w, min(v_shape.y, v_shape.z));
    d = roundedBox(v_local, v_shape.yz, radius) * k;
  } else if (u_kind == ${L.SHAPE_CAPSULE}) {
    float r = v_shape.z;
    d = roundedBox(v_local, vec2(v_shape.y + r, r), r) * k;
  } else {
    d = polygon(v_local, int(v_extra.x + 0.5), int(v_extra.y + 0.5)) * k;
  }
  float opacity = v_fill.a * v_extra.w;
  float fillA = opacity * fillCover(d);
  float strokeA = detailed ? opacity * max(lineCover(abs(d), u_dpr), radiusLine) : 0.0;
  float alpha = strokeA + fillA * (1.0 - strokeA);
  if (alpha <= 0.0) discard;
  // The outline colour exactly as cssColor rounds it.
  vec3 stroke = floor(floor(v_fill.rgb * 255.0 + 0.5) * ${f(OUTLINE_SHADE)} + 0.5) / 255.0;
  o_color = vec4(stroke * strokeA + v_fill.rgb * fillA * (1.0 - strokeA), alpha);
}
`;
