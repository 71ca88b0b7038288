//! `web/src/internal/layout.ts` mirrors the frame-buffer layouts of tumble-core and the frame
//! header of tumble-wasm, and `web/src/internal/limits.ts` the limits the TypeScript layer checks
//! itself. These tests read the TypeScript files and fail on any drift.

use std::collections::HashMap;

use tumble_core::frame::{self, contact, debug_line, joint, shape, state, transform};
use tumble_wasm::header;

/// The text of `web/src/internal/<file>`.
fn internal_ts_text(file: &str) -> String {
    let path = format!(
        "{}/../../web/src/internal/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path} is not readable: {e}"))
}

fn layout_ts_text() -> String {
    internal_ts_text("layout.ts")
}

/// Every `export const NAME = <number>;` of `web/src/internal/<file>`.
fn numbers_in(file: &str) -> HashMap<String, f64> {
    internal_ts_text(file)
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("export const ")?;
            let (name, value) = rest.split_once(" = ")?;
            let value: f64 = value.trim_end_matches(';').trim().parse().ok()?;
            Some((name.to_string(), value))
        })
        .collect()
}

fn layout_ts() -> HashMap<String, f64> {
    numbers_in("layout.ts")
}

#[test]
fn limits_ts_matches_the_rust_limits() {
    let ts = numbers_in("limits.ts");
    let rust = [
        (
            "MAX_SCENE_BYTES",
            tumble_core::limits::MAX_SCENE_BYTES as f64,
        ),
        ("MAX_HZ", tumble_core::limits::MAX_HZ as f64),
        (
            "MAX_POLYGON_VERTICES",
            tumble_core::limits::MAX_POLYGON_VERTICES as f64,
        ),
        (
            "MAX_POLYLINE_VERTICES",
            tumble_core::limits::MAX_POLYLINE_VERTICES as f64,
        ),
        ("MIN_SIZE", tumble_core::limits::MIN_SIZE as f64),
        (
            "MIN_POLYGON_AREA",
            tumble_core::shape::MIN_POLYGON_AREA as f64,
        ),
        ("MAX_COORDINATE", tumble_core::limits::MAX_COORDINATE as f64),
    ];
    for (name, value) in rust {
        // Compared as f32: the Rust side holds some of these as f32 (1e-3 is not exact there).
        assert_eq!(
            ts.get(name).map(|&v| v as f32),
            Some(value as f32),
            "limits.ts {name}"
        );
    }
    assert_eq!(
        ts.len(),
        rust.len(),
        "limits.ts has a value this test does not check: {ts:?}"
    );
}

#[test]
fn layout_ts_matches_the_rust_layouts() {
    let ts = layout_ts();
    let rust: &[(&str, f64)] = &[
        ("TRANSFORM_STRIDE", frame::TRANSFORM_STRIDE as f64),
        ("TRANSFORM_X", transform::X as f64),
        ("TRANSFORM_Y", transform::Y as f64),
        ("TRANSFORM_COS", transform::COS as f64),
        ("TRANSFORM_SIN", transform::SIN as f64),
        ("STATE_OCCUPIED", state::OCCUPIED as f64),
        ("STATE_AWAKE", state::AWAKE as f64),
        ("STATE_SELECTED", state::SELECTED as f64),
        ("STATE_GRABBED", state::GRABBED as f64),
        ("STATE_KIND_SHIFT", state::KIND_SHIFT as f64),
        ("STATE_KIND_MASK", state::KIND_MASK as f64),
        ("KIND_DYNAMIC", tumble_core::BodyKind::Dynamic.code() as f64),
        ("KIND_STATIC", tumble_core::BodyKind::Static.code() as f64),
        (
            "KIND_KINEMATIC",
            tumble_core::BodyKind::Kinematic.code() as f64,
        ),
        ("SHAPE_STRIDE", frame::SHAPE_STRIDE as f64),
        ("SHAPE_KIND", shape::KIND as f64),
        ("SHAPE_P0", shape::P0 as f64),
        ("SHAPE_P1", shape::P1 as f64),
        ("SHAPE_P2", shape::P2 as f64),
        ("SHAPE_VERTEX_START", shape::VERTEX_START as f64),
        ("SHAPE_VERTEX_COUNT", shape::VERTEX_COUNT as f64),
        ("SHAPE_NONE", shape::NONE as f64),
        ("SHAPE_CIRCLE", shape::CIRCLE as f64),
        ("SHAPE_BOX", shape::BOX as f64),
        ("SHAPE_CAPSULE", shape::CAPSULE as f64),
        ("SHAPE_POLYGON", shape::POLYGON as f64),
        ("SHAPE_SEGMENT", shape::SEGMENT as f64),
        ("SHAPE_POLYLINE", shape::POLYLINE as f64),
        ("SHAPE_CLOSED_POLYLINE", shape::CLOSED_POLYLINE as f64),
        ("JOINT_STRIDE", frame::JOINT_STRIDE as f64),
        ("JOINT_KIND", joint::KIND as f64),
        ("JOINT_AX", joint::AX as f64),
        ("JOINT_AY", joint::AY as f64),
        ("JOINT_BX", joint::BX as f64),
        ("JOINT_BY", joint::BY as f64),
        ("JOINT_FLAGS", joint::FLAGS as f64),
        ("JOINT_FLAG_MOTOR", joint::FLAG_MOTOR as f64),
        (
            "JOINT_REVOLUTE",
            tumble_core::JointKind::Revolute.code() as f64,
        ),
        (
            "JOINT_PRISMATIC",
            tumble_core::JointKind::Prismatic.code() as f64,
        ),
        ("JOINT_WELD", tumble_core::JointKind::Weld.code() as f64),
        ("JOINT_ROPE", tumble_core::JointKind::Rope.code() as f64),
        ("JOINT_SPRING", tumble_core::JointKind::Spring.code() as f64),
        ("CONTACT_STRIDE", frame::CONTACT_STRIDE as f64),
        ("CONTACT_BEGIN", contact::BEGIN),
        ("CONTACT_END", contact::END),
        ("DEBUG_LINE_STRIDE", frame::DEBUG_LINE_STRIDE as f64),
        ("DEBUG_LINE_AABB", debug_line::AABB as f64),
        (
            "DEBUG_LINE_CONTACT_NORMAL",
            debug_line::CONTACT_NORMAL as f64,
        ),
        (
            "DEBUG_LINE_CENTER_OF_MASS",
            debug_line::CENTER_OF_MASS as f64,
        ),
        ("HEADER_LEN", header::HEADER_LEN as f64),
        (
            "HEADER_STRUCTURE_VERSION",
            header::HEADER_STRUCTURE_VERSION as f64,
        ),
        ("HEADER_SLOT_COUNT", header::HEADER_SLOT_COUNT as f64),
        ("HEADER_BODY_COUNT", header::HEADER_BODY_COUNT as f64),
        ("HEADER_JOINT_COUNT", header::HEADER_JOINT_COUNT as f64),
        ("HEADER_STEPS", header::HEADER_STEPS as f64),
        ("HEADER_BUFFERS", header::HEADER_BUFFERS as f64),
    ];
    let mut wrong = Vec::new();
    for (name, value) in rust {
        match ts.get(*name) {
            Some(v) if v == value => {}
            Some(v) => wrong.push(format!("{name}: layout.ts {v}, Rust {value}")),
            None => wrong.push(format!("{name}: missing from layout.ts")),
        }
    }
    assert!(wrong.is_empty(), "layout.ts drifted:\n{}", wrong.join("\n"));
    assert_eq!(
        ts.len(),
        rust.len(),
        "layout.ts has constants this test does not check"
    );
}

#[test]
fn layout_ts_lists_the_header_buffers_in_header_order() {
    let text = layout_ts_text();
    let start = text
        .find("export const BUFFER_ORDER = [")
        .expect("layout.ts declares BUFFER_ORDER");
    let list = &text[start..];
    let list = &list[list.find('[').unwrap() + 1..list.find(']').unwrap()];
    let names: Vec<&str> = list
        .split(',')
        .map(|item| item.trim().trim_matches('\''))
        .filter(|item| !item.is_empty())
        .collect();
    assert_eq!(names, header::BUFFER_NAMES);
}
