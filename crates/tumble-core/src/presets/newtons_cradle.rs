//! Newton's cradle: steel balls on rods; the first swings in and the last swings out.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::color::Color;
use crate::joint::{JointDesc, JointKind};
use crate::scene::Scene;
use crate::settings::Settings;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Joints",
    name: "newtons_cradle",
    description: "Newton's cradle: momentum passes through a row of balls.",
    params: &[Param {
        name: "balls",
        description: "number of balls",
        default: 5.0,
        min: 2.0,
        max: 12.0,
        integer: true,
    }],
    build,
};

/// Ball radius, rod length and the first ball's pull-back angle.
pub const RADIUS: f32 = 0.5;
/// Length of each rod, pivot to ball centre.
pub const ROD: f32 = 4.0;
const PULL: f32 = 0.7;
/// Height of the pivots.
pub const PIVOT_Y: f32 = 7.0;

fn build(params: &Params) -> Scene {
    let n = params.count("balls");
    let mut bodies = vec![kit::ground(0.0, 0.0, 30.0, 1.0)];
    let mut joints = Vec::new();
    // A visible gap between balls: rapier's contacts are slightly soft, and balls that touch
    // resolve their collisions together, so the whole row would swing. With a gap each
    // collision happens in its own step and momentum passes along the row.
    let pitch = 2.0 * RADIUS + 0.08;
    for i in 0..n {
        let px = (i as f32 - (n as f32 - 1.0) / 2.0) * pitch;
        let theta = if i == 0 { PULL } else { 0.0 };
        let (c, s) = kit::cos_sin(theta);
        let ball = BodyDesc::new(kit::ball(RADIUS), [px - ROD * s, PIVOT_Y - ROD * c])
            .with_angle(-theta)
            .with_material(5.0, 0.0, 1.0)
            .with_color(Color(0xc8d0dcff));
        let index = bodies.len();
        bodies.push(ball);
        joints.push(JointDesc::new(
            JointKind::Revolute,
            None,
            index,
            [px, PIVOT_Y],
            [0.0, ROD],
        ));
    }
    let mut scene = kit::scene(bodies, [0.0, PIVOT_Y - ROD / 2.0], 10.0);
    scene.joints = joints;
    scene.settings = Settings {
        substeps: 8,
        ..Settings::default()
    };
    scene
}
