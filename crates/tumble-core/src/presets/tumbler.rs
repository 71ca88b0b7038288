//! A tumbler: a spinning kinematic box full of balls and boxes.

use super::{kit, Param, Params, Preset};
use crate::body::{BodyDesc, BodyKind};
use crate::scene::Scene;
use crate::shape::ShapeDesc;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Crowds",
    name: "tumbler",
    description: "A spinning box full of balls and boxes.",
    params: &[
        Param {
            name: "count",
            description: "number of bodies inside",
            default: 200.0,
            min: 1.0,
            // One layer of the grid below fills the drum.
            max: 256.0,
            integer: true,
        },
        Param {
            name: "speed",
            description: "spin in rad/s (positive: counter-clockwise)",
            default: 0.5,
            // Faster, the drum's corners (over 25 m/s at 3 rad/s) push bodies through its
            // zero-thickness outline. CCD does not help: with it bodies leak from 1.5 rad/s.
            min: -2.0,
            max: 2.0,
            integer: false,
        },
    ],
    build,
};

const HALF: f32 = 6.0;

fn build(params: &Params) -> Scene {
    let count = params.count("count");
    let centre = [0.0, HALF + 1.0];
    let mut drum = BodyDesc::new(
        ShapeDesc::Polyline {
            points: vec![[-HALF, -HALF], [HALF, -HALF], [HALF, HALF], [-HALF, HALF]],
            closed: true,
        },
        centre,
    )
    .with_color(kit::GROUND);
    drum.kind = BodyKind::Kinematic;
    drum.angular_velocity = params.get("speed");
    let mut bodies = vec![drum];
    let per_row = 16;
    let spacing = (2.0 * HALF - 1.0) / per_row as f32;
    for i in 0..count {
        let (row, col) = (i / per_row, i % per_row);
        let x = centre[0] - HALF + 0.5 + spacing * (col as f32 + 0.5);
        let y = centre[1] - HALF + 0.5 + spacing * (row as f32 + 0.5);
        let shape = if i % 3 == 0 {
            kit::rect(spacing * 0.7, spacing * 0.7)
        } else {
            kit::ball(spacing * 0.35)
        };
        bodies.push(BodyDesc::new(shape, [x, y]).with_color(kit::color(i)));
    }
    kit::scene(bodies, centre, 2.0 * HALF * 1.6)
}
