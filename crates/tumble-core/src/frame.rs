//! The frame buffers: every per-frame stream a renderer reads, and its layout. This module is the
//! one place the layouts are written down; `web/src/internal/layout.ts` mirrors it.
//!
//! All buffers are flat, contiguous arrays refreshed once per `advance` (and after every edit), so
//! a renderer reads the whole world with a handful of typed-array views and no call per body.
//!
//! # Slots
//! Bodies live in *slots*. Per-slot buffers have one entry per slot, `slot_count()` entries. A
//! removed body leaves its slot empty (the [`state::OCCUPIED`] bit is clear, the shape kind is
//! [`shape::NONE`]) until a new body reuses it; no other body ever changes slot. We chose holes over
//! compaction because a renderer (and any JS code keeping per-body data by slot) then never has to
//! follow a move: it only needs to skip empty slots, and re-read the shape table when
//! [`crate::World::structure_version`] changes. A scene load compacts.
//!
//! | buffer | element | per | layout |
//! |---|---|---|---|
//! | `transforms` | f32 | slot | [`TRANSFORM_STRIDE`] = 4: `x, y, cos, sin` (rotation copied from rapier's unit complex) |
//! | `body_state` | u8 | slot | bit flags, see [`state`] |
//! | `slot_ids` | f64 | slot | the body id in that slot, `-1` when empty |
//! | `shapes` | f32 | slot | [`SHAPE_STRIDE`] = 8, see [`shape`] |
//! | `colors` | u32 | slot | `0xRRGGBBAA` |
//! | `vertices` | f32 | shared | `x, y` pairs in body space, addressed by the shape table |
//! | `joints` | f32 | joint | [`JOINT_STRIDE`] = 6: `kind, ax, ay, bx, by, flags`, anchors in world space |
//! | `joint_ids` | f64 | joint | the joint id of each row of `joints` |
//! | `contacts` | f64 | event | [`CONTACT_STRIDE`] = 6, see [`contact`] |
//! | `debug_lines` | f32 | line | [`DEBUG_LINE_STRIDE`] = 5: `x1, y1, x2, y2, kind` (see [`debug_line`]) |
//!
//! `transforms`, `body_state`, `joints` and `contacts` change every step; `slot_ids`, `shapes`,
//! `colors` and `vertices` change only when `structure_version` does.

/// Floats per slot in `transforms`.
pub const TRANSFORM_STRIDE: usize = 4;

/// Offsets inside one `transforms` record.
pub mod transform {
    /// World x of the body's origin, metres.
    pub const X: usize = 0;
    /// World y of the body's origin, metres.
    pub const Y: usize = 1;
    /// Cosine of the body's angle.
    pub const COS: usize = 2;
    /// Sine of the body's angle.
    pub const SIN: usize = 3;
}

/// Bits of one `body_state` byte.
pub mod state {
    /// The slot holds a body. When clear, ignore every other per-slot value.
    pub const OCCUPIED: u8 = 1 << 0;
    /// The body is awake (clear: asleep, or static).
    pub const AWAKE: u8 = 1 << 1;
    /// The body is selected.
    pub const SELECTED: u8 = 1 << 2;
    /// The body is being dragged.
    pub const GRABBED: u8 = 1 << 3;
    /// Shift of the two-bit body kind: 0 dynamic, 1 static, 2 kinematic.
    pub const KIND_SHIFT: u8 = 4;
    /// Mask of the body kind after shifting.
    pub const KIND_MASK: u8 = 0b11;
}

/// Floats per slot in `shapes`.
pub const SHAPE_STRIDE: usize = 8;

/// The shape table: `kind, p0, p1, p2, vertex_start, vertex_count, 0, 0` per slot.
///
/// `vertex_start` and `vertex_count` count points (not floats) in the shared `vertices` buffer.
pub mod shape {
    /// Offset of the kind.
    pub const KIND: usize = 0;
    /// Offset of the first parameter.
    pub const P0: usize = 1;
    /// Offset of the second parameter.
    pub const P1: usize = 2;
    /// Offset of the third parameter.
    pub const P2: usize = 3;
    /// Offset of the first vertex (in points) in `vertices`.
    pub const VERTEX_START: usize = 4;
    /// Offset of the vertex count.
    pub const VERTEX_COUNT: usize = 5;

    /// Empty slot.
    pub const NONE: f32 = 0.0;
    /// Circle: `p0` radius.
    pub const CIRCLE: f32 = 1.0;
    /// Box: `p0` half width, `p1` half height, `p2` corner radius.
    pub const BOX: f32 = 2.0;
    /// Capsule along local x: `p0` half length (centre to cap centre), `p1` radius.
    pub const CAPSULE: f32 = 3.0;
    /// Polygon: its outline in `vertices` (closed, convex or concave).
    pub const POLYGON: f32 = 4.0;
    /// Segment: two points in `vertices`.
    pub const SEGMENT: f32 = 5.0;
    /// Open polyline: its points in `vertices`.
    pub const POLYLINE: f32 = 6.0;
    /// Closed polyline: its points in `vertices`, last joined to first.
    pub const CLOSED_POLYLINE: f32 = 7.0;
}

/// Floats per joint in `joints`.
pub const JOINT_STRIDE: usize = 6;

/// Offsets and flags of one `joints` record.
pub mod joint {
    /// Offset of the kind: 0 revolute, 1 prismatic, 2 weld, 3 rope, 4 spring.
    pub const KIND: usize = 0;
    /// Offset of anchor a's world x (anchor b follows at `BX`).
    pub const AX: usize = 1;
    /// Offset of anchor a's world y.
    pub const AY: usize = 2;
    /// Offset of anchor b's world x.
    pub const BX: usize = 3;
    /// Offset of anchor b's world y.
    pub const BY: usize = 4;
    /// Offset of the flags.
    pub const FLAGS: usize = 5;
    /// Flag: the joint has a motor.
    pub const FLAG_MOTOR: f32 = 1.0;
}

/// Numbers per event in `contacts`.
pub const CONTACT_STRIDE: usize = 6;

/// One contact event: `kind, body_a, body_b, x, y, impulse`.
///
/// `kind` is [`contact::BEGIN`] or [`contact::END`]. For a begin event `x, y` is the first contact
/// point in world space and `impulse` the total normal impulse of the first step, in N·s. An end
/// event has no contact left to measure: its point is the midpoint of the two bodies' origins and
/// its impulse 0. Either body id may be `-1` when that body was removed in the same step.
pub mod contact {
    /// Two bodies started touching.
    pub const BEGIN: f64 = 1.0;
    /// Two bodies stopped touching.
    pub const END: f64 = 0.0;
}

/// Floats per line in `debug_lines`.
pub const DEBUG_LINE_STRIDE: usize = 5;

/// Kinds of debug line.
pub mod debug_line {
    /// An edge of a collider's bounding box.
    pub const AABB: f32 = 0.0;
    /// A contact normal, from the contact point along the normal, scaled by the impulse.
    pub const CONTACT_NORMAL: f32 = 1.0;
    /// A body's centre of mass: both ends are the centre (a renderer draws a marker there).
    pub const CENTER_OF_MASS: f32 = 2.0;
}

/// The buffers themselves. Read them through the `World` accessors.
#[derive(Debug, Clone, Default)]
pub struct FrameBuffers {
    /// See the module table.
    pub transforms: Vec<f32>,
    /// See the module table.
    pub body_state: Vec<u8>,
    /// See the module table.
    pub slot_ids: Vec<f64>,
    /// See the module table.
    pub shapes: Vec<f32>,
    /// See the module table.
    pub colors: Vec<u32>,
    /// See the module table.
    pub vertices: Vec<f32>,
    /// See the module table.
    pub joints: Vec<f32>,
    /// See the module table.
    pub joint_ids: Vec<f64>,
    /// See the module table.
    pub contacts: Vec<f64>,
    /// See the module table.
    pub debug_lines: Vec<f32>,
}
