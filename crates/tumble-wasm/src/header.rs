//! The frame header: where JavaScript finds every frame buffer without calling into wasm.
//!
//! A `Sandbox` owns one small `u32` array at an address that never changes for its life, and
//! rewrites it at the end of every call that may change the world (advance, step, edits, loads,
//! restore). JavaScript asks for the address once (`Sandbox.headerPtr()`), reads the header through
//! a `Uint32Array`, and builds its typed-array views over the buffers from it; so a frame costs
//! exactly one call into wasm, `advance`, whatever the body count.
//!
//! | word | meaning |
//! |---|---|
//! | 0 [`HEADER_STRUCTURE_VERSION`] | `World::structure_version`: changes when shapes, colours, slot ids or joints do |
//! | 1 [`HEADER_SLOT_COUNT`] | body slots: records in every per-slot buffer |
//! | 2 [`HEADER_BODY_COUNT`] | live bodies |
//! | 3 [`HEADER_JOINT_COUNT`] | joints |
//! | 4 [`HEADER_STEPS`] | steps run, modulo 2³² |
//! | 5 + 2·i [`HEADER_BUFFERS`] | byte address of buffer `i` of [`BUFFER_NAMES`] |
//! | 6 + 2·i | its length in elements (not bytes, not records) |
//!
//! Buffer layouts are in `tumble_core::frame`. An empty buffer may have any aligned address with
//! length 0. Addresses change when a buffer reallocates, and every view over wasm memory dies when
//! the memory grows, so JavaScript re-derives a view whenever its address, its length or the
//! memory's `ArrayBuffer` changes. Mirrored in `web/src/internal/layout.ts` (`HEADER_*`,
//! `BUFFER_ORDER`); `tests/layout_mirror.rs` keeps the two equal.

use tumble_core::World;

/// Words in the header.
pub const HEADER_LEN: usize = HEADER_BUFFERS + 2 * BUFFER_NAMES.len();
/// Word of `structureVersion`.
pub const HEADER_STRUCTURE_VERSION: usize = 0;
/// Word of the slot count.
pub const HEADER_SLOT_COUNT: usize = 1;
/// Word of the body count.
pub const HEADER_BODY_COUNT: usize = 2;
/// Word of the joint count.
pub const HEADER_JOINT_COUNT: usize = 3;
/// Word of the step count, modulo 2³².
pub const HEADER_STEPS: usize = 4;
/// First word of the `(address, length)` pairs, one per buffer in [`BUFFER_NAMES`] order.
pub const HEADER_BUFFERS: usize = 5;

/// The buffers in header order, by their JavaScript names.
pub const BUFFER_NAMES: [&str; 10] = [
    "transforms",
    "bodyState",
    "slotIds",
    "shapes",
    "colors",
    "vertices",
    "joints",
    "jointIds",
    "contacts",
    "debugLines",
];

/// Rewrites `header` from `world`.
pub fn write(header: &mut [u32; HEADER_LEN], world: &World) {
    let f = world.frame();
    header[HEADER_STRUCTURE_VERSION] = world.structure_version();
    header[HEADER_SLOT_COUNT] = world.slot_count() as u32;
    header[HEADER_BODY_COUNT] = world.body_count() as u32;
    header[HEADER_JOINT_COUNT] = world.joint_count() as u32;
    header[HEADER_STEPS] = world.step_count() as u32;
    // Same order as BUFFER_NAMES.
    let buffers: [(usize, usize); BUFFER_NAMES.len()] = [
        (f.transforms.as_ptr() as usize, f.transforms.len()),
        (f.body_state.as_ptr() as usize, f.body_state.len()),
        (f.slot_ids.as_ptr() as usize, f.slot_ids.len()),
        (f.shapes.as_ptr() as usize, f.shapes.len()),
        (f.colors.as_ptr() as usize, f.colors.len()),
        (f.vertices.as_ptr() as usize, f.vertices.len()),
        (f.joints.as_ptr() as usize, f.joints.len()),
        (f.joint_ids.as_ptr() as usize, f.joint_ids.len()),
        (f.contacts.as_ptr() as usize, f.contacts.len()),
        (f.debug_lines.as_ptr() as usize, f.debug_lines.len()),
    ];
    for (i, (address, len)) in buffers.into_iter().enumerate() {
        // wasm32 addresses and lengths fit in 32 bits.
        header[HEADER_BUFFERS + 2 * i] = address as u32;
        header[HEADER_BUFFERS + 2 * i + 1] = len as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tumble_core::{frame, presets};

    #[test]
    fn the_header_describes_the_frame() {
        let world = World::from_scene(&presets::build_spec("pyramid?base=4").unwrap()).unwrap();
        let mut header = [0; HEADER_LEN];
        write(&mut header, &world);
        assert_eq!(header[HEADER_SLOT_COUNT] as usize, world.slot_count());
        assert_eq!(header[HEADER_BODY_COUNT], 11);
        let len = |name: &str| {
            let i = BUFFER_NAMES.iter().position(|n| *n == name).unwrap();
            header[HEADER_BUFFERS + 2 * i + 1] as usize
        };
        assert_eq!(
            len("transforms"),
            world.slot_count() * frame::TRANSFORM_STRIDE
        );
        assert_eq!(len("shapes"), world.slot_count() * frame::SHAPE_STRIDE);
        assert_eq!(len("bodyState"), world.slot_count());
        assert_eq!(len("contacts"), 0);
    }
}
