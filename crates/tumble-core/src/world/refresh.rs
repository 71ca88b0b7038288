//! Writing the world into the frame buffers (layouts in [`crate::frame`]).
//!
//! Per-step buffers are rewritten in place: after the first frame at a given size they allocate
//! nothing. The shape table is rebuilt only after a structural change.

use rapier2d::prelude::*;

use super::World;
use crate::frame::{
    debug_line, joint, shape, state, DEBUG_LINE_STRIDE, JOINT_STRIDE, SHAPE_STRIDE,
    TRANSFORM_STRIDE,
};
use crate::shape::ShapeDesc;

impl World {
    /// Rewrites every frame buffer from the current state.
    pub(crate) fn refresh_frame(&mut self) {
        if self.structure_dirty {
            self.refresh_structure();
            self.structure_dirty = false;
        }
        self.refresh_motion();
        self.refresh_joints();
        self.frame.debug_lines.clear();
        if self.debug_lines() {
            self.refresh_debug_lines();
        }
    }

    /// Transforms and body state, one tight pass over the slots.
    fn refresh_motion(&mut self) {
        let slots = self.state.bodies.capacity();
        let frame = &mut self.frame;
        frame.transforms.resize(slots * TRANSFORM_STRIDE, 0.0);
        frame.body_state.resize(slots, 0);
        let grabbed = self.state.drag.as_ref().map(|d| d.body.index as usize);
        let bodies = &self.state.physics.bodies;
        for slot in 0..slots {
            let Some(entry) = self.state.bodies.at(slot) else {
                frame.body_state[slot] = 0;
                continue;
            };
            let rb = &bodies[entry.handle];
            let pose = rb.position();
            let out = &mut frame.transforms[slot * TRANSFORM_STRIDE..][..TRANSFORM_STRIDE];
            out[0] = pose.translation.x;
            out[1] = pose.translation.y;
            out[2] = pose.rotation.re;
            out[3] = pose.rotation.im;
            let mut flags = state::OCCUPIED | (entry.desc.kind.code() << state::KIND_SHIFT);
            if rb.is_dynamic_or_kinematic() && !rb.is_sleeping() {
                flags |= state::AWAKE;
            }
            if entry.selected {
                flags |= state::SELECTED;
            }
            if grabbed == Some(slot) {
                flags |= state::GRABBED;
            }
            frame.body_state[slot] = flags;
        }
    }

    /// Slot ids, shape table, colours and vertices.
    fn refresh_structure(&mut self) {
        let slots = self.state.bodies.capacity();
        let frame = &mut self.frame;
        frame.slot_ids.clear();
        frame.shapes.clear();
        frame.colors.clear();
        frame.vertices.clear();
        for slot in 0..slots {
            let Some(entry) = self.state.bodies.at(slot) else {
                frame.slot_ids.push(-1.0);
                frame.shapes.extend_from_slice(&[shape::NONE; SHAPE_STRIDE]);
                frame.colors.push(0);
                continue;
            };
            let generation = self.state.bodies.generation_at(slot);
            frame.slot_ids.push(
                crate::BodyId {
                    index: slot as u32,
                    generation,
                }
                .to_f64(),
            );
            let start = (frame.vertices.len() / 2) as f32;
            entry.desc.shape.push_vertices(&mut frame.vertices);
            let count = (frame.vertices.len() / 2) as f32 - start;
            let (kind, p) = match entry.desc.shape {
                ShapeDesc::Circle { radius } => (shape::CIRCLE, [radius, 0.0, 0.0]),
                ShapeDesc::Box {
                    width,
                    height,
                    corner_radius,
                } => (shape::BOX, [width / 2.0, height / 2.0, corner_radius]),
                ShapeDesc::Capsule { length, radius } => {
                    (shape::CAPSULE, [length / 2.0, radius, 0.0])
                }
                ShapeDesc::Polygon { .. } => (shape::POLYGON, [0.0; 3]),
                ShapeDesc::Segment { .. } => (shape::SEGMENT, [0.0; 3]),
                ShapeDesc::Polyline { closed: false, .. } => (shape::POLYLINE, [0.0; 3]),
                ShapeDesc::Polyline { closed: true, .. } => (shape::CLOSED_POLYLINE, [0.0; 3]),
            };
            frame
                .shapes
                .extend_from_slice(&[kind, p[0], p[1], p[2], start, count, 0.0, 0.0]);
            frame.colors.push(entry.desc.color.0);
        }
    }

    /// Joint kinds, world-space anchors and ids.
    fn refresh_joints(&mut self) {
        let frame = &mut self.frame;
        frame.joints.clear();
        frame.joint_ids.clear();
        let physics = &self.state.physics;
        for (index, generation, entry) in self.state.joints.iter() {
            let Some(j) = physics.impulse_joints.get(entry.handle) else {
                continue;
            };
            let (Some(b1), Some(b2)) =
                (physics.bodies.get(j.body1()), physics.bodies.get(j.body2()))
            else {
                continue;
            };
            let a = b1.position() * j.data.local_anchor1();
            let b = b2.position() * j.data.local_anchor2();
            let flags = if entry.desc.motor.is_some() {
                joint::FLAG_MOTOR
            } else {
                0.0
            };
            let record: [f32; JOINT_STRIDE] =
                [entry.desc.kind.code() as f32, a.x, a.y, b.x, b.y, flags];
            frame.joints.extend_from_slice(&record);
            frame
                .joint_ids
                .push(crate::JointId { index, generation }.to_f64());
        }
    }

    /// Bounding boxes of every collider, contact normals, and every dynamic body's centre of mass.
    fn refresh_debug_lines(&mut self) {
        let physics = &self.state.physics;
        let lines = &mut self.frame.debug_lines;
        let mut push = |a: Vector, b: Vector, kind: f32| {
            let record: [f32; DEBUG_LINE_STRIDE] = [a.x, a.y, b.x, b.y, kind];
            lines.extend_from_slice(&record);
        };
        for (_, collider) in physics.colliders.iter() {
            if super::is_placeholder(collider) {
                continue;
            }
            let aabb = collider.compute_aabb();
            let (lo, hi) = (aabb.mins, aabb.maxs);
            let corners = [lo, Vector::new(hi.x, lo.y), hi, Vector::new(lo.x, hi.y)];
            for i in 0..4 {
                push(corners[i], corners[(i + 1) % 4], debug_line::AABB);
            }
        }
        for pair in physics.narrow_phase.contact_pairs() {
            let Some(c1) = physics.colliders.get(pair.collider1) else {
                continue;
            };
            for manifold in pair.manifolds() {
                let normal = c1.position().rotation * manifold.local_n1;
                for point in &manifold.points {
                    let p = c1.position() * point.local_p1;
                    let length = 0.2 + point.data.impulse.min(10.0) * 0.05;
                    push(p, p + normal * length, debug_line::CONTACT_NORMAL);
                }
            }
        }
        for (_, body) in physics.bodies.iter() {
            if body.is_dynamic() {
                let centre = body.center_of_mass();
                push(centre, centre, debug_line::CENTER_OF_MASS);
            }
        }
    }
}
