//! A double pendulum: two rods on pins, started high, swinging chaotically.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::joint::{JointDesc, JointKind};
use crate::scene::Scene;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Joints",
    name: "double_pendulum",
    description: "Two pinned rods swinging chaotically.",
    params: &[Param {
        name: "angle",
        description: "starting angle from hanging straight down, radians",
        default: 2.0,
        min: 0.0,
        max: 3.1,
        integer: false,
    }],
    build,
};

/// Rod length.
pub const ROD: f32 = 2.0;
/// The pivot, in world space.
pub const PIVOT: [f32; 2] = [0.0, 6.0];

fn build(params: &Params) -> Scene {
    let theta = params.get("angle");
    let (c, s) = kit::cos_sin(theta);
    // Each rod lies along its local x; pointing along (sin θ, -cos θ) means angle θ - π/2.
    let angle = theta - std::f32::consts::FRAC_PI_2;
    let dir = [s, -c];
    let at = |distance: f32| [PIVOT[0] + dir[0] * distance, PIVOT[1] + dir[1] * distance];
    let rod = |centre, i| {
        BodyDesc::new(
            crate::shape::ShapeDesc::Box {
                width: ROD,
                height: 0.16,
                corner_radius: 0.07,
            },
            centre,
        )
        .with_angle(angle)
        .with_color(kit::color(i))
    };
    let bodies = vec![
        kit::ground(0.0, 0.0, 20.0, 1.0),
        rod(at(ROD / 2.0), 0),
        rod(at(1.5 * ROD), 3),
    ];
    let joints = vec![
        JointDesc::new(JointKind::Revolute, None, 1, PIVOT, [-ROD / 2.0, 0.0]),
        JointDesc::new(
            JointKind::Revolute,
            Some(1),
            2,
            [ROD / 2.0, 0.0],
            [-ROD / 2.0, 0.0],
        ),
    ];
    let mut scene = kit::scene(bodies, [0.0, PIVOT[1] - 1.0], 11.0);
    scene.joints = joints;
    scene
}
