//! Checks on a decoded solver state's islands: rapier's active sets and persistent islands.
//!
//! rapier 0.36 groups bodies twice: into active sets (which bodies the solver steps) and into
//! persistent islands (the connected components of touching contacts and joints, which sleep and
//! wake together). Both are private tables that index one another, and debug builds of rapier
//! check them at the end of every step (`PersistentIslands::assert_consistent` and the touching
//! pair check after it in `IslandManager::update_islands`). A crafted save whose tables disagree
//! would trip those checks, or index out of range in release builds. So a state is trusted only
//! if:
//!
//! - every body is where its ids say, in both kinds of island, and each member says so back; free
//!   lists are exactly the empty slots; no persistent island is empty;
//! - every contact and joint link is where its location table says, and back; a contact link
//!   names the bodies its contact pair joins and a joint link the bodies its joint joins, and at
//!   least one of them is a member of the link's island;
//! - a body that rapier will not revisit at the next step (one not on its list of bodies changed
//!   since the last step) is an island member exactly when it is enabled and not fixed, and is
//!   asleep when its island is;
//! - every touching contact pair with a side in an island is linked, into that island.
//!
//! Between two steps, a removed body's colliders are gone but their contact pairs stay until the
//! next step, which unlinks them; links of such pairs are not held to the second point.
//!
//! The tables are read back through postcard into mirror types, as in `internals.rs`.

use std::collections::{BTreeMap, BTreeSet};

use rapier2d::prelude::*;
use serde::Deserialize;

/// "None" in rapier's island ids and link locations; also both parts of an invalid handle.
const END: u32 = u32::MAX;

use super::arenas::Raw;

/// parry's `VecMap`, for the island tables: entry count and slots.
#[derive(Deserialize)]
struct Slots<T> {
    len: usize,
    slots: Vec<Option<T>>,
}

impl<T> Slots<T> {
    fn get(&self, i: u32) -> Option<&T> {
        self.slots.get(i as usize)?.as_ref()
    }

    fn iter(&self) -> impl Iterator<Item = (u32, &T)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i as u32, s.as_ref()?)))
    }
}

/// rapier's `Island`: the bodies of one active set.
#[derive(Deserialize)]
struct ActiveSet {
    bodies: Vec<Raw>,
}

/// rapier's `ContactLink`: a touching contact pair (by contact-graph edge) and the bodies it
/// joins.
#[derive(Deserialize)]
struct ContactLink {
    edge: u32,
    body1: Raw,
    body2: Raw,
}

/// rapier's `JointLinkKey`, variant for variant.
#[derive(Deserialize, PartialEq)]
enum LinkKey {
    Impulse(Raw),
    MultibodyChain(u64, u32),
    SoftAttachment(u64, u32),
    SoftProxyChain(u64, u32),
}

/// rapier's `JointLink`.
#[derive(Deserialize)]
struct JointLink {
    key: LinkKey,
    body1: Raw,
    body2: Raw,
}

/// rapier's `PersistentIsland`.
#[derive(Deserialize)]
struct PersistentIsland {
    bodies: Vec<Raw>,
    contacts: Vec<ContactLink>,
    joints: Vec<JointLink>,
    _remove_count: u32,
    _split_denied_until: u32,
    sleeping: bool,
}

/// rapier's `IslandManager` with its `PersistentIslands`, up to the link locations.
#[derive(Deserialize)]
struct Islands {
    _epoch: u32,
    active: Slots<ActiveSet>,
    awake: Option<usize>,
    free: Vec<usize>,
    persistent: Slots<PersistentIsland>,
    persistent_free: Vec<u32>,
    /// Per contact-graph edge: (island, index in its contact links).
    contact_locs: Vec<(u32, u32)>,
    /// Per joint link: (island, index in its joint links).
    joint_locs: Vec<(LinkKey, (u32, u32))>,
}

/// The first field of rapier's `RigidBody`: its ids in the active sets and persistent islands.
#[derive(Deserialize)]
struct BodyIds {
    active_set: u32,
    index_in_active_set: u32,
    island: u32,
    index_in_island: u32,
}

/// What the checks need of one body.
struct Body {
    ids: BodyIds,
    /// Enabled and not fixed: what rapier makes an island member.
    joins_islands: bool,
    sleeping: bool,
    /// On rapier's list of bodies changed since the last step, whose island membership the next
    /// step settles.
    changed: bool,
}

/// What the checks need of one contact-graph edge.
struct Pair {
    /// Per side, the parent body of the collider (an invalid handle if it has none), or `None`
    /// if the collider was removed since the last step.
    parents: [Option<Raw>; 2],
    /// Whether it has solver contacts: rapier's "touching".
    touching: bool,
}

/// The island tables with the facts about bodies, contact pairs and joints they must agree with.
struct Facts {
    islands: Islands,
    bodies: BTreeMap<Raw, Body>,
    /// By contact-graph edge index.
    pairs: Vec<Pair>,
    /// Impulse joints by handle: the bodies each joins.
    joints: BTreeMap<Raw, [Raw; 2]>,
}

/// Whether `physics`'s island tables are sound; see the module docs.
/// `changed` is rapier's list of bodies changed since the last step.
pub(super) fn islands_are_sound(physics: &PhysicsWorld, changed: &[Raw]) -> bool {
    Facts::read(physics, changed).is_some_and(|facts| facts.agree())
}

impl Facts {
    /// Reads the tables and facts; `None` if a table does not read back.
    fn read(physics: &PhysicsWorld, changed: &[Raw]) -> Option<Facts> {
        let islands = postcard::from_bytes(&postcard::to_allocvec(&physics.islands).ok()?).ok()?;
        let mut bodies = BTreeMap::new();
        for (handle, rb) in physics.bodies.iter() {
            let bytes = postcard::to_allocvec(rb).ok()?;
            let raw = handle.into_raw_parts();
            let body = Body {
                ids: postcard::from_bytes(&bytes).ok()?,
                joins_islands: rb.is_enabled() && !rb.is_fixed(),
                sleeping: rb.is_sleeping(),
                changed: false,
            };
            bodies.insert(raw, body);
        }
        // The list keeps bodies removed since the last step, which the next step skips.
        for raw in changed {
            if let Some(body) = bodies.get_mut(raw) {
                body.changed = true;
            }
        }
        let parent = |collider: ColliderHandle| {
            let co = physics.colliders.get(collider)?;
            let invalid = RigidBodyHandle::invalid();
            Some(co.parent().unwrap_or(invalid).into_raw_parts())
        };
        let pairs = physics
            .narrow_phase
            .contact_pairs()
            .map(|pair| Pair {
                parents: [parent(pair.collider1), parent(pair.collider2)],
                touching: pair.has_any_active_contact(),
            })
            .collect();
        let joints = physics
            .impulse_joints
            .iter()
            .map(|(handle, joint)| {
                let ends = [
                    joint.body1().into_raw_parts(),
                    joint.body2().into_raw_parts(),
                ];
                (handle.0.into_raw_parts(), ends)
            })
            .collect();
        Some(Facts {
            islands,
            bodies,
            pairs,
            joints,
        })
    }

    /// Whether the tables agree with each other and the facts.
    fn agree(&self) -> bool {
        self.bodies_agree()
            && self.free_lists_agree()
            && self.contact_links_agree()
            && self.joint_links_agree()
            && self.touching_pairs_linked()
    }

    /// The island a body is a member of, if any.
    fn island_of(&self, body: Raw) -> Option<u32> {
        let island = self.bodies.get(&body)?.ids.island;
        (island != END).then_some(island)
    }

    /// Each body is where its ids say and each member says so back; membership follows the body's
    /// kind, and sleep its island's, unless the next step revisits the body.
    fn bodies_agree(&self) -> bool {
        let islands = &self.islands;
        let at = |list: &[Raw], i: u32| list.get(i as usize).copied();
        let bodies_ok = self.bodies.iter().all(|(&handle, body)| {
            let ids = &body.ids;
            let active_ok = ids.active_set == END
                || islands
                    .active
                    .get(ids.active_set)
                    .is_some_and(|set| at(&set.bodies, ids.index_in_active_set) == Some(handle));
            let island = (ids.island != END).then(|| islands.persistent.get(ids.island));
            let island_ok = match island {
                None => body.changed || !body.joins_islands,
                Some(None) => false,
                Some(Some(island)) => {
                    at(&island.bodies, ids.index_in_island) == Some(handle)
                        && (body.changed
                            || (body.joins_islands && (body.sleeping || !island.sleeping)))
                }
            };
            active_ok && island_ok
        });
        let says = |handle: &Raw, check: &dyn Fn(&BodyIds) -> bool| {
            self.bodies.get(handle).is_some_and(|b| check(&b.ids))
        };
        let sets_ok = islands.active.iter().all(|(set_id, set)| {
            set.bodies.iter().enumerate().all(|(i, handle)| {
                says(handle, &|ids| {
                    ids.active_set == set_id && ids.index_in_active_set as usize == i
                })
            })
        });
        let islands_ok = islands.persistent.iter().all(|(island_id, island)| {
            !island.bodies.is_empty()
                && island.bodies.iter().enumerate().all(|(i, handle)| {
                    says(handle, &|ids| {
                        ids.island == island_id && ids.index_in_island as usize == i
                    })
                })
        });
        bodies_ok && sets_ok && islands_ok
    }

    /// The free lists are exactly the empty slots, and the counts the filled ones: rapier sizes
    /// per-island scratch by `count + free`. The awake set, if any, exists.
    fn free_lists_agree(&self) -> bool {
        fn free_ok<T>(free: impl Iterator<Item = usize>, table: &Slots<T>) -> bool {
            let mut seen = BTreeSet::new();
            let filled = table.slots.iter().filter(|s| s.is_some()).count();
            free.into_iter()
                .all(|f| matches!(table.slots.get(f), Some(None)) && seen.insert(f))
                && table.len == filled
                && seen.len() == table.slots.len() - filled
        }
        let islands = &self.islands;
        let persistent_free = islands.persistent_free.iter().map(|&f| f as usize);
        free_ok(islands.free.iter().copied(), &islands.active)
            && free_ok(persistent_free, &islands.persistent)
            && islands
                .awake
                .is_none_or(|a| u32::try_from(a).is_ok_and(|a| islands.active.get(a).is_some()))
    }

    /// Each contact link is where the location table says and back, names its pair's bodies, and
    /// has a side in its island, unless its pair lost a collider since the last step.
    fn contact_links_agree(&self) -> bool {
        let islands = &self.islands;
        let locs = &islands.contact_locs;
        let links_ok = islands.persistent.iter().all(|(island_id, island)| {
            island.contacts.iter().enumerate().all(|(i, link)| {
                let Some(pair) = self.pairs.get(link.edge as usize) else {
                    return false;
                };
                let placed = locs.get(link.edge as usize) == Some(&(island_id, i as u32));
                let ends = [link.body1, link.body2];
                let named = pair
                    .parents
                    .iter()
                    .zip(ends)
                    .all(|(p, e)| p.is_none_or(|p| p == e));
                let gone = pair.parents.iter().any(Option::is_none);
                let member = ends.iter().any(|&e| self.island_of(e) == Some(island_id));
                placed && named && (member || gone)
            })
        });
        let locs_ok = locs.len() <= self.pairs.len()
            && locs.iter().enumerate().all(|(edge, &(i, k))| {
                (i, k) == (END, END)
                    || islands
                        .persistent
                        .get(i)
                        .and_then(|island| island.contacts.get(k as usize))
                        .is_some_and(|link| link.edge as usize == edge)
            });
        links_ok && locs_ok
    }

    /// Each joint link is an impulse joint's, where the location table says and back, names the
    /// joint's bodies, and has a side in its island. (Tumble saves no state with joint changes
    /// pending: those go in the journal.)
    fn joint_links_agree(&self) -> bool {
        let islands = &self.islands;
        let mut keys = BTreeMap::new();
        for (key, loc) in &islands.joint_locs {
            let LinkKey::Impulse(handle) = key else {
                return false;
            };
            if keys.insert(*handle, *loc).is_some() {
                return false;
            }
        }
        let links = islands.persistent.iter().flat_map(|(island_id, island)| {
            (island.joints.iter().enumerate()).map(move |(i, link)| (island_id, i as u32, link))
        });
        let mut count = 0;
        let links_ok = links.into_iter().all(|(island_id, i, link)| {
            count += 1;
            let LinkKey::Impulse(handle) = link.key else {
                return false;
            };
            let ends = [link.body1, link.body2];
            keys.get(&handle) == Some(&(island_id, i))
                && self.joints.get(&handle) == Some(&ends)
                && ends.iter().any(|&e| self.island_of(e) == Some(island_id))
        });
        links_ok && count == keys.len()
    }

    /// rapier's end-of-step check: every touching pair with a side in an island is linked, into
    /// that side's island.
    fn touching_pairs_linked(&self) -> bool {
        let locs = &self.islands.contact_locs;
        self.pairs.iter().enumerate().all(|(edge, pair)| {
            if !pair.touching {
                return true;
            }
            let link = locs.get(edge).filter(|&&(i, _)| i != END);
            pair.parents
                .iter()
                .all(|parent| match parent.and_then(|p| self.island_of(p)) {
                    Some(island) => link.is_some_and(|&(i, _)| i == island),
                    None => true,
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::internals::tests::busy_world;
    use crate::World;

    fn facts_of(world: &World) -> Facts {
        let physics = &world.state.physics;
        let changed = super::super::arenas::read_arenas(physics)
            .unwrap()
            .changed_bodies;
        Facts::read(physics, &changed).expect("the tables read back")
    }

    #[test]
    fn the_islands_read_back_through_the_mirror() {
        let world = busy_world();
        let facts = facts_of(&world);
        let dynamic = world
            .state
            .physics
            .bodies
            .iter()
            .filter(|(_, rb)| rb.is_dynamic())
            .count();
        let members: usize = facts
            .islands
            .persistent
            .iter()
            .map(|(_, i)| i.bodies.len())
            .sum();
        assert_eq!(
            members, dynamic,
            "every dynamic body is in a persistent island"
        );
        let linked = facts
            .islands
            .contact_locs
            .iter()
            .filter(|l| l.0 != END)
            .count();
        assert!(
            linked > 10,
            "the pyramid's contacts link its boxes: {linked}"
        );
        assert!(
            !facts.islands.joint_locs.is_empty(),
            "the chain's joints link its links"
        );
        assert!(facts.agree());
    }

    #[test]
    fn the_changed_bodies_read_back_from_the_body_set() {
        let mut world = busy_world();
        let changed = |world: &World| {
            let facts = facts_of(world);
            let changed = facts.bodies.iter().filter(|(_, b)| b.changed);
            changed.map(|(&h, _)| h).collect::<Vec<_>>()
        };
        assert_eq!(changed(&world), [], "a step settles every change");
        let ids = world.body_ids();
        world.set_velocity(ids[3], [1.0, 0.0], 0.0).unwrap();
        let handle = world.entry(ids[3]).unwrap().handle.into_raw_parts();
        assert_eq!(changed(&world), [handle]);
    }

    #[test]
    fn islands_stay_sound_between_steps_after_edits() {
        let mut world = busy_world();
        let ids = world.body_ids();
        world.remove_body(ids[2]).unwrap();
        world.set_velocity(ids[4], [0.0, 3.0], 1.0).unwrap();
        let mut fixed = world.body(ids[6]).unwrap();
        fixed.kind = crate::body::BodyKind::Static;
        world.edit_body(ids[6], &fixed).unwrap();
        assert!(facts_of(&world).agree());
    }

    #[test]
    fn regression_a_body_spawned_and_removed_between_steps_does_not_make_a_save_untrusted() {
        // rapier's changed list keeps the removed body; reading it as a body failed the check.
        let mut world = busy_world();
        let mut body = world.body(world.body_ids()[3]).unwrap();
        body.position[1] += 30.0;
        let id = world.spawn(&body).unwrap();
        world.remove_body(id).unwrap();
        assert!(facts_of(&world).agree());
    }

    #[test]
    fn islands_that_disagree_with_their_bodies_are_not_sound() {
        let world = busy_world();
        type Damage = fn(&mut Facts);
        let damages: [(&str, Damage); 9] = [
            ("island index", |f| {
                f.bodies
                    .values_mut()
                    .for_each(|b| b.ids.index_in_island ^= 1)
            }),
            ("active set", |f| {
                f.bodies.values_mut().for_each(|b| b.ids.active_set = 7)
            }),
            ("contact location", |f| {
                (f.islands.contact_locs.iter_mut()).for_each(|l| l.1 = l.1.wrapping_add(1))
            }),
            ("free list", |f| f.islands.persistent_free.push(0)),
            ("link naming other bodies", |f| {
                let links = f.islands.persistent.slots.iter_mut().flatten();
                links
                    .flat_map(|i| &mut i.contacts)
                    .for_each(|l| l.body1 = (END, END))
            }),
            ("fixed member", |f| {
                f.bodies.values_mut().for_each(|b| b.joins_islands = false)
            }),
            ("awake body in a sleeping island", |f| {
                (f.islands.persistent.slots.iter_mut().flatten()).for_each(|i| i.sleeping = true)
            }),
            ("touching pair unlinked", |f| {
                f.islands
                    .contact_locs
                    .iter_mut()
                    .for_each(|l| *l = (END, END));
                (f.islands.persistent.slots.iter_mut().flatten()).for_each(|i| i.contacts.clear());
            }),
            ("joint link of another joint", |f| {
                f.joints.values_mut().for_each(|ends| ends.swap(0, 1))
            }),
        ];
        for (what, damage) in damages {
            let mut facts = facts_of(&world);
            damage(&mut facts);
            assert!(!facts.agree(), "{what}");
        }
    }
}
