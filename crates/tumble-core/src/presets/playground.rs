//! The default scene: ground, two walls and a few mixed shapes to play with.

use super::{kit, Preset};
use crate::body::BodyDesc;
use crate::scene::Scene;
use crate::shape::ShapeDesc;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Basics",
    name: "playground",
    description: "Ground, walls and a few shapes to throw around.",
    params: &[],
    build,
};

fn build(_: &super::Params) -> Scene {
    let mut bodies = vec![
        kit::ground(0.0, 0.0, 30.0, 1.0),
        BodyDesc::fixed(kit::rect(1.0, 12.0), [-14.5, 6.0]).with_color(kit::GROUND),
        BodyDesc::fixed(kit::rect(1.0, 12.0), [14.5, 6.0]).with_color(kit::GROUND),
        BodyDesc::fixed(
            ShapeDesc::Segment {
                a: [-3.0, 0.0],
                b: [3.0, 0.0],
            },
            [-7.0, 4.0],
        )
        .with_angle(-0.3)
        .with_color(kit::GROUND),
    ];
    let shapes = [
        kit::ball(0.5),
        kit::rect(1.2, 0.8),
        ShapeDesc::Capsule {
            length: 1.0,
            radius: 0.3,
        },
        ShapeDesc::Box {
            width: 1.0,
            height: 1.0,
            corner_radius: 0.15,
        },
        ShapeDesc::Polygon {
            points: vec![[0.0, 0.7], [-0.6, -0.4], [0.6, -0.4]],
        },
        ShapeDesc::Polygon {
            // An L: concave, so it becomes two convex parts.
            points: vec![
                [-0.6, -0.6],
                [0.6, -0.6],
                [0.6, -0.2],
                [-0.2, -0.2],
                [-0.2, 0.6],
                [-0.6, 0.6],
            ],
        },
    ];
    for (i, shape) in shapes.iter().cycle().take(18).enumerate() {
        let x = -6.0 + (i % 6) as f32 * 2.4;
        let y = 3.0 + (i / 6) as f32 * 2.0;
        bodies.push(BodyDesc::new(shape.clone(), [x, y]).with_color(kit::color(i)));
    }
    kit::scene(bodies, [0.0, 5.0], 14.0)
}
