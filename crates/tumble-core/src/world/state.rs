//! The exact, serializable state of a world, and snapshots of it.

use rapier2d::prelude::*;
use serde::{Deserialize, Serialize};

use crate::body::BodyDesc;
use crate::drag::Drag;
use crate::id::BodyId;
use crate::joint::JointDesc;
use crate::settings::Settings;
use crate::world::journal::Journal;
use crate::world::slots::Slots;

/// One body: its rapier handle and the description it was made from (shape, material, colour).
/// Pose and velocity live in rapier; the description's copies are only the spawn values.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BodyEntry {
    pub handle: RigidBodyHandle,
    #[serde(with = "as_json")]
    pub desc: BodyDesc,
    pub selected: bool,
}

/// One joint: its rapier handle and its description.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct JointEntry {
    pub handle: ImpulseJointHandle,
    #[serde(with = "as_json")]
    pub desc: JointDesc<BodyId>,
}

/// Scene types inside the solver state, as JSON text: their internally tagged enums and skipped
/// optional fields need a self-describing format, and the solver state's postcard is positional.
mod as_json {
    use serde::de::{DeserializeOwned, Error as _};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let text = String::deserialize(deserializer)?;
        serde_json::from_str(&text).map_err(D::Error::custom)
    }
}

/// Everything that determines how a world continues: rapier's structures (including the contact
/// impulses it warm-starts from), our id tables, the settings, the step accumulator and any drag.
///
/// Saves carry it (see `scene::solver_state`) and snapshots clone it; rapier's pipelines are
/// workspaces rebuilt on demand and never part of it.
#[derive(Serialize, Deserialize)]
pub(crate) struct WorldState {
    pub physics: PhysicsWorld,
    pub bodies: Slots<BodyEntry>,
    pub joints: Slots<JointEntry>,
    pub settings: Settings,
    pub accumulator: f64,
    pub steps: u64,
    pub drag: Option<Drag>,
    /// The hidden static body joints attach to when they attach to "the world".
    pub ground: Option<RigidBodyHandle>,
    /// Whether a rapier joint was inserted or removed since the last step. rapier applies such
    /// changes to its islands at the next step from a queue it does not serialize, so a save
    /// taken now carries the journal instead (`world::journal`), or no solver state if the
    /// journal was dropped.
    #[serde(skip)]
    pub joints_changed: bool,
    /// The state before this step's first joint change and the changes since
    /// (`world::journal`). Saved as the solver state's base and changes, not in it.
    #[serde(skip)]
    pub journal: Option<Box<Journal>>,
    /// Placeholder colliders holding the slots of colliders removed since the last step
    /// (`world::held_slots`). Not saved: a decoded state finds them again by their mark.
    #[serde(skip)]
    pub held_slots: Vec<ColliderHandle>,
}

/// `user_data` of rapier bodies that are not in a slot (the ground, the drag anchor).
pub(crate) const NOT_A_SLOT: u128 = u128::MAX;

impl Clone for WorldState {
    fn clone(&self) -> Self {
        let p = &self.physics;
        WorldState {
            physics: PhysicsWorld {
                gravity: p.gravity,
                integration_parameters: p.integration_parameters,
                physics_pipeline: PhysicsPipeline::new(),
                collision_pipeline: CollisionPipeline::new(),
                islands: p.islands.clone(),
                broad_phase: p.broad_phase.clone(),
                narrow_phase: p.narrow_phase.clone(),
                bodies: p.bodies.clone(),
                colliders: p.colliders.clone(),
                impulse_joints: p.impulse_joints.clone(),
                multibody_joints: p.multibody_joints.clone(),
                soft_bodies: p.soft_bodies.clone(),
                ccd_solver: CCDSolver::new(),
            },
            bodies: self.bodies.clone(),
            joints: self.joints.clone(),
            settings: self.settings,
            accumulator: self.accumulator,
            steps: self.steps,
            drag: self.drag.clone(),
            ground: self.ground,
            joints_changed: self.joints_changed,
            journal: self.journal.clone(),
            held_slots: self.held_slots.clone(),
        }
    }
}

/// A full copy of a world's state, taken with [`crate::World::snapshot`] and put back with
/// [`crate::World::restore`]. Restoring continues bit-identically to the moment it was taken.
///
/// Cheap enough for reset, undo and replay: a clone of rapier's sets, no serialization.
#[derive(Clone)]
pub struct Snapshot {
    pub(crate) state: WorldState,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("bodies", &self.state.bodies.len())
            .field("steps", &self.state.steps)
            .finish()
    }
}

impl Snapshot {
    /// The step count of the world when the snapshot was taken.
    pub fn steps(&self) -> u64 {
        self.state.steps
    }

    /// About how many bytes of memory the snapshot holds, for budgeting undo histories.
    ///
    /// An estimate from the counts of what it holds (bodies, colliders, joints, contact pairs),
    /// with per-item sizes measured natively: `tests/snapshot_size.rs` checks it stays within
    /// 0.75-1.5x of the bytes a counting allocator sees for every preset. wasm32's pointers are
    /// half as wide, so there it overestimates somewhat, which errs on the safe side.
    pub fn approx_bytes(&self) -> usize {
        let p = &self.state.physics;
        let pairs = p.narrow_phase.contact_pairs().count();
        let manifolds: usize = p
            .narrow_phase
            .contact_pairs()
            .map(|c| c.manifolds().len())
            .sum();
        BASE_BYTES
            + p.bodies.len() * BODY_BYTES
            + p.colliders.len() * COLLIDER_BYTES
            + p.impulse_joints.len() * JOINT_BYTES
            + pairs * CONTACT_PAIR_BYTES
            + manifolds * MANIFOLD_BYTES
    }
}

// Per-item heap sizes of a cloned state, fitted to the counting allocator's figures for the presets
// (x86_64, rapier 0.36): see tests/snapshot_size.rs.
const BASE_BYTES: usize = 16_000;
const BODY_BYTES: usize = 900;
const COLLIDER_BYTES: usize = 400;
const JOINT_BYTES: usize = 700;
const CONTACT_PAIR_BYTES: usize = 150;
const MANIFOLD_BYTES: usize = 350;
