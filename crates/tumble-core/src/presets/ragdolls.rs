//! Ragdolls tumbling down a staircase: ten parts each, held by limited revolute joints.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::joint::{JointDesc, JointKind};
use crate::scene::Scene;
use crate::shape::ShapeDesc;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Joints",
    name: "ragdolls",
    description: "Ragdolls tumbling down a staircase.",
    params: &[Param {
        name: "count",
        description: "number of ragdolls",
        default: 6.0,
        min: 1.0,
        max: 40.0,
        integer: true,
    }],
    build,
};

/// One part of a ragdoll in its standing pose: shape, centre, and the joint tying it to an
/// earlier part (that part's index, the joint point, and the angle limits).
struct Part {
    shape: ShapeDesc,
    centre: [f32; 2],
    joint: Option<(usize, [f32; 2], [f32; 2])>,
}

fn limb(w: f32, h: f32) -> ShapeDesc {
    ShapeDesc::Box {
        width: w,
        height: h,
        corner_radius: w * 0.45,
    }
}

fn skeleton() -> Vec<Part> {
    let mut parts = vec![
        Part {
            shape: limb(0.5, 1.0),
            centre: [0.0, 0.0],
            joint: None,
        },
        Part {
            shape: kit::ball(0.25),
            centre: [0.0, 0.8],
            joint: Some((0, [0.0, 0.55], [-0.6, 0.6])),
        },
    ];
    for side in [-1.0f32, 1.0] {
        let x = side * 0.36;
        let upper = parts.len();
        parts.push(Part {
            shape: limb(0.18, 0.55),
            centre: [x, 0.2],
            joint: Some((0, [x, 0.45], [-3.0, 3.0])),
        });
        parts.push(Part {
            shape: limb(0.16, 0.55),
            centre: [x, -0.36],
            joint: Some((upper, [x, -0.08], [-2.5, 0.0])),
        });
        let hx = side * 0.13;
        let thigh = parts.len();
        parts.push(Part {
            shape: limb(0.22, 0.6),
            centre: [hx, -0.82],
            joint: Some((0, [hx, -0.5], [-1.6, 0.5])),
        });
        parts.push(Part {
            shape: limb(0.2, 0.6),
            centre: [hx, -1.44],
            joint: Some((thigh, [hx, -1.13], [0.0, 2.4])),
        });
    }
    parts
}

fn build(params: &Params) -> Scene {
    let count = params.count("count");
    let steps = 10;
    let mut bodies = vec![kit::ground(0.0, 0.0, 60.0, 1.0)];
    for i in 0..steps {
        let h = (steps - i) as f32 * 0.6;
        bodies.push(
            BodyDesc::fixed(kit::rect(1.5, h), [-12.0 + i as f32 * 1.5, h / 2.0])
                .with_color(kit::GROUND),
        );
    }
    let mut joints = Vec::new();
    for r in 0..count {
        let origin = [-12.5 + (r % 4) as f32 * 1.3, 9.0 + (r / 4) as f32 * 3.2];
        let first = bodies.len();
        for part in skeleton() {
            let at = [origin[0] + part.centre[0], origin[1] + part.centre[1]];
            bodies.push(
                BodyDesc::new(part.shape.clone(), at)
                    .with_material(1.0, 0.6, 0.0)
                    .with_color(kit::color(r)),
            );
            if let Some((parent, point, limits)) = part.joint {
                let parent_centre = skeleton()[parent].centre;
                let mut joint = JointDesc::new(
                    JointKind::Revolute,
                    Some(first + parent),
                    bodies.len() - 1,
                    [point[0] - parent_centre[0], point[1] - parent_centre[1]],
                    [point[0] - part.centre[0], point[1] - part.centre[1]],
                );
                joint.limits = Some(limits);
                joints.push(joint);
            }
        }
    }
    let mut scene = kit::scene(bodies, [-5.0, 6.0], 18.0);
    scene.joints = joints;
    scene
}
