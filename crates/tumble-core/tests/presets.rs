//! Every preset builds, runs 10 s without blowing up, and behaves like what it is.

use tumble_core::{presets, BodyId, JointKind, World};

const TEN_SECONDS: usize = 600;

fn world(spec: &str) -> World {
    World::from_scene(&presets::build_spec(spec).unwrap()).unwrap()
}

fn position(world: &World, id: BodyId) -> [f32; 2] {
    world.body(id).unwrap().position
}

fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// Where a point given in `id`'s own frame is in the world.
fn world_point(world: &World, id: BodyId, local: [f32; 2]) -> [f32; 2] {
    let b = world.body(id).unwrap();
    let (s, c) = b.angle.sin_cos();
    [
        b.position[0] + c * local[0] - s * local[1],
        b.position[1] + s * local[0] + c * local[1],
    ]
}

/// The worst violation among the joints: how far apart a pin's anchors are, or how far a rope's
/// anchors are beyond its length.
fn worst_joint_error(world: &World) -> f32 {
    let mut worst = 0.0f32;
    for id in world.joint_ids() {
        let j = world.joint(id).unwrap();
        let a = match j.body_a {
            Some(body) => world_point(world, body, j.anchor_a),
            None => j.anchor_a,
        };
        let gap = distance(a, world_point(world, j.body_b, j.anchor_b));
        let error = match j.kind {
            JointKind::Revolute => gap,
            JointKind::Rope => gap - j.max_length.unwrap(),
            _ => 0.0,
        };
        worst = worst.max(error);
    }
    worst
}

/// Steps 10 s and checks that every body stays finite and above y = -50.
fn run_and_check(spec: &str) {
    let mut world = world(spec);
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
        assert!(values.iter().all(|v| v.is_finite()), "{spec}: {b:?}");
        assert!(
            b.position[1] > -50.0,
            "{spec}: a body escaped, it is at {:?}",
            b.position
        );
    }
    assert!(
        world.frame().transforms.iter().all(|v| v.is_finite()),
        "{spec}"
    );
}

#[test]
fn every_preset_runs_ten_seconds_without_nan_or_escapes() {
    for preset in presets::all() {
        run_and_check(preset.name);
    }
}

#[test]
fn every_preset_survives_its_parameter_extremes() {
    for preset in presets::all() {
        for p in preset.params {
            for value in [p.min, p.max] {
                let spec = format!("{}?{}={value}", preset.name, p.name);
                // The benchmark scenes go to tens of thousands of bodies: too slow for a test.
                if presets::build_spec(&spec).unwrap().bodies.len() > 4000 {
                    continue;
                }
                run_and_check(&spec);
            }
        }
    }
}

#[test]
fn joints_start_closed_and_hold() {
    for preset in presets::all() {
        let mut world = world(preset.name);
        let start = worst_joint_error(&world);
        assert!(
            start < 1e-3,
            "{}: a joint starts {start} m open",
            preset.name
        );
        // Hard landings (a ragdoll dropping off the top step) open rapier's soft joints for a
        // step or two, by up to about 0.3 m; a broken joint would let its bodies drift apart.
        let mut worst = 0.0f32;
        for _ in 0..TEN_SECONDS {
            world.step();
            worst = worst.max(worst_joint_error(&world));
        }
        assert!(worst < 0.5, "{}: a joint opened {worst} m", preset.name);
        let end = worst_joint_error(&world);
        assert!(
            end < 0.1,
            "{}: a joint is {end} m open at rest",
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
    // The drum's corners are 6√2 ≈ 8.5 m from its centre.
    let centre = position(&world, drum);
    for id in &world.body_ids()[1..] {
        let p = position(&world, *id);
        assert!(distance(p, centre) < 8.5, "a body escaped the drum: {p:?}");
    }
}

#[test]
fn the_double_pendulum_swings_but_stays_pinned() {
    let mut world = world("double_pendulum");
    let ids = world.body_ids();
    let (rod1, rod2) = (ids[1], ids[2]);
    let pivot = [0.0, 6.0];
    let mut lowest = f32::MAX;
    for _ in 0..TEN_SECONDS {
        world.step();
        // Rods are 2 m long, pinned at their ends: rod 1's centre is 1 m from the pivot, rod 2's
        // at most 3 m.
        let d = distance(position(&world, rod1), pivot);
        assert!(
            (d - 1.0).abs() < 0.05,
            "rod 1's centre is {d} m from the pivot"
        );
        let q = position(&world, rod2);
        let e = distance(q, pivot);
        assert!(e < 3.05, "rod 2's centre is {e} m from the pivot");
        lowest = lowest.min(q[1]);
    }
    assert!(
        lowest < 4.0,
        "the pendulum never swung down (lowest {lowest})"
    );
}

/// How far apart rod 2 ends up in two pendulums started `angle` and `angle + 0.001` rad out.
fn pendulum_divergence(angle: f32) -> (f32, f32) {
    let mut a = world(&format!("double_pendulum?angle={angle}"));
    let mut b = world(&format!("double_pendulum?angle={}", angle + 0.001));
    let rod2 = a.body_ids()[2];
    let mut early = 0.0f32;
    for step in 0..TEN_SECONDS {
        a.step();
        b.step();
        if step < 60 {
            early = early.max(distance(position(&a, rod2), position(&b, rod2)));
        }
    }
    (early, distance(position(&a, rod2), position(&b, rod2)))
}

#[test]
fn the_double_pendulum_is_chaotic_when_started_high() {
    // Started at 2 rad, a milliradian grows into metres within 10 s...
    let (early, late) = pendulum_divergence(2.0);
    assert!(
        early < 0.05,
        "the two runs differed by {early} m within 1 s"
    );
    assert!(
        late > 0.5,
        "the two runs are only {late} m apart after 10 s"
    );
    // ...while small swings stay regular: the same nudge stays a few millimetres.
    let (_, late) = pendulum_divergence(0.2);
    assert!(late < 0.05, "small swings diverged by {late} m");
}

#[test]
fn the_windmill_turns() {
    let mut world = world("windmill?speed=1.5");
    let rotor = world.joint(world.joint_ids()[0]).unwrap().body_b;
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
fn galton_balls_fill_the_bins_in_a_bell_curve() {
    let mut world = world("galton_board");
    let balls: Vec<BodyId> = world
        .body_ids()
        .into_iter()
        .filter(|&id| world.body(id).unwrap().kind == tumble_core::BodyKind::Dynamic)
        .collect();
    assert_eq!(balls.len(), 200);
    for _ in 0..(3 * TEN_SECONDS) {
        world.step();
    }
    let ends: Vec<[f32; 2]> = balls.iter().map(|&id| position(&world, id)).collect();
    // The bin dividers are 4 m tall: every ball got through the funnel and the pegs.
    let high: Vec<_> = ends.iter().filter(|p| p[1] > 4.0).collect();
    assert!(high.is_empty(), "balls still above the bins: {high:?}");
    // Twelve rows of pegs 0.6 m apart: an ideal board spreads the balls binomially, with a
    // standard deviation of √12 / 2 × 0.6 ≈ 1.04 m and 85 % within the middle five bins
    // (|x| < 1.5 m). Balls that fly down the lattice's diagonals pile at the sides instead.
    let n = ends.len() as f32;
    let mean = ends.iter().map(|p| p[0]).sum::<f32>() / n;
    let sd = (ends.iter().map(|p| (p[0] - mean).powi(2)).sum::<f32>() / n).sqrt();
    let middle = ends.iter().filter(|p| p[0].abs() < 1.5).count() as f32 / n;
    assert!(mean.abs() < 0.3, "the pile is off centre: mean x {mean}");
    assert!(
        (0.7..1.4).contains(&sd),
        "spread {sd} m is not a 12-row bell curve"
    );
    assert!(
        middle > 0.7,
        "only {middle} of the balls in the middle bins"
    );
}
