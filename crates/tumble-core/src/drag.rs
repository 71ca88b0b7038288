//! Dragging a body with the pointer.
//!
//! The grabbed point is tied to an invisible kinematic anchor that follows the pointer by a joint
//! with two linear motors (a "mouse joint", as in Box2D's samples). The motors act like a stiff
//! damped spring whose force is capped at [`DRAG_FORCE_PER_KG`] times the body's mass, so a dragged
//! body is pulled, not teleported: it pushes other bodies out of its way with a bounded force,
//! stops at static walls, and cannot blow up a stack. CCD is on while it is held, so a fast drag
//! does not tunnel through thin walls.

use rapier2d::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Result, TumbleError};
use crate::id::BodyId;
use crate::validate::Validator;
use crate::world::state::NOT_A_SLOT;
use crate::world::Change;
use crate::World;

/// The most force the drag applies per kilogram of the dragged body, in N/kg (= m/s²):
/// 50 g, enough to fling a body, not enough to crush a stack.
pub const DRAG_FORCE_PER_KG: f32 = 50.0 * 9.81;

/// Fastest the drag anchor chases the pointer, m/s. The body follows the anchor, so a flick of
/// the mouse accelerates it smoothly instead of yanking it at the full force cap.
pub const DRAG_MAX_SPEED: f32 = 15.0;

/// Natural frequency of the drag spring, Hz.
const DRAG_HZ: f32 = 5.0;
/// Damping ratio of the drag spring.
const DRAG_DAMPING_RATIO: f32 = 0.7;

/// An active drag.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Drag {
    /// The body being dragged.
    pub body: BodyId,
    /// The kinematic anchor that follows the pointer.
    anchor: RigidBodyHandle,
    /// The motor joint between anchor and body.
    joint: ImpulseJointHandle,
    /// Where the pointer is; the anchor moves there at the next step.
    target: [f32; 2],
    /// Whether the body had CCD on before the drag.
    had_ccd: bool,
}

impl Drag {
    /// The rapier anchor body and joint the drag is made of.
    pub(crate) fn rapier_parts(&self) -> (RigidBodyHandle, ImpulseJointHandle) {
        (self.anchor, self.joint)
    }
}

impl World {
    /// Grabs the topmost dynamic body under `point` and returns its id, or `None` if there is no
    /// dynamic body there. A previous grab is released first.
    pub fn grab(&mut self, point: [f32; 2]) -> Result<Option<BodyId>> {
        Validator::ARGUMENT.point("point", point)?;
        let base = self.journal_base(true);
        let grabbed = self.take_hold(point)?;
        self.journal(base, || Change::Grab { point });
        Ok(grabbed)
    }

    fn take_hold(&mut self, point: [f32; 2]) -> Result<Option<BodyId>> {
        self.let_go();
        let Some(id) = self.dynamic_body_at(point) else {
            return Ok(None);
        };
        let handle = self.entry(id)?.handle;
        let physics = &mut self.state.physics;
        let rb = &mut physics.bodies[handle];
        let local = rb
            .position()
            .inverse_transform_point(Vector::new(point[0], point[1]));
        let mass = rb.mass().max(1.0e-6);
        let had_ccd = rb.is_ccd_enabled();
        rb.enable_ccd(true);
        rb.wake_up(true);
        let anchor = physics.insert_body(
            RigidBodyBuilder::kinematic_position_based()
                .translation(Vector::new(point[0], point[1]))
                .user_data(NOT_A_SLOT)
                .build(),
        );
        let omega = 2.0 * std::f32::consts::PI * DRAG_HZ;
        let stiffness = mass * omega * omega;
        let damping = 2.0 * mass * DRAG_DAMPING_RATIO * omega;
        let max_force = mass * DRAG_FORCE_PER_KG;
        let joint = GenericJointBuilder::new(JointAxesMask::empty())
            .local_anchor1(Vector::ZERO)
            .local_anchor2(local)
            .motor_model(JointAxis::LinX, MotorModel::ForceBased)
            .motor_model(JointAxis::LinY, MotorModel::ForceBased)
            .motor_position(JointAxis::LinX, 0.0, stiffness, damping)
            .motor_position(JointAxis::LinY, 0.0, stiffness, damping)
            .motor_max_force(JointAxis::LinX, max_force)
            .motor_max_force(JointAxis::LinY, max_force)
            .contacts_enabled(false)
            .build();
        let joint = physics.insert_impulse_joint(anchor, handle, joint);
        self.state.joints_changed = true;
        self.state.drag = Some(Drag {
            body: id,
            anchor,
            joint,
            target: point,
            had_ccd,
        });
        self.refresh_frame();
        Ok(Some(id))
    }

    /// Moves the drag target to `point`; the body follows over the next steps.
    pub fn drag_to(&mut self, point: [f32; 2]) -> Result<()> {
        Validator::ARGUMENT.point("point", point)?;
        let drag = self.state.drag.as_mut().ok_or(TumbleError::NotDragging)?;
        drag.target = point;
        let body = drag.body;
        if let Ok(entry) = self.entry(body) {
            let handle = entry.handle;
            self.state.physics.bodies[handle].wake_up(true);
        }
        self.journal(None, || Change::DragTo { point });
        Ok(())
    }

    /// Lets go of the dragged body, if any.
    pub fn release(&mut self) {
        let base = self.journal_base(self.state.drag.is_some());
        self.let_go();
        self.journal(base, || Change::Release);
    }

    /// Lets go of the dragged body, if any, as part of another call.
    pub(crate) fn let_go(&mut self) {
        let Some(drag) = self.state.drag.take() else {
            return;
        };
        let physics = &mut self.state.physics;
        physics.remove_impulse_joint(drag.joint);
        physics.remove_body(drag.anchor);
        self.state.joints_changed = true;
        if let Ok(entry) = self.entry(drag.body) {
            let handle = entry.handle;
            self.state.physics.bodies[handle].enable_ccd(drag.had_ccd);
        }
        self.refresh_frame();
    }

    /// The body being dragged, if any.
    pub fn grabbed(&self) -> Option<BodyId> {
        self.state.drag.as_ref().map(|d| d.body)
    }

    /// Moves the anchor towards the drag target, at most [`DRAG_MAX_SPEED`]; called before
    /// every step.
    pub(crate) fn update_drag_anchor(&mut self) {
        let max_step = DRAG_MAX_SPEED * self.state.settings.step_seconds();
        if let Some(drag) = &self.state.drag {
            if let Some(anchor) = self.state.physics.bodies.get_mut(drag.anchor) {
                let here = anchor.translation();
                let delta = Vector::new(drag.target[0], drag.target[1]) - here;
                let length = delta.length();
                let step = if length > max_step {
                    delta * (max_step / length)
                } else {
                    delta
                };
                anchor.set_next_kinematic_translation(here + step);
            }
        }
    }
}
