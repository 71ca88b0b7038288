//! A car with motorised wheels driving over hilly terrain.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::color::Color;
use crate::joint::{JointDesc, JointKind, Motor};
use crate::scene::Scene;
use crate::shape::ShapeDesc;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Machines",
    name: "car",
    description: "A car with motorised wheels driving over hills.",
    params: &[Param {
        name: "speed",
        description: "wheel speed in rad/s (positive drives right)",
        default: 8.0,
        min: -30.0,
        max: 30.0,
        integer: false,
    }],
    build,
};

/// Index of the chassis in the scene's bodies.
pub const CHASSIS: usize = 1;
const WHEEL: f32 = 0.5;

fn terrain() -> Vec<[f32; 2]> {
    let mut points = vec![[-30.0, 6.0], [-30.0, 0.0]];
    let mut x = -20.0f32;
    while x <= 300.0 {
        // Gentle hills that grow with distance, plus a short bumpy stretch.
        let hill = if x < 5.0 {
            0.0
        } else {
            (x - 5.0).min(60.0) / 60.0
        };
        let (_, s) = kit::cos_sin(x * 0.15);
        let bump = if (40.0..60.0).contains(&x) && (x as i32) % 2 == 0 {
            0.15
        } else {
            0.0
        };
        points.push([x, hill * 1.5 * s + bump]);
        x += 1.0;
    }
    points.push([x, 6.0]);
    points
}

fn build(params: &Params) -> Scene {
    let speed = params.get("speed");
    let ground = BodyDesc::fixed(
        ShapeDesc::Polyline {
            points: terrain(),
            closed: false,
        },
        [0.0, 0.0],
    )
    .with_color(kit::GROUND);
    let chassis = BodyDesc::new(
        ShapeDesc::Polygon {
            points: vec![
                [-1.6, -0.3],
                [1.6, -0.3],
                [1.5, 0.2],
                [0.5, 0.3],
                [0.1, 0.8],
                [-1.0, 0.8],
                [-1.6, 0.3],
            ],
        },
        [0.0, 1.7],
    )
    .with_material(2.0, 0.6, 0.0)
    .with_color(Color(0xe4572eff));
    let wheel = |x: f32| {
        BodyDesc::new(kit::ball(WHEEL), [x, WHEEL + 0.05])
            .with_material(1.0, 1.2, 0.0)
            .with_color(Color(0x30343cff))
    };
    let bodies = vec![ground, chassis, wheel(-1.1), wheel(1.1)];
    let mut joints = Vec::new();
    for (wheel, x) in [(2usize, -1.1f32), (3, 1.1)] {
        let mut joint = JointDesc::new(
            JointKind::Revolute,
            Some(CHASSIS),
            wheel,
            [x, WHEEL + 0.05 - 1.7],
            [0.0, 0.0],
        );
        // A wheel rolling right turns clockwise: negative relative angular velocity.
        joint.motor = Some(Motor {
            speed: -speed,
            max_force: 25.0,
        });
        joints.push(joint);
    }
    let mut scene = kit::scene(bodies, [4.0, 2.0], 14.0);
    scene.joints = joints;
    scene
}
