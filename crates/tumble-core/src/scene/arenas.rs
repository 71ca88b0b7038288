//! Checks on the arenas of a decoded solver state: the slot tables behind rapier's body, collider
//! and joint handles.
//!
//! An arena keeps its entry count and a list of free slots threaded through the free entries.
//! rapier trusts both: inserting into a slot the free list names but that is taken panics ("corrupt
//! free list"), and debug builds check the count on every iteration. A crafted save can set
//! either, so an arena is trusted only if its count is its occupied entries, its free list runs
//! through every free entry once and ends, and its generation is at least every entry's (new
//! entries take it, so a lower one could hand out a handle again).
//!
//! An arena is read back from the postcard encoding of the set that holds it: entry by entry,
//! each occupied one's value skipped by the length of its own encoding.

use std::collections::BTreeSet;

use rapier2d::prelude::*;
use serde::Serialize;

/// A handle's raw parts: (index, generation).
pub(super) type Raw = (u32, u32);

/// One arena entry, as postcard writes rapier's `Entry`.
enum Entry {
    Free { next: Option<u32> },
    Occupied { generation: u32 },
}

/// What rapier's next step has pending, read from the ends of the body and collider sets.
pub(super) struct Pending {
    /// The bodies changed since the last step (removed ones included), which it settles.
    pub changed_bodies: Vec<Raw>,
    /// The colliders removed since the last step, whose contact pairs it takes out.
    pub removed_colliders: Vec<Raw>,
}

/// Checks the arenas of `physics` and reads what the next step has pending; `None` if an arena
/// is not sound. Checked before anything iterates a set.
pub(super) fn read_arenas(physics: &PhysicsWorld) -> Option<Pending> {
    let pending = Pending {
        changed_bodies: changed_bodies(&physics.bodies)?,
        removed_colliders: removed_colliders(&physics.colliders)?,
    };
    joint_arena_is_sound(&physics.impulse_joints)?;
    Some(pending)
}

/// rapier's list of bodies changed since the last step, read from the end of the body set's
/// encoding, after its arena; `None` if the arena is not sound.
fn changed_bodies(set: &RigidBodySet) -> Option<Vec<Raw>> {
    let rest = after_arena(set, |index| Some(set.get_unknown_gen(index)?.0))?;
    whole(&rest)
}

/// rapier's list of colliders removed since the last step, read from the end of the collider
/// set's encoding, after its arena and its list of changed colliders; `None` if the arena is not
/// sound.
fn removed_colliders(set: &ColliderSet) -> Option<Vec<Raw>> {
    let rest = after_arena(set, |index| Some(set.get_unknown_gen(index)?.0))?;
    let (_changed, removed): (Vec<Raw>, Vec<Raw>) = whole(&rest)?;
    Some(removed)
}

/// `bytes` decoded as a `T`, with nothing left over.
fn whole<'a, T: serde::Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    let (value, rest) = postcard::take_from_bytes(bytes).ok()?;
    rest.is_empty().then_some(value)
}

/// The encoding of `set`, which starts with an arena whose value at a slot `value` gives, after
/// that arena; `None` if the arena is not sound.
fn after_arena<'a, S: Serialize, V: Serialize + 'a>(
    set: &S,
    value: impl Fn(u32) -> Option<&'a V>,
) -> Option<Vec<u8>> {
    let bytes = postcard::to_allocvec(set).ok()?;
    let value_len = |(index, _), _: &[u8]| Some(postcard::to_allocvec(value(index)?).ok()?.len());
    let (_, rest) = read_arena(&bytes, value_len)?;
    Some(rest.to_vec())
}

/// The impulse joint set: a table from bodies to graph nodes, then the arena from joint handles
/// to graph edges.
fn joint_arena_is_sound(set: &ImpulseJointSet) -> Option<()> {
    let bytes = postcard::to_allocvec(set).ok()?;
    let (_, rest) = postcard::take_from_bytes::<Vec<Raw>>(&bytes).ok()?;
    read_arena(rest, |_, value| {
        let (_, after) = postcard::take_from_bytes::<u32>(value).ok()?;
        Some(value.len() - after.len())
    })?;
    Some(())
}

/// Reads the arena at the start of `bytes` and checks it. `value_len(handle, bytes)` is the
/// length of the encoding of the value at `handle`, which `bytes` starts with. Returns the
/// occupied handles and the bytes after the arena, or `None` if it does not read back or is not
/// sound.
pub(super) fn read_arena(
    bytes: &[u8],
    value_len: impl Fn(Raw, &[u8]) -> Option<usize>,
) -> Option<(Vec<Raw>, &[u8])> {
    let (count, mut rest) = postcard::take_from_bytes::<usize>(bytes).ok()?;
    let mut entries = Vec::new();
    for index in 0..count {
        let index = u32::try_from(index).ok()?;
        let (tag, after) = postcard::take_from_bytes::<u32>(rest).ok()?;
        let (entry, after) = match tag {
            0 => {
                let (next, after) = postcard::take_from_bytes::<Option<u32>>(after).ok()?;
                (Entry::Free { next }, after)
            }
            1 => {
                let (generation, after) = postcard::take_from_bytes::<u32>(after).ok()?;
                let len = value_len((index, generation), after)?;
                (Entry::Occupied { generation }, after.get(len..)?)
            }
            _ => return None,
        };
        entries.push(entry);
        rest = after;
    }
    let ((generation, free_head, len), rest) =
        postcard::take_from_bytes::<(u32, Option<u32>, usize)>(rest).ok()?;
    let occupied: Vec<Raw> = (entries.iter().enumerate())
        .filter_map(|(i, e)| match e {
            Entry::Occupied { generation } => Some((i as u32, *generation)),
            Entry::Free { .. } => None,
        })
        .collect();
    let sound = len == occupied.len()
        && occupied.iter().all(|&(_, g)| g <= generation)
        && free_list_is_sound(&entries, free_head);
    sound.then_some((occupied, rest))
}

/// Whether the free list from `head` visits every free entry exactly once, and only those.
fn free_list_is_sound(entries: &[Entry], head: Option<u32>) -> bool {
    let free = entries
        .iter()
        .filter(|e| matches!(e, Entry::Free { .. }))
        .count();
    let mut seen = BTreeSet::new();
    let mut at = head;
    while let Some(i) = at {
        match entries.get(i as usize) {
            Some(Entry::Free { next }) if seen.insert(i) => at = *next,
            _ => return false,
        }
    }
    seen.len() == free
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An arena's encoding: entries, then generation, free-list head and count.
    fn encode(entries: &[Result<u32, Option<u32>>], tail: (u32, Option<u32>, usize)) -> Vec<u8> {
        let mut bytes = postcard::to_allocvec(&entries.len()).unwrap();
        for entry in entries {
            match entry {
                Err(next) => bytes.extend(postcard::to_allocvec(&(0u32, next)).unwrap()),
                // Each value is one byte, 7.
                Ok(generation) => {
                    bytes.extend(postcard::to_allocvec(&(1u32, generation, 7u8)).unwrap())
                }
            }
        }
        bytes.extend(postcard::to_allocvec(&tail).unwrap());
        bytes.push(42);
        bytes
    }

    fn read(bytes: &[u8]) -> Option<(Vec<Raw>, &[u8])> {
        read_arena(bytes, |_, value| (value.first() == Some(&7)).then_some(1))
    }

    #[test]
    fn a_sound_arena_reads_back_its_handles_and_the_rest() {
        let bytes = encode(&[Ok(0), Err(Some(3)), Ok(2), Err(None)], (2, Some(1), 2));
        let (handles, rest) = read(&bytes).unwrap();
        assert_eq!(handles, [(0, 0), (2, 2)]);
        assert_eq!(rest, [42]);
    }

    #[test]
    fn a_real_body_set_reads_back() {
        let world =
            crate::World::from_scene(&crate::presets::build("pyramid", &[]).unwrap()).unwrap();
        let bodies = &world.state.physics.bodies;
        let bytes = postcard::to_allocvec(bodies).unwrap();
        let (handles, rest) = read_arena(&bytes, |(i, _), _| {
            let (rb, _) = bodies.get_unknown_gen(i)?;
            Some(postcard::to_allocvec(rb).ok()?.len())
        })
        .unwrap();
        let live: Vec<Raw> = bodies.iter().map(|(h, _)| h.into_raw_parts()).collect();
        assert_eq!(handles, live);
        let changed: Vec<Raw> = postcard::from_bytes(rest).unwrap();
        assert_eq!(
            changed, live,
            "then the list of changed bodies: all, as built"
        );
    }

    #[test]
    fn unsound_arenas_are_refused() {
        let cases: [(&str, Vec<u8>); 6] = [
            ("count", encode(&[Ok(0), Err(None)], (0, Some(1), 2))),
            (
                "free list misses a free entry",
                encode(&[Err(None), Err(None)], (0, Some(1), 0)),
            ),
            (
                "free list names a taken entry",
                encode(&[Ok(0), Err(None)], (0, Some(0), 1)),
            ),
            (
                "free list loops",
                encode(&[Err(Some(1)), Err(Some(0))], (0, Some(0), 0)),
            ),
            (
                "free list runs off the end",
                encode(&[Err(Some(5))], (0, Some(0), 0)),
            ),
            ("generation behind an entry", encode(&[Ok(4)], (3, None, 1))),
        ];
        for (what, bytes) in cases {
            assert!(read(&bytes).is_none(), "{what}");
        }
    }
}
