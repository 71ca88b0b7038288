//! Benchmark scene: a pyramid of boxes on the ground.
//!
//! Exact for comparison with other engines: a static ground whose top is at y = 0, boxes of
//! half-extent 0.5 stacked touching, `base` boxes on the bottom row (base 20 → 210 boxes,
//! base 60 → 1830). Density 1, friction 0.6, restitution 0, sleeping off.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::scene::Scene;
use crate::settings::Settings;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Stacks",
    name: "pyramid",
    description: "A pyramid of boxes; the benchmark stack.",
    params: &[Param {
        name: "base",
        description: "boxes in the bottom row",
        default: 20.0,
        min: 1.0,
        max: 200.0,
        integer: true,
    }],
    build,
};

fn build(params: &Params) -> Scene {
    let base = params.count("base");
    let width = base as f32 + 10.0;
    let mut bodies = vec![kit::ground(0.0, 0.0, width.max(40.0), 1.0).with_material(1.0, 0.6, 0.0)];
    for row in 0..base {
        let count = base - row;
        let y = 0.5 + row as f32;
        let x0 = -(count as f32 - 1.0) / 2.0;
        for i in 0..count {
            bodies.push(
                BodyDesc::new(kit::rect(1.0, 1.0), [x0 + i as f32, y])
                    .with_material(1.0, 0.6, 0.0)
                    .with_color(kit::color(row)),
            );
        }
    }
    let mut scene = kit::scene(bodies, [0.0, base as f32 / 2.0], base as f32 * 1.3 + 4.0);
    scene.settings = Settings {
        sleeping: false,
        ..Settings::default()
    };
    scene
}
