//! The frame header: where JavaScript finds every frame buffer without calling into wasm.
//!
//! A `Sandbox` keeps one small `u32` array at a stable address and rewrites it at the end of
//! every call that changes the world. JavaScript reads it through a `Uint32Array` view (the
//! address comes once from `Sandbox.headerPtr()`), so a frame costs exactly one call: `advance`.
//! Mirrored in `web/src/internal/layout.ts` (`HEADER_*`); a test below keeps the two equal.

use tumble_core::World;

/// Words in the header.
pub const HEADER_LEN: usize = 25;
/// `structureVersion` of the world.
pub const HEADER_STRUCTURE_VERSION: usize = 0;
/// Number of body slots (the length of every per-slot buffer, in records).
pub const HEADER_SLOT_COUNT: usize = 1;
/// Number of bodies.
pub const HEADER_BODY_COUNT: usize = 2;
/// Number of joints.
pub const HEADER_JOINT_COUNT: usize = 3;
/// Steps run, modulo 2³².
pub const HEADER_STEPS: usize = 4;
/// First of ten `(pointer, length)` pairs, lengths in elements, in this order: transforms,
/// bodyState, slotIds, shapes, colors, vertices, joints, jointIds, contacts, debugLines.
pub const HEADER_BUFFERS: usize = 5;

/// Rewrites `header` from `world`.
pub fn write(header: &mut [u32; HEADER_LEN], world: &World) {
    let f = world.frame();
    header[HEADER_STRUCTURE_VERSION] = world.structure_version();
    header[HEADER_SLOT_COUNT] = world.slot_count() as u32;
    header[HEADER_BODY_COUNT] = world.body_count() as u32;
    header[HEADER_JOINT_COUNT] = world.joint_count() as u32;
    header[HEADER_STEPS] = world.step_count() as u32;
    let buffers: [(usize, usize); 10] = [
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
    for (i, (ptr, len)) in buffers.iter().enumerate() {
        header[HEADER_BUFFERS + 2 * i] = *ptr as u32;
        header[HEADER_BUFFERS + 2 * i + 1] = *len as u32;
    }
}
