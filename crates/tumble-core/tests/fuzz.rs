//! Property-based fuzzing of tumble-core's public surface (proptest).
//!
//! Four properties, each fed by generators in `tests/fuzz/`:
//!
//! - `api_call_sequences`: random sequences of API calls (spawn, remove, edit, set pose and
//!   velocity, joint add/remove/edit/motor, grab, dragTo, release, load, save→load, snapshot and
//!   restore (also of another world's snapshot), settings, gravity, limits, contact events, debug
//!   lines, advance and step, queries) with sane values, NaN, ±inf, 1e30, 1e-30, negative, zero
//!   and past-limit values, and live, removed, foreign and made-up ids.
//! - `mutated_scene_json`: real scenes (every preset at small sizes, as built, as saved with
//!   `solverState`, and as the readable part of a save) mutated structurally (delete, rename,
//!   duplicate keys; replace values with hostile numbers, strings, nesting; duplicate, remove,
//!   swap, truncate array elements) and textually (truncation, flipped and inserted bytes, random
//!   bytes, raw `NaN`/`1e400` tokens, a BOM), then loaded into a world.
//! - `mutated_solver_state`: saves whose `solverState` is cut short, has a field replaced, or no
//!   longer matches an edited readable part (with the checksum left stale, or forged to match),
//!   then loaded and run.
//! - `crafted_solver_state_data`: saves whose solver-state bytes were altered (flipped, set,
//!   cut, removed, duplicated, varints and floats written over) under a checksum that still
//!   matches, as anyone can write, then loaded, run 10 steps, saved and loaded again, each case on
//!   a thread with a watchdog.
//!
//! Bugs the fuzzer found and that were fixed have a named `regression_*` test at the end of this
//! file.
//!
//! Each asserts: no panic; every rejection is a `TumbleError` with a code from
//! `support::KNOWN_CODES`; after a rejected call the world is unchanged (same `save()` JSON
//! including the solver state, same `state_hash`, structure version, ids, clock, settings); a call
//! whose input is bad in a way no field accepts (NaN, ±inf, > 1e9, a non-live id) is rejected;
//! after every accepted call the frame buffers and every body are finite and every joint names
//! live bodies; after every step every body is within the blow-up guard's bounds; any reachable
//! world saves, and its save and its readable part load back; a snapshot of it restored into a new
//! world, and its save loaded into one, continue bit-identically.
//!
//! Case counts (defaults: 1 800 call sequences, 4 000 scene texts, 1 500 solver states, 10 000
//! crafted solver states, about 11 s of test time on 2 cores, inside the 60 s budget of
//! `cargo test --workspace`):
//! set `TUMBLE_FUZZ_CASES=N` for every property, `TUMBLE_FUZZ_CASES_<PROPERTY>=N` for one
//! (e.g. `TUMBLE_FUZZ_CASES_API_CALL_SEQUENCES=5000`), `TUMBLE_FUZZ_SCALE=K` to multiply the
//! defaults; `PROPTEST_CASES` is honoured too. `TUMBLE_FUZZ_REPORT_DIR=dir` writes each
//! property's tally of input classes and outcomes to `dir/<property>.txt` (also printed with
//! `--nocapture`). Failures are persisted in `crates/tumble-core/proptest-regressions/fuzz.txt`
//! and replayed first.
//!
//! The long run: 15× the defaults, 27 000 + 60 000 + 22 500 + 150 000 cases, took 2 min 55 s
//! (the properties run side by side) on the 2-core dev machine on 2026-12-05, with the test
//! binary already built.
//!
//! ```sh
//! TUMBLE_FUZZ_SCALE=15 TUMBLE_FUZZ_REPORT_DIR=/tmp/fuzz-report \
//!   cargo test -p tumble-core --test fuzz -- --nocapture
//! ```

#[path = "fuzz/api.rs"]
mod api;
#[path = "fuzz/scene.rs"]
mod scene;
#[path = "fuzz/support.rs"]
mod support;

use std::time::Instant;

use base64::Engine as _;
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use tumble_core::{
    presets, BodyDesc, BodyId, JointDesc, JointId, Limits, Scene, ShapeDesc, Snapshot, World,
};

use api::{IdRef, Op, PointGen};
use support::{check_rejection, check_world, outcome, Fingerprint, Tally};

/// Default case counts, sized for ~60 s in all on the 2-core machine (see the module docs).
const API_CASES: u32 = 1800;
const SCENE_CASES: u32 = 4000;
const STATE_CASES: u32 = 1500;
const CRAFTED_CASES: u32 = 10_000;

/// Every preset with its whole-number parameters at their minimum: small, fast worlds.
fn seed_scenes() -> Vec<(String, Scene)> {
    presets::all()
        .iter()
        .map(|p| {
            let values: Vec<(&str, f32)> = p
                .params
                .iter()
                .filter(|q| q.integer)
                .map(|q| (q.name, q.min.max(1.0).min(q.max)))
                .collect();
            (p.name.to_string(), p.build(&values).unwrap())
        })
        .collect()
}

/// JSON texts to mutate: each seed as built, as a save after a few steps (with `solverState`),
/// and as the readable part of that save.
fn seed_texts() -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    for (name, scene) in seed_scenes() {
        let mut world = World::from_scene(&scene).unwrap();
        for _ in 0..5 {
            world.step();
        }
        let parse = |s: String| serde_json::from_str::<serde_json::Value>(&s).unwrap();
        out.push((format!("{name} scene"), parse(scene.to_json())));
        out.push((format!("{name} save"), parse(world.save().to_json())));
        out.push((
            format!("{name} readable"),
            parse(world.readable_scene().to_json()),
        ));
    }
    out
}

/// Runs property `name` over `strategy`, prints its tally, and fails on the first failing case.
fn run<S: Strategy>(
    name: &str,
    default_cases: u32,
    strategy: S,
    tally: &Tally,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let config = support::config(name, default_cases);
    let cases = config.cases;
    let mut runner = TestRunner::new(config);
    let start = Instant::now();
    let result = runner.run(&strategy, test);
    tally.print(name, cases, start.elapsed().as_secs_f64());
    if let Err(e) = result {
        panic!("fuzz property {name} failed: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// API call sequences

struct Harness<'a> {
    world: World,
    seen_bodies: Vec<BodyId>,
    seen_joints: Vec<JointId>,
    snapshots: Vec<Snapshot>,
    foreign: &'a Foreign,
    seeds: &'a [(String, Scene)],
}

/// Another world, for foreign ids and a foreign snapshot.
struct Foreign {
    bodies: Vec<BodyId>,
    joints: Vec<JointId>,
    snapshot: Snapshot,
}

impl Foreign {
    fn new() -> Foreign {
        let mut world =
            World::from_scene(&presets::build("chain_bridge", &[("planks", 3.0)]).unwrap())
                .unwrap();
        // Shift its ids off this world's: remove and respawn a few bodies.
        for id in world.body_ids().into_iter().take(2) {
            world.remove_body(id).unwrap();
        }
        world
            .spawn(&BodyDesc::new(
                ShapeDesc::Circle { radius: 0.3 },
                [0.0, 3.0],
            ))
            .unwrap();
        world.step();
        Foreign {
            bodies: world.body_ids(),
            joints: world.joint_ids(),
            snapshot: world.snapshot(),
        }
    }
}

/// What one op did: its class for the tally, its result, whether it had to be rejected, and
/// whether it stepped the world.
struct Done {
    /// Tally records of calls checked inside a composite op.
    inner: Vec<(String, String)>,
    class: String,
    result: Result<(), tumble_core::TumbleError>,
    must_reject: bool,
    stepped: bool,
}

impl Harness<'_> {
    fn body(&self, r: IdRef) -> BodyId {
        let live = self.world.body_ids();
        api::resolve_body_ref(r, &live, &self.seen_bodies, &self.foreign.bodies)
    }

    fn joint(&self, r: IdRef) -> JointId {
        let live = self.world.joint_ids();
        api::resolve_joint_ref(r, &live, &self.seen_joints, &self.foreign.joints)
    }

    /// `live id` or e.g. `seen id (not live)`.
    fn id_class(&self, r: IdRef, live: bool) -> String {
        if live {
            "live id".into()
        } else if matches!(r, IdRef::Live(_)) {
            "made-up id (no live one to pick)".into()
        } else {
            format!("{} (not live)", r.label())
        }
    }

    fn point(&self, p: PointGen) -> ([f32; 2], String, bool) {
        match p {
            PointGen::Sane(p) => (p, "point".into(), false),
            PointGen::OnBody(r, off) => {
                let id = self.body(r);
                let at = self.world.body(id).map(|b| b.position).unwrap_or([0.0; 2]);
                (
                    [at[0] + off[0], at[1] + off[1]],
                    "point on a body".into(),
                    false,
                )
            }
            PointGen::Bad(v, l, y) => {
                let p = if y { [0.0, v] } else { [v, 0.0] };
                (p, format!("point={l}"), !v.is_finite() || v.abs() > 1.0e6)
            }
        }
    }

    fn remember(&mut self) {
        for id in self.world.body_ids() {
            if !self.seen_bodies.contains(&id) {
                self.seen_bodies.push(id);
            }
        }
        for id in self.world.joint_ids() {
            if !self.seen_joints.contains(&id) {
                self.seen_joints.push(id);
            }
        }
    }

    fn exec(&mut self, op: &Op) -> Result<Option<Done>, TestCaseError> {
        fn unit<T>(r: Result<T, tumble_core::TumbleError>) -> Result<(), tumble_core::TumbleError> {
            r.map(|_| ())
        }
        let done = |class: String, result, must_reject| Done {
            inner: Vec::new(),
            class,
            result,
            must_reject,
            stepped: false,
        };
        Ok(Some(match op {
            Op::Spawn(g) => {
                let r = self.world.spawn(&g.desc);
                done(format!("spawn {}", g.label), unit(r), g.must_reject)
            }
            Op::Remove(r) => {
                let id = self.body(*r);
                let live = self.world.contains_body(id);
                let class = format!("remove_body {}", self.id_class(*r, live));
                done(class, self.world.remove_body(id), !live)
            }
            Op::Edit(r, g) => {
                let id = self.body(*r);
                let live = self.world.contains_body(id);
                let class = format!("edit_body {} {}", self.id_class(*r, live), g.label);
                done(
                    class,
                    self.world.edit_body(id, &g.desc),
                    !live || g.must_reject,
                )
            }
            Op::EditField(r, field, v, l) => {
                let id = self.body(*r);
                let live = self.world.contains_body(id);
                let mut desc = self.world.body(id).unwrap_or_else(|_| {
                    BodyDesc::new(ShapeDesc::Circle { radius: 0.5 }, [0.0, 0.0])
                });
                let Some(name) = api::corrupt_body(&mut desc, *field, *v) else {
                    return Ok(None);
                };
                let class = format!(
                    "edit_body (read, change, write) {} body.{name}={l}",
                    self.id_class(*r, live)
                );
                let bad = api::always_bad(*v);
                done(class, self.world.edit_body(id, &desc), !live || bad)
            }
            Op::SetPose(r, p, angle, l) => {
                let id = self.body(*r);
                let live = self.world.contains_body(id);
                let (p, pl, pbad) = self.point(*p);
                let abad = !angle.is_finite() || angle.abs() > 1.0e6;
                let class = format!("set_pose {} {pl} angle={l}", self.id_class(*r, live));
                done(
                    class,
                    self.world.set_pose(id, p, *angle),
                    !live || pbad || abad,
                )
            }
            Op::SetVelocity(r, v, av, l) => {
                let id = self.body(*r);
                let live = self.world.contains_body(id);
                let bad = v
                    .iter()
                    .chain([av])
                    .any(|x| !x.is_finite() || x.abs() > 1.0e6);
                let class = format!(
                    "set_velocity {} {}",
                    self.id_class(*r, live),
                    l.map_or("sane".to_string(), |l| format!("component={l}"))
                );
                done(class, self.world.set_velocity(id, *v, *av), !live || bad)
            }
            Op::SetSelected(r, s) => {
                let id = self.body(*r);
                let live = self.world.contains_body(id);
                let class = format!("set_selected {}", self.id_class(*r, live));
                done(class, self.world.set_selected(id, *s), !live)
            }
            Op::ClearSelection => {
                self.world.clear_selection();
                done("clear_selection".into(), Ok(()), false)
            }
            Op::AddJoint(g) => {
                let (desc, class, must) = self.joint_desc(g);
                let r = self.world.add_joint(&desc);
                done(format!("add_joint {class}"), unit(r), must)
            }
            Op::RemoveJoint(r) => {
                let id = self.joint(*r);
                let live = self.world.joint(id).is_ok();
                let class = format!("remove_joint {}", self.id_class(*r, live));
                done(class, self.world.remove_joint(id), !live)
            }
            Op::EditJoint(r, g) => {
                let id = self.joint(*r);
                let live = self.world.joint(id).is_ok();
                let (desc, class, must) = self.joint_desc(g);
                let class = format!("edit_joint {} {class}", self.id_class(*r, live));
                done(class, self.world.edit_joint(id, &desc), must || !live)
            }
            Op::SetMotor(r, m, l) => {
                let id = self.joint(*r);
                let live = self.world.joint(id).is_ok();
                let motor = m.map(|(speed, max_force)| tumble_core::Motor { speed, max_force });
                let bad = m.is_some_and(|(_, f)| api::always_bad(f));
                let class = format!(
                    "set_motor {} {}",
                    self.id_class(*r, live),
                    match (m, l) {
                        (None, _) => "off".to_string(),
                        (Some(_), None) => "on".to_string(),
                        (Some(_), Some(l)) => format!("maxForce={l}"),
                    }
                );
                done(class, self.world.set_motor(id, motor), !live || bad)
            }
            Op::Grab(p) => {
                let (p, pl, bad) = self.point(*p);
                let r = self.world.grab(p);
                if let Ok(Some(id)) = &r {
                    if !self.world.contains_body(*id) || self.world.grabbed() != Some(*id) {
                        return Err(TestCaseError::fail(format!(
                            "grab returned {id}, not grabbed"
                        )));
                    }
                }
                done(format!("grab {pl}"), unit(r), bad)
            }
            Op::DragTo(p) => {
                let (p, pl, bad) = self.point(*p);
                let grabbing = self.world.grabbed().is_some();
                let class = format!(
                    "drag_to {pl} {}",
                    if grabbing {
                        "while grabbing"
                    } else {
                        "with nothing grabbed"
                    }
                );
                done(class, self.world.drag_to(p), bad || !grabbing)
            }
            Op::GrabDrag(r, points, steps) => {
                let id = self.body(*r);
                let Ok(body) = self.world.body(id) else {
                    return Ok(None);
                };
                match self.world.grab(body.position) {
                    Ok(Some(_)) => {}
                    Ok(None) => return Ok(None), // not dynamic, or another body is on top
                    Err(e) => return Err(TestCaseError::fail(format!("grab at a body: {e}"))),
                }
                let mut done = Done {
                    inner: Vec::new(),
                    class: "grab a body, then drag it (composite)".into(),
                    result: Ok(()),
                    must_reject: false,
                    stepped: false,
                };
                for p in points {
                    let (p, pl, bad) = self.point(*p);
                    let before = Fingerprint::of(&self.world);
                    let r = self.world.drag_to(p);
                    let class = format!("drag_to {pl} while dragging");
                    match &r {
                        Err(e) => check_rejection(&class, e, &before, &self.world)?,
                        Ok(()) if bad => {
                            return Err(TestCaseError::fail(format!("{class}: accepted")));
                        }
                        Ok(()) => {}
                    }
                    done.inner.push((class.clone(), outcome(&r)));
                    for _ in 0..*steps {
                        self.world.step();
                        done.stepped = true;
                    }
                    check_world(&class, &self.world, done.stepped)?;
                }
                done
            }
            Op::Release => {
                self.world.release();
                done("release".into(), Ok(()), false)
            }
            Op::LoadPreset(n) => {
                let (name, scene) = &self.seeds[n % self.seeds.len()];
                let r = self.world.load(scene);
                done(format!("load preset {name}"), r, false)
            }
            Op::SaveLoad => {
                let save = self.world.save();
                let exact = save.solver_state.is_some();
                if !exact {
                    return Err(TestCaseError::fail("a save without solverState"));
                }
                let save = save.to_json();
                let readable = self.world.readable_scene().to_json();
                let (hash, ids) = (self.world.state_hash(), self.world.body_ids());
                let r = self.world.load_json(&save);
                if let Err(e) = &r {
                    if !e.code().starts_with("limit.") {
                        return Err(TestCaseError::fail(format!("a save did not load: {e}")));
                    }
                } else if exact
                    && (self.world.state_hash() != hash
                        || self.world.body_ids() != ids
                        || self.world.readable_scene().to_json() != readable)
                {
                    return Err(TestCaseError::fail(
                        "loading a save did not give back the same world".to_string(),
                    ));
                }
                let class = if exact {
                    "load_json(save())"
                } else {
                    "load_json(save() without solverState)"
                };
                done(class.into(), r, false)
            }
            Op::ReadableLoad => {
                let scene = self.world.readable_scene();
                let r = self.world.load(&scene);
                if let Err(e) = &r {
                    if !e.code().starts_with("limit.") {
                        return Err(TestCaseError::fail(format!(
                            "a readable scene did not load: {e}\n{}",
                            scene.to_json()
                        )));
                    }
                }
                done("load(readable_scene())".into(), r, false)
            }
            Op::Snapshot => {
                let s = self.world.snapshot();
                if self.snapshots.len() >= 3 {
                    self.snapshots.remove(0);
                }
                self.snapshots.push(s);
                done("snapshot".into(), Ok(()), false)
            }
            Op::Restore(n) => {
                if self.snapshots.is_empty() {
                    return Ok(None);
                }
                let s = &self.snapshots[n % self.snapshots.len()];
                let hash_then = {
                    let mut probe = World::new();
                    probe.restore(s);
                    probe.state_hash()
                };
                self.world.restore(s);
                if self.world.state_hash() != hash_then {
                    return Err(TestCaseError::fail(
                        "restore did not give back the snapshot",
                    ));
                }
                done("restore(own snapshot)".into(), Ok(()), false)
            }
            Op::RestoreForeign => {
                self.world.restore(&self.foreign.snapshot);
                done("restore(another world's snapshot)".into(), Ok(()), false)
            }
            Op::Settings(s, l, must) => done(
                format!("set_settings {l}"),
                self.world.set_settings(*s),
                *must,
            ),
            Op::Gravity(v, l) => {
                let bad = !v.is_finite() || v.abs() > 1.0e6;
                done(
                    format!("set_gravity y={l}"),
                    self.world.set_gravity([0.5, *v]),
                    bad,
                )
            }
            Op::ContactEvents(on) => {
                self.world.set_contact_events(*on);
                done("set_contact_events".into(), Ok(()), false)
            }
            Op::DebugLines(on) => {
                self.world.set_debug_lines(*on);
                done("set_debug_lines".into(), Ok(()), false)
            }
            Op::Limits(b, j) => {
                self.world.set_limits(Limits {
                    max_bodies: *b,
                    max_joints: *j,
                });
                done("set_limits (small)".into(), Ok(()), false)
            }
            Op::Advance(dt, l) => {
                let before = self.world.step_count();
                let r = self.world.advance(*dt);
                if let Ok(n) = &r {
                    let max = self.world.settings().max_steps_per_advance;
                    if *n > max || self.world.step_count() != before + *n as u64 {
                        return Err(TestCaseError::fail(format!(
                            "advance ran {n} steps (max {max})"
                        )));
                    }
                }
                let bad = !(dt.is_finite() && *dt > 0.0);
                Done {
                    inner: Vec::new(),
                    class: format!("advance {l}"),
                    stepped: matches!(r, Ok(n) if n > 0),
                    result: unit(r),
                    must_reject: bad,
                }
            }
            Op::Step(n) => {
                for _ in 0..*n {
                    self.world.step();
                }
                Done {
                    inner: Vec::new(),
                    class: "step".into(),
                    result: Ok(()),
                    must_reject: false,
                    stepped: true,
                }
            }
            Op::BodyAt(p) => {
                let (p, pl, bad) = self.point(*p);
                let r = self.world.body_at(p);
                if let Ok(Some(id)) = &r {
                    if !self.world.contains_body(*id) {
                        return Err(TestCaseError::fail("body_at returned a dead id"));
                    }
                }
                done(format!("body_at {pl}"), unit(r), bad)
            }
            Op::BodiesInRect(a, b) => {
                let (a, al, abad) = self.point(*a);
                let (b, bl, bbad) = self.point(*b);
                let r = self.world.bodies_in_rect(a, b);
                done(format!("bodies_in_rect {al} {bl}"), unit(r), abad || bbad)
            }
            Op::Query(r) => {
                let id = self.body(*r);
                let live = self.world.contains_body(id);
                let class = format!("body/body_mass {}", self.id_class(*r, live));
                let a = self.world.body(id).map(|_| ());
                let b = self.world.body_mass(id).map(|_| ());
                if a.is_ok() != live || b.is_ok() != live {
                    return Err(TestCaseError::fail(
                        "body()/body_mass() disagree with contains_body",
                    ));
                }
                done(class, a, !live)
            }
            Op::QueryJoint(r) => {
                let id = self.joint(*r);
                let live = self.world.joint_ids().contains(&id);
                let class = format!("joint {}", self.id_class(*r, live));
                done(class, self.world.joint(id).map(|_| ()), !live)
            }
        }))
    }

    fn joint_desc(&self, g: &api::JointGen) -> (JointDesc<BodyId>, String, bool) {
        let b = self.body(g.b);
        let a = g.a.map(|r| self.body(r));
        let b_live = self.world.contains_body(b);
        let a_live = a.is_none_or(|a| self.world.contains_body(a));
        let mut desc = g.desc.map_bodies(|_| b);
        desc.body_a = a;
        let ids = match (g.a, a_live, b_live) {
            (None, _, true) => "world-to-live".to_string(),
            (Some(_), true, true) if a == Some(b) => "body to itself".to_string(),
            (Some(_), true, true) => "live-to-live".to_string(),
            (ra, _, _) => format!(
                "a={} b={}",
                ra.map_or("world".to_string(), |r| self.id_class(r, a_live)),
                self.id_class(g.b, b_live)
            ),
        };
        (
            desc,
            format!("{} [{ids}]", g.label),
            g.must_reject || !a_live || !b_live,
        )
    }
}

fn ops_case() -> impl Strategy<Value = (usize, Vec<Op>)> {
    (any::<usize>(), prop::collection::vec(api::op(), 1..40))
}

/// Runs one case of `api_call_sequences`: `ops` on an empty world or a seed preset.
fn run_ops(
    start: usize,
    ops: &[Op],
    seeds: &[(String, Scene)],
    foreign: &Foreign,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    // Start empty or from a small preset; limits with room unless an op lowers them.
    let mut world = World::new();
    if start % 3 != 0 {
        world.load(&seeds[start % seeds.len()].1).unwrap();
    }
    world.set_limits(api::roomy());
    let mut h = Harness {
        world,
        seen_bodies: Vec::new(),
        seen_joints: Vec::new(),
        snapshots: Vec::new(),
        foreign,
        seeds,
    };
    h.remember();
    for (i, op) in ops.iter().enumerate() {
        let before = Fingerprint::of(&h.world);
        let Some(d) = h.exec(op)? else { continue };
        let what = format!("op {i} {}", d.class);
        tally.record(&d.class, &outcome(&d.result));
        for (class, out) in &d.inner {
            tally.record(class, out);
        }
        match &d.result {
            Err(e) => check_rejection(&what, e, &before, &h.world)?,
            Ok(()) => {
                if d.must_reject {
                    return Err(TestCaseError::fail(format!(
                        "{what}: bad input was accepted ({op:?})"
                    )));
                }
                check_world(&what, &h.world, d.stepped)?;
            }
        }
        h.remember();
    }
    // Any world reached must snapshot and restore into a twin that runs on bit-identically.
    let mut twin = World::new();
    twin.restore(&h.world.snapshot());
    // Any world reached must save, and its save must load (limits permitting) and run on.
    let save = h.world.save();
    let exact = save.solver_state.is_some();
    if !exact {
        return Err(TestCaseError::fail("the final save has no solverState"));
    }
    let mut again = World::new();
    again.load_json(&save.to_json()).map_err(|e| {
        TestCaseError::fail(format!("the final save did not load into a new world: {e}"))
    })?;
    if !exact {
        again.step();
        return check_world("final world (rebuilt from the readable part)", &again, true);
    }
    if again.state_hash() != h.world.state_hash() {
        return Err(TestCaseError::fail(
            "the final save loaded to a different state",
        ));
    }
    for _ in 0..3 {
        again.step();
        twin.step();
        h.world.step();
    }
    for (diverged, what) in [
        (
            twin.state_hash() != h.world.state_hash(),
            "a restored snapshot",
        ),
        (again.state_hash() != h.world.state_hash(), "a loaded save"),
    ] {
        tally.record_in(
            "continuation",
            what,
            if diverged {
                "DIVERGED"
            } else {
                "bit-identical"
            },
        );
        if diverged {
            return Err(TestCaseError::fail(format!(
                "{what} did not continue bit-identically"
            )));
        }
    }
    check_world("final world", &again, true)?;
    Ok(())
}

#[test]
fn api_call_sequences() {
    let seeds = seed_scenes();
    let foreign = Foreign::new();
    let tally = Tally::default();
    run(
        "api_call_sequences",
        API_CASES,
        ops_case(),
        &tally,
        |(start, ops)| run_ops(start, &ops, &seeds, &foreign, &tally),
    );
}

// ---------------------------------------------------------------------------------------------
// Scene JSON

/// Loads `text` into `world`; checks the rejection or runs the accepted world for a while.
fn load_and_check(world: &mut World, text: &str, what: &str) -> Result<String, TestCaseError> {
    let before = Fingerprint::of(world);
    let r = world.load_json(text);
    match &r {
        Err(e) => check_rejection(what, e, &before, world)?,
        Ok(()) => {
            check_world(what, world, false)?;
            for _ in 0..10 {
                world.step();
                check_world(what, world, true)?;
            }
            world
                .advance(0.1)
                .map_err(|e| TestCaseError::fail(format!("{what}: {e}")))?;
            check_world(what, world, true)?;
            let save = world.save().to_json();
            let mut again = World::new();
            again.load_json(&save).map_err(|e| {
                TestCaseError::fail(format!(
                    "{what}: the save of a loaded scene did not load: {e}"
                ))
            })?;
            let readable = world.readable_scene();
            again.load(&readable).map_err(|e| {
                TestCaseError::fail(format!("{what}: the readable part did not load: {e}"))
            })?;
        }
    }
    Ok(outcome(&r))
}

#[test]
fn mutated_scene_json() {
    let seeds = seed_texts();
    let tally = Tally::default();
    let strategy = (
        any::<usize>(),
        prop_oneof![3 => prop::collection::vec(scene::mutation(), 1..2), 2 => prop::collection::vec(scene::mutation(), 2..5)],
        any::<bool>(),
        any::<bool>(),
    );
    run(
        "mutated_scene_json",
        SCENE_CASES,
        strategy,
        &tally,
        |(seed, mutations, pretty, fresh)| {
            let (name, value) = &seeds[seed % seeds.len()];
            let text = scene::mutate(value, &mutations, pretty);
            if text == scene::mutate(value, &[], pretty) {
                return Ok(()); // e.g. a duplicated key this seed does not have
            }
            // Load into an empty world, or over a running one (the rejection must leave it be).
            let mut world = World::new();
            if !fresh {
                world
                    .load(&presets::build("pyramid", &[("base", 2.0)]).unwrap())
                    .unwrap();
                world.step();
            }
            let what = format!("{name} with {mutations:?}");
            let out = load_and_check(&mut world, &text, &what)?;
            let class = if mutations.len() == 1 {
                mutations[0].label()
            } else {
                "several mutations".to_string()
            };
            tally.record(&class, &out);
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Solver state

/// Saves of every seed preset after a few steps, some mid-drag.
fn seed_saves() -> Vec<(String, Scene)> {
    seed_scenes()
        .into_iter()
        .map(|(name, scene)| {
            let mut world = World::from_scene(&scene).unwrap();
            for _ in 0..5 {
                world.step();
            }
            // A drag in some saves, so the drag state is in the data too.
            if name.len() % 2 == 0 {
                if let Some(id) = world
                    .body_ids()
                    .into_iter()
                    .find(|id| world.body_mass(*id).unwrap_or(0.0) > 0.0)
                {
                    let p = world.body(id).unwrap().position;
                    let _ = world.grab(p);
                    let _ = world.drag_to([p[0] + 1.0, p[1] + 1.0]);
                    world.step();
                }
            }
            (name, world.save())
        })
        .collect()
}

/// A change to a save's `solverState` that the engine is expected to detect (or survive).
#[derive(Debug, Clone)]
enum SolverEdit {
    /// The data cut short (no longer decodes).
    Truncate(f64),
    /// A field of `solverState` replaced.
    Field(u8, &'static str),
    /// The readable part edited (so the checksum no longer matches), optionally with a forged
    /// checksum that does match it.
    Readable(Vec<scene::Mutation>, bool),
}

impl SolverEdit {
    fn label(&self) -> String {
        match self {
            SolverEdit::Truncate(_) => "solverState.data truncated".into(),
            SolverEdit::Field(0, v) => format!("solverState.encoding := {v:?}"),
            SolverEdit::Field(1, v) => format!("solverState.checksum := {v:?}"),
            SolverEdit::Field(_, v) => format!("solverState.data := {v:?}"),
            SolverEdit::Readable(_, false) => "readable part edited (checksum mismatch)".into(),
            SolverEdit::Readable(_, true) => "readable part edited, checksum forged".into(),
        }
    }
}

fn solver_edit() -> impl Strategy<Value = SolverEdit> {
    let values = prop::sample::select(vec![
        "",
        "msgpack",
        "json",
        "AAAA",
        "!!!",
        "0000000000000000",
        "ffffffffffffffff",
    ]);
    prop_oneof![
        1 => (0.0f64..1.0).prop_map(SolverEdit::Truncate),
        1 => (0u8..3, values).prop_map(|(f, v)| SolverEdit::Field(f, v)),
        3 => (prop::collection::vec(scene::mutation(), 1..3), any::<bool>())
            .prop_map(|(m, forge)| SolverEdit::Readable(m, forge)),
    ]
}

/// Saves whose `solverState` was cut short, replaced, or no longer matches (or matches through a
/// forged checksum) an edited readable part: each loads as a typed error or a consistent world.
///
/// Altered solver-state bytes under a still-matching checksum are `crafted_solver_state_data`'s.
#[test]
fn mutated_solver_state() {
    let seeds = seed_saves();
    let tally = Tally::default();
    let strategy = (any::<usize>(), solver_edit());
    run(
        "mutated_solver_state",
        STATE_CASES,
        strategy,
        &tally,
        |(seed, edit)| {
            let (name, save) = &seeds[seed % seeds.len()];
            let mut scene = save.clone();
            let solver = scene.solver_state.as_mut().unwrap();
            match &edit {
                SolverEdit::Truncate(f) => {
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(&solver.data)
                        .unwrap();
                    let cut = (bytes.len() as f64 * f) as usize;
                    solver.data = base64::engine::general_purpose::STANDARD.encode(&bytes[..cut]);
                }
                SolverEdit::Field(0, v) => solver.encoding = v.to_string(),
                SolverEdit::Field(1, v) => solver.checksum = v.to_string(),
                SolverEdit::Field(_, v) => solver.data = v.to_string(),
                SolverEdit::Readable(mutations, forge) => {
                    let value = serde_json::to_value(&scene).unwrap();
                    let text = scene::mutate(&value, mutations, false);
                    let Ok(edited) = Scene::from_json(&text) else {
                        return Ok(());
                    };
                    if edited.solver_state != save.solver_state {
                        return Ok(()); // the mutation hit the solver state itself
                    }
                    scene = edited;
                    if *forge {
                        let readable = Scene {
                            solver_state: None,
                            ..scene.clone()
                        };
                        scene.solver_state.as_mut().unwrap().checksum = scene::checksum(&readable);
                    }
                }
            }
            let mut world = World::new();
            let what = format!("{name} with {edit:?}");
            let out = load_and_check(&mut world, &scene.to_json(), &what)?;
            tally.record(&edit.label(), &out);
            Ok(())
        },
    );
}

/// Altered solver-state bytes (varints, floats, removed or duplicated runs, flipped bytes)
/// under a checksum that still matches the readable part, as anyone can write: each loads (as
/// its exact state or its readable part), runs, saves and loads again without a panic or a hang.
///
/// Loading checks the decoded state before trusting it: shapes against the readable part
/// (`regression_a_solver_state_with_an_altered_shape_is_not_trusted`), Tumble's tables against
/// rapier's joints (`regression_a_solver_state_whose_joints_disagree_with_its_tables_is_not_trusted`),
/// numbers, rotations and collider poses (`regression_a_solver_state_with_an_infinite_number_is_not_trusted`),
/// and rapier's arenas, broad-phase tree, graphs, index tables, solver colour buckets and islands
/// (`scene/arenas.rs`, `scene/internals.rs`, `scene/islands.rs`). Those took the rate of crashing
/// cases from about 1 in 200 (with native stack overflows that abort the process, and an endless
/// loop) to none in 450 000 (runs of 150 000 and 300 000 on 2026-12-05) with debug assertions
/// on, which also runs rapier's own consistency checks after every step
/// (`TUMBLE_FUZZ_CASES_CRAFTED_SOLVER_STATE_DATA=300000 cargo test -p tumble-core --test fuzz crafted -- --nocapture`,
/// about 6 minutes). Each case runs on a thread with a 5 s watchdog so a hang is reported, not
/// waited out (an allocation abort would still end the process).
#[test]
fn crafted_solver_state_data() {
    use proptest::strategy::ValueTree;
    use std::sync::mpsc;
    let seeds = seed_saves();
    let tally = Tally::default();
    let cases = support::cases("crafted_solver_state_data", CRAFTED_CASES);
    let mut runner = TestRunner::new(support::config("crafted_solver_state_data", cases));
    let start = Instant::now();
    let mut failures = Vec::new();
    for i in 0..cases as usize {
        let m = scene::state_mutation()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let (name, save) = &seeds[i % seeds.len()];
        let mut scene = save.clone();
        let solver = scene.solver_state.as_mut().unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&solver.data)
            .unwrap();
        let Some(mutated) = scene::mutate_state(&bytes, &m) else {
            continue;
        };
        solver.data = base64::engine::general_purpose::STANDARD.encode(mutated);
        let text = scene.to_json();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(|| {
                let mut world = World::new();
                match world.load_json(&text) {
                    Err(e) => e.code().to_string(),
                    Ok(()) => {
                        for _ in 0..10 {
                            world.step();
                        }
                        let _ = World::new().load_json(&world.save().to_json());
                        "ok".to_string()
                    }
                }
            });
            let _ = tx.send(r.unwrap_or_else(|_| "PANIC".to_string()));
        });
        let out = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .unwrap_or_else(|_| "HANG".to_string());
        if out == "PANIC" || out == "HANG" {
            failures.push(format!("{out}: {name} {m:?}"));
        }
        tally.record(m.label(), &out);
        if failures.iter().filter(|f| f.starts_with("HANG")).count() >= 2 {
            break; // hung threads keep burning CPU: stop early
        }
    }
    tally.print(
        "crafted_solver_state_data",
        cases,
        start.elapsed().as_secs_f64(),
    );
    assert!(
        failures.is_empty(),
        "{} crafted saves panicked or hung:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The harness's own sanity checks

#[test]
fn state_mutations_change_a_real_save() {
    // The solver-state mutations must reach a real save's bytes, or they test nothing.
    let mut world = World::from_scene(&presets::build("car", &[]).unwrap()).unwrap();
    world.step();
    let save = world.save();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&save.solver_state.unwrap().data)
        .unwrap();
    assert!(
        bytes.len() > 1000,
        "a car's solver state is {} bytes",
        bytes.len()
    );
    for m in [
        scene::StateMutation::Varint(0.5, u64::MAX),
        scene::StateMutation::Float(0.25, f32::NAN),
        scene::StateMutation::Remove(0.75, 3),
        scene::StateMutation::Duplicate(0.1, 5),
    ] {
        let changed = scene::mutate_state(&bytes, &m).unwrap();
        assert_ne!(changed, bytes, "{m:?} left the bytes as they were");
    }
}

#[test]
fn mutations_produce_the_intended_text() {
    let value = serde_json::json!({"a": 1, "b": [1, 2]});
    let text = scene::mutate(
        &value,
        &[scene::Mutation::Replace(
            1,
            serde_json::Value::String("@@RAW@@1e400".into()),
            "raw",
        )],
        false,
    );
    assert_eq!(text, r#"{"a":1e400,"b":[1,2]}"#);
}

/// Regression, found by `api_call_sequences`: a save taken between a joint change (add, remove,
/// edit, a removed jointed body, grab, release) and the next step restored rapier islands that
/// still linked (or had not yet linked) that joint, because rapier applies joint changes to its
/// islands from a queue it does not serialize; stepping the loaded world then failed rapier's
/// island assertion `member(link.body1) || member(link.body2)` (a panic in debug builds, a
/// silently inconsistent island graph in release). Such a save then omitted `solverState` and
/// loaded with new ids; it now carries the world from before the change and the calls since
/// (`world::journal`), and the loaded world is the saved one and runs on bit-identically.
#[test]
fn regression_a_save_right_after_a_joint_change_loads_and_continues_exactly() {
    use tumble_core::JointKind;
    /// A change to a world with two jointed bodies `a`, `b` and their joint.
    type Change = fn(&mut World, BodyId, BodyId, JointId);
    let changes: [(&str, Change); 6] = [
        ("remove a jointed body", |w, a, _, _| {
            w.remove_body(a).unwrap()
        }),
        ("remove the joint", |w, _, _, j| w.remove_joint(j).unwrap()),
        ("edit the joint", |w, _, _, j| {
            let mut d = w.joint(j).unwrap();
            d.anchor_b = [0.1, 0.0];
            w.edit_joint(j, &d).unwrap()
        }),
        ("add a joint", |w, a, b, _| {
            w.add_joint(&JointDesc::new(
                JointKind::Weld,
                Some(a),
                b,
                [0.0; 2],
                [0.0; 2],
            ))
            .map(|_| ())
            .unwrap()
        }),
        ("grab", |w, a, _, _| {
            let p = w.body(a).unwrap().position;
            assert_eq!(w.grab(p).unwrap(), Some(a));
        }),
        ("release", |w, a, _, _| {
            let p = w.body(a).unwrap().position;
            w.grab(p).unwrap();
            w.step();
            w.release();
        }),
    ];
    for (name, change) in changes {
        let mut world = World::new();
        let ball = |x: f32| BodyDesc::new(ShapeDesc::Circle { radius: 0.3 }, [x, 2.0]);
        let a = world.spawn(&ball(0.0)).unwrap();
        let b = world.spawn(&ball(1.0)).unwrap();
        let j = world
            .add_joint(&JointDesc::new(
                JointKind::Revolute,
                None,
                a,
                [0.0, 3.0],
                [0.0, 0.0],
            ))
            .unwrap();
        for _ in 0..3 {
            world.step();
        }
        change(&mut world, a, b, j);
        let save = world.save();
        let solver = save.solver_state.as_ref().expect(name);
        assert!(!solver.changes.is_empty(), "{name}: no changes journaled");
        let mut loaded = World::new();
        loaded.load_json(&save.to_json()).unwrap();
        assert_eq!(loaded.save().to_json(), save.to_json(), "{name}");
        assert_eq!(loaded.state_hash(), world.state_hash(), "{name}");
        for step in 0..20 {
            loaded.step();
            world.step();
            assert_eq!(
                loaded.state_hash(),
                world.state_hash(),
                "{name}: step {step}"
            );
        }
        // After a step the save carries the state alone again.
        let save = world.save();
        assert!(save.solver_state.unwrap().changes.is_empty(), "{name}");
    }
}

/// Regression, found by the long run of `api_call_sequences` (once in about 18 000 cases): after
/// this sequence (restore another world's snapshot, remove a body, spawn a static one, remove two
/// more, turn one into a static segment, step) a snapshot restored into a new world, or a save
/// loaded into one, drifted from the original from the next step on. rapier's pipeline reuses the
/// joint solver's layout from one step to the next, a copy starts with a fresh pipeline, and the
/// reused layout did not solve bit for bit like a fresh one. The step after a copy is taken now
/// runs on a fresh pipeline in the original too (`World::copied_since_last_step`).
#[test]
fn regression_a_restored_world_continues_like_the_original() {
    use api::{BodyGen, IdRef::Live};
    use tumble_core::BodyKind;
    let body = |kind, shape, angle: f32| BodyGen {
        desc: BodyDesc {
            kind,
            angle,
            density: 0.1,
            friction: 0.0,
            gravity_scale: 0.0,
            ..BodyDesc::new(shape, [0.0, 0.0])
        },
        label: "sane body".into(),
        must_reject: false,
    };
    let ops = vec![
        Op::RestoreForeign,
        Op::Remove(Live(3339872249373242836)),
        Op::Spawn(body(
            BodyKind::Static,
            ShapeDesc::Circle { radius: 0.05 },
            0.0,
        )),
        Op::Remove(Live(10257438077482662474)),
        Op::Remove(Live(8868830577981567233)),
        Op::Edit(
            Live(8551865882428956249),
            body(
                BodyKind::Static,
                ShapeDesc::Segment {
                    a: [0.0, 0.0],
                    b: [0.0, -0.17271554],
                },
                6.1057544,
            ),
        ),
        Op::Step(1),
    ];
    let r = run_ops(0, &ops, &seed_scenes(), &Foreign::new(), &Tally::default());
    assert!(r.is_ok(), "{r:?}");
}

/// Regression, found by the long run of `mutated_scene_json` and `mutated_solver_state`: a scene
/// with `clock.steps` = u64::MAX loaded, and the next step overflowed the step counter (a panic
/// with overflow checks, a wrap to 0 without). `clock.steps` is now limited to 2^53 - 1, the
/// largest integer a JavaScript number holds exactly.
#[test]
fn regression_a_clock_past_2_pow_53_steps_is_refused() {
    let mut world =
        World::from_scene(&presets::build("pyramid", &[("base", 2.0)]).unwrap()).unwrap();
    world.step();
    let mut scene = world.readable_scene();
    for steps in [u64::MAX, 1 << 53] {
        scene.clock.as_mut().unwrap().steps = steps;
        let before = Fingerprint::of(&world);
        let err = world.load_json(&scene.to_json()).unwrap_err();
        assert_eq!(err.code(), "scene.invalid");
        assert_eq!(err.path(), Some("clock.steps"));
        check_rejection("clock.steps", &err, &before, &world).unwrap();
    }
    scene.clock.as_mut().unwrap().steps = tumble_core::scene::MAX_CLOCK_STEPS - 1;
    world.load(&scene).unwrap();
    world.step();
    assert_eq!(world.step_count(), tumble_core::scene::MAX_CLOCK_STEPS);
}

/// Regression, found by `crafted_solver_state_data`: the tumbler's save with five bytes cut from
/// its solver state (checksum still matching) decoded into a world whose drum polyline had a
/// cycle in its bounding-volume tree, and the first step looped forever. A decoded body's shapes
/// must now be exactly what its readable description builds, so this state is not trusted and the
/// world is built from the readable part.
#[test]
fn regression_a_solver_state_with_an_altered_shape_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "tumbler",
        scene::StateMutation::Remove(0.439284935741028, 5),
    );
}

/// Regression, found by `crafted_solver_state_data` once the broad-phase tree was checked: the
/// rain save (taken mid-drag) with two bytes cut from its state, checksum still matching, decoded
/// into a world whose rapier joints no longer matched Tumble's joint and drag tables, and the
/// first step never returned. Decoded joints must now join the bodies their descriptions name.
#[test]
fn regression_a_solver_state_whose_joints_disagree_with_its_tables_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "rain",
        scene::StateMutation::Remove(0.44716075807707506, 2),
    );
}

/// Regression, found by `crafted_solver_state_data` once rapier's internals were checked: the
/// card house's save with a float written over its solver state decoded into a body with a huge
/// count of extra solver iterations, and every step took over a second (the 5 s watchdog called
/// it a hang). Per-body solver settings Tumble never changes must now be rapier's defaults.
#[test]
fn regression_a_solver_state_with_extra_solver_iterations_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "card_house",
        scene::StateMutation::Float(0.4581806039832105, 1e30),
    );
}

/// Regression, found by `crafted_solver_state_data` once it ran with debug assertions on: the
/// tumbler's save with bytes cut from its state decoded into a body arena whose entry count no
/// longer matched its entries, and rapier's arena iterator asserted as soon as anything listed
/// the colliders. Arenas must now count their entries and thread their free lists exactly
/// (`scene/arenas.rs`).
#[test]
fn regression_a_solver_state_whose_arena_miscounts_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "tumbler",
        scene::StateMutation::Remove(0.1692623022478647, 11),
    );
}

/// Regression, found by `crafted_solver_state_data` with debug assertions on: the card house's
/// save with a varint written over decoded into a narrow phase whose contact-force list named a
/// pair no collider asked forces for, and rapier's end-of-step check asserted. No collider may
/// ask for events, and the force lists must be empty.
#[test]
fn regression_a_solver_state_that_lists_contact_forces_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "card_house",
        scene::StateMutation::Varint(0.6469695757886252, 3),
    );
}

/// Regression, found by `crafted_solver_state_data` with debug assertions on: the pyramid's
/// save with a varint written over decoded into solver colour buckets that were not the contacts
/// rapier selects, which the next step kept (release builds would solve a stale list). The
/// buckets must now be exactly rapier's selection when the next step keeps them.
#[test]
fn regression_a_solver_state_whose_buckets_are_not_the_selection_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "pyramid",
        scene::StateMutation::Varint(0.22784591447428248, 1),
    );
}

/// Regression, found by `crafted_solver_state_data` once the buckets were checked: the dominoes'
/// save with a varint written over decoded into two pairs of one body with the same solver
/// colour, which rapier solves side by side in SIMD lanes that must not share a body. Colours,
/// colour masks and the bodies that hold them must now agree.
#[test]
fn regression_a_solver_state_whose_pairs_share_a_colour_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "dominoes",
        scene::StateMutation::Varint(0.12200941332499907, 2),
    );
}

/// Regression, found by the long run of `crafted_solver_state_data` (150 000 cases) once the
/// islands and colours were checked: the card house's save with -inf written over a collider's
/// world position, which no other check reads; parry's box-box contact test asserted in debug
/// builds. Every number in a decoded state must now be finite (`scene/finite.rs`).
#[test]
fn regression_a_solver_state_with_an_infinite_number_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "card_house",
        scene::StateMutation::Float(0.6579506307098514, f32::NEG_INFINITY),
    );
}

/// Regression, found by the long run of `crafted_solver_state_data` once numbers were required
/// to be finite: the chain bridge's save with 1e-30 written over a rotation, which the readable
/// part does not give (it has the angle, read from the rotation); parry's box-box contact test
/// asserted. Rotations must now be unit and colliders where their bodies put them.
#[test]
fn regression_a_solver_state_with_a_rotation_that_is_not_a_unit_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "chain_bridge",
        scene::StateMutation::Float(0.4376796658870984, 1e-30),
    );
}

/// Regression, found by `crafted_solver_state_data` with debug assertions on (session before
/// the island checks): the dominoes' save with a varint written over decoded into a contact link
/// with neither body in its island, which rapier's end-of-step island check asserts on. Islands
/// must now agree with their links as that check requires (`scene/islands.rs`).
#[test]
fn regression_a_solver_state_with_a_contact_link_outside_its_island_is_not_trusted() {
    crafted_save_loads_as_its_readable_part(
        "dominoes",
        scene::StateMutation::Varint(0.03364093914145237, 2),
    );
}

/// Regression, found by `api_call_sequences` once saves after a grab carried their exact state:
/// this save (a world with contact events on, taken after a grab and two body edits) loaded into
/// a world with contact events off, and the two drifted apart within three steps. Turning events
/// on or off set rapier's per-collider event flags, which marks every collider modified, and a
/// modified collider is processed differently at the next step. Tumble now finds contact events
/// by comparing touching pairs before and after a step and leaves the flags alone.
#[test]
fn regression_contact_events_do_not_change_the_physics() {
    let text = include_str!("fuzz/save-loaded-across-contact-event-settings.json");
    let mut hashes = Vec::new();
    for events in [false, true] {
        let mut world = World::new();
        world.set_contact_events(events);
        world.load_json(text).unwrap();
        let mut run = Vec::new();
        for step in 0..10 {
            if step == 5 {
                world.set_contact_events(!events);
            }
            world.step();
            run.push(world.state_hash());
        }
        hashes.push(run);
    }
    assert_eq!(hashes[0], hashes[1]);
}

/// Loads the `seed` save with `mutation` applied to its solver state (checksum left matching) on
/// a thread with a watchdog, steps it, and checks it ran as its readable part does.
fn crafted_save_loads_as_its_readable_part(seed: &str, mutation: scene::StateMutation) {
    let (_, save) = seed_saves()
        .into_iter()
        .find(|(name, _)| name == seed)
        .unwrap();
    let mut crafted = save.clone();
    let solver = crafted.solver_state.as_mut().unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&solver.data)
        .unwrap();
    let cut = scene::mutate_state(&bytes, &mutation).unwrap();
    solver.data = base64::engine::general_purpose::STANDARD.encode(cut);
    let text = crafted.to_json();
    // On a thread with a watchdog, so that a regression fails instead of hanging the suite.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut world = World::new();
        world.load_json(&text).unwrap();
        for _ in 0..10 {
            world.step();
        }
        let _ = tx.send(world.state_hash());
    });
    let hash = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("loading the crafted save and stepping it finished");
    // Built from the readable part: the same as loading the save without its solver state.
    let mut readable = World::new();
    readable
        .load(&Scene {
            solver_state: None,
            ..save
        })
        .unwrap();
    for _ in 0..10 {
        readable.step();
    }
    assert_eq!(hash, readable.state_hash());
}
