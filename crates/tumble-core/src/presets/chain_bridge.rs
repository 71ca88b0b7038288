//! A chain bridge: planks pinned end to end between two posts, with boxes dropped on it.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::joint::{JointDesc, JointKind};
use crate::scene::Scene;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Joints",
    name: "chain_bridge",
    description: "A bridge of pinned planks with boxes dropped on it.",
    params: &[Param {
        name: "planks",
        description: "number of planks",
        default: 20.0,
        min: 2.0,
        max: 200.0,
        integer: true,
    }],
    build,
};

/// Plank length.
pub const PLANK: f32 = 1.0;
/// Height of the bridge's ends.
pub const DECK_Y: f32 = 6.0;

fn build(params: &Params) -> Scene {
    let n = params.count("planks");
    let span = n as f32 * PLANK;
    let left = -span / 2.0;
    let mut bodies = vec![
        kit::ground(0.0, 0.0, span + 10.0, 1.0),
        BodyDesc::fixed(kit::rect(0.6, DECK_Y), [left - 0.35, DECK_Y / 2.0])
            .with_color(kit::GROUND),
        BodyDesc::fixed(kit::rect(0.6, DECK_Y), [-left + 0.35, DECK_Y / 2.0])
            .with_color(kit::GROUND),
    ];
    let mut joints = Vec::new();
    let first = bodies.len();
    for i in 0..n {
        let x = left + (i as f32 + 0.5) * PLANK;
        bodies.push(
            BodyDesc::new(kit::rect(PLANK, 0.2), [x, DECK_Y])
                .with_material(1.0, 0.8, 0.0)
                .with_color(kit::color(i % 2 + 1)),
        );
    }
    let half = [PLANK / 2.0, 0.0];
    let back = [-PLANK / 2.0, 0.0];
    joints.push(JointDesc::new(
        JointKind::Revolute,
        None,
        first,
        [left, DECK_Y],
        back,
    ));
    for i in 1..n {
        joints.push(JointDesc::new(
            JointKind::Revolute,
            Some(first + i - 1),
            first + i,
            half,
            back,
        ));
    }
    joints.push(JointDesc::new(
        JointKind::Revolute,
        None,
        first + n - 1,
        [-left, DECK_Y],
        half,
    ));
    for i in 0..(n / 4).max(1) {
        let x = left + (i as f32 * 4.0 + 2.0) * PLANK;
        bodies.push(
            BodyDesc::new(kit::rect(0.8, 0.8), [x, DECK_Y + 3.0 + i as f32 * 0.5])
                .with_color(kit::color(i + 3)),
        );
    }
    let mut scene = kit::scene(bodies, [0.0, DECK_Y - 1.0], span * 0.6 + 6.0);
    scene.joints = joints;
    scene
}
