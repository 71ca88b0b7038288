//! Spawning, reading, editing and removing bodies.

use rapier2d::prelude::*;

use super::state::BodyEntry;
use super::{set_can_sleep, stale_body, Change, World};
use crate::body::{BodyDesc, BodyKind};
use crate::error::{LimitKind, Result, TumbleError};
use crate::id::BodyId;
use crate::validate::Validator;

impl World {
    /// Adds a body and returns its id. An invalid description, or a world at its body limit,
    /// gives an error and changes nothing.
    pub fn spawn(&mut self, desc: &BodyDesc) -> Result<BodyId> {
        self.check_room_for_bodies(1, "body")?;
        desc.validate(Validator::ARGUMENT, "body")?;
        let id = self.insert_body(desc);
        self.structure_changed();
        self.journal(None, || Change::Spawn { body: desc.clone() });
        Ok(id)
    }

    /// Removes a body, with the joints attached to it. Releases it first if it is being dragged.
    pub fn remove_body(&mut self, id: BodyId) -> Result<()> {
        self.entry(id)?;
        let dragged = self.state.drag.as_ref().is_some_and(|d| d.body == id);
        let attached: Vec<_> = self
            .state
            .joints
            .iter()
            .filter(|(_, _, j)| j.desc.body_a == Some(id) || j.desc.body_b == id)
            .map(|(index, generation, _)| (index, generation))
            .collect();
        let base = self.journal_base(dragged || !attached.is_empty());
        if dragged {
            self.let_go();
        }
        for (index, generation) in attached {
            self.state.joints.remove(index, generation);
            self.state.joints_changed = true;
        }
        let entry = self
            .state
            .bodies
            .remove(id.index, id.generation)
            .ok_or_else(|| stale_body(id))?;
        // Removing the rapier body also removes its colliders and joints.
        self.state.remove_rapier_body(entry.handle);
        self.structure_changed();
        self.journal(base, || Change::RemoveBody { id });
        Ok(())
    }

    /// Whether `id` names a live body.
    pub fn contains_body(&self, id: BodyId) -> bool {
        self.state.bodies.get(id.index, id.generation).is_some()
    }

    /// Ids of all bodies, in slot order.
    pub fn body_ids(&self) -> Vec<BodyId> {
        self.state
            .bodies
            .iter()
            .map(|(index, generation, _)| BodyId { index, generation })
            .collect()
    }

    /// The id of the body in slot `slot`, if that slot is occupied.
    pub fn body_in_slot(&self, slot: usize) -> Option<BodyId> {
        self.state.bodies.at(slot).map(|_| BodyId {
            index: slot as u32,
            generation: self.state.bodies.generation_at(slot),
        })
    }

    /// A body's full description with its current pose, velocity and sleep state.
    pub fn body(&self, id: BodyId) -> Result<BodyDesc> {
        let entry = self.entry(id)?;
        Ok(self.describe(entry))
    }

    /// A body's mass in kg (0 for static and kinematic bodies).
    pub fn body_mass(&self, id: BodyId) -> Result<f32> {
        let entry = self.entry(id)?;
        let rb = &self.state.physics.bodies[entry.handle];
        Ok(if rb.is_dynamic() { rb.mass() } else { 0.0 })
    }

    /// Replaces everything about a body (kind, shape, material, colour, pose, velocity) with
    /// `desc`, keeping its id and slot. Typical use: read with [`World::body`], change a field,
    /// write back. An invalid description changes nothing.
    pub fn edit_body(&mut self, id: BodyId, desc: &BodyDesc) -> Result<()> {
        desc.validate(Validator::ARGUMENT, "body")?;
        let handle = self.entry(id)?.handle;
        let shape_changed = self.entry(id)?.desc.shape != desc.shape;
        let sleeping_allowed = self.state.settings.sleeping;
        if shape_changed {
            let physics = &mut self.state.physics;
            // The body's colliders take the new shapes in place, and only the surplus on either
            // side is removed or inserted.
            let old: Vec<ColliderHandle> = physics.bodies[handle].colliders().to_vec();
            let new: Vec<Collider> = desc
                .shape
                .colliders()
                .into_iter()
                .map(|builder| material(builder, desc))
                .collect();
            let kept = new.len();
            for (i, collider) in new.into_iter().enumerate() {
                match old.get(i) {
                    Some(&existing) => {
                        let c = &mut physics.colliders[existing];
                        c.set_shape(collider.shared_shape().clone());
                        // Unparented, a built collider's pose is its pose in the body.
                        c.set_position_wrt_parent(*collider.position());
                    }
                    None => {
                        physics.insert_collider(collider, Some(handle));
                    }
                }
            }
            for &surplus in old.iter().skip(kept) {
                self.state.remove_rapier_collider(surplus);
            }
        }
        let physics = &mut self.state.physics;
        // The material, on kept colliders too.
        for &collider in physics.bodies[handle].colliders() {
            let c = &mut physics.colliders[collider];
            c.set_density(desc.density);
            c.set_friction(desc.friction);
            c.set_restitution(desc.restitution);
        }
        // Mass now, not at the next step: `body_mass` (the inspector) reads it right away.
        let rb = &mut physics.bodies[handle];
        rb.recompute_mass_properties_from_colliders(&physics.colliders);
        rb.set_body_type(rigid_body_type(desc.kind), true);
        apply_motion(rb, desc);
        rb.set_linear_damping(desc.linear_damping);
        rb.set_angular_damping(desc.angular_damping);
        rb.set_gravity_scale(desc.gravity_scale, true);
        rb.enable_ccd(desc.ccd);
        rb.lock_rotations(desc.fixed_rotation, true);
        set_can_sleep(rb, sleeping_allowed);
        if desc.sleeping {
            rb.sleep();
        } else {
            rb.wake_up(true);
        }
        let entry = self
            .state
            .bodies
            .get_mut(id.index, id.generation)
            .ok_or_else(|| stale_body(id))?;
        entry.desc = desc.clone();
        self.structure_changed();
        self.journal(None, || Change::EditBody {
            id,
            body: desc.clone(),
        });
        Ok(())
    }

    /// Moves a body to `position` at `angle` (radians), waking it.
    pub fn set_pose(&mut self, id: BodyId, position: [f32; 2], angle: f32) -> Result<()> {
        let v = Validator::ARGUMENT;
        v.point("position", position)?;
        v.range("angle", angle, -1.0e6, 1.0e6)?;
        let handle = self.entry(id)?.handle;
        let rb = &mut self.state.physics.bodies[handle];
        rb.set_translation(Vector::new(position[0], position[1]), true);
        rb.set_rotation(Rotation::new(angle), true);
        self.refresh_frame();
        self.journal(None, || Change::SetPose {
            id,
            position,
            angle,
        });
        Ok(())
    }

    /// Sets a body's velocity (m/s and rad/s), waking it.
    pub fn set_velocity(&mut self, id: BodyId, linear: [f32; 2], angular: f32) -> Result<()> {
        let v = Validator::ARGUMENT;
        v.point("linearVelocity", linear)?;
        v.coordinate("angularVelocity", angular)?;
        let handle = self.entry(id)?.handle;
        let rb = &mut self.state.physics.bodies[handle];
        rb.set_linvel(Vector::new(linear[0], linear[1]), true);
        rb.set_angvel(angular, true);
        self.journal(None, || Change::SetVelocity {
            id,
            linear,
            angular,
        });
        Ok(())
    }

    /// Marks a body selected or not (shown in the body-state buffer for highlighting).
    pub fn set_selected(&mut self, id: BodyId, selected: bool) -> Result<()> {
        self.state
            .bodies
            .get_mut(id.index, id.generation)
            .ok_or_else(|| stale_body(id))?
            .selected = selected;
        self.refresh_frame();
        Ok(())
    }

    /// Unselects every body.
    pub fn clear_selection(&mut self) {
        for (_, _, entry) in self.state.bodies.iter_mut() {
            entry.selected = false;
        }
        self.refresh_frame();
    }

    /// The live entry for `id`, or a stale-id error.
    pub(crate) fn entry(&self, id: BodyId) -> Result<&BodyEntry> {
        self.state
            .bodies
            .get(id.index, id.generation)
            .ok_or_else(|| stale_body(id))
    }

    /// Errors unless `extra` more bodies fit under the limit.
    pub(crate) fn check_room_for_bodies(&self, extra: usize, path: &str) -> Result<()> {
        let max = self.limits.max_bodies;
        if self.state.bodies.len() + extra > max {
            return Err(TumbleError::Limit {
                kind: LimitKind::Bodies,
                path: path.to_string(),
                message: format!(
                    "a world holds at most {max} bodies; it has {} and {extra} more were asked for",
                    self.state.bodies.len()
                ),
            });
        }
        Ok(())
    }

    /// Inserts a validated body without refreshing the frame buffers.
    pub(crate) fn insert_body(&mut self, desc: &BodyDesc) -> BodyId {
        let (slot, _) = self.state.bodies.next_key();
        let mut rb = RigidBodyBuilder::new(rigid_body_type(desc.kind))
            .linear_damping(desc.linear_damping)
            .angular_damping(desc.angular_damping)
            .gravity_scale(desc.gravity_scale)
            .ccd_enabled(desc.ccd)
            .user_data(slot as u128)
            .build();
        apply_motion(&mut rb, desc);
        if desc.fixed_rotation {
            rb.lock_rotations(true, false);
        }
        set_can_sleep(&mut rb, self.state.settings.sleeping);
        if desc.sleeping && desc.kind == BodyKind::Dynamic {
            rb.sleep();
        }
        let physics = &mut self.state.physics;
        let handle = physics.insert_body(rb);
        for builder in desc.shape.colliders() {
            let collider = material(builder, desc);
            physics.insert_collider(collider, Some(handle));
        }
        let (index, generation) = self.state.bodies.insert(BodyEntry {
            handle,
            desc: desc.clone(),
            selected: false,
        });
        BodyId { index, generation }
    }

    /// The description of a live body with its current motion state.
    pub(crate) fn describe(&self, entry: &BodyEntry) -> BodyDesc {
        let rb = &self.state.physics.bodies[entry.handle];
        let t = rb.translation();
        let v = rb.linvel();
        BodyDesc {
            position: [t.x, t.y],
            angle: rb.rotation().angle(),
            linear_velocity: [v.x, v.y],
            angular_velocity: rb.angvel(),
            sleeping: rb.is_sleeping() && rb.is_dynamic(),
            ..entry.desc.clone()
        }
    }
}

/// The rapier body type of a Tumble body kind.
pub(crate) fn rigid_body_type(kind: BodyKind) -> RigidBodyType {
    match kind {
        BodyKind::Dynamic => RigidBodyType::Dynamic,
        BodyKind::Static => RigidBodyType::Fixed,
        BodyKind::Kinematic => RigidBodyType::KinematicVelocityBased,
    }
}

/// Pose and velocity from a description.
fn apply_motion(rb: &mut RigidBody, desc: &BodyDesc) {
    let [x, y] = desc.position;
    rb.set_position(
        Pose::from_parts(Vector::new(x, y), Rotation::new(desc.angle)),
        false,
    );
    let [vx, vy] = desc.linear_velocity;
    rb.set_linvel(Vector::new(vx, vy), false);
    rb.set_angvel(desc.angular_velocity, false);
}

/// A collider of `builder`'s shape with the body's material.
fn material(builder: ColliderBuilder, desc: &BodyDesc) -> Collider {
    builder
        .density(desc.density)
        .friction(desc.friction)
        .restitution(desc.restitution)
        .build()
}
