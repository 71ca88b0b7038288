//! Shared machinery of the fuzz harness: case counts, the error-code tally, the world
//! fingerprint compared around rejected calls, and the invariants checked after accepted ones.

use std::collections::BTreeMap;
use std::sync::Mutex;

use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError};
use tumble_core::{BodyId, TumbleError, World};

/// Every code [`TumbleError::code`] may return (see src/error.rs). A rejection with any other
/// code fails the fuzz run: a new error kind must be added here, and to the web layer's table.
pub const KNOWN_CODES: &[&str] = &[
    "scene.parse",
    "scene.invalid",
    "scene.version",
    "arg.invalid",
    "body.stale_id",
    "joint.stale_id",
    "joint.invalid",
    "limit.bodies",
    "limit.joints",
    "limit.vertices",
    "limit.scene_bytes",
    "limit.coordinates",
    "preset.unknown",
    "preset.param",
    "drag.none",
    "snapshot.invalid",
];

fn env_u32(name: &str) -> Option<u32> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// The number of cases for property `name`, default `default`.
///
/// Precedence: `TUMBLE_FUZZ_CASES_<NAME>` (per property, upper case), then `TUMBLE_FUZZ_CASES`
/// (every property), then `PROPTEST_CASES` (every property), then `default` times
/// `TUMBLE_FUZZ_SCALE` (default 1).
pub fn cases(name: &str, default: u32) -> u32 {
    let per = format!("TUMBLE_FUZZ_CASES_{}", name.to_uppercase());
    env_u32(&per)
        .or_else(|| env_u32("TUMBLE_FUZZ_CASES"))
        .or_else(|| env_u32("PROPTEST_CASES"))
        .unwrap_or_else(|| default.saturating_mul(env_u32("TUMBLE_FUZZ_SCALE").unwrap_or(1)))
}

/// The proptest configuration of property `name`: its case count, failures persisted in
/// `crates/tumble-core/proptest-regressions/fuzz.txt` (replayed first on every run; commit
/// new entries with the fix they found), bounded shrinking.
pub fn config(name: &str, default_cases: u32) -> Config {
    Config {
        cases: cases(name, default_cases),
        source_file: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz.rs")),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/fuzz.txt"
        )))),
        max_shrink_iters: 2048,
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

/// What the harness saw: `(property, input class, code)` → count. Printed at the end of each
/// property (visible with `--nocapture`) so the table of bad inputs and their codes is reproducible.
#[derive(Default)]
pub struct Tally {
    rows: Mutex<BTreeMap<(String, String), BTreeMap<String, u64>>>,
}

impl Tally {
    pub fn record(&self, class: &str, outcome: &str) {
        self.record_in("", class, outcome);
    }

    pub fn record_in(&self, group: &str, class: &str, outcome: &str) {
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        *rows
            .entry((group.to_string(), class.to_string()))
            .or_default()
            .entry(outcome.to_string())
            .or_default() += 1;
    }

    /// Prints `class | outcomes` rows, and writes them to `$TUMBLE_FUZZ_REPORT_DIR/<name>.txt`
    /// when that variable is set.
    pub fn print(&self, name: &str, cases: u32, seconds: f64) {
        let rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = format!("== fuzz {name}: {cases} cases in {seconds:.1} s ==\n");
        for ((group, class), outcomes) in rows.iter() {
            let list: Vec<String> = outcomes.iter().map(|(k, n)| format!("{k}×{n}")).collect();
            let label = if group.is_empty() {
                class.clone()
            } else {
                format!("{group} / {class}")
            };
            out.push_str(&format!("{label} | {}\n", list.join(", ")));
        }
        println!("{out}");
        if let Ok(dir) = std::env::var("TUMBLE_FUZZ_REPORT_DIR") {
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(format!("{dir}/{name}.txt"), out);
        }
    }
}

/// The outcome of a call as a short string: `ok` or the error code.
pub fn outcome<T>(r: &Result<T, TumbleError>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.code().into(),
    }
}

/// Everything a rejected call must leave as it was.
#[derive(Debug, PartialEq)]
pub struct Fingerprint {
    save: String,
    hash: u64,
    structure_version: u32,
    bodies: Vec<BodyId>,
    joints: Vec<tumble_core::JointId>,
    steps: u64,
    accumulator: u64,
    grabbed: Option<BodyId>,
    settings: String,
    limits: String,
}

impl Fingerprint {
    pub fn of(world: &World) -> Fingerprint {
        Fingerprint {
            save: world.save().to_json(),
            hash: world.state_hash(),
            structure_version: world.structure_version(),
            bodies: world.body_ids(),
            joints: world.joint_ids(),
            steps: world.step_count(),
            accumulator: world.accumulator().to_bits(),
            grabbed: world.grabbed(),
            settings: format!("{:?}", world.settings()),
            limits: format!("{:?}", world.limits()),
        }
    }

    /// A one-line description of the first field that differs, for failure messages.
    pub fn diff(&self, other: &Fingerprint) -> String {
        let mut parts = Vec::new();
        if self.save != other.save {
            let at = self
                .save
                .bytes()
                .zip(other.save.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(self.save.len().min(other.save.len()));
            let lo = at.saturating_sub(80);
            parts.push(format!(
                "save differs at byte {at}: {:?} vs {:?}",
                &self.save.get(lo..(at + 80).min(self.save.len())),
                &other.save.get(lo..(at + 80).min(other.save.len()))
            ));
        }
        if self.hash != other.hash {
            parts.push("state_hash".into());
        }
        if self.structure_version != other.structure_version {
            parts.push("structure_version".into());
        }
        if self.bodies != other.bodies || self.joints != other.joints {
            parts.push("ids".into());
        }
        if self.steps != other.steps || self.accumulator != other.accumulator {
            parts.push("clock".into());
        }
        if self.grabbed != other.grabbed {
            parts.push("grab".into());
        }
        if self.settings != other.settings || self.limits != other.limits {
            parts.push("settings/limits".into());
        }
        parts.join("; ")
    }
}

/// Checks that a rejection is typed with a known code, and that the world did not change.
pub fn check_rejection(
    what: &str,
    err: &TumbleError,
    before: &Fingerprint,
    world: &World,
) -> Result<(), TestCaseError> {
    let code = err.code();
    if !KNOWN_CODES.contains(&code) {
        return Err(TestCaseError::fail(format!(
            "{what}: unknown error code {code:?} ({err})"
        )));
    }
    if err.to_string().is_empty() {
        return Err(TestCaseError::fail(format!(
            "{what}: empty message ({code})"
        )));
    }
    let after = Fingerprint::of(world);
    if *before != after {
        return Err(TestCaseError::fail(format!(
            "{what}: rejected with {code} ({err}) but the world changed: {}",
            before.diff(&after)
        )));
    }
    Ok(())
}

/// The invariants of any world: frame buffers sized and finite, every body readable and finite,
/// every joint naming live bodies. With `stepped`, also every body within the blow-up guard's
/// bounds and every reported instability gone from the world.
pub fn check_world(what: &str, world: &World, stepped: bool) -> Result<(), TestCaseError> {
    let fail = |msg: String| Err(TestCaseError::fail(format!("{what}: {msg}")));
    let frame = world.frame();
    let slots = world.slot_count();
    if frame.transforms.len() != slots * tumble_core::frame::TRANSFORM_STRIDE
        || frame.body_state.len() != slots
    {
        return fail(format!(
            "frame buffers sized for {} slots, world has {slots}",
            frame.body_state.len()
        ));
    }
    if let Some(i) = frame.transforms.iter().position(|v| !v.is_finite()) {
        return fail(format!("transforms[{i}] = {}", frame.transforms[i]));
    }
    if let Some(i) = frame.joints.iter().position(|v| !v.is_finite()) {
        return fail(format!("joints[{i}] = {}", frame.joints[i]));
    }
    if let Some(i) = frame.contacts.iter().position(|v| !v.is_finite()) {
        return fail(format!("contacts[{i}] = {}", frame.contacts[i]));
    }
    if let Some(i) = frame.debug_lines.iter().position(|v| !v.is_finite()) {
        return fail(format!("debug_lines[{i}] = {}", frame.debug_lines[i]));
    }
    let ids = world.body_ids();
    if ids.len() != world.body_count() {
        return fail("body_ids and body_count disagree".into());
    }
    for id in &ids {
        let body = match world.body(*id) {
            Ok(b) => b,
            Err(e) => return fail(format!("live body {id} unreadable: {e}")),
        };
        let values = [
            body.position[0],
            body.position[1],
            body.angle,
            body.linear_velocity[0],
            body.linear_velocity[1],
            body.angular_velocity,
        ];
        if values.iter().any(|v| !v.is_finite()) {
            return fail(format!("body {id} is not finite: {values:?}"));
        }
        if stepped {
            let limit = tumble_core::limits::MAX_COORDINATE;
            let speed = tumble_core::world::MAX_SPEED;
            if body.position.iter().any(|v| v.abs() > limit)
                || body.linear_velocity.iter().any(|v| v.abs() > speed)
                || body.angular_velocity.abs() > tumble_core::world::MAX_ANGULAR_SPEED
            {
                return fail(format!(
                    "body {id} is past the blow-up bounds after a step and was not removed: {values:?}"
                ));
            }
        }
        match world.body_mass(*id) {
            Ok(m) if m.is_finite() && m >= 0.0 => {}
            other => return fail(format!("body {id} mass {other:?}")),
        }
    }
    for jid in world.joint_ids() {
        let joint = match world.joint(jid) {
            Ok(j) => j,
            Err(e) => return fail(format!("live joint {jid} unreadable: {e}")),
        };
        for b in joint.body_a.iter().chain([&joint.body_b]) {
            if !world.contains_body(*b) {
                return fail(format!("joint {jid} names body {b}, which is not live"));
            }
        }
    }
    if let Some(g) = world.grabbed() {
        if !world.contains_body(g) {
            return fail(format!("grabbed body {g} is not live"));
        }
    }
    if stepped {
        for id in world.instabilities() {
            if world.contains_body(*id) {
                return fail(format!("instability {id} is still in the world"));
            }
        }
    }
    Ok(())
}
