// Every frame-buffer layout, mirrored from Rust in this one file:
//   crates/tumble-core/src/frame.rs   (the buffers)
//   crates/tumble-wasm/src/header.rs  (the frame header that locates them)
// `cargo test -p tumble-wasm` parses this file and fails if any value here drifts from Rust.

/** Floats per slot in `transforms`: x, y, cos, sin. */
export const TRANSFORM_STRIDE = 4;
export const TRANSFORM_X = 0;
export const TRANSFORM_Y = 1;
export const TRANSFORM_COS = 2;
export const TRANSFORM_SIN = 3;

/** Bits of one `bodyState` byte. */
export const STATE_OCCUPIED = 1;
export const STATE_AWAKE = 2;
export const STATE_SELECTED = 4;
export const STATE_GRABBED = 8;
export const STATE_KIND_SHIFT = 4;
export const STATE_KIND_MASK = 3;
/** Body kinds in `(state >> STATE_KIND_SHIFT) & STATE_KIND_MASK`. */
export const KIND_DYNAMIC = 0;
export const KIND_STATIC = 1;
export const KIND_KINEMATIC = 2;

/** Floats per slot in `shapes`: kind, p0, p1, p2, vertexStart, vertexCount, 0, 0. */
export const SHAPE_STRIDE = 8;
export const SHAPE_KIND = 0;
export const SHAPE_P0 = 1;
export const SHAPE_P1 = 2;
export const SHAPE_P2 = 3;
export const SHAPE_VERTEX_START = 4;
export const SHAPE_VERTEX_COUNT = 5;
export const SHAPE_NONE = 0;
/** p0 radius. */
export const SHAPE_CIRCLE = 1;
/** p0 half width, p1 half height, p2 corner radius. */
export const SHAPE_BOX = 2;
/** Along local x: p0 half length (centre to cap centre), p1 radius. */
export const SHAPE_CAPSULE = 3;
export const SHAPE_POLYGON = 4;
export const SHAPE_SEGMENT = 5;
export const SHAPE_POLYLINE = 6;
export const SHAPE_CLOSED_POLYLINE = 7;

/** Floats per joint in `joints`: kind, ax, ay, bx, by, flags (anchors in world space). */
export const JOINT_STRIDE = 6;
export const JOINT_KIND = 0;
export const JOINT_AX = 1;
export const JOINT_AY = 2;
export const JOINT_BX = 3;
export const JOINT_BY = 4;
export const JOINT_FLAGS = 5;
export const JOINT_FLAG_MOTOR = 1;
export const JOINT_REVOLUTE = 0;
export const JOINT_PRISMATIC = 1;
export const JOINT_WELD = 2;
export const JOINT_ROPE = 3;
export const JOINT_SPRING = 4;

/** Numbers per event in `contacts` (Float64Array): kind, bodyA, bodyB, x, y, impulse. */
export const CONTACT_STRIDE = 6;
export const CONTACT_BEGIN = 1;
export const CONTACT_END = 0;

/** Floats per line in `debugLines`: x1, y1, x2, y2, kind. */
export const DEBUG_LINE_STRIDE = 5;
export const DEBUG_LINE_AABB = 0;
export const DEBUG_LINE_CONTACT_NORMAL = 1;
/** A body's centre of mass: both ends are the centre. */
export const DEBUG_LINE_CENTER_OF_MASS = 2;

/** The frame header: u32 words at `Sandbox.headerPtr()`. */
export const HEADER_LEN = 25;
export const HEADER_STRUCTURE_VERSION = 0;
export const HEADER_SLOT_COUNT = 1;
export const HEADER_BODY_COUNT = 2;
export const HEADER_JOINT_COUNT = 3;
export const HEADER_STEPS = 4;
/** First of ten (pointer, length-in-elements) pairs, in the order of `BUFFER_ORDER`. */
export const HEADER_BUFFERS = 5;

export const BUFFER_ORDER = [
  'transforms',
  'bodyState',
  'slotIds',
  'shapes',
  'colors',
  'vertices',
  'joints',
  'jointIds',
  'contacts',
  'debugLines',
] as const;
