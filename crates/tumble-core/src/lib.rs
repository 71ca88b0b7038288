//! # tumble-core
//!
//! Tumble's engine: a [rapier2d](https://rapier.rs) world with generational ids, a validated JSON
//! scene format, a preset registry, and flat frame buffers a renderer reads without a call per
//! body. Pure Rust: it knows nothing of the web, and `tumble-wasm` only translates its API.
//!
//! ```
//! use tumble_core::{World, presets};
//! let scene = presets::build("pyramid", &[("base", 5.0)]).unwrap();
//! let mut world = World::from_scene(&scene).unwrap();
//! let steps = world.advance(1.0 / 60.0).unwrap();
//! assert_eq!(steps, 1);
//! assert_eq!(world.frame().transforms.len(), world.slot_count() * tumble_core::frame::TRANSFORM_STRIDE);
//! ```
#![warn(missing_docs)]

pub mod body;
pub mod color;
pub mod drag;
pub mod error;
pub mod frame;
mod hash;
pub mod id;
pub mod joint;
pub mod limits;
pub mod polygon;
pub mod presets;
mod query;
pub mod scene;
pub mod settings;
pub mod shape;
mod validate;
pub mod world;

pub use body::{BodyDesc, BodyKind};
pub use color::Color;
pub use error::{Result, TumbleError};
pub use id::{BodyId, JointId};
pub use joint::{JointDesc, JointKind, Motor};
pub use limits::Limits;
pub use scene::{Camera, Scene};
pub use settings::Settings;
pub use shape::ShapeDesc;
pub use world::{Snapshot, World};
