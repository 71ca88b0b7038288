//! Measuring Tumble's step time on the benchmark scenes, natively.
//!
//! The benchmark scenes are the presets `pyramid` (base 20 and 60) and `rain` (1000, 4000 and
//! 10 000 balls), built by the same preset registry the app and the browser benchmark use. The
//! CLI (`src/main.rs`) times them step by step; `benches/step.rs` runs them under criterion.
#![warn(missing_docs)]

mod args;
mod measure;
mod sanity;
mod scene;
mod table;

pub use args::{parse_args, Args, Command, USAGE};
pub use measure::{measure, quantile, Measurement};
pub use sanity::Sanity;
pub use scene::{BenchScene, ALL};
pub use table::markdown;
