//! Dragging: a grabbed body follows the pointer with a bounded force, and walls stop it.

use tumble_core::{BodyDesc, BodyKind, ShapeDesc, World};

fn rect(w: f32, h: f32) -> ShapeDesc {
    ShapeDesc::Box {
        width: w,
        height: h,
        corner_radius: 0.0,
    }
}

/// Ground at y = 0 and one 1 m box resting on it at x = 0.
fn box_on_ground() -> (World, tumble_core::BodyId) {
    let mut world = World::new();
    world
        .spawn(&BodyDesc::fixed(rect(40.0, 1.0), [0.0, -0.5]))
        .unwrap();
    let id = world
        .spawn(&BodyDesc::new(rect(1.0, 1.0), [0.0, 0.5]))
        .unwrap();
    for _ in 0..30 {
        world.step();
    }
    (world, id)
}

#[test]
fn a_grabbed_box_moves_to_the_pointer() {
    let (mut world, id) = box_on_ground();
    assert_eq!(world.grab([0.0, 0.5]).unwrap(), Some(id));
    assert_eq!(world.grabbed(), Some(id));
    world.drag_to([4.0, 3.0]).unwrap();
    for _ in 0..120 {
        world.step();
    }
    let p = world.body(id).unwrap().position;
    let distance = ((p[0] - 4.0).powi(2) + (p[1] - 3.0).powi(2)).sqrt();
    assert!(
        distance < 0.2,
        "box at {p:?}, {distance} m from the pointer"
    );
    world.release();
    assert_eq!(world.grabbed(), None);
    for _ in 0..120 {
        world.step();
    }
    assert!(
        world.body(id).unwrap().position[1] < 1.0,
        "released box falls back"
    );
}

#[test]
fn a_drag_into_a_static_wall_does_not_pass_through() {
    let (mut world, id) = box_on_ground();
    // A thin wall at x = 3 between the box and the pointer.
    world
        .spawn(&BodyDesc::fixed(rect(0.1, 10.0), [3.0, 5.0]))
        .unwrap();
    world.grab([0.0, 0.5]).unwrap();
    world.drag_to([8.0, 0.5]).unwrap();
    for _ in 0..300 {
        world.step();
        let x = world.body(id).unwrap().position[0];
        assert!(x < 3.0, "the box passed the wall: x = {x}");
    }
    let x = world.body(id).unwrap().position[0];
    assert!(x > 2.0, "the box was pulled up to the wall, x = {x}");
}

#[test]
fn a_fast_flick_does_not_tunnel_through_a_thin_wall() {
    let (mut world, id) = box_on_ground();
    world
        .spawn(&BodyDesc::fixed(rect(0.05, 10.0), [2.0, 5.0]))
        .unwrap();
    world.grab([0.0, 0.5]).unwrap();
    // The pointer jumps far past the wall in one frame.
    world.drag_to([500.0, 0.5]).unwrap();
    for _ in 0..120 {
        world.step();
        assert!(world.body(id).unwrap().position[0] < 2.0);
    }
}

#[test]
fn dragging_a_box_out_of_a_stack_does_not_explode_it() {
    let mut world = World::new();
    world
        .spawn(&BodyDesc::fixed(rect(40.0, 1.0), [0.0, -0.5]))
        .unwrap();
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(
            world
                .spawn(&BodyDesc::new(rect(1.0, 1.0), [0.0, 0.5 + i as f32]))
                .unwrap(),
        );
    }
    for _ in 0..60 {
        world.step();
    }
    // Yank the bottom box sideways.
    world.grab([0.0, 0.5]).unwrap();
    world.drag_to([6.0, 0.5]).unwrap();
    for _ in 0..240 {
        world.step();
        for (i, &id) in ids.iter().enumerate() {
            let b = world.body(id).unwrap();
            let speed = (b.linear_velocity[0].powi(2) + b.linear_velocity[1].powi(2)).sqrt();
            // The dragged box moves at about the anchor's top speed; the rest only topple.
            let limit = if i == 0 { 20.0 } else { 12.0 };
            assert!(speed < limit, "box {i} flew off at {speed} m/s");
            assert!(b.position[1] > -0.1 && b.position[1] < 10.0);
        }
    }
}

#[test]
fn static_bodies_cannot_be_grabbed() {
    let (mut world, _) = box_on_ground();
    assert_eq!(world.grab([10.0, -0.5]).unwrap(), None);
    assert_eq!(world.grabbed(), None);
    assert_eq!(world.grab([10.0, 20.0]).unwrap(), None, "empty space");
}

#[test]
fn removing_the_dragged_body_ends_the_drag() {
    let (mut world, id) = box_on_ground();
    world.grab([0.0, 0.5]).unwrap();
    world.remove_body(id).unwrap();
    assert_eq!(world.grabbed(), None);
    assert_eq!(world.drag_to([1.0, 1.0]).unwrap_err().code(), "drag.none");
    world.step();
    assert_eq!(
        world.body(world.body_ids()[0]).unwrap().kind,
        BodyKind::Static
    );
}
