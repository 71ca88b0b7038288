//! Containing numeric blow-ups.
//!
//! Extreme inputs (a spring a billion times too stiff, a body flung at 900 km/s) can drive a body's
//! state to infinity or NaN, and one NaN body poisons every body it touches within a step or two.
//! rapier 0.36 already quarantines a body whose state turns non-finite (it disables it and rolls
//! it back). After every step Tumble removes those bodies, and any body whose position, rotation
//! or velocity is absurd (beyond the limits below, or past ±1e6 m: it left the world), and reports
//! each as a `numeric.instability` event, so the rest of the world runs on.

use super::World;
use crate::id::BodyId;
use crate::limits::MAX_COORDINATE;

/// Fastest a body may move, m/s; faster is treated as a blow-up.
pub const MAX_SPEED: f32 = 1.0e4;
/// Fastest a body may spin, rad/s; faster is treated as a blow-up.
pub const MAX_ANGULAR_SPEED: f32 = 1.0e5;

/// Code of the event reported for a body removed by the blow-up guard.
pub const INSTABILITY_CODE: &str = "numeric.instability";

impl World {
    /// Bodies the blow-up guard removed during the last `advance` or `step` (see
    /// [`INSTABILITY_CODE`]). Their ids are stale from then on.
    pub fn instabilities(&self) -> &[BodyId] {
        &self.instabilities
    }

    /// Removes every body whose state is non-finite or absurd; called after every step.
    pub(crate) fn contain_blowups(&mut self) {
        let physics = &self.state.physics;
        let sane = |value: f32, max: f32| value.abs() <= max; // false for NaN
        let mut bad = Vec::new();
        for &handle in physics.quarantine().bodies() {
            if let Some(id) = physics
                .bodies
                .get(handle)
                .and_then(|rb| self.body_in_slot(rb.user_data as usize))
            {
                bad.push(id);
            }
        }
        for (index, generation, entry) in self.state.bodies.iter() {
            let rb = &physics.bodies[entry.handle];
            let pose = rb.position();
            let v = rb.linvel();
            let ok = sane(pose.translation.x, MAX_COORDINATE)
                && sane(pose.translation.y, MAX_COORDINATE)
                && sane(pose.rotation.re, 2.0)
                && sane(pose.rotation.im, 2.0)
                && sane(v.x, MAX_SPEED)
                && sane(v.y, MAX_SPEED)
                && sane(rb.angvel(), MAX_ANGULAR_SPEED);
            if !ok && !bad.contains(&BodyId { index, generation }) {
                bad.push(BodyId { index, generation });
            }
        }
        for id in bad {
            if self.remove_body(id).is_ok() {
                self.instabilities.push(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{BodyDesc, ShapeDesc, World};

    #[test]
    fn a_nan_body_is_removed_before_it_poisons_its_neighbour() {
        let mut world = World::new();
        let a = world
            .spawn(&BodyDesc::new(
                ShapeDesc::Circle { radius: 0.5 },
                [0.0, 0.0],
            ))
            .unwrap();
        let b = world
            .spawn(&BodyDesc::new(
                ShapeDesc::Circle { radius: 0.5 },
                [0.9, 0.0],
            ))
            .unwrap();
        // What a solver blow-up leaves behind, injected directly.
        let handle = world.entry(a).unwrap().handle;
        let rb = &mut world.state.physics.bodies[handle];
        rb.set_linvel(rapier2d::prelude::Vector::new(f32::NAN, 0.0), true);
        world.step();
        assert_eq!(world.instabilities(), &[a]);
        for _ in 0..60 {
            world.step();
            let neighbour = world.body(b).unwrap();
            assert!(neighbour.position.iter().all(|v| v.is_finite()));
        }
        assert!(world.frame().transforms.iter().all(|v| v.is_finite()));
    }
}
