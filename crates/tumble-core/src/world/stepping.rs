//! Advancing time: a fixed-step accumulator, and single steps.

use rapier2d::prelude::*;

use super::{Change, World};
use crate::error::{Result, TumbleError};
use crate::frame::{contact, CONTACT_STRIDE};

impl World {
    /// Advances the world by `dt_seconds` of real time (scaled by the time scale) in fixed steps,
    /// and returns how many steps ran.
    ///
    /// Leftover time is kept for the next call. At most `max_steps_per_advance` steps run; time
    /// beyond that is dropped, so one slow frame cannot make the next one slower still. The frame
    /// buffers are refreshed once, after the last step. `dt_seconds` must be finite and > 0.
    pub fn advance(&mut self, dt_seconds: f64) -> Result<u32> {
        if !(dt_seconds.is_finite() && dt_seconds > 0.0) {
            return Err(TumbleError::invalid_argument(
                "dt",
                format!("must be a finite number of seconds > 0, got {dt_seconds}"),
            ));
        }
        let settings = self.state.settings;
        let step = 1.0 / settings.hz as f64;
        self.state.accumulator += dt_seconds * settings.time_scale as f64;
        let mut steps = 0;
        self.frame.contacts.clear();
        self.instabilities.clear();
        while self.state.accumulator >= step && steps < settings.max_steps_per_advance {
            self.state.accumulator -= step;
            self.step_once();
            steps += 1;
        }
        if self.state.accumulator >= step {
            // Over budget: drop the backlog rather than spiral.
            self.state.accumulator = 0.0;
            // A journal opened by the blow-up guard in the last step cannot record this.
            self.abandon_journal();
        }
        if steps == 0 {
            self.journal(None, || Change::Advance {
                seconds: dt_seconds,
            });
        }
        self.refresh_frame();
        Ok(steps)
    }

    /// Runs exactly one fixed step, ignoring the accumulator and time scale, and refreshes the
    /// frame buffers. Contact events then hold that step's events only.
    pub fn step(&mut self) {
        self.frame.contacts.clear();
        self.instabilities.clear();
        self.step_once();
        self.refresh_frame();
    }

    /// Time carried over to the next `advance`, in seconds.
    pub fn accumulator(&self) -> f64 {
        self.state.accumulator
    }

    fn step_once(&mut self) {
        self.update_drag_anchor();
        self.state.release_held_slots();
        if self.copied_since_last_step.take() {
            self.state.physics.physics_pipeline = PhysicsPipeline::new();
            self.state.physics.ccd_solver = CCDSolver::new();
        }
        if self.contact_events() {
            let before = touching_pairs(&self.state.physics);
            self.state.physics.step();
            let after = touching_pairs(&self.state.physics);
            self.record_contacts(&contact_changes(&before, &after));
        } else {
            self.state.physics.step();
        }
        self.state.joints_changed = false;
        self.state.journal = None;
        self.state.steps += 1;
        self.contain_blowups();
    }

    /// Appends this step's contact changes (pairs that began or stopped touching) to the contact
    /// buffer.
    fn record_contacts(&mut self, changes: &[(ColliderHandle, ColliderHandle, bool)]) {
        let physics = &self.state.physics;
        for &(c1, c2, begin) in changes {
            let body_of = |c: ColliderHandle| {
                physics
                    .colliders
                    .get(c)
                    .and_then(|c| c.parent())
                    .and_then(|h| physics.bodies.get(h).map(|rb| (h, rb)))
            };
            let (a, b) = (body_of(c1), body_of(c2));
            let id = |body: Option<(RigidBodyHandle, &RigidBody)>| {
                body.and_then(|(_, rb)| self.body_in_slot(rb.user_data as usize))
                    .map_or(-1.0, |id| id.to_f64())
            };
            let (mut x, mut y, mut impulse) = (0.0f32, 0.0f32, 0.0f32);
            if begin {
                if let Some(pair) = physics.narrow_phase.contact_pair(c1, c2) {
                    let collider1 = physics.colliders.get(pair.collider1);
                    let mut first = true;
                    for manifold in pair.solver_manifolds() {
                        for point in &manifold.points {
                            impulse += point.data.impulse;
                            if let (true, Some(c)) = (first, collider1) {
                                let p = c.position() * point.local_p1;
                                (x, y) = (p.x, p.y);
                                first = false;
                            }
                        }
                    }
                }
            } else {
                let mid = |body: Option<(RigidBodyHandle, &RigidBody)>| {
                    body.map(|(_, rb)| rb.translation())
                };
                if let (Some(pa), Some(pb)) = (mid(a), mid(b)) {
                    x = (pa.x + pb.x) / 2.0;
                    y = (pa.y + pb.y) / 2.0;
                }
            }
            let record: [f64; CONTACT_STRIDE] = [
                if begin { contact::BEGIN } else { contact::END },
                id(a),
                id(b),
                x as f64,
                y as f64,
                impulse as f64,
            ];
            self.frame.contacts.extend_from_slice(&record);
        }
    }
}

/// The collider pairs in touching contact, in handle order.
///
/// Contact events come from comparing these before and after a step, not from rapier's event
/// flags: setting those flags needs mutable access to every collider, which marks it modified,
/// and a modified collider is processed differently at the next step. Turning events on then
/// changed the physics, and a save loaded into a world with the other setting did not continue
/// bit for bit (`tests/fuzz.rs`, `regression_contact_events_do_not_change_the_physics`).
fn touching_pairs(physics: &PhysicsWorld) -> Vec<(ColliderHandle, ColliderHandle)> {
    let mut pairs: Vec<_> = physics
        .narrow_phase
        .contact_pairs()
        .filter(|pair| pair.has_any_active_contact())
        .map(|pair| (pair.collider1, pair.collider2))
        .collect();
    pairs.sort_unstable_by_key(|&(a, b)| (a.into_raw_parts(), b.into_raw_parts()));
    pairs
}

/// The pairs in `after` and not `before` (began touching, `true`) and in `before` and not
/// `after` (stopped, `false`), in handle order, stops first.
fn contact_changes(
    before: &[(ColliderHandle, ColliderHandle)],
    after: &[(ColliderHandle, ColliderHandle)],
) -> Vec<(ColliderHandle, ColliderHandle, bool)> {
    let key = |&(a, b): &(ColliderHandle, ColliderHandle)| (a.into_raw_parts(), b.into_raw_parts());
    let has = |list: &[(ColliderHandle, ColliderHandle)], p| {
        list.binary_search_by_key(&key(p), key).is_ok()
    };
    let stopped = before
        .iter()
        .filter(|p| !has(after, *p))
        .map(|&(a, b)| (a, b, false));
    let began = after
        .iter()
        .filter(|p| !has(before, *p))
        .map(|&(a, b)| (a, b, true));
    stopped.chain(began).collect()
}
