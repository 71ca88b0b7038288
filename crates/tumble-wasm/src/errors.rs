//! Turning a `TumbleError` into the JavaScript `Error` every fallible export throws.
//!
//! [`to_js`] is the one place this happens. The thrown value is a real JS `Error` (so it has a
//! stack) with three properties:
//!
//! - `code`: the stable string of [`TumbleError::code`]; JavaScript switches on it;
//! - `message`: for a person, naming the path when there is one
//!   (`bodies[0].shape.radius: must be > 0, got -1`);
//! - `path`: only when the error is about one place in a scene or an argument.
//!
//! | `code` | thrown by | `path` |
//! |---|---|---|
//! | `scene.parse` | `fromJson`, `load`: not JSON, unknown field, wrong type | JSON path, e.g. `bodies[0].colour` (none for the root) |
//! | `scene.invalid` | `fromJson`, `load`: a value out of range | JSON path, e.g. `bodies[0].shape.radius` |
//! | `scene.version` | `fromJson`, `load`: another `format` or `version` | `format` or `version` |
//! | `arg.invalid` | any call: NaN, out-of-range or ill-shaped argument | argument path, e.g. `dt`, `body.shape.radius`, `settings.hz` |
//! | `body.stale_id` | a removed body's id, or a number that cannot be an id | none |
//! | `joint.stale_id` | a removed joint's id, or a number that cannot be an id | none |
//! | `joint.invalid` | `addJoint`, `editJoint`, scenes: a body joined to itself | `joint` or `joints[i]` |
//! | `limit.bodies`, `limit.joints`, `limit.vertices`, `limit.scene_bytes`, `limit.coordinates` | a limit would be exceeded | where |
//! | `preset.unknown` | `fromPreset`, `loadPreset`: no such preset | none |
//! | `preset.param` | a preset parameter unknown or out of range | `preset.<name>.<param>` |
//! | `drag.none` | `dragTo` with nothing grabbed | none |
//! | `snapshot.invalid` | a snapshot that does not fit this world | none |
//!
//! A JS value that does not even have the shape of what an export expects (a string where a body
//! was expected) is `arg.invalid` too, with the path serde reports below the argument's name
//! (see [`argument_error`]). A Rust panic is not an error value: it traps, and the TypeScript layer
//! turns the trap into `engine.panic`.

use std::fmt::Display;

use tumble_core::TumbleError;
use wasm_bindgen::JsValue;

/// What the JS `Error` for a `TumbleError` carries; computed natively so it can be tested natively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorFields<'a> {
    /// [`TumbleError::code`].
    pub code: &'static str,
    /// The error's `Display`, which names the path when there is one.
    pub message: String,
    /// [`TumbleError::path`], left out when the error has none or it is the root (empty).
    pub path: Option<&'a str>,
}

/// The fields of the JS `Error` for `error`.
pub fn fields(error: &TumbleError) -> ErrorFields<'_> {
    ErrorFields {
        code: error.code(),
        message: error.to_string(),
        path: error.path().filter(|p| !p.is_empty()),
    }
}

/// The JS `Error` for `error`: the one conversion every export uses.
pub fn to_js(error: TumbleError) -> JsValue {
    let f = fields(&error);
    let js = js_sys::Error::new(&f.message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &f.code.into());
    if let Some(path) = f.path {
        let _ = js_sys::Reflect::set(&js, &"path".into(), &path.into());
    }
    js.into()
}

/// The `arg.invalid` error for an argument named `what` that did not deserialize; the path is
/// `what` followed by the place inside it serde reports (`body.shape.radius`).
pub fn argument_error<E: Display>(what: &str, error: serde_path_to_error::Error<E>) -> TumbleError {
    let inner = error.path().to_string();
    let path = if inner == "." || inner == "?" {
        what.to_string()
    } else {
        format!("{what}.{inner}")
    };
    TumbleError::invalid_argument(path, error.into_inner().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tumble_core::{BodyDesc, Scene};

    #[test]
    fn scene_errors_keep_their_code_and_path() {
        let e = Scene::from_json(
            r#"{"format":"tumble-scene","version":1,"bodies":[{"shape":{"type":"circle","radius":-1},"position":[0,0]}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            fields(&e),
            ErrorFields {
                code: "scene.invalid",
                message: "bodies[0].shape.radius: must be > 0, got -1".into(),
                path: Some("bodies[0].shape.radius"),
            }
        );
        let e =
            Scene::from_json(r#"{"format":"tumble-scene","version":1,"bodies":[{"colour":1}]}"#)
                .unwrap_err();
        assert_eq!(
            (fields(&e).code, fields(&e).path),
            ("scene.parse", Some("bodies[0].colour"))
        );
    }

    #[test]
    fn errors_without_a_path_have_none() {
        let f = fields(&TumbleError::StaleBody(3.0));
        assert_eq!((f.code, f.path), ("body.stale_id", None));
        let e = tumble_core::presets::build_spec("volcano").unwrap_err();
        assert_eq!((fields(&e).code, fields(&e).path), ("preset.unknown", None));
        // Not JSON at all: the root, so no path rather than an empty one.
        let e = Scene::from_json("nope").unwrap_err();
        assert_eq!((fields(&e).code, fields(&e).path), ("scene.parse", None));
    }

    #[test]
    fn ill_shaped_arguments_are_invalid_arguments_below_their_name() {
        let json = r#"{"shape":{"type":"circle","radius":1},"position":[0,"up"]}"#;
        let mut de = serde_json::Deserializer::from_str(json);
        let e = serde_path_to_error::deserialize::<_, BodyDesc>(&mut de).unwrap_err();
        let e = argument_error("body", e);
        assert_eq!(
            (e.code(), e.path()),
            ("arg.invalid", Some("body.position[1]"))
        );

        let mut de = serde_json::Deserializer::from_str("7");
        let e = serde_path_to_error::deserialize::<_, BodyDesc>(&mut de).unwrap_err();
        assert_eq!(argument_error("body", e).path(), Some("body"));
    }
}
