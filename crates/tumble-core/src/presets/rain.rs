//! Benchmark scene: `count` balls raining into a U-shaped container.
//!
//! Exact for comparison with other engines: circles of radius 0.25 on a staggered grid with
//! 0.6 m spacing, dropped into a static container (floor and two walls) of inner width
//! ≈ 0.6·√count m, so they pile up. Density 1, friction 0.6, restitution 0, sleeping off.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::scene::Scene;
use crate::settings::Settings;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Crowds",
    name: "rain",
    description: "Balls raining into a box; the benchmark crowd.",
    params: &[Param {
        name: "count",
        description: "number of balls",
        default: 1000.0,
        min: 1.0,
        max: 50000.0,
        integer: true,
    }],
    build,
};

/// Ball radius.
pub const RADIUS: f32 = 0.25;
/// Grid spacing.
pub const SPACING: f32 = 0.6;

fn build(params: &Params) -> Scene {
    let count = params.count("count");
    // Columns so that the grid fills the container's inner width.
    let inner = SPACING * (count as f32).sqrt();
    let inner = inner.max(2.0 * SPACING);
    let columns = ((inner / SPACING).floor() as usize).max(1);
    let wall = 0.5;
    let wall_height = inner.max(4.0) * 1.2;
    let material = |b: BodyDesc| b.with_material(1.0, 0.6, 0.0);
    let mut bodies = vec![
        material(kit::ground(0.0, 0.0, inner + 2.0 * wall, wall)),
        material(BodyDesc::fixed(
            kit::rect(wall, wall_height),
            [-(inner + wall) / 2.0, wall_height / 2.0 - wall],
        ))
        .with_color(kit::GROUND),
        material(BodyDesc::fixed(
            kit::rect(wall, wall_height),
            [(inner + wall) / 2.0, wall_height / 2.0 - wall],
        ))
        .with_color(kit::GROUND),
    ];
    let x0 = -inner / 2.0 + SPACING / 2.0;
    for i in 0..count {
        let row = i / columns;
        let col = i % columns;
        // Odd rows shift by a quarter spacing: a staggered grid that piles instead of columns.
        let stagger = if row % 2 == 1 { SPACING / 4.0 } else { 0.0 };
        let x = x0 + col as f32 * SPACING + stagger;
        let y = 1.0 + row as f32 * SPACING;
        bodies.push(material(BodyDesc::new(kit::ball(RADIUS), [x, y])).with_color(kit::color(i)));
    }
    let top = 1.0 + (count / columns) as f32 * SPACING;
    let mut scene = kit::scene(bodies, [0.0, top / 2.0], top.max(wall_height) * 1.1 + 2.0);
    scene.settings = Settings {
        sleeping: false,
        ..Settings::default()
    };
    scene
}
