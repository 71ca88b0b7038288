//! Did the simulation do what the scene should do? A timing of a world that exploded or froze is
//! worthless, so every row carries this check.
//!
//! The thresholds are the browser bench's (`web/bench/sanity.ts`), so the native and browser rows
//! of one table are judged alike.

use serde::Serialize;
use tumble_core::frame::{state, transform, TRANSFORM_STRIDE};
use tumble_core::{BodyKind, World};

/// Lowest centre height a dynamic body may have: balls (radius 0.25) and boxes (half-height 0.5)
/// rest above it on the ground, whose top is at y = 0.
pub const LOWEST_Y: f32 = 0.2;

/// A pyramid stands while its top box is within half a box of where it started.
pub const PYRAMID_TOLERANCE: f32 = 0.5;

/// The outcome of the three checks. Serialized as `sane` and `check` only (the JSON rows'
/// shape); the three parts are for the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sanity {
    /// All three checks passed.
    pub sane: bool,
    /// The rain fell (its mean height dropped), or the pyramid stood (its top box stayed put).
    #[serde(skip)]
    pub moved_as_expected: bool,
    /// No dynamic body is below [`LOWEST_Y`].
    #[serde(skip)]
    pub above_ground: bool,
    /// Every pose is finite (no NaN, no infinity).
    #[serde(skip)]
    pub finite: bool,
    /// What the checks found, in words, e.g. `mean y 30.55 -> 4.12, lowest y 0.250`.
    pub check: String,
}

/// The centres of the dynamic bodies, in slot order, read from the frame buffers.
///
/// Slot order is stable while no body is spawned or removed, so two calls on one world line up.
pub fn dynamic_positions(world: &World) -> Vec<[f32; 2]> {
    let frame = world.frame();
    let dynamic = BodyKind::Dynamic.code();
    frame
        .body_state
        .iter()
        .zip(frame.transforms.chunks_exact(TRANSFORM_STRIDE))
        .filter(|(&flags, _)| {
            flags & state::OCCUPIED != 0
                && (flags >> state::KIND_SHIFT) & state::KIND_MASK == dynamic
        })
        .map(|(_, t)| [t[transform::X], t[transform::Y]])
        .collect()
}

/// Checks `world`, a run of preset `scene`, against `start`, the [`dynamic_positions`] it had
/// before the first step.
pub fn check(scene: &str, start: &[[f32; 2]], world: &World) -> Sanity {
    let frame = world.frame();
    let now = dynamic_positions(world);
    let mut problems = Vec::new();

    let bad_slot = frame
        .body_state
        .iter()
        .zip(frame.transforms.chunks_exact(TRANSFORM_STRIDE))
        .position(|(&flags, t)| flags & state::OCCUPIED != 0 && t.iter().any(|v| !v.is_finite()));
    let finite = bad_slot.is_none();
    if let Some(slot) = bad_slot {
        problems.push(format!("non-finite pose in slot {slot}"));
    }

    let lowest = now.iter().map(|p| p[1]).fold(f32::INFINITY, f32::min);
    let above_ground = finite && lowest >= LOWEST_Y;
    if finite && !above_ground {
        problems.push(format!("a body sank to y = {lowest:.3}"));
    }

    let (moved_as_expected, motion) = if now.len() != start.len() {
        (
            false,
            format!("{} dynamic bodies became {}", start.len(), now.len()),
        )
    } else if scene == "pyramid" {
        pyramid_stood(start, &now)
    } else {
        rain_fell(start, &now)
    };
    if !moved_as_expected {
        problems.push(motion.clone());
    }

    let sane = moved_as_expected && above_ground && finite;
    let check = if sane {
        format!("{motion}, lowest y {lowest:.3}")
    } else {
        problems.join("; ")
    };
    Sanity {
        sane,
        moved_as_expected,
        above_ground,
        finite,
        check,
    }
}

fn mean_y(positions: &[[f32; 2]]) -> f32 {
    positions.iter().map(|p| p[1]).sum::<f32>() / positions.len().max(1) as f32
}

/// The rain fell: the mean height of the balls dropped.
fn rain_fell(start: &[[f32; 2]], now: &[[f32; 2]]) -> (bool, String) {
    let (before, after) = (mean_y(start), mean_y(now));
    let summary = format!("mean y {before:.2} -> {after:.2}");
    if after < before {
        (true, summary)
    } else {
        (false, format!("the rain did not fall: {summary}"))
    }
}

/// The pyramid stood: its top box (the highest at the start) is within [`PYRAMID_TOLERANCE`].
fn pyramid_stood(start: &[[f32; 2]], now: &[[f32; 2]]) -> (bool, String) {
    let Some(top) = (0..start.len()).max_by(|&a, &b| start[a][1].total_cmp(&start[b][1])) else {
        return (false, "the pyramid has no boxes".into());
    };
    let (dx, dy) = (now[top][0] - start[top][0], now[top][1] - start[top][1]);
    let summary = format!("top box moved ({dx:.3}, {dy:.3})");
    if dx.hypot(dy) <= PYRAMID_TOLERANCE {
        (true, summary)
    } else {
        (false, format!("the pyramid fell: {summary}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BenchScene;

    fn settled(name: &'static str, n: u32, steps: usize) -> (Vec<[f32; 2]>, World) {
        let mut world = BenchScene { name, n }.world().unwrap();
        let start = dynamic_positions(&world);
        for _ in 0..steps {
            world.step();
        }
        (start, world)
    }

    #[test]
    fn falling_rain_and_a_standing_pyramid_pass() {
        let (start, world) = settled("rain", 100, 60);
        let rain = check("rain", &start, &world);
        assert!(rain.sane, "{}", rain.check);
        assert!(rain.check.starts_with("mean y "), "{}", rain.check);

        let (start, world) = settled("pyramid", 5, 60);
        let pyramid = check("pyramid", &start, &world);
        assert!(pyramid.sane, "{}", pyramid.check);
    }

    #[test]
    fn rain_that_has_not_fallen_fails() {
        let (start, world) = settled("rain", 20, 0);
        let s = check("rain", &start, &world);
        assert!(!s.sane && !s.moved_as_expected && s.above_ground && s.finite);
        assert!(s.check.contains("did not fall"), "{}", s.check);
    }

    #[test]
    fn a_body_below_the_ground_fails() {
        let (start, mut world) = settled("rain", 20, 30);
        let ball = *world.body_ids().last().unwrap();
        world.set_pose(ball, [0.0, -3.0], 0.0).unwrap();
        let s = check("rain", &start, &world);
        assert!(!s.sane && !s.above_ground && s.finite);
        assert!(s.check.contains("sank to y = -3.000"), "{}", s.check);
    }

    #[test]
    fn a_toppled_pyramid_fails() {
        let (start, mut world) = settled("pyramid", 5, 10);
        let top = *world.body_ids().last().unwrap();
        world.set_pose(top, [4.0, 0.5], 0.0).unwrap();
        let s = check("pyramid", &start, &world);
        assert!(!s.sane && !s.moved_as_expected && s.above_ground);
        assert!(s.check.starts_with("the pyramid fell"), "{}", s.check);
    }

    #[test]
    fn serializes_as_sane_and_check_only() {
        let (start, world) = settled("rain", 20, 30);
        let json = serde_json::to_value(check("rain", &start, &world)).unwrap();
        let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["check", "sane"]);
    }
}
