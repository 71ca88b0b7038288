use tumble_core::{presets, World};

#[test]
fn pyramid_steps_and_buffers_fill() {
    let scene = presets::build("pyramid", &[("base", 5.0)]).unwrap();
    let mut world = World::from_scene(&scene).unwrap();
    assert_eq!(world.body_count(), 16);
    for _ in 0..120 {
        world.advance(1.0 / 60.0).unwrap();
    }
    let f = world.frame();
    assert_eq!(f.transforms.len(), 16 * 4);
    let top = f.transforms[15 * 4 + 1];
    assert!((top - 4.5).abs() < 0.05, "top box at {top}");
    let saved = world.save();
    let json = saved.to_json();
    let mut other = World::new();
    other.load_json(&json).unwrap();
    for _ in 0..60 {
        world.step();
        other.step();
    }
    assert_eq!(world.state_hash(), other.state_hash());
}
