//! Bad input of every kind gets a typed error with a stable code and the path of what is wrong,
//! and leaves the world exactly as it was (same save, same hash, same structure version).

use tumble_core::{
    presets, BodyDesc, BodyId, JointDesc, JointKind, Limits, Result, Settings, ShapeDesc, World,
};

/// A small world with a few bodies and one joint, stepped a little so it has motion state.
fn world() -> World {
    let mut world =
        World::from_scene(&presets::build("pyramid", &[("base", 3.0)]).unwrap()).unwrap();
    let ids = world.body_ids();
    world
        .add_joint(
            &JointDesc::new(JointKind::Rope, Some(ids[1]), ids[2], [0.0; 2], [0.0; 2])
                .with_max_length(2.0),
        )
        .unwrap();
    for _ in 0..10 {
        world.step();
    }
    world
}

trait RopeExt {
    fn with_max_length(self, len: f32) -> Self;
}
impl RopeExt for JointDesc<BodyId> {
    fn with_max_length(mut self, len: f32) -> Self {
        self.max_length = Some(len);
        self
    }
}

/// Runs `op` on a fresh world and checks the error and that nothing changed.
fn rejects<T: std::fmt::Debug>(
    code: &str,
    path: Option<&str>,
    op: impl FnOnce(&mut World) -> Result<T>,
) {
    let mut w = world();
    let before = (
        w.save().to_json(),
        w.state_hash(),
        w.structure_version(),
        w.body_count(),
    );
    let err = op(&mut w).expect_err("bad input was accepted");
    assert_eq!(err.code(), code, "wrong code for: {err}");
    if let Some(path) = path {
        assert_eq!(err.path(), Some(path), "wrong path for: {err}");
    }
    assert!(!err.to_string().is_empty());
    let after = (
        w.save().to_json(),
        w.state_hash(),
        w.structure_version(),
        w.body_count(),
    );
    assert!(
        before == after,
        "the world changed after a rejected call: {err}"
    );
}

/// A scene with one ball and the joint whose JSON is `joint`.
fn scene_with_joint(joint: &str) -> String {
    format!(
        r#"{{"format":"tumble-scene","version":1,"bodies":[{{"shape":{{"type":"circle","radius":1}},"position":[0,0]}}],"joints":[{joint}]}}"#
    )
}

/// A scene with one body whose JSON is `body`.
fn scene_with_body(body: &str) -> String {
    format!(r#"{{"format":"tumble-scene","version":1,"bodies":[{body}]}}"#)
}

fn load(text: String) -> impl FnOnce(&mut World) -> Result<()> {
    move |w| w.load_json(&text)
}

fn ball(radius: f32, position: [f32; 2]) -> BodyDesc {
    BodyDesc::new(ShapeDesc::Circle { radius }, position)
}

#[test]
fn malformed_json() {
    rejects("scene.parse", Some(""), load("{".into()));
}

#[test]
fn json_that_is_not_an_object() {
    rejects("scene.parse", None, load("[1, 2]".into()));
}

#[test]
fn trailing_garbage_after_the_scene() {
    rejects(
        "scene.parse",
        None,
        load(r#"{"format":"tumble-scene","version":1} x"#.into()),
    );
}

#[test]
fn unknown_top_level_field() {
    rejects(
        "scene.parse",
        Some("gravity"),
        load(r#"{"format":"tumble-scene","version":1,"gravity":[0,-10]}"#.into()),
    );
}

#[test]
fn unknown_body_field() {
    rejects(
        "scene.parse",
        Some("bodies[0].colour"),
        load(scene_with_body(
            r##"{"shape":{"type":"circle","radius":1},"position":[0,0],"colour":"#ff0000"}"##,
        )),
    );
}

#[test]
fn missing_shape() {
    rejects(
        "scene.parse",
        Some("bodies[0]"),
        load(scene_with_body(r#"{"position":[0,0]}"#)),
    );
}

#[test]
fn unknown_shape_type() {
    rejects(
        "scene.parse",
        Some("bodies[0].shape.type"),
        load(scene_with_body(
            r#"{"shape":{"type":"triangle","size":1},"position":[0,0]}"#,
        )),
    );
}

#[test]
fn wrong_type_for_a_number() {
    rejects(
        "scene.parse",
        Some("bodies[0].density"),
        load(scene_with_body(
            r#"{"shape":{"type":"circle","radius":1},"position":[0,0],"density":"heavy"}"#,
        )),
    );
}

#[test]
fn infinite_number_in_json() {
    rejects(
        "scene.parse",
        None,
        load(scene_with_body(
            r#"{"shape":{"type":"circle","radius":1e999},"position":[0,0]}"#,
        )),
    );
}

#[test]
fn not_a_colour() {
    rejects(
        "scene.parse",
        Some("bodies[0].color"),
        load(scene_with_body(
            r##"{"shape":{"type":"circle","radius":1},"position":[0,0],"color":"#12"}"##,
        )),
    );
}

#[test]
fn wrong_format() {
    rejects(
        "scene.version",
        Some("format"),
        load(r#"{"format":"box2d","version":1}"#.into()),
    );
}

#[test]
fn future_version() {
    rejects(
        "scene.version",
        Some("version"),
        load(r#"{"format":"tumble-scene","version":2}"#.into()),
    );
}

#[test]
fn negative_radius() {
    let text = scene_with_body(r#"{"shape":{"type":"circle","radius":-1},"position":[0,0]}"#);
    let mut w = World::new();
    let err = w.load_json(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bodies[0].shape.radius: must be > 0, got -1"
    );
    rejects("scene.invalid", Some("bodies[0].shape.radius"), load(text));
}

#[test]
fn zero_width_box() {
    rejects(
        "scene.invalid",
        Some("bodies[0].shape.width"),
        load(scene_with_body(
            r#"{"shape":{"type":"box","width":0,"height":1},"position":[0,0]}"#,
        )),
    );
}

#[test]
fn corner_radius_larger_than_the_box() {
    rejects(
        "scene.invalid",
        Some("bodies[0].shape.cornerRadius"),
        load(scene_with_body(
            r#"{"shape":{"type":"box","width":1,"height":1,"cornerRadius":0.6},"position":[0,0]}"#,
        )),
    );
}

#[test]
fn restitution_above_one() {
    rejects(
        "scene.invalid",
        Some("bodies[0].restitution"),
        load(scene_with_body(
            r#"{"shape":{"type":"circle","radius":1},"position":[0,0],"restitution":2}"#,
        )),
    );
}

#[test]
fn coordinate_beyond_the_limit() {
    rejects(
        "limit.coordinates",
        Some("bodies[0].position[0]"),
        load(scene_with_body(
            r#"{"shape":{"type":"circle","radius":1},"position":[1e7,0]}"#,
        )),
    );
}

#[test]
fn degenerate_polygon() {
    rejects(
        "scene.invalid",
        Some("bodies[0].shape.points"),
        load(scene_with_body(
            r#"{"shape":{"type":"polygon","points":[[0,0],[1,1],[2,2]]},"position":[0,0]}"#,
        )),
    );
}

#[test]
fn self_intersecting_polygon() {
    rejects(
        "scene.invalid",
        Some("bodies[0].shape.points"),
        load(scene_with_body(
            r#"{"shape":{"type":"polygon","points":[[0,0],[1,1],[1,0],[0,1]]},"position":[0,0]}"#,
        )),
    );
}

#[test]
fn polygon_with_too_many_vertices() {
    let points: Vec<String> = (0..200).map(|i| format!("[{i},{}]", (i % 2))).collect();
    rejects(
        "limit.vertices",
        Some("bodies[0].shape.points"),
        load(scene_with_body(&format!(
            r#"{{"shape":{{"type":"polygon","points":[{}]}},"position":[0,0]}}"#,
            points.join(",")
        ))),
    );
}

#[test]
fn dynamic_segment_has_no_mass() {
    rejects(
        "scene.invalid",
        Some("bodies[0].shape.type"),
        load(scene_with_body(
            r#"{"shape":{"type":"segment","a":[0,0],"b":[1,0]},"position":[0,0]}"#,
        )),
    );
}

#[test]
fn step_rate_of_zero() {
    rejects(
        "scene.invalid",
        Some("settings.hz"),
        load(r#"{"format":"tumble-scene","version":1,"settings":{"hz":0}}"#.into()),
    );
}

#[test]
fn zero_substeps() {
    rejects(
        "scene.invalid",
        Some("settings.substeps"),
        load(r#"{"format":"tumble-scene","version":1,"settings":{"substeps":0}}"#.into()),
    );
}

#[test]
fn joint_to_a_body_index_that_does_not_exist() {
    rejects(
        "scene.invalid",
        Some("joints[0].bodyB"),
        load(r#"{"format":"tumble-scene","version":1,"bodies":[],"joints":[{"type":"revolute","bodyB":3}]}"#.into()),
    );
}

#[test]
fn joint_from_a_body_to_itself_in_a_scene() {
    rejects(
        "joint.invalid",
        Some("joints[0]"),
        load(scene_with_joint(r#"{"type":"weld","bodyA":0,"bodyB":0}"#)),
    );
}

#[test]
fn rope_without_a_length() {
    rejects(
        "scene.invalid",
        Some("joints[0].maxLength"),
        load(scene_with_joint(r#"{"type":"rope","bodyB":0}"#)),
    );
}

#[test]
fn field_of_another_joint_kind() {
    rejects(
        "scene.invalid",
        Some("joints[0].limits"),
        load(scene_with_joint(
            r#"{"type":"rope","bodyB":0,"maxLength":1,"limits":[0,1]}"#,
        )),
    );
}

#[test]
fn scene_text_over_16_mib() {
    let text = format!(
        r#"{{"format":"tumble-scene","version":1,"bodies":[]}}{}"#,
        " ".repeat(16 * 1024 * 1024)
    );
    rejects("limit.scene_bytes", None, load(text));
}

#[test]
fn scene_with_more_bodies_than_the_limit() {
    let mut w = world();
    w.set_limits(Limits {
        max_bodies: 10,
        ..Limits::default()
    });
    let before = w.save().to_json();
    let scene = presets::build("pyramid", &[("base", 4.0)]).unwrap();
    let err = w.load(&scene).unwrap_err();
    assert_eq!(err.code(), "limit.bodies");
    assert_eq!(err.path(), Some("bodies"));
    assert_eq!(w.save().to_json(), before);
}

#[test]
fn spawning_past_the_body_limit() {
    let mut w = world();
    w.set_limits(Limits {
        max_bodies: w.body_count(),
        ..Limits::default()
    });
    let before = w.save().to_json();
    let err = w.spawn(&ball(0.5, [0.0, 5.0])).unwrap_err();
    assert_eq!(err.code(), "limit.bodies");
    assert_eq!(w.save().to_json(), before);
}

#[test]
fn spawn_with_nan_position() {
    rejects("arg.invalid", Some("body.position[0]"), |w| {
        w.spawn(&ball(0.5, [f32::NAN, 0.0]))
    });
}

#[test]
fn spawn_with_infinite_velocity() {
    rejects("arg.invalid", Some("body.linearVelocity[1]"), |w| {
        let mut b = ball(0.5, [0.0, 0.0]);
        b.linear_velocity = [0.0, f32::INFINITY];
        w.spawn(&b)
    });
}

#[test]
fn spawn_with_negative_size() {
    rejects("arg.invalid", Some("body.shape.radius"), |w| {
        w.spawn(&ball(-0.5, [0.0, 0.0]))
    });
}

#[test]
fn stale_body_id_after_removal() {
    rejects("body.stale_id", None, |w| {
        // A generation the slot has not reached: an id from the future, or from another world.
        let id = w.body_ids()[3];
        w.remove_body(BodyId {
            index: id.index,
            generation: id.generation + 1,
        })
    });
}

#[test]
fn stale_id_is_never_another_body() {
    let mut w = world();
    let old = w.body_ids()[2];
    w.remove_body(old).unwrap();
    let new = w.spawn(&ball(0.5, [0.0, 8.0])).unwrap();
    assert_eq!(new.index, old.index, "the slot is reused");
    assert_eq!(w.body(old).unwrap_err().code(), "body.stale_id");
    assert_eq!(
        w.edit_body(old, &ball(1.0, [0.0, 0.0])).unwrap_err().code(),
        "body.stale_id"
    );
    assert_eq!(w.body(new).unwrap().position, [0.0, 8.0]);
}

#[test]
fn joint_to_a_removed_body() {
    let mut w = world();
    let ids = w.body_ids();
    w.remove_body(ids[1]).unwrap();
    let before = w.save().to_json();
    let err = w
        .add_joint(&JointDesc::new(
            JointKind::Revolute,
            Some(ids[1]),
            ids[2],
            [0.0; 2],
            [0.0; 2],
        ))
        .unwrap_err();
    assert_eq!(err.code(), "body.stale_id");
    assert_eq!(w.save().to_json(), before);
}

#[test]
fn joint_from_a_body_to_itself() {
    rejects("joint.invalid", Some("joint"), |w| {
        let id = w.body_ids()[1];
        w.add_joint(&JointDesc::new(
            JointKind::Weld,
            Some(id),
            id,
            [0.0; 2],
            [0.0; 2],
        ))
    });
}

#[test]
fn stale_joint_id() {
    rejects("joint.stale_id", None, |w| {
        let id = w.joint_ids()[0];
        w.remove_joint(tumble_core::JointId {
            index: id.index,
            generation: id.generation + 1,
        })
    });
}

#[test]
fn advance_with_nan_negative_or_zero_dt() {
    for dt in [f64::NAN, -0.016, 0.0, f64::INFINITY] {
        rejects("arg.invalid", Some("dt"), |w| w.advance(dt));
    }
}

#[test]
fn settings_out_of_range() {
    rejects("arg.invalid", Some("settings.timeScale"), |w| {
        w.set_settings(Settings {
            time_scale: -1.0,
            ..w.settings()
        })
    });
    rejects("arg.invalid", Some("settings.gravity[1]"), |w| {
        w.set_gravity([0.0, f32::NAN])
    });
}

#[test]
fn drag_without_a_grab() {
    rejects("drag.none", None, |w| w.drag_to([0.0, 0.0]));
}

#[test]
fn grab_at_nan() {
    rejects("arg.invalid", Some("point[0]"), |w| w.grab([f32::NAN, 0.0]));
}

#[test]
fn unknown_preset_and_bad_preset_parameter() {
    assert_eq!(
        presets::build_spec("volcano").unwrap_err().code(),
        "preset.unknown"
    );
    assert_eq!(
        presets::build_spec("rain?count=1e9").unwrap_err().code(),
        "preset.param"
    );
}
