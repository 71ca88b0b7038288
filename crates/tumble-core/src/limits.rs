//! Every limit Tumble enforces, in one place.
//!
//! Limits exist so that a hostile or mistaken input (a scene with ten million bodies, a polygon with
//! a million vertices, a coordinate of 1e30) is refused with a clear error instead of exhausting
//! memory or producing a world the solver cannot handle.

/// Largest absolute value of any coordinate, size or velocity component in a scene or API call.
///
/// Beyond this, `f32` positions lose centimetre precision and broad-phase trees degrade.
pub const MAX_COORDINATE: f32 = 1.0e6;

/// Most vertices in one polygon outline (convex or concave).
pub const MAX_POLYGON_VERTICES: usize = 128;

/// Most vertices of a convex hull rapier builds for one polygon part.
pub const MAX_CONVEX_VERTICES: usize = 32;

/// Most vertices in one polyline (static terrain).
pub const MAX_POLYLINE_VERTICES: usize = 4096;

/// Largest scene text accepted by [`crate::Scene::from_json`]: 16 MiB.
pub const MAX_SCENE_BYTES: usize = 16 * 1024 * 1024;

/// Smallest allowed size (radius, width, length) in metres: smaller shapes tunnel and jitter.
pub const MIN_SIZE: f32 = 1.0e-3;

/// Largest physics step rate, in steps per simulated second.
pub const MAX_HZ: f32 = 1000.0;

/// Most solver substeps per step.
pub const MAX_SUBSTEPS: u32 = 64;

/// Most steps one call to `advance` may run.
pub const MAX_STEPS_PER_ADVANCE: u32 = 64;

/// Largest time scale.
pub const MAX_TIME_SCALE: f32 = 100.0;

/// Limits a world enforces on its own size; configurable per world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Most bodies a world may hold (default 100 000).
    pub max_bodies: usize,
    /// Most joints a world may hold (default 100 000).
    pub max_joints: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bodies: 100_000,
            max_joints: 100_000,
        }
    }
}
