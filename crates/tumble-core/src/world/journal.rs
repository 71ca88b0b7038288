//! The changes made since the last step, kept while rapier holds a joint change that no save can
//! carry.
//!
//! rapier applies joint insertions and removals to its islands at the start of the next step,
//! from a queue (`ImpulseJointSet::island_events`) that its serde skips and that no public call
//! can refill. A save taken in between cannot carry the queue, and a world restored without it
//! has islands that disagree with its joints.
//!
//! So from the first such change until the next step, the world keeps a journal: a copy of its
//! state from just before that change (the base), and every change made through the API since.
//! A save then carries the base and the changes, and loading replays the changes on the base
//! through the same calls, which queue the same joint events in the same order. The replayed
//! world is the saved one, ids and warm-start included.
//!
//! Only the first joint change of a step costs a copy of the state; every other call costs one
//! branch while no journal is open.
//!
//! Selection is a highlight the viewer sets, not simulation, and is not journaled: a save taken
//! while a journal is open carries the selection of its base.

use serde::{Deserialize, Serialize};

use super::state::WorldState;
use super::World;
use crate::body::BodyDesc;
use crate::error::{Result, TumbleError};
use crate::id::{BodyId, JointId};
use crate::joint::JointDesc;
use crate::settings::Settings;

/// The most changes a journal keeps. Past that (a person editing for a long while with the world
/// paused, say) the journal is dropped, and saves carry no solver state until the next step.
pub const MAX_JOURNAL_CHANGES: usize = 10_000;

/// One call of the editing API, as a save's `solverState.changes` records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Change {
    /// [`World::spawn`].
    Spawn {
        /// The description spawned.
        body: BodyDesc,
    },
    /// [`World::remove_body`].
    RemoveBody {
        /// The body removed.
        id: BodyId,
    },
    /// [`World::edit_body`].
    EditBody {
        /// The body edited.
        id: BodyId,
        /// Its new description.
        body: BodyDesc,
    },
    /// [`World::set_pose`].
    SetPose {
        /// The body moved.
        id: BodyId,
        /// Where to, in metres.
        position: [f32; 2],
        /// At what angle, in radians.
        angle: f32,
    },
    /// [`World::set_velocity`].
    SetVelocity {
        /// The body.
        id: BodyId,
        /// Linear velocity, m/s.
        linear: [f32; 2],
        /// Angular velocity, rad/s.
        angular: f32,
    },
    /// [`World::add_joint`].
    AddJoint {
        /// The joint added.
        joint: JointDesc<BodyId>,
    },
    /// [`World::remove_joint`].
    RemoveJoint {
        /// The joint removed.
        id: JointId,
    },
    /// [`World::edit_joint`] (and [`World::set_motor`], which edits the joint).
    EditJoint {
        /// The joint edited.
        id: JointId,
        /// Its new description.
        joint: JointDesc<BodyId>,
    },
    /// [`World::set_settings`] (and [`World::set_gravity`]).
    SetSettings {
        /// The new settings.
        settings: Settings,
    },
    /// [`World::advance`] by less than a step: only the accumulator moved.
    Advance {
        /// The real seconds passed to `advance`.
        seconds: f64,
    },
    /// [`World::grab`].
    Grab {
        /// The point grabbed at.
        point: [f32; 2],
    },
    /// [`World::drag_to`].
    DragTo {
        /// The new drag target.
        point: [f32; 2],
    },
    /// [`World::release`].
    Release,
}

/// The state before the step's first joint change, and every change made since.
#[derive(Clone)]
pub(crate) struct Journal {
    pub base: WorldState,
    pub changes: Vec<Change>,
}

impl World {
    /// The copy of the state to open a journal with, taken before a call that may queue a joint
    /// change (`queues_joint_change`) when no journal is open. `None` otherwise.
    pub(crate) fn journal_base(&self, queues_joint_change: bool) -> Option<WorldState> {
        let open = queues_joint_change && !self.state.joints_changed;
        open.then(|| self.state.clone())
    }

    /// Records `change`, a call that has just succeeded: in the open journal, or in a new one on
    /// `base` if the call queued the step's first joint change.
    pub(crate) fn journal(&mut self, base: Option<WorldState>, change: impl FnOnce() -> Change) {
        if let Some(base) = base {
            if self.state.joints_changed && self.state.journal.is_none() {
                self.state.journal = Some(Box::new(Journal {
                    base,
                    changes: Vec::new(),
                }));
            }
        }
        let Some(journal) = self.state.journal.as_mut() else {
            return;
        };
        if journal.changes.len() < MAX_JOURNAL_CHANGES {
            journal.changes.push(change());
        } else {
            self.state.journal = None;
        }
    }

    /// Drops the journal: saves carry no solver state until the next step.
    pub(crate) fn abandon_journal(&mut self) {
        self.state.journal = None;
    }

    /// Makes `changes` again, in order, through the API. Fails on the first call that fails, or
    /// that would run a step: a journal never holds one, so such a list was not written by Tumble.
    pub(crate) fn replay(&mut self, changes: &[Change]) -> Result<()> {
        if changes.len() > MAX_JOURNAL_CHANGES {
            return Err(not_a_journal("holds more changes than a journal keeps"));
        }
        for change in changes {
            match change {
                Change::Spawn { body } => self.spawn(body).map(drop)?,
                Change::RemoveBody { id } => self.remove_body(*id)?,
                Change::EditBody { id, body } => self.edit_body(*id, body)?,
                Change::SetPose {
                    id,
                    position,
                    angle,
                } => self.set_pose(*id, *position, *angle)?,
                Change::SetVelocity {
                    id,
                    linear,
                    angular,
                } => self.set_velocity(*id, *linear, *angular)?,
                Change::AddJoint { joint } => self.add_joint(joint).map(drop)?,
                Change::RemoveJoint { id } => self.remove_joint(*id)?,
                Change::EditJoint { id, joint } => self.edit_joint(*id, joint)?,
                Change::SetSettings { settings } => self.set_settings(*settings)?,
                Change::Advance { seconds } => {
                    if self.advance(*seconds)? > 0 {
                        return Err(not_a_journal("advances by a whole step"));
                    }
                }
                Change::Grab { point } => self.grab(*point).map(drop)?,
                Change::DragTo { point } => self.drag_to(*point)?,
                Change::Release => self.release(),
            }
        }
        Ok(())
    }
}

fn not_a_journal(why: &str) -> TumbleError {
    TumbleError::invalid_argument("solverState.changes", format!("the list {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::joint::JointKind;
    use crate::{presets, Limits, Scene, ShapeDesc};

    fn ball(x: f32) -> BodyDesc {
        BodyDesc::new(ShapeDesc::Circle { radius: 0.3 }, [x, 2.0])
    }

    /// Two balls, the first hanging from the world on a revolute joint, stepped a few times.
    fn pendulum() -> (World, BodyId, BodyId) {
        let mut world = World::new();
        let a = world.spawn(&ball(0.0)).unwrap();
        let b = world.spawn(&ball(1.0)).unwrap();
        let hinge = JointDesc::new(JointKind::Revolute, None, a, [0.0, 3.0], [0.0, 0.0]);
        world.add_joint(&hinge).unwrap();
        for _ in 0..3 {
            world.step();
        }
        (world, a, b)
    }

    fn weld(a: BodyId, b: BodyId) -> JointDesc<BodyId> {
        JointDesc::new(JointKind::Weld, Some(a), b, [0.0; 2], [0.0; 2])
    }

    fn changes(world: &World) -> Vec<Change> {
        world.save().solver_state.unwrap().changes
    }

    /// Whether `save` loads into the world it was taken from: same save, same hash, and the two
    /// go on alike.
    fn loads_exactly(world: &mut World, save: &Scene) -> bool {
        let mut loaded = World::new();
        loaded.load_json(&save.to_json()).unwrap();
        if loaded.save() != *save || loaded.state_hash() != world.state_hash() {
            return false;
        }
        for _ in 0..10 {
            loaded.step();
            world.step();
        }
        loaded.state_hash() == world.state_hash()
    }

    #[test]
    fn the_journal_opens_at_a_joint_change_and_closes_at_the_step() {
        let (mut world, a, b) = pendulum();
        world.set_pose(b, [1.0, 3.0], 0.0).unwrap();
        assert!(changes(&world).is_empty(), "no joint change yet");
        world.add_joint(&weld(a, b)).unwrap();
        world.set_velocity(b, [1.0, 0.0], 0.5).unwrap();
        world.advance(0.001).unwrap();
        assert_eq!(
            changes(&world),
            vec![
                Change::AddJoint { joint: weld(a, b) },
                Change::SetVelocity {
                    id: b,
                    linear: [1.0, 0.0],
                    angular: 0.5
                },
                Change::Advance { seconds: 0.001 },
            ]
        );
        world.step();
        assert!(changes(&world).is_empty());
        assert!(world.state.journal.is_none());
    }

    #[test]
    fn a_save_after_any_journaled_call_loads_exactly() {
        let (mut world, a, b) = pendulum();
        let p = world.body(b).unwrap().position;
        world.grab(p).unwrap();
        world.drag_to([p[0] + 0.5, p[1]]).unwrap();
        let joint = world.add_joint(&weld(a, b)).unwrap();
        let mut edited = world.joint(joint).unwrap();
        edited.anchor_b = [0.1, 0.0];
        world.edit_joint(joint, &edited).unwrap();
        let c = world.spawn(&ball(3.0)).unwrap();
        let mut desc = world.body(c).unwrap();
        desc.shape = ShapeDesc::Box {
            width: 0.5,
            height: 0.4,
            corner_radius: 0.0,
        };
        world.edit_body(c, &desc).unwrap();
        world.set_gravity([0.0, -5.0]).unwrap();
        world.release();
        world.remove_joint(joint).unwrap();
        world.remove_body(c).unwrap();
        let save = world.save();
        assert_eq!(save.solver_state.as_ref().unwrap().changes.len(), 10);
        assert!(loads_exactly(&mut world, &save));
    }

    #[test]
    fn selection_is_not_journaled() {
        let (mut world, a, b) = pendulum();
        world.add_joint(&weld(a, b)).unwrap();
        let save = world.save();
        world.set_selected(a, true).unwrap();
        world.clear_selection();
        world.set_selected(b, true).unwrap();
        assert_eq!(world.save(), save);
    }

    #[test]
    fn a_jointed_scene_saved_before_its_first_step_loads_exactly() {
        let scene = presets::build("chain_bridge", &[]).unwrap();
        let mut world = World::from_scene(&scene).unwrap();
        let save = world.save();
        let journaled = &save.solver_state.as_ref().unwrap().changes;
        assert_eq!(journaled.len(), scene.joints.len());
        assert!(loads_exactly(&mut world, &save));
    }

    #[test]
    fn a_journal_replays_in_a_world_whose_limits_only_the_result_fits() {
        // Found by `api_call_sequences`: a journal that adds a joint and then removes a body,
        // which takes its joints along, failed its replay's `add_joint` in a world allowing no
        // joints, though the saved scene has none.
        let (mut world, a, b) = pendulum();
        world.add_joint(&weld(a, b)).unwrap();
        world.remove_body(a).unwrap();
        let save = world.save();
        assert_eq!(save.joints.len(), 0);
        let mut strict = World::new();
        strict.set_limits(Limits {
            max_bodies: 1,
            max_joints: 0,
        });
        strict.load(&save).unwrap();
        assert_eq!(strict.save(), save);
    }

    #[test]
    fn a_changes_list_tumble_would_not_journal_is_not_trusted() {
        let (mut world, a, b) = pendulum();
        world.add_joint(&weld(a, b)).unwrap();
        let save = world.save();
        let tampered = |edit: &dyn Fn(&mut Vec<Change>)| {
            let mut scene = save.clone();
            edit(&mut scene.solver_state.as_mut().unwrap().changes);
            let mut loaded = World::new();
            loaded.load(&scene).unwrap();
            // Loaded from the readable part: new ids, and the joints journaled anew.
            loaded.save() != save
        };
        let stale = BodyId {
            index: 7,
            generation: 3,
        };
        assert!(tampered(&|c| c.push(Change::RemoveBody { id: stale })));
        assert!(tampered(&|c| c.push(Change::Advance { seconds: 1.0 })));
        assert!(tampered(&|c| c.push(Change::SetPose {
            id: b,
            position: [5.0, 5.0],
            angle: 0.0
        })));
        // No joint change in it: Tumble would have saved the state alone.
        let nudge = Change::SetVelocity {
            id: b,
            linear: [0.0, 0.0],
            angular: 0.0,
        };
        assert!(tampered(&|c| *c = vec![nudge.clone()]));
        assert!(tampered(&|c| c.extend(std::iter::repeat_n(
            nudge.clone(),
            MAX_JOURNAL_CHANGES
        ))));
        assert!(!tampered(&|_| {}), "the untouched save loads exactly");
    }

    #[test]
    fn past_the_most_changes_a_save_carries_no_solver_state_until_the_next_step() {
        let (mut world, a, b) = pendulum();
        world.add_joint(&weld(a, b)).unwrap();
        let nudge = |world: &mut World| world.set_velocity(b, [0.0, 1.0], 0.0).unwrap();
        for _ in 1..MAX_JOURNAL_CHANGES {
            nudge(&mut world);
        }
        assert!(world.save().solver_state.is_some(), "at the most changes");
        nudge(&mut world);
        assert!(world.save().solver_state.is_none());
        nudge(&mut world);
        assert!(world.save().solver_state.is_none());
        world.step();
        assert!(world.save().solver_state.is_some());
    }
}
