// The engine limits the TypeScript layer checks before it calls the engine, mirrored from
// crates/tumble-core/src/limits.rs. `cargo test -p tumble-wasm` reads this file and fails if a
// value here drifts from Rust.

/** Largest scene text the engine loads, in bytes (16 MiB): `src` fetches and share links too. */
export const MAX_SCENE_BYTES = 16777216;

/** Highest physics step rate, steps per second. */
export const MAX_HZ = 1000;

/** Most corners in one drawn polygon outline (before it is split into convex parts). */
export const MAX_POLYGON_VERTICES = 128;

/** Most points in one polyline (terrain). */
export const MAX_POLYLINE_VERTICES = 4096;

/** Smallest size (radius, width, length), metres. */
export const MIN_SIZE = 0.001;

/** Smallest polygon area, square metres (tumble-core `shape::MIN_POLYGON_AREA`). */
export const MIN_POLYGON_AREA = 0.0001;

/** Largest absolute coordinate, metres. */
export const MAX_COORDINATE = 1000000;
