//! A house of cards: upright cards and flat cards, level upon level, narrowing to the top.

use super::{kit, Param, Params, Preset};
use crate::body::BodyDesc;
use crate::scene::Scene;

/// The registry entry.
pub const PRESET: Preset = Preset {
    category: "Stacks",
    name: "card_house",
    description: "A house of cards: uprights and flat cards, level upon level.",
    params: &[Param {
        name: "levels",
        description: "number of storeys",
        default: 5.0,
        min: 1.0,
        max: 15.0,
        integer: true,
    }],
    build,
};

/// Card thickness, upright card height and flat card length, in metres.
const THICK: f32 = 0.1;
const TALL: f32 = 1.0;
const LONG: f32 = 1.4;

fn build(params: &Params) -> Scene {
    let levels = params.count("levels");
    let mut bodies = vec![kit::ground(0.0, 0.0, 40.0, 1.0)];
    let card = |shape, at: [f32; 2], level: usize| {
        BodyDesc::new(shape, at)
            .with_material(0.5, 0.9, 0.0)
            .with_color(kit::color(level))
    };
    let mut y = 0.0;
    for level in 0..levels {
        // Level `level` has `bays` flat cards, each resting on two uprights near its ends.
        let bays = levels - level;
        let x0 = -(bays as f32 - 1.0) * LONG / 2.0;
        for bay in 0..bays {
            let x = x0 + bay as f32 * LONG;
            for side in [-1.0, 1.0] {
                let at = [x + side * (LONG / 2.0 - THICK), y + TALL / 2.0];
                bodies.push(card(kit::rect(THICK, TALL), at, level));
            }
        }
        y += TALL;
        for bay in 0..bays {
            let x = x0 + bay as f32 * LONG;
            bodies.push(card(
                kit::rect(LONG - 0.02, THICK),
                [x, y + THICK / 2.0],
                level,
            ));
        }
        y += THICK;
    }
    kit::scene(bodies, [0.0, y / 2.0], y * 1.4 + 3.0)
}
