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
        default: 200.0,
        min: 1.0,
        // About what the bins hold; more overflow into the pegs and clog the board.
        max: 300.0,
        integer: true,
    }],
    build,
};

const ROWS: usize = 12;
const PEG_SPACING: f32 = 0.6;
const ROW_PITCH: f32 = PEG_SPACING * 0.87;
const PEG: f32 = 0.08;
const BALL: f32 = 0.1;
/// Air drag on the balls. Without it a ball knocked sideways keeps its speed and runs down the
/// lattice's diagonal channels (wider than a ball) into the outermost bins, and the histogram
/// comes out hollow; with it each peg sends the ball left or right afresh, as on a real board.
const BALL_DAMPING: f32 = 3.0;
/// Height of the bin dividers: the middle bins of the default 200 balls fill about 3 m.
const BIN_HEIGHT: f32 = 4.0;
/// Half the width of the funnel's mouth: narrower ones jam (balls arch across them).
const MOUTH: f32 = 0.5;
/// Least horizontal distance from the outermost peg of a row to the guide beside it.
const GUIDE_GAP: f32 = 0.45;
/// Distance between balls in the starting grid.
const BALL_PITCH: f32 = 2.6 * BALL;

fn build(params: &Params) -> Scene {
    let balls = params.count("balls");
    // A bin under each of the ROWS + 1 places a ball can leave the bottom row (its gaps and
    // round its two ends) and a spare one at each wall, all PEG_SPACING wide.
    let half_width = (ROWS as f32 / 2.0 + 1.5) * PEG_SPACING;
    let pegs_bottom = BIN_HEIGHT + 0.6;
    let pegs_top = pegs_bottom + (ROWS - 1) as f32 * ROW_PITCH;
    let funnel_y = pegs_top + 0.6;
    let columns = ((2.0 * half_width - 2.0 * BALL_PITCH) / BALL_PITCH) as usize;
    let rows = balls.div_ceil(columns);
    let grid_bottom = funnel_y + 4.5;
    let grid_top = grid_bottom + rows as f32 * BALL_PITCH;
    // The walls hold the whole starting grid, however many balls there are.
    let wall_height = grid_top + 1.0;
    let static_box =
        |w: f32, h: f32, at: [f32; 2]| BodyDesc::fixed(kit::rect(w, h), at).with_color(kit::GROUND);
    let mut bodies = vec![
        kit::ground(0.0, 0.0, 2.0 * half_width + 1.0, 0.5),
        static_box(0.2, wall_height, [-half_width - 0.1, wall_height / 2.0]),
        static_box(0.2, wall_height, [half_width + 0.1, wall_height / 2.0]),
    ];
    // Dividers straight under the bottom row's pegs (and one further out on each side), so a
    // ball leaving a gap drops into the bin below it rather than onto a divider.
    for k in 0..=ROWS + 1 {
        let x = (k as f32 - 1.0 - (ROWS - 1) as f32 / 2.0) * PEG_SPACING;
        bodies.push(static_box(0.08, BIN_HEIGHT, [x, BIN_HEIGHT / 2.0]));
    }
    // Pegs: row r has r + 1 pegs, centred, row 0 at the top.
    for row in 0..ROWS {
        let y = pegs_top - row as f32 * ROW_PITCH;
        for k in 0..=row {
            let x = (k as f32 - row as f32 / 2.0) * PEG_SPACING;
            bodies.push(BodyDesc::fixed(kit::ball(PEG), [x, y]).with_color(kit::GROUND));
        }
    }
    // Each side is one polyline: the funnel down to its mouth, then a guide along the outside of
    // the triangle that keeps balls bouncing off the outermost pegs in play. The guide is at
    // least GUIDE_GAP outside the outermost peg of every row, so balls still pass round it.
    let outermost = (ROWS - 1) as f32 * PEG_SPACING / 2.0;
    for side in [-1.0f32, 1.0] {
        bodies.push(
            BodyDesc::fixed(
                ShapeDesc::Polyline {
                    points: vec![
                        [side * half_width, funnel_y + 4.0],
                        [side * MOUTH, funnel_y],
                        [side * (outermost + GUIDE_GAP), pegs_bottom],
                    ],
                    closed: false,
                },
                [0.0, 0.0],
            )
            .with_color(kit::GROUND),
        );
    }
    // Balls in a staggered grid above the funnel.
    for i in 0..balls {
        let (row, col) = (i / columns, i % columns);
        let stagger = (row % 2) as f32 * BALL_PITCH / 2.0;
        let x = -half_width + BALL_PITCH + col as f32 * BALL_PITCH + stagger;
        let y = grid_bottom + row as f32 * BALL_PITCH;
        bodies.push(BodyDesc {
            linear_damping: BALL_DAMPING,
            ..BodyDesc::new(kit::ball(BALL), [x, y])
                .with_material(1.0, 0.5, 0.0)
                .with_color(kit::color(i))
        });
    }
    // Frame the board and the start of the grid; a tall grid runs off the top and falls in.
    let view_top = grid_top.min(funnel_y + 10.0) + 0.5;
    kit::scene(bodies, [0.0, view_top / 2.0], view_top + 1.0)
}
