//! # tumble-wasm
//!
//! Tumble's WebAssembly bindings. A thin translation layer: every export forwards to
//! `tumble_core::World` and converts arguments, results and errors. No physics logic lives here.
//!
//! Per frame JavaScript calls `advance(dt)` once and reads everything else through typed-array
//! views over wasm memory, found via the frame header (see [`header`]). Every fallible export
//! throws a JS `Error` with a stable `code` (see [`errors`] for the list).
//!
//! Ids cross as plain numbers (`BodyId::to_f64`); a number that cannot be an id is a stale id.
//! Scenes cross as JSON text: the TypeScript layer stringifies scene objects, so objects and
//! text get the same parser, size limit and error paths.

pub mod errors;
pub mod header;

use std::sync::atomic::{AtomicU32, Ordering};

use serde::de::DeserializeOwned;
use serde::Serialize;
use tumble_core::{presets, BodyDesc, BodyId, JointDesc, JointId, Scene, Settings, World};
use wasm_bindgen::prelude::*;

use errors::{argument_error, to_js};
use header::HEADER_LEN;

/// Installs the panic hook so a Rust panic is logged with its message before the trap.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

type JsResult<T> = Result<T, JsValue>;

/// One physics world, as JavaScript sees it.
#[wasm_bindgen]
pub struct Sandbox {
    world: World,
    header: Box<[u32; HEADER_LEN]>,
}

/// How many sandboxes exist in this instance: made and not yet freed (see `Sandbox.liveCount`).
static LIVE_SANDBOXES: AtomicU32 = AtomicU32::new(0);

impl Drop for Sandbox {
    fn drop(&mut self) {
        LIVE_SANDBOXES.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A full copy of a sandbox's state (see `Sandbox.snapshot`).
#[wasm_bindgen]
pub struct Snapshot(tumble_core::Snapshot);

#[wasm_bindgen]
impl Snapshot {
    /// About how many bytes of wasm memory the snapshot holds (for undo budgets).
    #[wasm_bindgen(getter, js_name = approxBytes)]
    pub fn approx_bytes(&self) -> f64 {
        self.0.approx_bytes() as f64
    }
}

/// Deserializes an argument object; `what` names it in error paths (`body.shape.radius`).
fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> JsResult<T> {
    let de = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(de).map_err(|e| to_js(argument_error(what, e)))
}

fn to_js_value<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

fn body_id(id: f64) -> JsResult<BodyId> {
    BodyId::from_f64(id).ok_or_else(|| to_js(tumble_core::TumbleError::StaleBody(id)))
}

fn joint_id(id: f64) -> JsResult<JointId> {
    JointId::from_f64(id).ok_or_else(|| to_js(tumble_core::TumbleError::StaleJoint(id)))
}

fn joint_from_js(value: JsValue) -> JsResult<JointDesc<BodyId>> {
    let desc: JointDesc<f64> = from_js("joint", value)?;
    let a = desc.body_a.map(body_id).transpose()?;
    let b = body_id(desc.body_b)?;
    let mut out = desc.map_bodies(|_| b);
    out.body_a = a;
    Ok(out)
}

#[wasm_bindgen]
impl Sandbox {
    fn wrap(world: World) -> Sandbox {
        LIVE_SANDBOXES.fetch_add(1, Ordering::Relaxed);
        let mut sandbox = Sandbox {
            world,
            header: Box::new([0; HEADER_LEN]),
        };
        sandbox.sync();
        sandbox
    }

    /// Rewrites the frame header after anything that may have changed the world.
    fn sync(&mut self) {
        header::write(&mut self.header, &self.world);
    }

    /// An empty world.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Sandbox {
        Sandbox::wrap(World::new())
    }

    /// A world holding a preset, e.g. `"pyramid?base=20"`.
    #[wasm_bindgen(js_name = fromPreset)]
    pub fn from_preset(spec: &str) -> JsResult<Sandbox> {
        let scene = presets::build_spec(spec).map_err(to_js)?;
        Ok(Sandbox::wrap(World::from_scene(&scene).map_err(to_js)?))
    }

    /// A world holding scene JSON.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> JsResult<Sandbox> {
        let scene = Scene::from_json(text).map_err(to_js)?;
        #[cfg(feature = "debug-panic")]
        panic_on_debug_marker(&scene);
        Ok(Sandbox::wrap(World::from_scene(&scene).map_err(to_js)?))
    }

    /// How many sandboxes this wasm instance holds (made and not yet freed): lets pages and tests
    /// check that discarded worlds were freed.
    #[wasm_bindgen(js_name = liveCount)]
    pub fn live_count() -> u32 {
        LIVE_SANDBOXES.load(Ordering::Relaxed)
    }

    /// Every preset: `{ category, name, description, params: [{ name, description, default,
    /// min, max, integer }] }`.
    pub fn presets() -> JsValue {
        #[derive(Serialize)]
        struct Param {
            name: &'static str,
            description: &'static str,
            default: f32,
            min: f32,
            max: f32,
            integer: bool,
        }
        #[derive(Serialize)]
        struct Info {
            category: &'static str,
            name: &'static str,
            description: &'static str,
            params: Vec<Param>,
        }
        let list: Vec<Info> = presets::all()
            .iter()
            .map(|p| Info {
                category: p.category,
                name: p.name,
                description: p.description,
                params: p
                    .params
                    .iter()
                    .map(|q| Param {
                        name: q.name,
                        description: q.description,
                        default: q.default,
                        min: q.min,
                        max: q.max,
                        integer: q.integer,
                    })
                    .collect(),
            })
            .collect();
        to_js_value(&list)
    }

    /// Address of the frame header (see the `header` module); stable for the sandbox's life.
    #[wasm_bindgen(js_name = headerPtr)]
    pub fn header_ptr(&self) -> u32 {
        self.header.as_ptr() as u32
    }

    /// Advances by `dt` seconds of real time in fixed steps; returns the steps taken.
    pub fn advance(&mut self, dt: f64) -> JsResult<u32> {
        let steps = self.world.advance(dt).map_err(to_js);
        self.sync();
        steps
    }

    /// Runs exactly one step.
    pub fn step(&mut self) {
        self.world.step();
        self.sync();
    }

    /// Adds a body described by a BodyDesc object; returns its id.
    pub fn spawn(&mut self, desc: JsValue) -> JsResult<f64> {
        let desc: BodyDesc = from_js("body", desc)?;
        let id = self.world.spawn(&desc).map_err(to_js)?;
        self.sync();
        Ok(id.to_f64())
    }

    /// Removes a body and its joints.
    #[wasm_bindgen(js_name = removeBody)]
    pub fn remove_body(&mut self, id: f64) -> JsResult<()> {
        self.world.remove_body(body_id(id)?).map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// A body's description with its current pose and velocity.
    pub fn body(&self, id: f64) -> JsResult<JsValue> {
        let desc = self.world.body(body_id(id)?).map_err(to_js)?;
        Ok(to_js_value(&desc))
    }

    /// A body's mass in kg (0 for static and kinematic bodies).
    #[wasm_bindgen(js_name = bodyMass)]
    pub fn body_mass(&self, id: f64) -> JsResult<f32> {
        self.world.body_mass(body_id(id)?).map_err(to_js)
    }

    /// Replaces everything about a body with a BodyDesc object, keeping its id.
    #[wasm_bindgen(js_name = editBody)]
    pub fn edit_body(&mut self, id: f64, desc: JsValue) -> JsResult<()> {
        let desc: BodyDesc = from_js("body", desc)?;
        self.world.edit_body(body_id(id)?, &desc).map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// Adds a joint described by a JointDesc object whose `bodyA`/`bodyB` are body ids.
    #[wasm_bindgen(js_name = addJoint)]
    pub fn add_joint(&mut self, desc: JsValue) -> JsResult<f64> {
        let desc = joint_from_js(desc)?;
        let id = self.world.add_joint(&desc).map_err(to_js)?;
        self.sync();
        Ok(id.to_f64())
    }

    /// Removes a joint.
    #[wasm_bindgen(js_name = removeJoint)]
    pub fn remove_joint(&mut self, id: f64) -> JsResult<()> {
        self.world.remove_joint(joint_id(id)?).map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// A joint's description, with body ids.
    pub fn joint(&self, id: f64) -> JsResult<JsValue> {
        let desc = self.world.joint(joint_id(id)?).map_err(to_js)?;
        Ok(to_js_value(&desc.map_bodies(|b| b.to_f64())))
    }

    /// Replaces a joint's description, keeping its id.
    #[wasm_bindgen(js_name = editJoint)]
    pub fn edit_joint(&mut self, id: f64, desc: JsValue) -> JsResult<()> {
        let desc = joint_from_js(desc)?;
        self.world.edit_joint(joint_id(id)?, &desc).map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// Marks a body selected or not.
    #[wasm_bindgen(js_name = setSelected)]
    pub fn set_selected(&mut self, id: f64, selected: bool) -> JsResult<()> {
        self.world
            .set_selected(body_id(id)?, selected)
            .map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// Unselects every body.
    #[wasm_bindgen(js_name = clearSelection)]
    pub fn clear_selection(&mut self) {
        self.world.clear_selection();
        self.sync();
    }

    /// The topmost body at a point, or `undefined`.
    #[wasm_bindgen(js_name = bodyAt)]
    pub fn body_at(&self, x: f32, y: f32) -> JsResult<Option<f64>> {
        let id = self.world.body_at([x, y]).map_err(to_js)?;
        Ok(id.map(BodyId::to_f64))
    }

    /// Ids of the bodies overlapping a rectangle.
    #[wasm_bindgen(js_name = bodiesInRect)]
    pub fn bodies_in_rect(&self, ax: f32, ay: f32, bx: f32, by: f32) -> JsResult<Vec<f64>> {
        let ids = self
            .world
            .bodies_in_rect([ax, ay], [bx, by])
            .map_err(to_js)?;
        Ok(ids.into_iter().map(BodyId::to_f64).collect())
    }

    /// Grabs the topmost dynamic body at a point; returns its id or `undefined`.
    pub fn grab(&mut self, x: f32, y: f32) -> JsResult<Option<f64>> {
        let id = self.world.grab([x, y]).map_err(to_js)?;
        self.sync();
        Ok(id.map(BodyId::to_f64))
    }

    /// Moves the drag target.
    #[wasm_bindgen(js_name = dragTo)]
    pub fn drag_to(&mut self, x: f32, y: f32) -> JsResult<()> {
        self.world.drag_to([x, y]).map_err(to_js)
    }

    /// Lets go of the dragged body.
    pub fn release(&mut self) {
        self.world.release();
        self.sync();
    }

    /// The settings object.
    pub fn settings(&self) -> JsValue {
        to_js_value(&self.world.settings())
    }

    /// Changes some settings: `patch` is a settings object with any subset of the fields.
    /// Invalid values (or unknown fields) throw and change nothing.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, patch: JsValue) -> JsResult<()> {
        let patch: serde_json::Value = from_js("settings", patch)?;
        let Some(patch) = patch.as_object() else {
            return Err(to_js(tumble_core::TumbleError::invalid_argument(
                "settings",
                format!("must be an object of settings, got {patch}"),
            )));
        };
        // Merged over the current settings as JSON, so the patch gets the scene parser's checks.
        let mut merged = serde_json::to_value(self.world.settings()).unwrap_or_default();
        if let Some(merged) = merged.as_object_mut() {
            merged.extend(patch.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let settings: Settings = serde_path_to_error::deserialize(merged)
            .map_err(|e| to_js(argument_error("settings", e)))?;
        self.world.set_settings(settings).map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// Sets gravity in m/s².
    #[wasm_bindgen(js_name = setGravity)]
    pub fn set_gravity(&mut self, x: f32, y: f32) -> JsResult<()> {
        self.world.set_gravity([x, y]).map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// The current state as scene JSON, exact solver state included.
    pub fn save(&self) -> String {
        self.world.save().to_json()
    }

    /// Replaces the world with scene JSON; on error nothing changes.
    pub fn load(&mut self, text: &str) -> JsResult<()> {
        #[cfg(feature = "debug-panic")]
        if let Ok(scene) = Scene::from_json(text) {
            panic_on_debug_marker(&scene);
        }
        self.world.load_json(text).map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// Replaces the world with a preset; on error nothing changes.
    #[wasm_bindgen(js_name = loadPreset)]
    pub fn load_preset(&mut self, spec: &str) -> JsResult<()> {
        let scene = presets::build_spec(spec).map_err(to_js)?;
        self.world.load(&scene).map_err(to_js)?;
        self.sync();
        Ok(())
    }

    /// The camera hint of the last loaded scene, or `null`.
    #[wasm_bindgen(js_name = cameraHint)]
    pub fn camera_hint(&self) -> JsValue {
        to_js_value(&self.world.camera())
    }

    /// A full copy of the state.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot(self.world.snapshot())
    }

    /// Puts the world back as it was at `snapshot`.
    pub fn restore(&mut self, snapshot: &Snapshot) {
        self.world.restore(&snapshot.0);
        self.sync();
    }

    /// 16 hex digits hashing every body's exact motion state.
    #[wasm_bindgen(js_name = stateHash)]
    pub fn state_hash(&self) -> String {
        format!("{:016x}", self.world.state_hash())
    }

    /// Number of bodies.
    #[wasm_bindgen(getter, js_name = bodyCount)]
    pub fn body_count(&self) -> u32 {
        self.world.body_count() as u32
    }

    /// Steps run since the world was made.
    #[wasm_bindgen(getter, js_name = stepCount)]
    pub fn step_count(&self) -> f64 {
        self.world.step_count() as f64
    }

    /// Turns contact events on or off.
    #[wasm_bindgen(js_name = setContactEvents)]
    pub fn set_contact_events(&mut self, enabled: bool) {
        self.world.set_contact_events(enabled);
        self.sync();
    }

    /// Turns debug lines on or off.
    #[wasm_bindgen(js_name = setDebugLines)]
    pub fn set_debug_lines(&mut self, enabled: bool) {
        self.world.set_debug_lines(enabled);
        self.sync();
    }

    /// Panics on purpose (debug builds with the `debug-panic` feature only), to test that a
    /// panic shows as a failed state.
    #[cfg(feature = "debug-panic")]
    #[wasm_bindgen(js_name = debugPanic)]
    pub fn debug_panic(&mut self) {
        panic!("debugPanic was called");
    }
}

/// Test builds only (the `debug-panic` feature): panics when a scene's `solverState` has the
/// encoding `"debug-panic"`. It stands in for a crafted solver state that crashes rapier, so the
/// browser tests can check that such a crash is contained (the trial worker, the element's
/// recovery): no crafted state the fuzz harness has found still passes the load checks.
#[cfg(feature = "debug-panic")]
fn panic_on_debug_marker(scene: &Scene) {
    if scene
        .solver_state
        .as_ref()
        .is_some_and(|s| s.encoding == "debug-panic")
    {
        panic!("a solver state marked debug-panic was loaded");
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}
