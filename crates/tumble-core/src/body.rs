//! What a body is, as a person describes it: its kind, shape, pose, velocity and material.

use serde::{Deserialize, Serialize};

use crate::color::Color;
use crate::error::TumbleError;
use crate::limits::MAX_COORDINATE;
use crate::shape::ShapeDesc;
use crate::validate::Validator;

/// How a body moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BodyKind {
    /// Moved by forces, gravity and contacts.
    #[default]
    Dynamic,
    /// Never moves.
    Static,
    /// Moves with its velocity, unaffected by forces; pushes dynamic bodies.
    Kinematic,
}

impl BodyKind {
    /// The value used in the body-state frame buffer (see [`crate::frame`]).
    pub fn code(self) -> u8 {
        match self {
            BodyKind::Dynamic => 0,
            BodyKind::Static => 1,
            BodyKind::Kinematic => 2,
        }
    }
}

/// A full description of one body. Scenes hold a list of these; `spawn` takes one; reading a
/// body back gives one with its current pose and velocity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BodyDesc {
    /// Dynamic, static or kinematic.
    #[serde(rename = "type", default)]
    pub kind: BodyKind,
    /// Its shape, in its own frame.
    pub shape: ShapeDesc,
    /// Position of its origin in metres.
    pub position: [f32; 2],
    /// Rotation in radians, counter-clockwise.
    #[serde(default)]
    pub angle: f32,
    /// Velocity in m/s.
    #[serde(default)]
    pub linear_velocity: [f32; 2],
    /// Angular velocity in rad/s, counter-clockwise.
    #[serde(default)]
    pub angular_velocity: f32,
    /// Mass per unit area, kg/m². Default 1.
    #[serde(default = "one")]
    pub density: f32,
    /// Coulomb friction coefficient. Default 0.6.
    #[serde(default = "default_friction")]
    pub friction: f32,
    /// Bounciness, 0 (none) to 1 (elastic). Default 0.
    #[serde(default)]
    pub restitution: f32,
    /// Linear velocity damping per second. Default 0.
    #[serde(default)]
    pub linear_damping: f32,
    /// Angular velocity damping per second. Default 0.
    #[serde(default)]
    pub angular_damping: f32,
    /// Multiplier of the world's gravity for this body. Default 1.
    #[serde(default = "one")]
    pub gravity_scale: f32,
    /// Continuous collision detection, for small fast bodies. Default off.
    #[serde(default)]
    pub ccd: bool,
    /// Never rotates. Default off.
    #[serde(default)]
    pub fixed_rotation: bool,
    /// Display colour.
    #[serde(default)]
    pub color: Color,
    /// Whether it starts asleep. Default false.
    #[serde(default)]
    pub sleeping: bool,
}

fn one() -> f32 {
    1.0
}

/// The friction a body gets when its description names none.
pub const DEFAULT_FRICTION: f32 = 0.6;

fn default_friction() -> f32 {
    DEFAULT_FRICTION
}

impl BodyDesc {
    /// A dynamic body of `shape` at `position` with default material and colour.
    pub fn new(shape: ShapeDesc, position: [f32; 2]) -> Self {
        BodyDesc {
            kind: BodyKind::Dynamic,
            shape,
            position,
            angle: 0.0,
            linear_velocity: [0.0, 0.0],
            angular_velocity: 0.0,
            density: 1.0,
            friction: DEFAULT_FRICTION,
            restitution: 0.0,
            linear_damping: 0.0,
            angular_damping: 0.0,
            gravity_scale: 1.0,
            ccd: false,
            fixed_rotation: false,
            color: Color::DEFAULT,
            sleeping: false,
        }
    }

    /// A static body of `shape` at `position`.
    pub fn fixed(shape: ShapeDesc, position: [f32; 2]) -> Self {
        BodyDesc {
            kind: BodyKind::Static,
            ..BodyDesc::new(shape, position)
        }
    }

    /// Builder-style: sets the colour.
    pub fn with_color(mut self, color: Color) -> Self {
        self.color = color;
        self
    }

    /// Builder-style: sets the angle.
    pub fn with_angle(mut self, angle: f32) -> Self {
        self.angle = angle;
        self
    }

    /// Builder-style: sets density, friction and restitution.
    pub fn with_material(mut self, density: f32, friction: f32, restitution: f32) -> Self {
        self.density = density;
        self.friction = friction;
        self.restitution = restitution;
        self
    }

    /// Checks every number; `path` names the body, e.g. `bodies[3]`.
    pub(crate) fn validate(&self, v: Validator, path: &str) -> Result<(), TumbleError> {
        self.shape.validate(v, &format!("{path}.shape"))?;
        if self.kind == BodyKind::Dynamic && !self.shape.is_solid() {
            return Err(v.error(
                &format!("{path}.shape.type"),
                "segments and polylines have no area, so they can only be static or kinematic bodies",
            ));
        }
        v.point(&format!("{path}.position"), self.position)?;
        v.range(
            &format!("{path}.angle"),
            self.angle,
            -MAX_COORDINATE,
            MAX_COORDINATE,
        )?;
        v.point(&format!("{path}.linearVelocity"), self.linear_velocity)?;
        v.coordinate(&format!("{path}.angularVelocity"), self.angular_velocity)?;
        v.range(&format!("{path}.density"), self.density, 1.0e-3, 1.0e5)?;
        v.range(&format!("{path}.friction"), self.friction, 0.0, 100.0)?;
        v.range(&format!("{path}.restitution"), self.restitution, 0.0, 1.0)?;
        v.range(
            &format!("{path}.linearDamping"),
            self.linear_damping,
            0.0,
            1.0e3,
        )?;
        v.range(
            &format!("{path}.angularDamping"),
            self.angular_damping,
            0.0,
            1.0e3,
        )?;
        v.range(
            &format!("{path}.gravityScale"),
            self.gravity_scale,
            -100.0,
            100.0,
        )?;
        Ok(())
    }
}
