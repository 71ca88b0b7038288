//! Every preset builds, runs 10 s without blowing up, and behaves like what it is.

use tumble_core::{presets, BodyId, World};

const TEN_SECONDS: usize = 600;

fn world(spec: &str) -> World {
    World::from_scene(&presets::build_spec(spec).unwrap()).unwrap()
}

fn position(world: &World, id: BodyId) -> [f32; 2] {
    world.body(id).unwrap().position
}

#[test]
fn every_preset_runs_ten_seconds_without_nan_or_escapes() {
    for preset in presets::all() {
        let mut world = world(preset.name);
        for _ in 0..TEN_SECONDS {
            world.step();
        }
        for id in world.body_ids() {
            let b = world.body(id).unwrap();
            let values = [
                b.position[0],
                b.position[1],
                b.angle,
                b.linear_velocity[0],
                b.linear_velocity[1],
                b.angular_velocity,
            ];
            assert!(
                values.iter().all(|v| v.is_finite()),
                "{}: {b:?}",
                preset.name
            );
            assert!(
                b.position[1] > -50.0,
                "{}: a body fell through the floor",
                preset.name
            );
        }
        assert!(
            world.frame().transforms.iter().all(|v| v.is_finite()),
            "{}",
            preset.name
        );
    }
}

#[test]
fn the_pyramid_stands() {
    let mut world = world("pyramid?base=20");
    let top = *world.body_ids().last().unwrap();
    let start = position(&world, top);
    for _ in 0..TEN_SECONDS {
        world.step();
    }
    let end = position(&world, top);
    assert!(
        (end[1] - start[1]).abs() < 0.1,
        "top box {start:?} -> {end:?}"
    );
    assert!(
        (end[0] - start[0]).abs() < 0.1,
        "top box {start:?} -> {end:?}"
    );
}

#[test]
fn newtons_cradle_passes_momentum_to_the_far_ball() {
    let mut world = world("newtons_cradle?balls=5");
    let balls: Vec<BodyId> = world.body_ids()[1..].to_vec();
    let rest: Vec<[f32; 2]> = balls.iter().map(|&id| position(&world, id)).collect();
    let (first, last) = (balls[0], balls[4]);
    // The first ball needs a quarter period (about 1 s) to swing in; follow the next 1.5 s.
    let mut far_swing = 0.0f32;
    let mut middle_swing = 0.0f32;
    let mut first_max = f32::MIN;
    for _ in 0..150 {
        world.step();
        first_max = first_max.max(position(&world, first)[0]);
        far_swing = far_swing.max(position(&world, last)[0] - rest[4][0]);
        for (i, &id) in balls.iter().enumerate().take(4).skip(1) {
            middle_swing = middle_swing.max((position(&world, id)[0] - rest[i][0]).abs());
        }
    }
    assert!(far_swing > 1.0, "the far ball swung out only {far_swing} m");
    assert!(
        middle_swing < far_swing / 3.0,
        "middle balls moved {middle_swing} m"
    );
    // The first ball hangs one pitch left of the second; having given up its momentum it must
    // not swing on much past that point (it follows the second ball a few centimetres while the
    // slightly soft contacts resolve; a ball that kept its momentum would go ~2.5 m further).
    let hanging = rest[1][0] - (rest[2][0] - rest[1][0]);
    assert!(
        first_max < hanging + 0.25,
        "the first ball swung through to {first_max}"
    );
}

#[test]
fn the_chain_bridge_holds() {
    let mut world = world("chain_bridge?planks=20");
    let joints = world.joint_count();
    let planks: Vec<BodyId> = world.body_ids()[3..23].to_vec();
    for _ in 0..TEN_SECONDS {
        world.step();
    }
    assert_eq!(world.joint_count(), joints);
    for id in planks {
        let y = position(&world, id)[1];
        assert!(y > 2.0 && y < 6.5, "a plank sagged to y = {y}");
    }
}

#[test]
fn the_car_drives_forward() {
    let mut world = world("car");
    let chassis = world.body_ids()[1];
    let start = position(&world, chassis);
    for _ in 0..TEN_SECONDS {
        world.step();
    }
    let end = position(&world, chassis);
    assert!(
        end[0] - start[0] > 5.0,
        "the car moved from {start:?} to {end:?}"
    );
    let b = world.body(chassis).unwrap();
    assert!(b.angle.abs() < 1.2, "the car flipped: angle {}", b.angle);
}

#[test]
fn reversing_the_motor_drives_the_car_backward() {
    let mut world = world("car?speed=-8");
    let chassis = world.body_ids()[1];
    let start = position(&world, chassis)[0];
    for _ in 0..300 {
        world.step();
    }
    assert!(position(&world, chassis)[0] < start - 2.0);
}

#[test]
fn the_tumbler_rotates_and_keeps_its_contents() {
    let mut world = world("tumbler");
    let drum = world.body_ids()[0];
    for _ in 0..TEN_SECONDS {
        world.step();
    }
    let angle = world.body(drum).unwrap().angle;
    // 0.5 rad/s for 10 s is 5 rad, which reads back wrapped to 5 - 2π.
    let expected = 5.0 - std::f32::consts::TAU;
    assert!(
        (angle - expected).abs() < 0.05,
        "the drum is at {angle} rad, expected {expected}"
    );
    let centre = position(&world, drum);
    for id in &world.body_ids()[1..] {
        let p = position(&world, *id);
        let d = ((p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2)).sqrt();
        assert!(d < 6.0 * 1.5, "a body escaped the drum: {p:?}");
    }
}

#[test]
fn the_double_pendulum_swings_but_stays_pinned() {
    let mut world = world("double_pendulum");
    let ids = world.body_ids();
    let (rod1, rod2) = (ids[1], ids[2]);
    let mut lowest = f32::MAX;
    for _ in 0..TEN_SECONDS {
        world.step();
        let p = position(&world, rod1);
        let d = ((p[0] - 0.0).powi(2) + (p[1] - 6.0).powi(2)).sqrt();
        assert!(
            (d - 1.0).abs() < 0.05,
            "rod 1's centre is {d} m from the pivot"
        );
        let q = position(&world, rod2);
        let e = ((q[0] - 0.0).powi(2) + (q[1] - 6.0).powi(2)).sqrt();
        assert!(e < 3.05, "rod 2's centre is {e} m from the pivot");
        lowest = lowest.min(q[1]);
    }
    assert!(
        lowest < 4.0,
        "the pendulum never swung down (lowest {lowest})"
    );
}

#[test]
fn the_windmill_turns() {
    let mut world = world("windmill?speed=1.5");
    let rotor = world.body_ids()[3];
    let mut turned = 0.0f32;
    let mut last = world.body(rotor).unwrap().angle;
    for _ in 0..TEN_SECONDS {
        world.step();
        let a = world.body(rotor).unwrap().angle;
        let mut d = a - last;
        if d > std::f32::consts::PI {
            d -= std::f32::consts::TAU;
        } else if d < -std::f32::consts::PI {
            d += std::f32::consts::TAU;
        }
        turned += d;
        last = a;
    }
    assert!(turned > 10.0, "the rotor turned {turned} rad in 10 s");
    let hub = position(&world, rotor);
    assert!(
        hub[0].abs() < 0.05 && (hub[1] - 5.0).abs() < 0.05,
        "hub moved to {hub:?}"
    );
}

#[test]
fn dominoes_topple_to_the_end() {
    let mut world = world("dominoes?count=20");
    let last = world.body_ids()[20];
    for _ in 0..TEN_SECONDS {
        world.step();
    }
    let b = world.body(last).unwrap();
    assert!(
        b.angle.abs() > 0.5,
        "the last domino stands: angle {}",
        b.angle
    );
}

#[test]
fn galton_balls_end_up_in_the_bins() {
    let mut world = world("galton_board?balls=60");
    for _ in 0..(3 * TEN_SECONDS) {
        world.step();
    }
    let balls = world.body_ids();
    let low = balls[balls.len() - 60..]
        .iter()
        .filter(|&&id| position(&world, id)[1] < 3.0)
        .count();
    assert!(low >= 50, "only {low} of 60 balls reached the bins");
}
