//! A Galton board: balls fall through a triangle of pegs into bins and pile into a bell curve.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::scene::Scene;
use crate::shape::ShapeDesc;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Crowds",
    name: "galton_board",
    description: "Balls bounce through pegs into bins: a bell curve.",
    params: &[Param {
        name: "balls",
        description: "number of balls",
        default: 300.0,
        min: 1.0,
        max: 3000.0,
        integer: true,
    }],
    build,
};

const ROWS: usize = 12;
const PEG_SPACING: f32 = 0.6;
const BALL: f32 = 0.12;

fn build(params: &Params) -> Scene {
    let balls = params.count("balls");
    let half_width = (ROWS as f32 / 2.0 + 1.0) * PEG_SPACING;
    let bins_top = 3.0;
    let pegs_bottom = bins_top + 0.8;
    let pegs_top = pegs_bottom + (ROWS - 1) as f32 * PEG_SPACING * 0.87;
    let static_box =
        |w: f32, h: f32, at: [f32; 2]| BodyDesc::fixed(kit::rect(w, h), at).with_color(kit::GROUND);
    let mut bodies = vec![
        kit::ground(0.0, 0.0, 2.0 * half_width + 1.0, 0.5),
        static_box(0.2, 12.0 + pegs_top, [-half_width, (12.0 + pegs_top) / 2.0]),
        static_box(0.2, 12.0 + pegs_top, [half_width, (12.0 + pegs_top) / 2.0]),
    ];
    // Bins between the pegs' columns.
    let bins = ROWS + 2;
    for i in 1..bins {
        let x = -half_width + i as f32 * (2.0 * half_width / bins as f32);
        bodies.push(static_box(0.08, bins_top, [x, bins_top / 2.0]));
    }
    // Pegs: row r has r + 1 pegs, centred, row 0 at the top.
    for row in 0..ROWS {
        let y = pegs_top - row as f32 * PEG_SPACING * 0.87;
        for k in 0..=row {
            let x = (k as f32 - row as f32 / 2.0) * PEG_SPACING;
            bodies.push(BodyDesc::fixed(kit::ball(0.08), [x, y]).with_color(kit::GROUND));
        }
    }
    // A funnel over the top peg.
    let funnel_y = pegs_top + 1.0;
    for side in [-1.0f32, 1.0] {
        bodies.push(
            BodyDesc::fixed(
                ShapeDesc::Segment {
                    a: [side * (half_width - 0.1), 4.0],
                    b: [side * 0.35, 0.0],
                },
                [0.0, funnel_y],
            )
            .with_color(kit::GROUND),
        );
    }
    // Balls in a grid above the funnel.
    let columns = ((2.0 * half_width - 1.0) / (3.0 * BALL)) as usize;
    for i in 0..balls {
        let (row, col) = (i / columns, i % columns);
        let x = -half_width + 0.5 + col as f32 * 3.0 * BALL + (row % 2) as f32 * BALL;
        let y = funnel_y + 4.5 + row as f32 * 3.0 * BALL;
        bodies.push(
            BodyDesc::new(kit::ball(BALL), [x, y])
                .with_material(1.0, 0.1, 0.3)
                .with_color(kit::color(i)),
        );
    }
    let top = funnel_y + 4.5 + (balls / columns) as f32 * 3.0 * BALL;
    kit::scene(bodies, [0.0, top.min(30.0) / 2.0], top.min(30.0) + 2.0)
}
