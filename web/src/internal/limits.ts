// The engine limits the TypeScript layer checks before it calls the engine, mirrored from
// crates/tumble-core/src/limits.rs. `cargo test -p tumble-wasm` reads this file and fails if a
// value here drifts from Rust.

/** Largest scene text the engine loads, in bytes (16 MiB): `src` fetches and share links too. */
export const MAX_SCENE_BYTES = 16777216;

/** Highest physics step rate, steps per second. */
export const MAX_HZ = 1000;
