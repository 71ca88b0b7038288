//! Checks shared by scene loading and the editing API, each naming the path of what it checks.
//!
//! One [`Validator`] is made per call; it knows whether failures are scene errors
//! (`scene.invalid`) or argument errors (`arg.invalid`), so the same rule produces the right code
//! in both places.

use crate::error::{LimitKind, TumbleError};
use crate::limits::{MAX_COORDINATE, MIN_SIZE};

/// Produces errors of the right kind for the input being checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Validator {
    /// True when checking a scene (errors are `scene.invalid`), false for API arguments.
    pub scene: bool,
}

impl Validator {
    pub const SCENE: Validator = Validator { scene: true };
    pub const ARGUMENT: Validator = Validator { scene: false };

    /// An error about the value at `path`.
    pub fn error(&self, path: &str, message: impl Into<String>) -> TumbleError {
        if self.scene {
            TumbleError::SceneInvalid {
                path: path.to_string(),
                message: message.into(),
            }
        } else {
            TumbleError::InvalidArgument {
                path: path.to_string(),
                message: message.into(),
            }
        }
    }

    /// A finite number.
    pub fn finite(&self, path: &str, value: f32) -> Result<f32, TumbleError> {
        if value.is_finite() {
            Ok(value)
        } else {
            Err(self.error(path, format!("must be a finite number, got {value}")))
        }
    }

    /// A finite number within ±[`MAX_COORDINATE`].
    pub fn coordinate(&self, path: &str, value: f32) -> Result<f32, TumbleError> {
        self.finite(path, value)?;
        if value.abs() > MAX_COORDINATE {
            return Err(TumbleError::Limit {
                kind: LimitKind::Coordinates,
                path: path.to_string(),
                message: format!("must be within ±{MAX_COORDINATE:e}, got {value}"),
            });
        }
        Ok(value)
    }

    /// A point whose coordinates are both within ±[`MAX_COORDINATE`].
    pub fn point(&self, path: &str, p: [f32; 2]) -> Result<[f32; 2], TumbleError> {
        self.coordinate(&format!("{path}[0]"), p[0])?;
        self.coordinate(&format!("{path}[1]"), p[1])?;
        Ok(p)
    }

    /// A size (radius, width, length): at least [`MIN_SIZE`] and at most [`MAX_COORDINATE`].
    pub fn size(&self, path: &str, value: f32) -> Result<f32, TumbleError> {
        self.coordinate(path, value)?;
        if value <= 0.0 {
            return Err(self.error(path, format!("must be > 0, got {value}")));
        }
        if value < MIN_SIZE {
            return Err(self.error(
                path,
                format!("must be at least {MIN_SIZE} m (smaller shapes tunnel), got {value}"),
            ));
        }
        Ok(value)
    }

    /// A finite number in `lo..=hi`.
    pub fn range(&self, path: &str, value: f32, lo: f32, hi: f32) -> Result<f32, TumbleError> {
        self.finite(path, value)?;
        if value < lo || value > hi {
            return Err(self.error(path, format!("must be between {lo} and {hi}, got {value}")));
        }
        Ok(value)
    }

    /// A whole number in `lo..=hi`.
    pub fn count(&self, path: &str, value: u32, lo: u32, hi: u32) -> Result<u32, TumbleError> {
        if value < lo || value > hi {
            return Err(self.error(path, format!("must be between {lo} and {hi}, got {value}")));
        }
        Ok(value)
    }
}
