//! Turning a `TumbleError` into the JavaScript `Error` every fallible export throws.
//!
//! The JS error carries `code` (the stable string from `TumbleError::code`, e.g.
//! `scene.invalid`, `body.stale_id`, `limit.bodies`), `message` (for a person) and, when the error
//! is about a place in a scene or an argument, `path` (e.g. `bodies[3].shape.radius`). Values
//! that do not even have the right shape (a string where a body was expected) are `arg.invalid`
//! with the path serde reports.

use tumble_core::TumbleError;
use wasm_bindgen::JsValue;

/// The JS `Error` for `error`.
pub fn to_js(error: TumbleError) -> JsValue {
    js_error(error.code(), &error.to_string(), error.path())
}

/// A JS `Error` with `code`, `message` and optional `path` properties.
pub fn js_error(code: &str, message: &str, path: Option<&str>) -> JsValue {
    let error = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    if let Some(path) = path {
        let _ = js_sys::Reflect::set(&error, &"path".into(), &path.into());
    }
    error.into()
}

/// The `TumbleError` for a JS value that does not deserialize into what `what` expects.
pub fn shape_error(
    what: &str,
    error: serde_path_to_error::Error<serde_wasm_bindgen::Error>,
) -> TumbleError {
    let inner = error.path().to_string();
    let path = if inner == "." || inner == "?" {
        what.to_string()
    } else {
        format!("{what}.{inner}")
    };
    TumbleError::invalid_argument(path, error.into_inner().to_string())
}
