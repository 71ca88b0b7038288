//! Blow-ups: bodies that leave the world or turn non-finite are removed and reported, and a scene
//! built to explode (springs a billion times too stiff on feather-light beads) stays finite.
//! rapier's own speed cap and implicit springs absorbed every explosive scene we built; the
//! guard's NaN path is tested in `world/blowups.rs` by corrupting a body directly.

use tumble_core::{BodyDesc, JointDesc, JointKind, ShapeDesc, World};

fn ball(x: f32, y: f32) -> BodyDesc {
    BodyDesc::new(ShapeDesc::Circle { radius: 0.5 }, [x, y])
}

#[test]
fn a_body_that_leaves_the_world_is_removed_and_reported() {
    let mut world = World::new();
    let calm = world.spawn(&ball(0.0, 0.0)).unwrap();
    // Just inside the coordinate limit and falling: one step takes it past 1e6 m.
    let mut falling = ball(0.0, -999_999.9);
    falling.linear_velocity = [0.0, -100.0];
    let falling = world.spawn(&falling).unwrap();
    world.step();
    assert_eq!(world.instabilities(), &[falling]);
    assert_eq!(world.body(falling).unwrap_err().code(), "body.stale_id");
    assert!(world.body(calm).is_ok());
    world.step();
    assert!(
        world.instabilities().is_empty(),
        "reported once, for the step it happened in"
    );
}

#[test]
fn an_absurdly_stiff_spring_chain_does_not_poison_the_world() {
    let mut world = World::new();
    world
        .spawn(&BodyDesc::fixed(
            ShapeDesc::Box {
                width: 40.0,
                height: 1.0,
                corner_radius: 0.0,
            },
            [0.0, -0.5],
        ))
        .unwrap();
    let bystanders: Vec<_> = (0..10)
        .map(|i| world.spawn(&ball(-15.0 + i as f32, 0.5)).unwrap())
        .collect();
    // Feather-light beads on springs a billion times too stiff, stretched far from rest.
    let mut beads = Vec::new();
    for i in 0..8 {
        let mut bead = BodyDesc::new(
            ShapeDesc::Circle { radius: 0.01 },
            [5.0 + i as f32 * 3.0, 8.0],
        );
        bead.density = 1.0e-3;
        beads.push(world.spawn(&bead).unwrap());
    }
    for pair in beads.windows(2) {
        let mut spring = JointDesc::new(
            JointKind::Spring,
            Some(pair[0]),
            pair[1],
            [0.0; 2],
            [0.0; 2],
        );
        spring.stiffness = Some(1.0e9);
        spring.damping = Some(0.0);
        spring.rest_length = Some(0.0);
        world.add_joint(&spring).unwrap();
    }
    let mut removed = 0;
    for _ in 0..600 {
        world.step();
        removed += world.instabilities().len();
        assert!(world.frame().transforms.iter().all(|v| v.is_finite()));
    }
    for id in bystanders {
        let b = world.body(id).unwrap();
        assert!(
            b.position[1] > 0.0 && b.position[1] < 1.0,
            "a bystander was disturbed: {b:?}"
        );
    }
    // Whatever the beads did, every body left is finite and within bounds.
    for id in world.body_ids() {
        let b = world.body(id).unwrap();
        assert!(b
            .position
            .iter()
            .chain(&b.linear_velocity)
            .all(|v| v.is_finite()));
        assert!(b
            .linear_velocity
            .iter()
            .all(|v| v.abs() <= tumble_core::world::MAX_SPEED));
    }
    println!("beads removed by the blow-up guard: {removed}");
}
