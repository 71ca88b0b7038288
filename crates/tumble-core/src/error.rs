//! The one error type of tumble-core.
//!
//! Every failure a caller can expect is a [`TumbleError`] value, never a panic. Each variant has a
//! stable machine-readable [`TumbleError::code`] (the web layer hands it to JavaScript unchanged),
//! a message a person can act on, and, for scene errors, the JSON path of the offending value.

use thiserror::Error;

/// Everything that can go wrong when driving a [`crate::World`].
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TumbleError {
    /// The scene text is not JSON, or is JSON of the wrong shape (unknown field, wrong type).
    #[error("{path}: {message}")]
    SceneParse {
        /// JSON path of the value that did not parse, e.g. `bodies[3].shape`; empty for the root.
        path: String,
        /// What was expected.
        message: String,
    },
    /// The scene parsed, but a value is out of range or inconsistent.
    #[error("{path}: {message}")]
    SceneInvalid {
        /// JSON path of the offending value, e.g. `bodies[12].shape.radius`.
        path: String,
        /// What was expected and what was found, e.g. `must be > 0, got -1`.
        message: String,
    },
    /// The scene declares a format or version this build does not read.
    #[error("{path}: {message}")]
    SceneVersion {
        /// `format` or `version`.
        path: String,
        /// What was found and what is supported.
        message: String,
    },
    /// An argument to an API call is invalid (NaN, infinite, negative size, out of range).
    #[error("{path}: {message}")]
    InvalidArgument {
        /// Which argument, e.g. `dt` or `body.shape.radius`.
        path: String,
        /// What was expected and what was found.
        message: String,
    },
    /// A body id that was removed (or never existed) was used.
    #[error("body {0} does not exist (it was removed, or the id is from another world)")]
    StaleBody(f64),
    /// A joint id that was removed (or never existed) was used.
    #[error("joint {0} does not exist (it was removed, or the id is from another world)")]
    StaleJoint(f64),
    /// A joint was asked to connect a body to itself.
    #[error("{path}: {message}")]
    InvalidJoint {
        /// Where the joint was described, e.g. `joints[2]` or `joint`.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A limit from [`crate::limits`] would be exceeded.
    #[error("{path}: {message}")]
    Limit {
        /// Which limit: `bodies`, `joints`, `vertices`, `scene_bytes`, `coordinates`.
        kind: LimitKind,
        /// Where, e.g. `bodies` or `bodies[4].shape.points`.
        path: String,
        /// The limit and the value that broke it.
        message: String,
    },
    /// No preset has that name.
    #[error("no preset named {0:?}; see the preset list for the names")]
    UnknownPreset(String),
    /// A preset parameter is unknown or out of its range.
    #[error("{path}: {message}")]
    PresetParam {
        /// `preset.<name>.<param>`.
        path: String,
        /// The accepted range and the value given.
        message: String,
    },
    /// A drag call was made with nothing grabbed.
    #[error("nothing is grabbed; call grab(point) on a dynamic body first")]
    NotDragging,
    /// A snapshot from another world or an incompatible build was restored.
    #[error("{0}")]
    Snapshot(String),
}

/// Which limit a [`TumbleError::Limit`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// [`crate::limits::Limits::max_bodies`].
    Bodies,
    /// [`crate::limits::Limits::max_joints`].
    Joints,
    /// [`crate::limits::MAX_POLYGON_VERTICES`] and friends.
    Vertices,
    /// [`crate::limits::MAX_SCENE_BYTES`].
    SceneBytes,
    /// [`crate::limits::MAX_COORDINATE`].
    Coordinates,
}

impl TumbleError {
    /// The stable, machine-readable code of this error, e.g. `scene.invalid` or `body.stale_id`.
    ///
    /// Codes never change meaning; JavaScript callers switch on them.
    pub fn code(&self) -> &'static str {
        match self {
            TumbleError::SceneParse { .. } => "scene.parse",
            TumbleError::SceneInvalid { .. } => "scene.invalid",
            TumbleError::SceneVersion { .. } => "scene.version",
            TumbleError::InvalidArgument { .. } => "arg.invalid",
            TumbleError::StaleBody(_) => "body.stale_id",
            TumbleError::StaleJoint(_) => "joint.stale_id",
            TumbleError::InvalidJoint { .. } => "joint.invalid",
            TumbleError::Limit { kind, .. } => match kind {
                LimitKind::Bodies => "limit.bodies",
                LimitKind::Joints => "limit.joints",
                LimitKind::Vertices => "limit.vertices",
                LimitKind::SceneBytes => "limit.scene_bytes",
                LimitKind::Coordinates => "limit.coordinates",
            },
            TumbleError::UnknownPreset(_) => "preset.unknown",
            TumbleError::PresetParam { .. } => "preset.param",
            TumbleError::NotDragging => "drag.none",
            TumbleError::Snapshot(_) => "snapshot.invalid",
        }
    }

    /// The JSON path (or argument name) the error is about, if it has one.
    pub fn path(&self) -> Option<&str> {
        match self {
            TumbleError::SceneParse { path, .. }
            | TumbleError::SceneInvalid { path, .. }
            | TumbleError::SceneVersion { path, .. }
            | TumbleError::InvalidArgument { path, .. }
            | TumbleError::InvalidJoint { path, .. }
            | TumbleError::Limit { path, .. }
            | TumbleError::PresetParam { path, .. } => Some(path),
            _ => None,
        }
    }

    /// Shorthand for [`TumbleError::InvalidArgument`].
    pub fn invalid_argument(path: impl Into<String>, message: impl Into<String>) -> Self {
        TumbleError::InvalidArgument {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// `Result` with [`TumbleError`].
pub type Result<T, E = TumbleError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_strings() {
        assert_eq!(TumbleError::StaleBody(3.0).code(), "body.stale_id");
        let e = TumbleError::Limit {
            kind: LimitKind::Bodies,
            path: "bodies".into(),
            message: "at most 10".into(),
        };
        assert_eq!(e.code(), "limit.bodies");
        assert_eq!(e.path(), Some("bodies"));
        assert_eq!(e.to_string(), "bodies: at most 10");
    }
}
