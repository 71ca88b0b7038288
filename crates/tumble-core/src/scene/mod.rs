//! The scene format: what a save file, a share link, a preset and the scene editor all speak.
//!
//! ```json
//! { "format": "tumble-scene", "version": 1,
//!   "settings": { "gravity": [0, -9.81], "hz": 60 },
//!   "bodies": [ { "type": "static", "shape": { "type": "box", "width": 20, "height": 1 },
//!                 "position": [0, -0.5] },
//!               { "shape": { "type": "circle", "radius": 0.5 }, "position": [0, 3],
//!                 "color": "#e4572e" } ],
//!   "joints": [],
//!   "camera": { "center": [0, 4], "height": 12 } }
//! ```
//!
//! Unknown fields are rejected, every number is checked, and every error names the JSON path of
//! what is wrong (`bodies[1].shape.radius: must be > 0, got -1`). A failed load changes nothing.
//!
//! A save (see [`crate::World::save`]) adds `clock` and `solverState`. The readable part is what a
//! person edits; `solverState` carries the exact engine state (see [`solver_state`]) so a loaded
//! save continues bit-identically. Edit the readable part and the solver state no longer matches
//! its checksum: it is then ignored, and the world is rebuilt from what you wrote.

mod arenas;
mod finite;
mod internals;
mod islands;
pub mod solver_state;

use serde::{Deserialize, Serialize};

use crate::body::BodyDesc;
use crate::error::{LimitKind, Result, TumbleError};
use crate::id::BodyId;
use crate::joint::JointDesc;
use crate::limits::MAX_SCENE_BYTES;
use crate::settings::Settings;
use crate::validate::Validator;
use crate::world::state::WorldState;
use crate::world::{validate_settings, Change};
use crate::World;

/// The value of `format` in every scene.
pub const FORMAT: &str = "tumble-scene";
/// The scene version this build writes and reads.
pub const VERSION: u32 = 1;
/// Largest `clock.steps` a scene may carry: the largest integer a JavaScript number holds exactly.
pub const MAX_CLOCK_STEPS: u64 = (1 << 53) - 1;

/// A scene: settings, bodies, joints and an optional camera hint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Scene {
    /// Always `"tumble-scene"`.
    pub format: String,
    /// Always 1 for now.
    pub version: u32,
    /// How the world steps.
    #[serde(default)]
    pub settings: Settings,
    /// The bodies, in draw order (later ones on top).
    #[serde(default)]
    pub bodies: Vec<BodyDesc>,
    /// The joints; `bodyA` and `bodyB` are indices into `bodies`.
    #[serde(default)]
    pub joints: Vec<JointDesc<usize>>,
    /// Where a viewer should look first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<Camera>,
    /// Simulation clock, written by saves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<Clock>,
    /// Exact engine state, written by saves (see [`solver_state`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solver_state: Option<solver_state::SolverState>,
}

/// A camera hint: the point at the centre of the view and how many metres of height it shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Camera {
    /// World point at the centre of the view.
    pub center: [f32; 2],
    /// World height shown, in metres.
    pub height: f32,
}

/// The simulation clock of a save.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Clock {
    /// Steps run so far.
    pub steps: u64,
    /// Seconds carried over to the next `advance`.
    pub accumulator: f64,
}

impl Scene {
    /// An empty scene with default settings.
    pub fn new() -> Scene {
        Scene {
            format: FORMAT.to_string(),
            version: VERSION,
            settings: Settings::default(),
            bodies: Vec::new(),
            joints: Vec::new(),
            camera: None,
            clock: None,
            solver_state: None,
        }
    }

    /// Parses and validates scene JSON. Errors name the JSON path of the problem.
    pub fn from_json(text: &str) -> Result<Scene> {
        if text.len() > MAX_SCENE_BYTES {
            return Err(TumbleError::Limit {
                kind: LimitKind::SceneBytes,
                path: String::new(),
                message: format!(
                    "a scene is at most {MAX_SCENE_BYTES} bytes of text, got {}",
                    text.len()
                ),
            });
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let scene: Scene = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            TumbleError::SceneParse {
                path: if path == "." || path == "?" {
                    String::new()
                } else {
                    path
                },
                message: e.into_inner().to_string(),
            }
        })?;
        de.end().map_err(|e| TumbleError::SceneParse {
            path: String::new(),
            message: e.to_string(),
        })?;
        scene.validate()?;
        Ok(scene)
    }

    /// The scene as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks format, version, settings, every body and every joint.
    pub fn validate(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(TumbleError::SceneVersion {
                path: "format".into(),
                message: format!("must be {FORMAT:?}, got {:?}", self.format),
            });
        }
        if self.version != VERSION {
            return Err(TumbleError::SceneVersion {
                path: "version".into(),
                message: format!("this build reads version {VERSION}, got {}", self.version),
            });
        }
        let v = Validator::SCENE;
        validate_settings(v, "settings", &self.settings)?;
        for (i, body) in self.bodies.iter().enumerate() {
            body.validate(v, &format!("bodies[{i}]"))?;
        }
        for (i, joint) in self.joints.iter().enumerate() {
            let path = format!("joints[{i}]");
            joint.validate(v, &path)?;
            let n = self.bodies.len();
            for (field, index) in [("bodyA", joint.body_a), ("bodyB", Some(joint.body_b))] {
                if let Some(index) = index {
                    if index >= n {
                        return Err(v.error(
                            &format!("{path}.{field}"),
                            format!(
                                "must be the index of a body (0 to {}), got {index}",
                                n as i64 - 1
                            ),
                        ));
                    }
                }
            }
            if joint.body_a == Some(joint.body_b) {
                return Err(TumbleError::InvalidJoint {
                    path,
                    message: "a joint must connect two different bodies".into(),
                });
            }
        }
        if let Some(camera) = &self.camera {
            v.point("camera.center", camera.center)?;
            v.size("camera.height", camera.height)?;
        }
        if let Some(clock) = &self.clock {
            // Step counts cross into JavaScript as numbers, and stepping adds to them.
            if clock.steps > MAX_CLOCK_STEPS {
                return Err(v.error(
                    "clock.steps",
                    format!("must be at most {MAX_CLOCK_STEPS}, got {}", clock.steps),
                ));
            }
            let a = clock.accumulator;
            if !(a.is_finite() && (0.0..=1.0).contains(&a)) {
                return Err(v.error(
                    "clock.accumulator",
                    format!("must be between 0 and 1 second, got {a}"),
                ));
            }
        }
        Ok(())
    }
}

impl Default for Scene {
    fn default() -> Self {
        Scene::new()
    }
}

impl World {
    /// A new world holding `scene`.
    pub fn from_scene(scene: &Scene) -> Result<World> {
        let mut world = World::new();
        world.load(scene)?;
        Ok(world)
    }

    /// Replaces this world's contents with `scene`. On any error the world is left exactly as it
    /// was. If the scene carries a matching `solverState`, the world continues bit-identically
    /// from the moment it was saved, ids included; otherwise it is built from the readable part,
    /// with fresh ids in body order.
    pub fn load(&mut self, scene: &Scene) -> Result<()> {
        scene.validate()?;
        if scene.bodies.len() > self.limits.max_bodies {
            return Err(TumbleError::Limit {
                kind: LimitKind::Bodies,
                path: "bodies".into(),
                message: format!(
                    "a world holds at most {} bodies, the scene has {}",
                    self.limits.max_bodies,
                    scene.bodies.len()
                ),
            });
        }
        if scene.joints.len() > self.limits.max_joints {
            return Err(TumbleError::Limit {
                kind: LimitKind::Joints,
                path: "joints".into(),
                message: format!(
                    "a world holds at most {} joints, the scene has {}",
                    self.limits.max_joints,
                    scene.joints.len()
                ),
            });
        }
        if let Some(state) = self.exact_state(scene) {
            self.let_go();
            self.replace_state(state);
            self.camera = scene.camera;
            return Ok(());
        }
        let mut fresh = World::new();
        fresh.limits = self.limits;
        fresh.debug_lines = self.debug_lines();
        fresh.state.settings = scene.settings;
        fresh.apply_settings();
        let ids: Vec<BodyId> = scene.bodies.iter().map(|b| fresh.insert_body(b)).collect();
        if let Some(clock) = scene.clock {
            fresh.state.steps = clock.steps;
            fresh.state.accumulator = clock.accumulator;
        }
        // Joints go in as `add_joint` would put them, journaled, so that a save taken before
        // the first step still carries the exact state.
        for joint in &scene.joints {
            let joint = joint.map_bodies(|&i| ids[i]);
            let base = fresh.journal_base(true);
            fresh.insert_joint(&joint)?;
            fresh.journal(base, || Change::AddJoint { joint });
        }
        self.replace_state(fresh.state);
        self.camera = scene.camera;
        Ok(())
    }

    /// The exact state `scene` carries, if it carries one Tumble can trust: the solver state
    /// decodes into a consistent world, its changes (if any) replay on it through the API
    /// exactly as Tumble journals them, and the result is the readable part.
    fn exact_state(&self, scene: &Scene) -> Option<WorldState> {
        let (base, changes) = solver_state::restore(scene)?;
        let state = if changes.is_empty() {
            base
        } else {
            let mut replay = World::new();
            // Every journaled call succeeded when it was made. The loader's limits were checked
            // against the scene above, and a journal is at most `MAX_JOURNAL_CHANGES` long.
            replay.limits = crate::Limits {
                max_bodies: usize::MAX,
                max_joints: usize::MAX,
            };
            replay.replace_state(base);
            replay.replay(&changes).ok()?;
            let journal = replay.state.journal.as_ref()?;
            if journal.changes != changes {
                return None;
            }
            replay.state
        };
        solver_state::matches(&state, scene).then_some(state)
    }

    /// Parses, validates and loads scene JSON; see [`World::load`].
    pub fn load_json(&mut self, text: &str) -> Result<()> {
        self.load(&Scene::from_json(text)?)
    }

    /// The full current state as a scene: bodies with their current pose and velocity, joints,
    /// settings, clock, and the exact solver state.
    ///
    /// Between adding or removing a joint (or grabbing, releasing, or removing a jointed body)
    /// and the next step, rapier keeps that change in a queue it does not serialize. The solver
    /// state then holds the world as it was before the change and the calls made since
    /// (`world::journal`), which loading replays. Past [`crate::world::MAX_JOURNAL_CHANGES`]
    /// such calls before a step, the save has no solver state and loads from its readable part.
    ///
    /// Like [`World::snapshot`], a save with a solver state makes the next step start from
    /// fresh rapier workspaces, so that the world and the loaded save go on alike.
    pub fn save(&self) -> Scene {
        let mut scene = self.readable_scene();
        if let Some((state, changes)) = self.exact_part() {
            self.copied_since_last_step.set(true);
            scene.solver_state = Some(solver_state::capture(&scene, state, changes));
        }
        scene
    }

    /// What a save's solver state holds: a state and the calls to replay on it (see
    /// [`World::save`]), or `None` when it can hold nothing.
    pub(crate) fn exact_part(&self) -> Option<(&WorldState, &[Change])> {
        match &self.state.journal {
            _ if !self.state.joints_changed => Some((&self.state, &[][..])),
            Some(journal) => Some((&journal.base, &journal.changes[..])),
            None => None,
        }
    }

    /// The scene without `solverState`: what a person reads and edits.
    pub fn readable_scene(&self) -> Scene {
        let mut index_of = std::collections::BTreeMap::new();
        let mut bodies = Vec::with_capacity(self.body_count());
        for (index, generation, entry) in self.state.bodies.iter() {
            index_of.insert(BodyId { index, generation }, bodies.len());
            bodies.push(self.describe(entry));
        }
        let joints = self
            .state
            .joints
            .iter()
            .map(|(_, _, entry)| entry.desc.map_bodies(|id| index_of[id]))
            .collect();
        Scene {
            format: FORMAT.to_string(),
            version: VERSION,
            settings: self.state.settings,
            bodies,
            joints,
            camera: self.camera,
            clock: Some(Clock {
                steps: self.state.steps,
                accumulator: self.state.accumulator,
            }),
            solver_state: None,
        }
    }
}
