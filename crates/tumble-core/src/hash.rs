//! A hash of a world's physical state, for determinism checks.

use crate::World;

impl World {
    /// FNV-1a over the exact bits of every body's `x, y, cos, sin, vx, vy, angular velocity`, in
    /// slot order. Equal hashes mean bit-identical motion state; used by the golden-hash tests
    /// natively and in wasm.
    pub fn state_hash(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |value: f32| {
            for byte in value.to_bits().to_le_bytes() {
                hash ^= byte as u64;
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        let physics = &self.state.physics;
        for (_, _, entry) in self.state.bodies.iter() {
            let rb = &physics.bodies[entry.handle];
            let pose = rb.position();
            let v = rb.linvel();
            for value in [
                pose.translation.x,
                pose.translation.y,
                pose.rotation.re,
                pose.rotation.im,
                v.x,
                v.y,
                rb.angvel(),
            ] {
                feed(value);
            }
        }
        hash
    }
}
