//! Holding a removed collider's slot until the next step.
//!
//! rapier 0.36.1's broad phase keeps, per collider index, the list of pairs that collider is in.
//! When a collider is removed and a new one takes its index before the next step, that step adds
//! the new collider's pairs under the index first, which throws away the old list, and then finds
//! nothing to drop for the removed collider: its pairs stay in the pair map forever (13 bytes a
//! step in `tests/churn.rs`, where a resting ball is replaced before every step).
//!
//! So every removal through Tumble fills the freed slots at once with disabled, parentless
//! placeholder colliders (rapier's arena reuses the most recently freed slot first), and the step
//! removes the placeholders just before rapier runs. The broad phase then sees the old collider
//! removed with its pairs intact, and nothing new at its index. Placeholders are never enabled,
//! so rapier gives them no tree leaf, pair or contact; they last from a removal to the next step.

use rapier2d::prelude::*;

use super::state::WorldState;

/// `user_data` that marks a placeholder collider (see the module docs).
const PLACEHOLDER: u128 = u128::MAX - 1;

impl WorldState {
    /// Removes a rapier body with its colliders (and rapier joints), holding the colliders' slots
    /// until the next step.
    pub(crate) fn remove_rapier_body(&mut self, handle: RigidBodyHandle) {
        let colliders = self
            .physics
            .bodies
            .get(handle)
            .map_or(0, |rb| rb.colliders().len());
        if self.physics.remove_body(handle).is_some() {
            self.hold_freed_slots(colliders);
        }
    }

    /// Removes one collider, holding its slot until the next step.
    pub(crate) fn remove_rapier_collider(&mut self, handle: ColliderHandle) {
        if self.physics.remove_collider(handle).is_some() {
            self.hold_freed_slots(1);
        }
    }

    /// Fills the `count` most recently freed collider slots with placeholders.
    fn hold_freed_slots(&mut self, count: usize) {
        for _ in 0..count {
            let placeholder = ColliderBuilder::ball(0.0)
                .enabled(false)
                .user_data(PLACEHOLDER)
                .build();
            let handle = self.physics.insert_collider(placeholder, None);
            self.held_slots.push(handle);
        }
    }

    /// Frees the held slots. The step calls it right before rapier runs, so nothing can take
    /// a freed index before rapier has seen the removal.
    pub(crate) fn release_held_slots(&mut self) {
        for handle in std::mem::take(&mut self.held_slots) {
            self.physics.colliders.remove(
                handle,
                &mut self.physics.islands,
                &mut self.physics.bodies,
                &mut self.physics.soft_bodies,
                false,
            );
        }
    }

    /// Finds the placeholders in a state decoded from a save (the list itself is not saved).
    pub(crate) fn find_held_slots(&mut self) {
        self.held_slots = self
            .physics
            .colliders
            .iter()
            .filter(|(_, c)| is_placeholder(c))
            .map(|(handle, _)| handle)
            .collect();
    }
}

/// Whether `collider` is a placeholder holding a freed slot, not part of any body.
pub(crate) fn is_placeholder(collider: &Collider) -> bool {
    collider.parent().is_none() && !collider.is_enabled() && collider.user_data == PLACEHOLDER
}

#[cfg(test)]
mod tests {
    use crate::{BodyDesc, BodyId, ShapeDesc, World};

    fn ball(x: f32) -> BodyDesc {
        BodyDesc::new(ShapeDesc::Circle { radius: 0.25 }, [x, 0.0])
    }

    /// Two balls side by side, stepped once.
    fn two_balls() -> (World, BodyId) {
        let mut world = World::new();
        let id = world.spawn(&ball(0.0)).unwrap();
        world.spawn(&ball(2.0)).unwrap();
        world.step();
        (world, id)
    }

    fn collider_count(world: &World) -> usize {
        world.state.physics.colliders.len()
    }

    #[test]
    fn a_removed_colliders_slot_is_held_until_the_next_step() {
        let (mut world, id) = two_balls();
        let handle = world.entry(id).unwrap().handle;
        let freed = world.state.physics.bodies[handle].colliders()[0];
        world.remove_body(id).unwrap();
        // The placeholder took the freed index, so a spawn now gets another one.
        let placeholder = world.state.held_slots[0];
        assert_eq!(placeholder.0.into_raw_parts().0, freed.0.into_raw_parts().0);
        let new = world.spawn(&ball(0.0)).unwrap();
        let new_handle = world.entry(new).unwrap().handle;
        let taken = world.state.physics.bodies[new_handle].colliders()[0];
        assert_ne!(taken.0.into_raw_parts().0, freed.0.into_raw_parts().0);
        assert_eq!(collider_count(&world), 3);
        world.step();
        assert!(world.state.held_slots.is_empty());
        assert_eq!(collider_count(&world), 2);
    }

    #[test]
    fn a_save_taken_while_slots_are_held_continues_exactly_and_releases_them() {
        let (mut world, id) = two_balls();
        world.remove_body(id).unwrap();
        let save = world.save();
        assert!(save.solver_state.is_some());
        let mut loaded = World::from_scene(&save).unwrap();
        assert_eq!(loaded.state.held_slots.len(), 1);
        for _ in 0..3 {
            world.step();
            loaded.step();
        }
        assert_eq!(loaded.state_hash(), world.state_hash());
        assert!(loaded.state.held_slots.is_empty());
        assert_eq!(collider_count(&loaded), 1);
    }

    #[test]
    fn a_snapshot_taken_while_slots_are_held_restores_them() {
        let (mut world, id) = two_balls();
        let before = world.snapshot();
        world.remove_body(id).unwrap();
        let removed = world.snapshot();
        world.restore(&before);
        assert!(world.state.held_slots.is_empty());
        world.restore(&removed);
        assert_eq!(world.state.held_slots.len(), 1);
        world.step();
        assert_eq!(collider_count(&world), 1);
    }

    #[test]
    fn placeholders_draw_no_debug_lines() {
        let (mut world, id) = two_balls();
        world.set_debug_lines(true);
        let with_two = world.frame().debug_lines.len();
        world.remove_body(id).unwrap();
        // One ball's bounding box and centre of mass fewer, and nothing for the placeholder.
        assert!(world.frame().debug_lines.len() < with_two);
        let per_ball = with_two / 2;
        assert_eq!(world.frame().debug_lines.len(), per_ball);
    }

    #[test]
    fn a_shape_that_loses_parts_holds_their_slots() {
        let mut world = World::new();
        // A concave L: more than one convex part, so more than one collider.
        let l_shape = ShapeDesc::Polygon {
            points: crate::polygon::L_OF_THREE_UNIT_SQUARES.to_vec(),
        };
        let mut desc = BodyDesc::new(l_shape, [0.0, 0.0]);
        let id = world.spawn(&desc).unwrap();
        world.step();
        let parts = world.state.physics.colliders.len();
        assert!(parts > 1);
        desc.shape = ShapeDesc::Circle { radius: 0.5 };
        world.edit_body(id, &desc).unwrap();
        assert_eq!(world.state.held_slots.len(), parts - 1);
        world.step();
        assert_eq!(collider_count(&world), 1);
    }
}
