//! Adding, reading, editing and removing joints.

use rapier2d::prelude::*;

use super::state::JointEntry;
use super::{Change, World};
use crate::error::{LimitKind, Result, TumbleError};
use crate::id::{BodyId, JointId};
use crate::joint::{JointDesc, JointKind, Motor, DEFAULT_SPRING_DAMPING, DEFAULT_SPRING_STIFFNESS};
use crate::validate::Validator;

/// How hard a joint motor chases its target speed; the motor's `maxForce` is what bounds it.
const MOTOR_GAIN: f32 = 1.0e4;

impl World {
    /// Connects two bodies (or a body and the world, when `body_a` is `None`) and returns the
    /// joint's id. A stale body id, a body joined to itself, a bad value or a full world gives an
    /// error and changes nothing.
    pub fn add_joint(&mut self, desc: &JointDesc<BodyId>) -> Result<JointId> {
        self.check_room_for_joints(1, "joint")?;
        self.check_joint(desc, Validator::ARGUMENT, "joint")?;
        let base = self.journal_base(true);
        let id = self.insert_joint(desc)?;
        self.structure_changed();
        self.journal(base, || Change::AddJoint {
            joint: desc.clone(),
        });
        Ok(id)
    }

    /// Removes a joint.
    pub fn remove_joint(&mut self, id: JointId) -> Result<()> {
        self.joint_entry(id)?;
        let base = self.journal_base(true);
        let entry = self
            .state
            .joints
            .remove(id.index, id.generation)
            .ok_or(TumbleError::StaleJoint(id.to_f64()))?;
        self.state.physics.remove_impulse_joint(entry.handle);
        self.state.joints_changed = true;
        self.structure_changed();
        self.journal(base, || Change::RemoveJoint { id });
        Ok(())
    }

    /// A joint's description.
    pub fn joint(&self, id: JointId) -> Result<JointDesc<BodyId>> {
        Ok(self.joint_entry(id)?.desc.clone())
    }

    /// Ids of all joints, in slot order (the order of the joint frame buffer).
    pub fn joint_ids(&self) -> Vec<JointId> {
        self.state
            .joints
            .iter()
            .map(|(index, generation, _)| JointId { index, generation })
            .collect()
    }

    /// Replaces a joint's description, keeping its id. An invalid description changes nothing.
    pub fn edit_joint(&mut self, id: JointId, desc: &JointDesc<BodyId>) -> Result<()> {
        self.joint_entry(id)?;
        self.check_joint(desc, Validator::ARGUMENT, "joint")?;
        let desc = self.with_reference_angle(desc);
        let (a, b) = self.joint_bodies(&desc)?;
        let old = self.joint_entry(id)?.handle;
        let base = self.journal_base(true);
        let journaled = desc.clone();
        self.state.physics.remove_impulse_joint(old);
        let handle = self
            .state
            .physics
            .insert_impulse_joint(a, b, generic_joint(&desc));
        let entry = self
            .state
            .joints
            .get_mut(id.index, id.generation)
            .ok_or(TumbleError::StaleJoint(id.to_f64()))?;
        *entry = JointEntry { handle, desc };
        self.state.joints_changed = true;
        self.structure_changed();
        self.journal(base, || Change::EditJoint {
            id,
            joint: journaled,
        });
        Ok(())
    }

    /// Turns a revolute or prismatic joint's motor on (`Some`) or off (`None`).
    pub fn set_motor(&mut self, id: JointId, motor: Option<Motor>) -> Result<()> {
        let mut desc = self.joint(id)?;
        desc.motor = motor;
        self.edit_joint(id, &desc)
    }

    fn joint_entry(&self, id: JointId) -> Result<&JointEntry> {
        self.state
            .joints
            .get(id.index, id.generation)
            .ok_or(TumbleError::StaleJoint(id.to_f64()))
    }

    /// Errors unless `extra` more joints fit under the limit.
    pub(crate) fn check_room_for_joints(&self, extra: usize, path: &str) -> Result<()> {
        let max = self.limits.max_joints;
        if self.state.joints.len() + extra > max {
            return Err(TumbleError::Limit {
                kind: LimitKind::Joints,
                path: path.to_string(),
                message: format!(
                    "a world holds at most {max} joints; it has {} and {extra} more were asked for",
                    self.state.joints.len()
                ),
            });
        }
        Ok(())
    }

    /// Validates a joint whose bodies are ids of this world.
    pub(crate) fn check_joint(
        &self,
        desc: &JointDesc<BodyId>,
        v: Validator,
        path: &str,
    ) -> Result<()> {
        desc.validate(v, path)?;
        if let Some(a) = desc.body_a {
            self.entry(a)?;
        }
        self.entry(desc.body_b)?;
        if desc.body_a == Some(desc.body_b) {
            return Err(TumbleError::InvalidJoint {
                path: path.to_string(),
                message: "a joint must connect two different bodies".into(),
            });
        }
        Ok(())
    }

    /// Inserts a validated joint without refreshing the frame buffers.
    pub(crate) fn insert_joint(&mut self, desc: &JointDesc<BodyId>) -> Result<JointId> {
        let desc = self.with_reference_angle(desc);
        let (a, b) = self.joint_bodies(&desc)?;
        let handle = self
            .state
            .physics
            .insert_impulse_joint(a, b, generic_joint(&desc));
        let (index, generation) = self.state.joints.insert(JointEntry { handle, desc });
        self.state.joints_changed = true;
        Ok(JointId { index, generation })
    }

    /// Fills in a weld's reference angle from the bodies' current angles.
    fn with_reference_angle(&self, desc: &JointDesc<BodyId>) -> JointDesc<BodyId> {
        let mut desc = desc.clone();
        if desc.kind == JointKind::Weld && desc.reference_angle.is_none() {
            let angle = |id: BodyId| {
                self.entry(id)
                    .map(|e| self.state.physics.bodies[e.handle].rotation().angle())
                    .unwrap_or(0.0)
            };
            let a = desc.body_a.map(angle).unwrap_or(0.0);
            desc.reference_angle = Some(angle(desc.body_b) - a);
        }
        desc
    }

    /// The rapier bodies a joint connects; the world is a hidden static body at the origin.
    fn joint_bodies(
        &mut self,
        desc: &JointDesc<BodyId>,
    ) -> Result<(RigidBodyHandle, RigidBodyHandle)> {
        let b = self.entry(desc.body_b)?.handle;
        let a = match desc.body_a {
            Some(id) => self.entry(id)?.handle,
            None => self.ground(),
        };
        Ok((a, b))
    }

    /// The hidden static body that stands for "the world" in joints, created on first use.
    pub(crate) fn ground(&mut self) -> RigidBodyHandle {
        if let Some(handle) = self.state.ground {
            return handle;
        }
        let handle = self.state.physics.insert_body(
            RigidBodyBuilder::fixed()
                .user_data(super::state::NOT_A_SLOT)
                .build(),
        );
        self.state.ground = Some(handle);
        handle
    }
}

/// The rapier joint for a validated description.
fn generic_joint(desc: &JointDesc<BodyId>) -> GenericJoint {
    let a = Vector::new(desc.anchor_a[0], desc.anchor_a[1]);
    let b = Vector::new(desc.anchor_b[0], desc.anchor_b[1]);
    let cc = desc.collide_connected;
    match desc.kind {
        JointKind::Revolute => {
            let mut j = RevoluteJointBuilder::new()
                .local_anchor1(a)
                .local_anchor2(b)
                .contacts_enabled(cc);
            if let Some(limits) = desc.limits {
                j = j.limits(limits);
            }
            if let Some(m) = desc.motor {
                j = j
                    .motor_velocity(m.speed, MOTOR_GAIN)
                    .motor_max_force(m.max_force);
            }
            j.build().into()
        }
        JointKind::Prismatic => {
            let [ax, ay] = desc.axis.unwrap_or([1.0, 0.0]);
            let axis = Vector::new(ax, ay).normalize();
            let mut j = PrismaticJointBuilder::new(axis)
                .local_anchor1(a)
                .local_anchor2(b)
                .contacts_enabled(cc);
            if let Some(limits) = desc.limits {
                j = j.limits(limits);
            }
            if let Some(m) = desc.motor {
                j = j
                    .motor_velocity(m.speed, MOTOR_GAIN)
                    .motor_max_force(m.max_force);
            }
            j.build().into()
        }
        JointKind::Weld => {
            let reference = desc.reference_angle.unwrap_or(0.0);
            FixedJointBuilder::new()
                .local_frame1(Pose::from_parts(a, Rotation::new(reference)))
                .local_frame2(Pose::from_parts(b, Rotation::IDENTITY))
                .contacts_enabled(cc)
                .build()
                .into()
        }
        JointKind::Rope => RopeJointBuilder::new(desc.max_length.unwrap_or(1.0))
            .local_anchor1(a)
            .local_anchor2(b)
            .contacts_enabled(cc)
            .build()
            .into(),
        JointKind::Spring => SpringJointBuilder::new(
            desc.rest_length.unwrap_or(0.0),
            desc.stiffness.unwrap_or(DEFAULT_SPRING_STIFFNESS),
            desc.damping.unwrap_or(DEFAULT_SPRING_DAMPING),
        )
        .local_anchor1(a)
        .local_anchor2(b)
        .contacts_enabled(cc)
        .build()
        .into(),
    }
}
