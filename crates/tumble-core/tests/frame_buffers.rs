//! The frame buffers: layout, stable slots, structure version, contacts and debug lines.

mod common;

use tumble_core::frame::{self, shape, state, CONTACT_STRIDE, SHAPE_STRIDE, TRANSFORM_STRIDE};
use tumble_core::{BodyDesc, Color, JointDesc, JointKind, ShapeDesc, World};

/// A static 10 m floor whose top is at y = 0.
fn spawn_ground(world: &mut World) -> tumble_core::BodyId {
    let floor = ShapeDesc::Box {
        width: 10.0,
        height: 1.0,
        corner_radius: 0.0,
    };
    world.spawn(&BodyDesc::fixed(floor, [0.0, -0.5])).unwrap()
}

fn ball(x: f32, y: f32) -> BodyDesc {
    BodyDesc::new(ShapeDesc::Circle { radius: 0.5 }, [x, y])
}

#[test]
fn transforms_hold_position_and_cos_sin_per_slot() {
    let mut world = World::new();
    let id = world.spawn(&ball(1.0, 2.0).with_angle(0.5)).unwrap();
    let f = world.frame();
    assert_eq!(f.transforms.len(), TRANSFORM_STRIDE);
    let t = &f.transforms[id.index as usize * TRANSFORM_STRIDE..][..TRANSFORM_STRIDE];
    assert_eq!([t[0], t[1]], [1.0, 2.0]);
    assert!((t[2] - 0.5f32.cos()).abs() < 1e-6 && (t[3] - 0.5f32.sin()).abs() < 1e-6);
    assert_eq!(f.slot_ids[0], id.to_f64());
    assert_eq!(f.shapes[shape::KIND], shape::CIRCLE);
    assert_eq!(f.shapes[shape::P0], 0.5);
    assert_eq!(f.colors[0], Color::DEFAULT.0);
    assert_ne!(f.body_state[0] & state::OCCUPIED, 0);
    assert_ne!(f.body_state[0] & state::AWAKE, 0);
}

#[test]
fn removing_a_body_does_not_move_any_other_slot() {
    let mut world = World::new();
    let ids: Vec<_> = (0..5)
        .map(|i| world.spawn(&ball(i as f32 * 2.0, 0.0)).unwrap())
        .collect();
    let version = world.structure_version();
    let before = world.frame().transforms.clone();
    world.remove_body(ids[2]).unwrap();
    assert_ne!(world.structure_version(), version);
    let f = world.frame();
    assert_eq!(f.transforms.len(), before.len(), "slot count is unchanged");
    for slot in [0, 1, 3, 4] {
        let range = slot * TRANSFORM_STRIDE..(slot + 1) * TRANSFORM_STRIDE;
        assert_eq!(f.transforms[range.clone()], before[range]);
        assert_eq!(f.slot_ids[slot], ids[slot].to_f64());
    }
    assert_eq!(f.body_state[2] & state::OCCUPIED, 0);
    assert_eq!(f.shapes[2 * SHAPE_STRIDE + shape::KIND], shape::NONE);
    assert_eq!(f.slot_ids[2], -1.0);
    // The next spawn reuses the hole.
    let new = world.spawn(&ball(9.0, 9.0)).unwrap();
    assert_eq!(new.index, 2);
    assert_eq!(world.slot_count(), 5);
}

#[test]
fn structure_version_changes_on_edits_but_not_on_steps() {
    let mut world = World::new();
    let id = world.spawn(&ball(0.0, 0.0)).unwrap();
    let v0 = world.structure_version();
    world.step();
    world.advance(0.1).unwrap();
    assert_eq!(world.structure_version(), v0);
    let mut desc = world.body(id).unwrap();
    desc.color = Color(0x112233ff);
    world.edit_body(id, &desc).unwrap();
    assert_ne!(world.structure_version(), v0);
    assert_eq!(world.frame().colors[0], 0x112233ff);
}

#[test]
fn polygon_vertices_are_in_the_shared_buffer() {
    let mut world = World::new();
    world.spawn(&ball(0.0, 0.0)).unwrap();
    let tri = vec![[0.0, 1.0], [-1.0, -1.0], [1.0, -1.0]];
    world
        .spawn(&BodyDesc::new(
            ShapeDesc::Polygon {
                points: tri.clone(),
            },
            [3.0, 0.0],
        ))
        .unwrap();
    let f = world.frame();
    let s = &f.shapes[SHAPE_STRIDE..2 * SHAPE_STRIDE];
    assert_eq!(s[shape::KIND], shape::POLYGON);
    let (start, count) = (
        s[shape::VERTEX_START] as usize,
        s[shape::VERTEX_COUNT] as usize,
    );
    assert_eq!(count, 3);
    let flat: Vec<f32> = tri.iter().flatten().copied().collect();
    assert_eq!(&f.vertices[start * 2..(start + count) * 2], &flat[..]);
}

#[test]
fn joints_report_world_space_anchors() {
    let mut world = World::new();
    let a = world.spawn(&ball(0.0, 0.0)).unwrap();
    let b = world.spawn(&ball(2.0, 0.0)).unwrap();
    let joint = world
        .add_joint(&JointDesc::new(
            JointKind::Revolute,
            Some(a),
            b,
            [1.0, 0.0],
            [-1.0, 0.0],
        ))
        .unwrap();
    let f = world.frame();
    assert_eq!(f.joints.len(), frame::JOINT_STRIDE);
    assert_eq!(&f.joints[1..5], &[1.0, 0.0, 1.0, 0.0]);
    assert_eq!(f.joint_ids[0], joint.to_f64());
    world.remove_body(a).unwrap();
    assert_eq!(world.joint_count(), 0, "removing a body removes its joints");
    assert!(world.frame().joints.is_empty());
}

#[test]
fn contact_events_are_reported_only_when_enabled() {
    let mut world = World::new();
    let ground = spawn_ground(&mut world);
    let ball_id = world.spawn(&ball(0.0, 1.0)).unwrap();
    for _ in 0..60 {
        world.step();
        assert!(world.frame().contacts.is_empty());
    }
    let mut events = Vec::new();
    world.set_contact_events(true);
    world.set_velocity(ball_id, [0.0, 5.0], 0.0).unwrap();
    for _ in 0..120 {
        world.step();
        events.extend_from_slice(&world.frame().contacts);
    }
    let begins: Vec<_> = events
        .chunks(CONTACT_STRIDE)
        .filter(|e| e[0] == frame::contact::BEGIN)
        .collect();
    let ends = events
        .chunks(CONTACT_STRIDE)
        .filter(|e| e[0] == frame::contact::END)
        .count();
    assert!(
        !begins.is_empty() && ends >= 1,
        "bounce: {} begins, {ends} ends",
        begins.len()
    );
    let e = begins.last().unwrap();
    let ids = [e[1], e[2]];
    assert!(ids.contains(&ground.to_f64()) && ids.contains(&ball_id.to_f64()));
    assert!(
        e[3].abs() < 1.0 && e[4].abs() < 0.2,
        "contact point {:?}",
        &e[3..5]
    );
    assert!(e[5] > 0.0, "normal impulse {}", e[5]);
}

#[test]
fn debug_lines_are_empty_when_off_and_drawn_when_on() {
    let mut world = World::new();
    world.spawn(&ball(0.0, 0.0)).unwrap();
    world.step();
    assert!(world.frame().debug_lines.is_empty());
    world.set_debug_lines(true);
    world.step();
    assert_eq!(
        world.frame().debug_lines.len(),
        5 * frame::DEBUG_LINE_STRIDE,
        "one AABB and one centre of mass"
    );
}

#[test]
fn the_centre_of_mass_line_sits_at_the_body_centre_of_mass() {
    let mut world = World::new();
    // A concave L: its centre of mass is off its origin.
    let l_shape = BodyDesc::new(common::l_of_three_unit_squares(), [3.0, 4.0]);
    world.spawn(&l_shape).unwrap();
    world.set_debug_lines(true);
    let lines = &world.frame().debug_lines;
    let centres: Vec<&[f32]> = lines
        .chunks(frame::DEBUG_LINE_STRIDE)
        .filter(|l| l[4] == frame::debug_line::CENTER_OF_MASS)
        .collect();
    assert_eq!(centres.len(), 1);
    // Three unit squares at (0.5,0.5), (1.5,0.5), (0.5,1.5): the centroid is (5/6, 5/6).
    let expected = [3.0 + 5.0 / 6.0, 4.0 + 5.0 / 6.0];
    let c = centres[0];
    assert!(
        (c[0] - expected[0]).abs() < 1e-4 && (c[1] - expected[1]).abs() < 1e-4,
        "{c:?}"
    );
    assert_eq!((c[0], c[1]), (c[2], c[3]), "a point, not a line");
}

#[test]
fn sleeping_bodies_are_flagged() {
    let mut world = World::new();
    spawn_ground(&mut world);
    world.spawn(&ball(0.0, 0.5)).unwrap();
    for _ in 0..300 {
        world.step();
    }
    assert_eq!(
        world.frame().body_state[1] & state::AWAKE,
        0,
        "the ball fell asleep"
    );
    assert_eq!(
        (world.frame().body_state[0] >> state::KIND_SHIFT) & state::KIND_MASK,
        1,
        "the ground is static"
    );
}

#[test]
fn queries_find_the_topmost_body_and_bodies_in_a_rectangle() {
    let mut world = World::new();
    let low = world.spawn(&ball(0.0, 0.0)).unwrap();
    let high = world.spawn(&ball(0.2, 0.0)).unwrap();
    let far = world.spawn(&ball(5.0, 0.0)).unwrap();
    assert_eq!(
        world.body_at([0.1, 0.0]).unwrap(),
        Some(high),
        "later slot is on top"
    );
    assert_eq!(world.body_at([-0.4, 0.0]).unwrap(), Some(low));
    assert_eq!(world.body_at([2.5, 0.0]).unwrap(), None);
    assert_eq!(
        world.bodies_in_rect([-1.0, -1.0], [1.0, 1.0]).unwrap(),
        vec![low, high]
    );
    assert_eq!(
        world.bodies_in_rect([6.0, 1.0], [4.0, -1.0]).unwrap(),
        vec![far]
    );
}

#[test]
fn advance_runs_fixed_steps_and_caps_a_slow_frame() {
    let mut world = World::new();
    world.spawn(&ball(0.0, 0.0)).unwrap();
    assert_eq!(world.advance(1.0 / 60.0).unwrap(), 1);
    assert_eq!(world.advance(0.5 / 60.0).unwrap(), 0);
    assert_eq!(
        world.advance(0.5 / 60.0).unwrap(),
        1,
        "leftover time carries over"
    );
    // A 2 s hitch runs at most max_steps_per_advance and drops the rest.
    let max = world.settings().max_steps_per_advance;
    assert_eq!(world.advance(2.0).unwrap(), max);
    assert_eq!(
        world.advance(1.0 / 120.0).unwrap(),
        0,
        "the backlog was dropped"
    );
    assert_eq!(world.step_count(), 2 + max as u64);
}
