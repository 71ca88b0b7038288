//! What a joint is, as a person describes it: which bodies, where, and how they are held.

use serde::{Deserialize, Serialize};

use crate::error::TumbleError;
use crate::limits::MAX_COORDINATE;
use crate::validate::Validator;

/// The kinds of joint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum JointKind {
    /// A pin: the anchors coincide, the bodies rotate freely (optionally within limits, or
    /// driven by a motor).
    Revolute,
    /// A slider along `axis` (optionally within limits, or driven by a motor).
    Prismatic,
    /// The bodies are glued together.
    Weld,
    /// The anchors are at most `maxLength` apart.
    Rope,
    /// The anchors are pulled towards `restLength` apart by a damped spring.
    Spring,
}

impl JointKind {
    /// The value used in the joint frame buffer (see [`crate::frame`]).
    pub fn code(self) -> u8 {
        match self {
            JointKind::Revolute => 0,
            JointKind::Prismatic => 1,
            JointKind::Weld => 2,
            JointKind::Rope => 3,
            JointKind::Spring => 4,
        }
    }
}

/// A joint motor: drives the joint towards `speed` with at most `maxForce` (a torque for revolute
/// joints).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Motor {
    /// Target speed: rad/s for revolute joints, m/s for prismatic ones.
    pub speed: f32,
    /// Largest force (N) or torque (N·m) the motor applies.
    pub max_force: f32,
}

/// A joint between body `a` (or the world, when `a` is `None`) and body `b`.
///
/// `B` is how a body is named: an index into the scene's `bodies` list in a [`crate::Scene`],
/// a [`crate::BodyId`] in the editing API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct JointDesc<B> {
    /// Which kind of joint; decides which of the optional fields below apply.
    #[serde(rename = "type")]
    pub kind: JointKind,
    /// The first body, or `null` for the world.
    #[serde(default = "none")]
    pub body_a: Option<B>,
    /// The second body.
    pub body_b: B,
    /// Anchor on body a, in a's own frame (in world coordinates when a is the world).
    #[serde(default)]
    pub anchor_a: [f32; 2],
    /// Anchor on body b, in b's own frame.
    #[serde(default)]
    pub anchor_b: [f32; 2],
    /// Whether the two bodies still collide with each other. Default false.
    #[serde(default)]
    pub collide_connected: bool,
    /// Revolute: `[min, max]` relative angle in radians. Prismatic: `[min, max]` offset in metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<[f32; 2]>,
    /// Revolute and prismatic: a motor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motor: Option<Motor>,
    /// Prismatic: the slide direction in a's frame. Default `[1, 0]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<[f32; 2]>,
    /// Rope: the longest the anchors may be apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<f32>,
    /// Weld: angle of b relative to a that the weld holds, in radians. Filled in from the bodies'
    /// angles when the joint is made, if not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_angle: Option<f32>,
    /// Spring: the length it pulls towards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_length: Option<f32>,
    /// Spring: stiffness in N/m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stiffness: Option<f32>,
    /// Spring: damping in N·s/m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damping: Option<f32>,
}

fn none<B>() -> Option<B> {
    None
}

impl<B> JointDesc<B> {
    /// A joint of `kind` between `a` (or the world) and `b` with the given anchors and no extras.
    pub fn new(
        kind: JointKind,
        a: Option<B>,
        b: B,
        anchor_a: [f32; 2],
        anchor_b: [f32; 2],
    ) -> Self {
        JointDesc {
            kind,
            body_a: a,
            body_b: b,
            anchor_a,
            anchor_b,
            collide_connected: false,
            limits: None,
            motor: None,
            axis: None,
            max_length: None,
            reference_angle: None,
            rest_length: None,
            stiffness: None,
            damping: None,
        }
    }

    /// The same joint naming its bodies another way.
    pub fn map_bodies<C>(&self, mut f: impl FnMut(&B) -> C) -> JointDesc<C> {
        JointDesc {
            kind: self.kind,
            body_a: self.body_a.as_ref().map(&mut f),
            body_b: f(&self.body_b),
            anchor_a: self.anchor_a,
            anchor_b: self.anchor_b,
            collide_connected: self.collide_connected,
            limits: self.limits,
            motor: self.motor,
            axis: self.axis,
            max_length: self.max_length,
            reference_angle: self.reference_angle,
            rest_length: self.rest_length,
            stiffness: self.stiffness,
            damping: self.damping,
        }
    }

    /// Checks the numbers and that each field belongs to this kind of joint; `path` names the
    /// joint, e.g. `joints[2]`. Body references are checked by the caller.
    pub(crate) fn validate(&self, v: Validator, path: &str) -> Result<(), TumbleError> {
        v.point(&format!("{path}.anchorA"), self.anchor_a)?;
        v.point(&format!("{path}.anchorB"), self.anchor_b)?;
        let only = |field: &str, present: bool, kinds: &[JointKind]| {
            if present && !kinds.contains(&self.kind) {
                Err(v.error(
                    &format!("{path}.{field}"),
                    format!("a {:?} joint has no {field}", self.kind).to_lowercase(),
                ))
            } else {
                Ok(())
            }
        };
        use JointKind::*;
        only("limits", self.limits.is_some(), &[Revolute, Prismatic])?;
        only("motor", self.motor.is_some(), &[Revolute, Prismatic])?;
        only("axis", self.axis.is_some(), &[Prismatic])?;
        only("maxLength", self.max_length.is_some(), &[Rope])?;
        only("referenceAngle", self.reference_angle.is_some(), &[Weld])?;
        only("restLength", self.rest_length.is_some(), &[Spring])?;
        only("stiffness", self.stiffness.is_some(), &[Spring])?;
        only("damping", self.damping.is_some(), &[Spring])?;
        if let Some([lo, hi]) = self.limits {
            let p = format!("{path}.limits");
            v.coordinate(&format!("{p}[0]"), lo)?;
            v.coordinate(&format!("{p}[1]"), hi)?;
            if lo > hi {
                return Err(v.error(&p, format!("min must not exceed max, got [{lo}, {hi}]")));
            }
        }
        if let Some(motor) = self.motor {
            v.coordinate(&format!("{path}.motor.speed"), motor.speed)?;
            v.range(
                &format!("{path}.motor.maxForce"),
                motor.max_force,
                0.0,
                1.0e9,
            )?;
        }
        if let Some(angle) = self.reference_angle {
            v.coordinate(&format!("{path}.referenceAngle"), angle)?;
        }
        if let Some(axis) = self.axis {
            v.point(&format!("{path}.axis"), axis)?;
            if axis[0] * axis[0] + axis[1] * axis[1] < 1.0e-6 {
                return Err(v.error(&format!("{path}.axis"), "must not be the zero vector"));
            }
        }
        if self.kind == Rope {
            let len = self.max_length.ok_or_else(|| {
                v.error(&format!("{path}.maxLength"), "a rope joint needs maxLength")
            })?;
            v.size(&format!("{path}.maxLength"), len)?;
        }
        if self.kind == Spring {
            let rest = self.rest_length.unwrap_or(0.0);
            v.range(&format!("{path}.restLength"), rest, 0.0, MAX_COORDINATE)?;
            let k = self.stiffness.unwrap_or(DEFAULT_SPRING_STIFFNESS);
            v.range(&format!("{path}.stiffness"), k, 0.0, 1.0e9)?;
            let d = self.damping.unwrap_or(DEFAULT_SPRING_DAMPING);
            v.range(&format!("{path}.damping"), d, 0.0, 1.0e9)?;
        }
        Ok(())
    }
}

/// Spring stiffness when a spring joint names none, in N/m.
pub const DEFAULT_SPRING_STIFFNESS: f32 = 100.0;
/// Spring damping when a spring joint names none, in N·s/m.
pub const DEFAULT_SPRING_DAMPING: f32 = 2.0;
