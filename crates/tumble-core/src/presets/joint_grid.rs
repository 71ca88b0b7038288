//! A joint grid: a cloth of small balls pinned along its top edge, draped over a ball.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::joint::{JointDesc, JointKind};
use crate::scene::Scene;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Joints",
    name: "joint_grid",
    description: "A cloth of pinned balls draping over an obstacle.",
    params: &[Param {
        name: "size",
        description: "balls per side",
        default: 14.0,
        min: 2.0,
        max: 40.0,
        integer: true,
    }],
    build,
};

const PITCH: f32 = 0.5;

fn build(params: &Params) -> Scene {
    let n = params.count("size");
    let width = (n - 1) as f32 * PITCH;
    let top = 2.0 + width;
    let mut bodies = vec![
        kit::ground(0.0, 0.0, width + 10.0, 1.0),
        BodyDesc::fixed(
            kit::ball(width / 5.0 + 0.2),
            [width / 6.0, top - width * 0.9],
        )
        .with_color(kit::GROUND),
    ];
    let first = bodies.len();
    let index = |row: usize, col: usize| first + row * n + col;
    for row in 0..n {
        for col in 0..n {
            let x = -width / 2.0 + col as f32 * PITCH;
            bodies.push(
                BodyDesc::new(kit::ball(0.14), [x, top - row as f32 * PITCH * 0.6])
                    .with_color(kit::color(row / 2)),
            );
        }
    }
    let mut joints = Vec::new();
    let half = PITCH / 2.0;
    for row in 0..n {
        for col in 0..n {
            if col + 1 < n {
                joints.push(JointDesc::new(
                    JointKind::Revolute,
                    Some(index(row, col)),
                    index(row, col + 1),
                    [half, 0.0],
                    [-half, 0.0],
                ));
            }
            if row + 1 < n {
                // Rows start folded at half pitch; a rope lets them hang to full pitch.
                let mut rope = JointDesc::new(
                    JointKind::Rope,
                    Some(index(row, col)),
                    index(row + 1, col),
                    [0.0, 0.0],
                    [0.0, 0.0],
                );
                rope.max_length = Some(PITCH);
                joints.push(rope);
            }
        }
    }
    for col in 0..n {
        let x = -width / 2.0 + col as f32 * PITCH;
        joints.push(JointDesc::new(
            JointKind::Revolute,
            None,
            index(0, col),
            [x, top],
            [0.0, 0.0],
        ));
    }
    let mut scene = kit::scene(bodies, [0.0, top / 2.0 + 0.5], top + 3.0);
    scene.joints = joints;
    scene
}
