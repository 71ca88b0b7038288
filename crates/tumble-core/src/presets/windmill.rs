//! A windmill: a motor-driven cross batting falling balls.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::color::Color;
use crate::joint::{JointDesc, JointKind, Motor};
use crate::scene::Scene;
use crate::shape::ShapeDesc;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Machines",
    name: "windmill",
    description: "A motor-driven cross batting balls around.",
    params: &[Param {
        name: "speed",
        description: "rotor speed in rad/s (positive: counter-clockwise)",
        default: 1.5,
        min: -10.0,
        max: 10.0,
        integer: false,
    }],
    build,
};

/// Index of the rotor in the scene's bodies.
pub const ROTOR: usize = 4;
/// Centre of the rotor.
pub const HUB: [f32; 2] = [0.0, 5.0];

fn build(params: &Params) -> Scene {
    let (a, t) = (3.5f32, 0.25f32);
    // A plus sign: a concave outline, split into convex parts by the engine.
    let cross = vec![
        [t, t],
        [a, t],
        [a, -t],
        [t, -t],
        [t, -a],
        [-t, -a],
        [-t, -t],
        [-a, -t],
        [-a, t],
        [-t, t],
        [-t, a],
        [t, a],
    ];
    let mut bodies = vec![
        kit::ground(0.0, 0.0, 16.0, 1.0),
        BodyDesc::fixed(kit::rect(1.0, 14.0), [-8.5, 7.0]).with_color(kit::GROUND),
        BodyDesc::fixed(kit::rect(1.0, 14.0), [8.5, 7.0]).with_color(kit::GROUND),
        // A lid: a fast rotor bats balls far higher than the walls.
        BodyDesc::fixed(kit::rect(18.0, 1.0), [0.0, 14.5]).with_color(kit::GROUND),
        BodyDesc::new(ShapeDesc::Polygon { points: cross }, HUB)
            .with_material(5.0, 0.6, 0.0)
            .with_color(Color(0xd9dde4ff)),
    ];
    for i in 0..120 {
        let x = -7.0 + (i % 20) as f32 * 0.7;
        let y = 10.0 + (i / 20) as f32 * 0.7;
        bodies.push(
            BodyDesc::new(kit::ball(0.25), [x, y])
                .with_material(1.0, 0.4, 0.3)
                .with_color(kit::color(i)),
        );
    }
    let mut joint = JointDesc::new(JointKind::Revolute, None, ROTOR, HUB, [0.0, 0.0]);
    joint.motor = Some(Motor {
        speed: params.get("speed"),
        max_force: 5000.0,
    });
    let mut scene = kit::scene(bodies, [0.0, 7.0], 16.0);
    scene.joints = vec![joint];
    scene
}
