//! The world: a rapier2d simulation plus Tumble's ids, settings, clock and frame buffers.
//!
//! The `World` API is split by concept over this folder: bodies (`bodies.rs`), joints
//! (`joints.rs`), stepping (`stepping.rs`), frame refresh (`refresh.rs`), and in the crate root
//! drag (`drag.rs`), queries (`query.rs`) and scenes (`scene/`). `held_slots.rs` keeps removed
//! colliders' slots until the next step, around a rapier broad-phase leak. `journal.rs` keeps
//! the changes made since a joint change that rapier has not yet applied, so a save can carry
//! them.

mod blowups;
mod bodies;
mod held_slots;
mod joints;
pub(crate) mod journal;
mod refresh;
pub(crate) mod slots;
pub(crate) mod state;
mod stepping;

use rapier2d::prelude::*;

use crate::error::{Result, TumbleError};
use crate::frame::FrameBuffers;
use crate::limits::{Limits, MAX_HZ, MAX_STEPS_PER_ADVANCE, MAX_SUBSTEPS, MAX_TIME_SCALE};
use crate::settings::Settings;
use crate::validate::Validator;
pub use blowups::{INSTABILITY_CODE, MAX_ANGULAR_SPEED, MAX_SPEED};
pub(crate) use bodies::rigid_body_type;
pub(crate) use held_slots::is_placeholder;
pub use journal::{Change, MAX_JOURNAL_CHANGES};
pub use state::Snapshot;
use state::WorldState;

/// A 2D physics world. Create one empty with [`World::new`], or from a scene or preset with
/// [`World::from_scene`]; then spawn, edit, [`World::advance`] and read the frame buffers.
pub struct World {
    pub(crate) state: WorldState,
    pub(crate) frame: FrameBuffers,
    pub(crate) limits: Limits,
    /// Bumped on every change of bodies, shapes, joints or colours (see [`World::structure_version`]).
    structure_version: u32,
    /// Whether the shape table must be rebuilt on the next refresh.
    structure_dirty: bool,
    contact_events: bool,
    pub(crate) debug_lines: bool,
    /// The camera hint of the last loaded scene.
    pub(crate) camera: Option<crate::Camera>,
    /// Bodies removed by the blow-up guard during the last advance or step.
    pub(crate) instabilities: Vec<crate::BodyId>,
    /// Whether a snapshot or save was taken since the last step.
    ///
    /// rapier's pipeline keeps caches from one step for the next (the joint solver's layout,
    /// for one), and no snapshot or save holds the pipeline: a copy starts with a fresh one. A
    /// reused cache does not always solve bit for bit like a fresh one, so a restored copy
    /// drifted from the world it came from (`tests/fuzz.rs`,
    /// `regression_a_restored_world_continues_like_the_original`). The step after a copy is
    /// taken therefore runs on a fresh pipeline here too, and both go on from the same start.
    pub(crate) copied_since_last_step: std::cell::Cell<bool>,
}

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}

impl World {
    /// An empty world with default [`Settings`] and [`Limits`].
    pub fn new() -> World {
        let mut world = World {
            state: WorldState {
                physics: PhysicsWorld::new(),
                bodies: Default::default(),
                joints: Default::default(),
                settings: Settings::default(),
                accumulator: 0.0,
                steps: 0,
                drag: None,
                ground: None,
                joints_changed: false,
                journal: None,
                held_slots: Vec::new(),
            },
            frame: FrameBuffers::default(),
            limits: Limits::default(),
            structure_version: 0,
            structure_dirty: true,
            contact_events: false,
            debug_lines: false,
            camera: None,
            instabilities: Vec::new(),
            copied_since_last_step: std::cell::Cell::new(false),
        };
        world.apply_settings();
        world.refresh_frame();
        world
    }

    /// Where a viewer should look first: the camera hint of the last loaded scene.
    pub fn camera(&self) -> Option<crate::Camera> {
        self.camera
    }

    /// The limits this world enforces.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Changes the limits (they apply to later spawns and loads, not to what is already there).
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        self.state.settings
    }

    /// Replaces the settings; takes effect at the next step. Invalid settings change nothing.
    pub fn set_settings(&mut self, settings: Settings) -> Result<()> {
        validate_settings(Validator::ARGUMENT, "settings", &settings)?;
        let sleeping_changed = settings.sleeping != self.state.settings.sleeping;
        self.state.settings = settings;
        self.apply_settings();
        if sleeping_changed {
            self.apply_sleeping_to_all();
        }
        self.journal(None, || Change::SetSettings { settings });
        Ok(())
    }

    /// Sets gravity in m/s².
    pub fn set_gravity(&mut self, gravity: [f32; 2]) -> Result<()> {
        self.set_settings(Settings {
            gravity,
            ..self.state.settings
        })
    }

    /// Number of bodies.
    pub fn body_count(&self) -> usize {
        self.state.bodies.len()
    }

    /// Number of joints.
    pub fn joint_count(&self) -> usize {
        self.state.joints.len()
    }

    /// Number of body slots, live or empty: the length of every per-slot frame buffer.
    pub fn slot_count(&self) -> usize {
        self.state.bodies.capacity()
    }

    /// Steps run since the world was made (carried through save, load and restore).
    pub fn step_count(&self) -> u64 {
        self.state.steps
    }

    /// Counter that changes whenever bodies, shapes, joints or colours are added, removed or
    /// edited, so a renderer re-reads the shape table, colours and slot ids only then.
    pub fn structure_version(&self) -> u32 {
        self.structure_version
    }

    /// The frame buffers, as of the last `advance`, `step` or edit. Layouts: [`crate::frame`].
    pub fn frame(&self) -> &FrameBuffers {
        &self.frame
    }

    /// Turns contact event reporting on or off. Off (the default) costs nothing. Either way the
    /// physics is the same: Tumble finds the events itself (see `world::stepping`) and leaves
    /// rapier's colliders as they are.
    pub fn set_contact_events(&mut self, enabled: bool) {
        self.contact_events = enabled;
        self.frame.contacts.clear();
    }

    /// Whether contact events are being reported.
    pub fn contact_events(&self) -> bool {
        self.contact_events
    }

    /// Turns debug lines (bounding boxes, contact normals) on or off. Off by default, and free
    /// when off.
    pub fn set_debug_lines(&mut self, enabled: bool) {
        self.debug_lines = enabled;
        self.refresh_frame();
    }

    /// Whether debug lines are being produced.
    pub fn debug_lines(&self) -> bool {
        self.debug_lines
    }

    /// Takes a full copy of the world's state. See [`Snapshot`].
    ///
    /// The world's next step then starts from fresh rapier workspaces, as a restored copy's does
    /// (see `copied_since_last_step`); that one step costs a little more in joint-heavy scenes
    /// (about 15% for `joint_grid`, nothing measurable for `rain`).
    pub fn snapshot(&self) -> Snapshot {
        self.copied_since_last_step.set(true);
        Snapshot {
            state: self.state.clone(),
        }
    }

    /// Puts the world back exactly as it was when `snapshot` was taken. Ids issued since then
    /// become stale; ids from then are valid again.
    pub fn restore(&mut self, snapshot: &Snapshot) {
        self.replace_state(snapshot.state.clone());
    }

    /// Swaps in a whole new state (restore, load) and rebuilds everything derived from it.
    pub(crate) fn replace_state(&mut self, state: WorldState) {
        self.state = state;
        self.frame.contacts.clear();
        self.apply_settings();
        self.structure_changed();
    }

    /// Records a structural change and refreshes the buffers so the change shows at once.
    pub(crate) fn structure_changed(&mut self) {
        self.structure_version = self.structure_version.wrapping_add(1);
        self.structure_dirty = true;
        self.refresh_frame();
    }

    pub(crate) fn apply_settings(&mut self) {
        let s = self.state.settings;
        let physics = &mut self.state.physics;
        physics.gravity = Vector::new(s.gravity[0], s.gravity[1]);
        physics.integration_parameters = integration_parameters(&s);
    }

    fn apply_sleeping_to_all(&mut self) {
        let sleeping = self.state.settings.sleeping;
        for (_, _, entry) in self.state.bodies.iter() {
            if let Some(rb) = self.state.physics.bodies.get_mut(entry.handle) {
                set_can_sleep(rb, sleeping);
            }
        }
    }
}

/// The integration parameters `settings` give a world: rapier's defaults, with the settings'
/// step, substeps and iterations.
pub(crate) fn integration_parameters(settings: &Settings) -> IntegrationParameters {
    IntegrationParameters {
        dt: settings.step_seconds(),
        num_solver_iterations: settings.substeps as usize,
        num_internal_pgs_iterations: settings.iterations as usize,
        ..IntegrationParameters::default()
    }
}

/// Lets a body sleep or keeps it awake for good.
pub(crate) fn set_can_sleep(rb: &mut RigidBody, can_sleep: bool) {
    let activation = rb.activation_mut();
    if can_sleep {
        activation.normalized_linear_threshold =
            RigidBodyActivation::default_normalized_linear_threshold();
        activation.angular_threshold = RigidBodyActivation::default_angular_threshold();
    } else {
        activation.normalized_linear_threshold = -1.0;
        activation.angular_threshold = -1.0;
    }
}

/// Checks every setting; `path` is `settings` in scenes and API calls alike.
pub(crate) fn validate_settings(v: Validator, path: &str, s: &Settings) -> Result<()> {
    v.point(&format!("{path}.gravity"), s.gravity)?;
    v.range(&format!("{path}.hz"), s.hz, 1.0, MAX_HZ)?;
    v.count(&format!("{path}.substeps"), s.substeps, 1, MAX_SUBSTEPS)?;
    v.count(&format!("{path}.iterations"), s.iterations, 1, MAX_SUBSTEPS)?;
    v.range(
        &format!("{path}.timeScale"),
        s.time_scale,
        0.0,
        MAX_TIME_SCALE,
    )?;
    v.count(
        &format!("{path}.maxStepsPerAdvance"),
        s.max_steps_per_advance,
        1,
        MAX_STEPS_PER_ADVANCE,
    )?;
    Ok(())
}

/// The error for an id that names no live body.
pub(crate) fn stale_body(id: crate::BodyId) -> TumbleError {
    TumbleError::StaleBody(id.to_f64())
}
