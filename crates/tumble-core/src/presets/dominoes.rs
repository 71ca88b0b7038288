//! A row of dominoes and a ball rolling into the first one.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::color::Color;
use crate::scene::Scene;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Stacks",
    name: "dominoes",
    description: "A row of dominoes, toppled by a rolling ball.",
    params: &[Param {
        name: "count",
        description: "number of dominoes",
        default: 30.0,
        min: 2.0,
        max: 300.0,
        integer: true,
    }],
    build,
};

const SPACING: f32 = 0.8;

fn build(params: &Params) -> Scene {
    let count = params.count("count");
    let length = count as f32 * SPACING;
    let mut bodies = vec![kit::ground(length / 2.0, 0.0, length + 20.0, 1.0)];
    for i in 0..count {
        bodies.push(
            BodyDesc::new(kit::rect(0.2, 1.6), [i as f32 * SPACING, 0.8])
                .with_material(1.0, 0.5, 0.0)
                .with_color(kit::color(i / 5)),
        );
    }
    let mut ball = BodyDesc::new(kit::ball(0.4), [-3.0, 0.4])
        .with_material(4.0, 0.5, 0.0)
        .with_color(Color(0xf0f0f0ff));
    ball.linear_velocity = [5.0, 0.0];
    bodies.push(ball);
    kit::scene(bodies, [length / 2.0 - 1.5, 2.0], (length + 6.0) * 0.6)
}
