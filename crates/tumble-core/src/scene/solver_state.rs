//! The exact engine state inside a save.
//!
//! rapier warm-starts every step from the previous step's contact impulses, and its results also
//! depend on the order of its internal arenas and trees. A save that held only what a person reads
//! (poses and velocities) would diverge from the uninterrupted run within a step. So a save also
//! carries `solverState`: the whole engine state (rapier's sets and contact graph, Tumble's id
//! tables, the clock), encoded with postcard and base64'd, with a checksum of the readable part.
//!
//! postcard is positional and not self-describing: much smaller than MessagePack with field names
//! (the links and saves it goes into), and serde instantiates only the sequence half of every
//! rapier type's decoder for it. MessagePack had cost 3.5 MB of the wasm module's 5.5 MB of code.
//! The scene types inside the state (body and joint descriptions) use internally tagged enums
//! and skipped fields, which a positional format cannot carry, so they travel as JSON text
//! inside it (`world::state::as_json`).
//!
//! A save taken between a joint change and the next step carries the world from before that
//! change, and in `changes` the API calls made since, which loading replays (`world::journal`).
//!
//! On load the readable part is the source of truth: the solver state is used only when its
//! checksum matches the readable part exactly and it decodes into a consistent world whose bodies
//! are where the readable part says. Otherwise it is ignored and the world is built from the
//! readable part alone (a person who edits a save by hand gets what they wrote).

use base64::Engine as _;
use rapier2d::prelude::*;
use serde::{Deserialize, Serialize};

use super::arenas::{read_arenas, Pending, Raw};
use super::{internals, Scene};
use crate::body::BodyDesc;
use crate::id::BodyId;
use crate::limits::MAX_SCENE_BYTES;
use crate::world::state::{WorldState, NOT_A_SLOT};
use crate::world::Change;

/// The only encoding written and read.
pub const ENCODING: &str = "postcard-base64";

/// `solverState` in a save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SolverState {
    /// How `data` is encoded: [`ENCODING`].
    pub encoding: String,
    /// FNV-1a 64 of the readable part (the scene without `solverState`, as compact JSON), in hex.
    pub checksum: String,
    /// The encoded engine state.
    pub data: String,
    /// The calls made since the last step's first joint change, to replay on `data` (see
    /// [`crate::World::save`]). Empty, and left out of the JSON, in most saves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// The checksum a save's `solverState` carries for its readable part: FNV-1a 64 of the scene
/// without `solverState`, as compact JSON, in hex. It catches edits, not attacks: anyone can
/// recompute it.
pub fn checksum(readable: &Scene) -> String {
    let bytes = serde_json::to_vec(readable).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= byte as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Encodes `state` and the `changes` to replay on it, tied to `readable` (a scene without
/// solver state).
pub(crate) fn capture(readable: &Scene, state: &WorldState, changes: &[Change]) -> SolverState {
    let bytes = postcard::to_allocvec(state).unwrap_or_default();
    SolverState {
        encoding: ENCODING.to_string(),
        checksum: checksum(readable),
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
        changes: changes.to_vec(),
    }
}

/// The engine state carried by `scene` and the changes to replay on it, if its checksum matches
/// the readable part and it decodes into a consistent world. The caller replays the changes and
/// checks the result with [`matches`].
pub(crate) fn restore(scene: &Scene) -> Option<(WorldState, Vec<Change>)> {
    let solver = scene.solver_state.as_ref()?;
    if solver.encoding != ENCODING {
        return None;
    }
    let readable = Scene {
        solver_state: None,
        ..scene.clone()
    };
    if checksum(&readable) != solver.checksum {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&solver.data)
        .ok()?;
    if bytes.len() > MAX_SCENE_BYTES {
        return None;
    }
    let mut state: WorldState = postcard::from_bytes(&bytes).ok()?;
    let pending = read_arenas(&state.physics)?;
    if !super::finite::all_finite(&state) {
        return None;
    }
    state.find_held_slots();
    let trusted = consistent(&state, &pending) && internals::sound(&state, &pending);
    trusted.then(|| (state, solver.changes.clone()))
}

/// Whether a decoded state is a world the engine can run: rapier's bodies, colliders and joints
/// are Tumble's, and each body's colliders are what its description builds.
fn consistent(state: &WorldState, pending: &Pending) -> bool {
    let physics = &state.physics;
    let mut extra = state.ground.is_some() as usize;
    if state.drag.is_some() {
        extra += 1;
    }
    if physics.bodies.len() != state.bodies.len() + extra {
        return false;
    }
    // Every collider belongs to a body or holds a removed one's slot: no stray shapes.
    let attached: usize = physics
        .bodies
        .iter()
        .map(|(_, rb)| rb.colliders().len())
        .sum();
    if physics.colliders.len() != attached + state.held_slots.len() {
        return false;
    }
    // Tumble asks for no collision or contact-force events and no hooks: rapier keeps lists of
    // the pairs that report forces, which a crafted state's flags would have to agree with.
    let quiet =
        |(_, co): (_, &Collider)| co.active_events().is_empty() && co.active_hooks().is_empty();
    if !physics.colliders.iter().all(quiet) {
        return false;
    }
    // Per-body solver settings Tumble never changes: extra iterations ran a crafted state's
    // steps for over a second each.
    let plain = |rb: &RigidBody| {
        rb.additional_solver_iterations() == 0
            && rb.additional_pgs_iterations() == 0
            && rb.dominance_group() == 0
            && rb.is_enabled()
    };
    if !physics.bodies.iter().all(|(_, rb)| plain(rb)) {
        return false;
    }
    for (index, _, entry) in state.bodies.iter() {
        let Some(rb) = physics.bodies.get(entry.handle) else {
            return false;
        };
        let desc = &entry.desc;
        let same = |a: f32, b: f32| a.to_bits() == b.to_bits();
        if rb.body_type() != crate::world::rigid_body_type(desc.kind)
            || !same(rb.gravity_scale(), desc.gravity_scale)
            || !same(rb.linear_damping(), desc.linear_damping)
            || !same(rb.angular_damping(), desc.angular_damping)
        {
            return false;
        }
        if rb.user_data != index as u128 || rb.user_data == NOT_A_SLOT {
            return false;
        }
        if !same_shape(physics, entry.handle, &entry.desc) {
            return false;
        }
    }
    // Joints join the bodies their descriptions name, each its own rapier joint.
    let handle_of = |id: Option<BodyId>| match id {
        Some(id) => state.bodies.get(id.index, id.generation).map(|e| e.handle),
        None => state.ground,
    };
    let mut joint_handles = Vec::with_capacity(state.joints.len() + 1);
    for (_, _, entry) in state.joints.iter() {
        let Some(joint) = physics.impulse_joints.get(entry.handle) else {
            return false;
        };
        if handle_of(entry.desc.body_a) != Some(joint.body1())
            || handle_of(Some(entry.desc.body_b)) != Some(joint.body2())
        {
            return false;
        }
        joint_handles.push(entry.handle.0.into_raw_parts());
    }
    if let Some(ground) = state.ground {
        if physics.bodies.get(ground).map(|rb| rb.user_data) != Some(NOT_A_SLOT) {
            return false;
        }
    }
    if let Some(drag) = &state.drag {
        let (anchor, joint) = drag.rapier_parts();
        let Some(joint) = physics.impulse_joints.get(joint) else {
            return false;
        };
        if joint.body1() != anchor
            || handle_of(Some(drag.body)) != Some(joint.body2())
            || physics.bodies.get(anchor).map(|rb| rb.user_data) != Some(NOT_A_SLOT)
        {
            return false;
        }
        joint_handles.push(drag.rapier_parts().1 .0.into_raw_parts());
    }
    joint_handles.sort_unstable();
    joint_handles.dedup();
    joint_handles.len() == physics.impulse_joints.len()
        && poses_are_sound(physics, &pending.changed_bodies)
}

/// Whether every pose is one a step leaves: rotations are unit (the readable part does not give
/// them: a save's angle is read from the rotation, and loading compares positions only), and a
/// collider is where its body puts it. A step updates colliders from their bodies; a body moved
/// since, which is on rapier's list of changed bodies, is settled by the next step. A crafted
/// rotation of length 1e-30, or a collider elsewhere, made parry's box-box test assert.
fn poses_are_sound(physics: &PhysicsWorld, changed: &[Raw]) -> bool {
    let unit = |pose: &Pose| (pose.rotation.length_squared() - 1.0).abs() <= 1.0e-4;
    let changed: std::collections::BTreeSet<_> = changed.iter().copied().collect();
    physics.bodies.iter().all(|(handle, rb)| {
        let settled = !changed.contains(&handle.into_raw_parts());
        unit(rb.position())
            && unit(rb.next_position())
            && rb.colliders().iter().all(|&c| {
                physics.colliders.get(c).is_some_and(|co| {
                    let at = co.position_wrt_parent().map(|local| rb.position() * local);
                    unit(co.position()) && (!settled || at.as_ref() == Some(co.position()))
                })
            })
    })
}

/// Whether a consistent state is the world the readable part describes: the same settings and
/// clock, and the same bodies (shape, pose, velocity) and joints in the same order.
pub(crate) fn matches(state: &WorldState, scene: &Scene) -> bool {
    let physics = &state.physics;
    if state.settings != scene.settings
        || state.bodies.len() != scene.bodies.len()
        || state.joints.len() != scene.joints.len()
    {
        return false;
    }
    let (steps, accumulator) = scene.clock.map_or((0, 0.0), |c| (c.steps, c.accumulator));
    if state.steps != steps || state.accumulator.to_bits() != accumulator.to_bits() {
        return false;
    }
    for ((_, _, entry), desc) in state.bodies.iter().zip(&scene.bodies) {
        if entry.desc.shape != desc.shape {
            return false;
        }
        let rb = &physics.bodies[entry.handle];
        let t = rb.translation();
        let v = rb.linvel();
        let same = |a: f32, b: f32| a.to_bits() == b.to_bits();
        if !(same(t.x, desc.position[0])
            && same(t.y, desc.position[1])
            && same(v.x, desc.linear_velocity[0])
            && same(v.y, desc.linear_velocity[1])
            && same(rb.angvel(), desc.angular_velocity))
        {
            return false;
        }
    }
    true
}

/// Whether a decoded body's colliders are exactly the ones its readable description builds,
/// down to the bytes of each shape's internals.
///
/// Shapes are data a crafted state can alter under a valid checksum, and rapier trusts them: a
/// cycle in a polyline's bounding-volume tree made a step loop forever (`tests/fuzz.rs`,
/// `regression_a_solver_state_with_an_altered_shape_is_not_trusted`). Rebuilding each shape
/// and comparing costs about what loading from the readable part does anyway.
fn same_shape(physics: &PhysicsWorld, body: RigidBodyHandle, desc: &BodyDesc) -> bool {
    let built = desc.shape.colliders();
    let parts = physics.bodies[body].colliders();
    if parts.len() != built.len() {
        return false;
    }
    parts.iter().zip(&built).all(|(&handle, builder)| {
        let Some(collider) = physics.colliders.get(handle) else {
            return false;
        };
        let encode = |shape: &SharedShape| postcard::to_allocvec(shape).ok();
        if collider.parent() != Some(body)
            || collider.position_wrt_parent() != Some(&builder.position)
            || collider.contact_skin() != builder.contact_skin
            || !collider.is_enabled()
        {
            return false;
        }
        let decoded = encode(collider.shared_shape());
        decoded.is_some() && decoded == encode(&builder.shape)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;
    use crate::World;

    #[test]
    fn every_preset_save_restores_from_its_solver_state() {
        for preset in presets::all() {
            let mut world = World::from_scene(&preset.build(&[]).unwrap()).unwrap();
            world.step();
            let saved = world.save();
            assert!(
                restore(&saved).is_some(),
                "{}: the solver state was not usable",
                preset.name
            );
        }
    }

    #[test]
    fn poses_a_step_would_not_leave_are_not_sound() {
        let mut world = World::from_scene(&presets::build("pyramid", &[]).unwrap()).unwrap();
        for _ in 0..3 {
            world.step();
        }
        let changed = |physics: &PhysicsWorld| read_arenas(physics).unwrap().changed_bodies;
        assert!(poses_are_sound(
            &world.state.physics,
            &changed(&world.state.physics)
        ));
        let body = world.entry(world.body_ids()[4]).unwrap().handle;
        let collider = world.state.physics.bodies[body].colliders()[0];

        let mut moved = world.state.clone().physics;
        let co = moved.colliders.get_mut(collider).unwrap();
        let mut elsewhere = *co.position();
        elsewhere.translation.x += 0.5;
        co.set_position(elsewhere);
        assert!(
            !poses_are_sound(&moved, &changed(&moved)),
            "a collider away from its body"
        );

        let mut shrunk = world.state.clone().physics;
        let rb = shrunk.bodies.get_mut(body).unwrap();
        let mut pose = *rb.position();
        pose.rotation.re *= 1.0e-30;
        pose.rotation.im *= 1.0e-30;
        rb.set_position(pose, false);
        assert!(
            !poses_are_sound(&shrunk, &changed(&shrunk)),
            "a rotation that is not a unit"
        );
    }

    #[test]
    fn an_edited_readable_part_disables_the_solver_state() {
        let world =
            World::from_scene(&presets::build("pyramid", &[("base", 2.0)]).unwrap()).unwrap();
        let mut saved = world.save();
        saved.settings.hz = 120.0;
        assert!(restore(&saved).is_none());
    }
}
