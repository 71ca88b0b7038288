//! Checks on the rapier internals of a decoded solver state, before Tumble steps them.
//!
//! A solver state is rapier's own structures, and rapier indexes into them without checking: a
//! crafted save whose checksum still matches held a broad-phase tree with a cycle (the first step
//! recursed until the stack overflowed), graph links and island ids pointing nowhere, colour and
//! force tables out of range, and the step panicked. `tests/fuzz.rs`, `crafted_solver_state_data`,
//! found about one such case in 200; with these checks (and those in `arenas.rs`, `islands.rs`,
//! `finite.rs` and `solver_state.rs`) it finds none in 450 000. A state is trusted only if:
//!
//! - its integration parameters are the ones its settings give, and its multibody-joint and
//!   soft-body sets are empty (Tumble makes neither);
//! - the broad phase's tree is a tree: every node reached once from the root, parent links and
//!   leaf counts agree, every leaf is where the leaf table says, freed nodes are not in use;
//! - the contact, intersection and joint graphs' adjacency lists are sound; every contact pair
//!   joins live colliders (or ones removed since the last step) and every joint live bodies,
//!   matching the nodes they hang from; rapier's tables from colliders and bodies to graph nodes
//!   agree with the nodes; no solver contact points past its manifold;
//! - the active sets and persistent islands agree with each other and with the bodies, contact
//!   pairs and joints, as `islands.rs` details;
//! - the solver's colour buckets and each solver manifold's place in them agree, and when the
//!   next step keeps the buckets they hold exactly the manifolds rapier would select, with the
//!   solver-body indices it would stamp; colours are in range, no body holds one twice, and each
//!   body's colour mask has its pairs' colours; no pair is on the contact-force lists; each
//!   polyline pair's workspace points at real manifolds.
//!
//! Its arenas are checked before any of this (`arenas.rs`), since iterating a miscounted arena
//! already asserts in debug builds.
//!
//! rapier keeps nearly all of this private, so it is read back through serde: a structure is
//! encoded with postcard again and decoded into a mirror type here, whose fields follow rapier
//! 0.36's and parry 0.31's field for field (postcard writes a struct as its fields one after
//! another, so a field can also be skipped by the length of its own encoding). The
//! `*_read_back_*` tests fail if a layout changes. Tumble's own tables are checked in
//! `solver_state.rs`.
//!
//! Not checked: the contents of contact manifolds and joints (numbers, which the blow-up guard
//! handles) and CCD state.

use rapier2d::prelude::*;
use serde::Deserialize;

use super::arenas::{Pending, Raw};
use crate::world::integration_parameters;
use crate::world::state::WorldState;

/// parry's `BvhNode`: an AABB, the child's slot (or the leaf's key) and packed flags.
#[derive(Deserialize)]
struct TreeNode {
    _mins: [f32; 2],
    children: u32,
    _maxs: [f32; 2],
    data: u32,
}

impl TreeNode {
    fn leaf_count(&self) -> u32 {
        self.data & 0x3fff_ffff
    }
}

/// parry's `VecMap<BvhNodeIndex>`: entry count and slots.
#[derive(Deserialize)]
struct LeafTable {
    len: usize,
    slots: Vec<Option<usize>>,
}

/// parry's `Bvh`, the first field of rapier's `BroadPhaseBvh`.
#[derive(Deserialize)]
struct Tree {
    /// Wide nodes: a left and a right child each.
    nodes: Vec<[TreeNode; 2]>,
    /// For each wide node, where it hangs from (`slot << 1 | is_right`).
    parents: Vec<usize>,
    /// For each leaf key, where the leaf is (`slot << 1 | is_right`).
    leaves: LeafTable,
    _optimization: (u32, u32),
    /// Wide nodes no longer in the tree, to reuse.
    free: Vec<u32>,
}

/// Whether `state`'s rapier internals pass the checks above, given what its next step has
/// pending (read with its arenas).
pub(crate) fn sound(state: &WorldState, pending: &Pending) -> bool {
    let physics = &state.physics;
    if physics.integration_parameters != integration_parameters(&state.settings) {
        return false;
    }
    let changed = &pending.changed_bodies;
    let Some((collider_nodes, tail)) = narrow_parts(&physics.narrow_phase) else {
        return false;
    };
    let Ok(bytes) = postcard::to_allocvec(&physics.broad_phase) else {
        return false;
    };
    let Ok(tree) = postcard::from_bytes::<Tree>(&bytes) else {
        return false;
    };
    // Tumble makes no multibody joints and no soft bodies: those sets must be empty, as made.
    let same = |a: Option<Vec<u8>>, b: Option<Vec<u8>>| a.is_some() && a == b;
    let unused_sets_empty = same(
        postcard::to_allocvec(&physics.multibody_joints).ok(),
        postcard::to_allocvec(&MultibodyJointSet::new()).ok(),
    ) && same(
        postcard::to_allocvec(&physics.soft_bodies).ok(),
        postcard::to_allocvec(&SoftBodySet::new()).ok(),
    );
    unused_sets_empty
        && tree_is_sound(&tree)
        && graphs_are_sound(physics, &collider_nodes, &pending.removed_colliders)
        && super::islands::islands_are_sound(physics, changed)
        && contacts_are_sound(physics, &tail, changed).unwrap_or(false)
}

/// The node a wide node's child is: `slot << 1 | is_right`, as parry packs it.
fn child_index(slot: usize, side: usize) -> usize {
    (slot << 1) | side
}

fn tree_is_sound(tree: &Tree) -> bool {
    let n = tree.nodes.len();
    let entries = tree.leaves.slots.iter().filter(|s| s.is_some()).count();
    if tree.leaves.len != entries || tree.parents.len() != n {
        return false;
    }
    let leaf_at = |key: u32| tree.leaves.slots.get(key as usize).copied().flatten();
    if n == 0 {
        return entries == 0 && tree.free.is_empty();
    }
    let root = &tree.nodes[0];
    if root[1].leaf_count() == 0 {
        // A single leaf, on the root's left.
        return root[0].leaf_count() == 1
            && entries == 1
            && leaf_at(root[0].children) == Some(child_index(0, 0));
    }
    let mut reached = vec![false; n];
    reached[0] = true;
    let mut leaves_found = 0usize;
    let mut stack = vec![0usize];
    while let Some(slot) = stack.pop() {
        for (side, child) in tree.nodes[slot].iter().enumerate() {
            let here = child_index(slot, side);
            match child.leaf_count() {
                0 => return false,
                1 => {
                    if leaf_at(child.children) != Some(here) {
                        return false;
                    }
                    leaves_found += 1;
                }
                count => {
                    let below = child.children as usize;
                    if below >= n || reached[below] || tree.parents[below] != here {
                        return false;
                    }
                    let [l, r] = &tree.nodes[below];
                    if l.leaf_count().checked_add(r.leaf_count()) != Some(count) {
                        return false;
                    }
                    reached[below] = true;
                    stack.push(below);
                }
            }
        }
    }
    // Each leaf found sits where its own table entry says, so they are distinct entries.
    if leaves_found != entries {
        return false;
    }
    // Freed wide nodes are out of the tree, once each; every other node is in it.
    let mut freed = vec![false; n];
    for &f in &tree.free {
        let f = f as usize;
        if f >= n || reached[f] || freed[f] {
            return false;
        }
        freed[f] = true;
    }
    reached.iter().zip(&freed).all(|(&r, &f)| r || f)
}

/// "No edge" and "no node" in rapier's graphs and index tables.
const END: u32 = u32::MAX;

/// A graph node's serialized form, past its weight: the heads of its outgoing and incoming lists.
#[derive(Deserialize)]
struct NodeLinks {
    _weight: (u32, u32),
    heads: [u32; 2],
}

/// A graph edge's serialized form, past its weight: its list links and end nodes.
#[derive(Deserialize)]
struct EdgeLinks {
    next: [u32; 2],
    prev: [u32; 2],
    ends: [u32; 2],
}

/// The links of one of rapier's graphs (`InteractionGraph`), read through serde: rapier keeps
/// them private. Each edge is encoded whole and its weight's bytes skipped, since postcard
/// writes a struct as its fields one after another.
macro_rules! graph_links {
    ($graph:expr) => {{
        let graph = $graph.raw_graph();
        let nodes = postcard::to_allocvec(graph.raw_nodes())
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Vec<NodeLinks>>(&bytes).ok());
        let edges: Option<Vec<EdgeLinks>> = graph
            .raw_edges()
            .iter()
            .map(|edge| {
                let whole = postcard::to_allocvec(edge).ok()?;
                let weight = postcard::to_allocvec(&edge.weight).ok()?.len();
                postcard::from_bytes(whole.get(weight..)?).ok()
            })
            .collect();
        nodes.zip(edges)
    }};
}

/// Whether a graph's adjacency lists are sound: every list starts at its node, runs through
/// edges that end at that node with back links that agree, has no cycle, and every edge is in
/// exactly one outgoing and one incoming list.
fn lists_are_sound(links: Option<(Vec<NodeLinks>, Vec<EdgeLinks>)>) -> bool {
    let Some((nodes, edges)) = links else {
        return false;
    };
    let (n, e) = (nodes.len(), edges.len());
    if edges
        .iter()
        .any(|edge| edge.ends.iter().any(|&end| end as usize >= n))
    {
        return false;
    }
    let mut listed = [vec![false; e], vec![false; e]];
    for (node, links) in nodes.iter().enumerate() {
        for (dir, listed) in listed.iter_mut().enumerate() {
            let (mut prev, mut at) = (END, links.heads[dir]);
            while at != END {
                let Some(edge) = edges.get(at as usize) else {
                    return false;
                };
                if listed[at as usize] || edge.ends[dir] as usize != node || edge.prev[dir] != prev
                {
                    return false;
                }
                listed[at as usize] = true;
                (prev, at) = (at, edge.next[dir]);
            }
        }
    }
    listed.iter().all(|l| l.iter().all(|&x| x))
}

/// Whether an index table (`Coarena` of graph nodes, by arena slot) and a graph's nodes name each
/// other: each entry's node holds that slot's handle, and each node's handle has an entry
/// pointing back at it.
fn table_matches_nodes(table: &[(u32, u32)], nodes: &[(u32, u32)]) -> bool {
    let entry_ok = table.iter().enumerate().all(|(slot, &(generation, node))| {
        node == END || nodes.get(node as usize) == Some(&(slot as u32, generation))
    });
    let node_ok = nodes.iter().enumerate().all(|(node, &(slot, generation))| {
        table.get(slot as usize) == Some(&(generation, node as u32))
    });
    entry_ok && node_ok
}

/// The narrow phase's fields after its collider table: the solver's colour buckets of contact
/// manifolds, and the lists of pairs that report contact forces.
#[derive(Deserialize)]
struct NarrowTail {
    /// Per body slot: the solver colours its pairs use.
    colour_masks: Vec<u128>,
    /// Per contact-graph edge: bit 15 if a side is dynamic, and the count of solver manifolds.
    pair_hints: Vec<u16>,
    /// Per solver colour: (contact-graph edge, manifold ordinal) of each solver manifold.
    buckets: Vec<Vec<(u32, u32)>>,
    buckets_valid: bool,
    /// The island manager's active-set epoch the buckets were built at.
    epoch: u32,
    multibody_epoch: u32,
    force_pairs: Vec<u32>,
    /// Per contact-graph edge: where it is in `force_pairs`.
    force_positions: Vec<u32>,
    force_flagged: Vec<u32>,
    _force_lists_valid: bool,
}

/// A contact manifold's data up to its place in the colour buckets (`bucket << 22 | index`).
#[derive(Deserialize)]
struct ManifoldPlace {
    _body1: Option<(u32, u32)>,
    _body2: Option<(u32, u32)>,
    _flags: u32,
    colour: u8,
    /// Each body's place in the active set, or `u32::MAX`.
    solver_bodies: [u32; 2],
    place: u32,
}

/// A composite-shape detector's manifold, as parry keeps it per sub-shape.
#[derive(Deserialize)]
struct SubDetector {
    manifold: usize,
    _timestamp: bool,
}

/// parry's contact-manifold workspaces, variant for variant. Tumble's shapes only ever make the
/// two composite ones (a polyline against a shape or another polyline); the others fail to read.
#[derive(Deserialize)]
#[allow(dead_code)] // Read for their variant index only.
enum Workspace {
    TriMesh(serde::de::IgnoredAny),
    Heightfield(serde::de::IgnoredAny),
    HeightfieldComposite(serde::de::IgnoredAny),
    CompositeComposite(bool, Vec<((u32, u32), SubDetector)>),
    CompositeShape(bool, Vec<(u32, SubDetector)>),
    VoxelsShape(serde::de::IgnoredAny),
    VoxelsComposite(serde::de::IgnoredAny),
    VoxelsVoxels(serde::de::IgnoredAny),
    Custom,
}

/// A rigid contact pair's fields after its manifolds and clusters.
#[derive(Deserialize)]
struct PairTail {
    colour: u8,
    /// The body slots whose colour mask has this pair's colour.
    colour_bodies: [u32; 2],
    workspace: Option<Workspace>,
}

/// The fields of a rigid pair's contacts after its manifolds and clusters; `Some(None)` for a
/// pair of soft surfaces.
fn pair_tail(contacts: &PairContacts) -> Option<Option<PairTail>> {
    let PairContacts::Rigid(rigid) = contacts else {
        return Some(None);
    };
    let bytes = postcard::to_allocvec(contacts).ok()?;
    let skip = 1
        + postcard::to_allocvec(&rigid.manifolds).ok()?.len()
        + postcard::to_allocvec(&rigid.solver_clusters).ok()?.len();
    postcard::from_bytes(bytes.get(skip..)?).ok().map(Some)
}

/// Per collider slot: generation, then its node in the contact and intersection graphs.
type ColliderNodes = Vec<(u32, (u32, u32))>;

/// The fields of `narrow` after its two graphs: its table from colliders to graph nodes, and the
/// rest.
fn narrow_parts(narrow: &NarrowPhase) -> Option<(ColliderNodes, NarrowTail)> {
    let bytes = postcard::to_allocvec(narrow).ok()?;
    let skip = postcard::to_allocvec(narrow.contact_graph()).ok()?.len()
        + postcard::to_allocvec(narrow.intersection_graph())
            .ok()?
            .len();
    let (colliders, rest) = postcard::take_from_bytes(bytes.get(skip..)?).ok()?;
    Some((colliders, postcard::from_bytes(rest).ok()?))
}

/// The fields of `narrow` after its two graphs and its collider table.
fn narrow_tail(narrow: &NarrowPhase) -> Option<NarrowTail> {
    Some(narrow_parts(narrow)?.1)
}

/// The solver buckets and force lists against the contact graph, and each pair's workspace
/// against its manifolds.
fn contacts_are_sound(physics: &PhysicsWorld, tail: &NarrowTail, changed: &[Raw]) -> Option<bool> {
    let narrow = &physics.narrow_phase;
    let fresh = narrow_tail(&NarrowPhase::new())?;
    let edges = narrow.contact_graph().raw_graph().raw_edges();
    let tails: Vec<Option<PairTail>> = (edges.iter())
        .map(|e| pair_tail(&e.weight.contacts))
        .collect::<Option<_>>()?;
    if tail.buckets.len() != fresh.buckets.len() {
        return Some(false);
    }
    // A pair's colour picks its bucket; the last bucket is for pairs with no colour of their own.
    let colour_ok = |c: u8| c == u8::MAX || (c as usize) < tail.buckets.len() - 1;
    // Each solver manifold's place and its bucket entry name each other.
    for (edge, e) in edges.iter().enumerate() {
        let pair = &e.weight;
        for (ordinal, m) in pair.solver_manifolds().iter().enumerate() {
            let bytes = postcard::to_allocvec(&m.data).ok()?;
            let ManifoldPlace { place, colour, .. } = postcard::from_bytes(&bytes).ok()?;
            if !colour_ok(colour) {
                return Some(false);
            }
            if place == END || !tail.buckets_valid {
                continue;
            }
            let (bucket, index) = ((place >> 22) as usize, (place & ((1 << 22) - 1)) as usize);
            let entry = tail.buckets.get(bucket).and_then(|b| b.get(index));
            if entry != Some(&(edge as u32, ordinal as u32)) {
                return Some(false);
            }
        }
        if let (PairContacts::Rigid(rigid), Some(ends)) = (&pair.contacts, &tails[edge]) {
            let masks = tail.colour_masks.len();
            let slot_ok = |s: u32| s == END || (s as usize) < masks;
            if !colour_ok(ends.colour) || !ends.colour_bodies.iter().all(|&s| slot_ok(s)) {
                return Some(false);
            }
            let count = rigid.manifolds.len();
            let fits = |d: &SubDetector| d.manifold < count;
            let ok = match &ends.workspace {
                None => true,
                Some(Workspace::CompositeShape(_, ds)) => ds.iter().all(|(_, d)| fits(d)),
                Some(Workspace::CompositeComposite(_, ds)) => ds.iter().all(|(_, d)| fits(d)),
                Some(_) => false,
            };
            if !ok {
                return Some(false);
            }
        }
    }
    if tail.buckets_valid {
        let in_range = |&(edge, ordinal): &(u32, u32)| {
            (edge, ordinal) == (END, END)
                || edges
                    .get(edge as usize)
                    .is_some_and(|e| (ordinal as usize) < e.weight.solver_manifolds().len())
        };
        if !tail.buckets.iter().flatten().all(in_range) {
            return Some(false);
        }
    }
    if !colours_are_sound(physics, tail, &tails, changed)?
        || !selection_is_exact(physics, tail, &tails, changed)?
    {
        return Some(false);
    }
    // The force lists: no collider asks for contact-force events (`solver_state::consistent`),
    // so no pair is listed; rapier's debug builds check the lists against the colliders' flags.
    let forces_ok = tail.force_pairs.is_empty()
        && tail.force_flagged.is_empty()
        && tail.force_positions.iter().all(|&at| at == END);
    Some(forces_ok)
}

/// Whether the solver colours are sound. rapier gives a touching pair a colour below the overflow
/// colour that none of its non-fixed bodies uses for another pair, records it in those bodies'
/// masks, and solves the pairs of one colour side by side, in SIMD lanes that must not share a
/// body (its debug builds check this in `staged_island_solver/init.rs`; release builds would drop
/// an impulse). So: each manifold names its pair's bodies, a coloured pair's coloured bodies are
/// its own non-fixed ones, no body holds a colour twice, and each body's mask has every colour
/// its pairs hold. Pairs whose collider was removed since the last step (the next step
/// removes them) and bodies changed since the last step (the next step settles them) are held
/// to less.
fn colours_are_sound(
    physics: &PhysicsWorld,
    tail: &NarrowTail,
    pair_tails: &[Option<PairTail>],
    changed: &[Raw],
) -> Option<bool> {
    const OVERFLOW: u8 = 128;
    let bodies = &physics.bodies;
    let changed: std::collections::BTreeSet<u32> =
        changed.iter().map(|&(index, _)| index).collect();
    let mut masks = vec![0u128; tail.colour_masks.len()];
    let mut held = std::collections::BTreeSet::new();
    let edges = physics.narrow_phase.contact_graph().raw_graph().raw_edges();
    for (e, pair_tail) in edges.iter().zip(pair_tails) {
        let pair = &e.weight;
        let (PairContacts::Rigid(rigid), Some(pair_tail)) = (&pair.contacts, pair_tail) else {
            continue;
        };
        let (colour, colour_bodies) = (pair_tail.colour, pair_tail.colour_bodies);
        let colliders = [pair.collider1, pair.collider2].map(|c| physics.colliders.get(c));
        let parents = colliders.map(|co| co.map(|co| co.parent()));
        let present = parents.iter().all(Option::is_some);
        let parents = parents.map(Option::flatten);
        if present {
            let named = |m: &ContactManifold| [m.data.rigid_body1, m.data.rigid_body2] == parents;
            if !rigid.manifolds.iter().all(named) {
                return Some(false);
            }
        }
        if colour >= OVERFLOW {
            if colour_bodies != [END, END] {
                return Some(false);
            }
            continue;
        }
        let slots = parents.map(|p| p.map(|h| h.into_raw_parts().0));
        for body in colour_bodies.into_iter().filter(|&b| b != END) {
            let own = !present || slots.contains(&Some(body));
            let Some(mask) = masks.get_mut(body as usize) else {
                return Some(false);
            };
            if !own || !held.insert((body, colour)) {
                return Some(false);
            }
            *mask |= 1 << colour;
        }
        let must_hold = |h: &Option<RigidBodyHandle>| {
            h.and_then(|h| bodies.get(h).map(|rb| (h, rb)))
                .is_some_and(|(h, rb)| !rb.is_fixed() && !changed.contains(&h.into_raw_parts().0))
        };
        let uncoloured = parents.iter().filter(|h| must_hold(h)).any(|h| {
            let body = h.map(|h| h.into_raw_parts().0);
            !colour_bodies.iter().any(|&b| Some(b) == body)
        });
        if present && uncoloured {
            return Some(false);
        }
    }
    // rapier leaves the bits of some removed pairs set, which only keeps a colour unused.
    let covered = masks
        .iter()
        .zip(&tail.colour_masks)
        .all(|(held, mask)| held & !mask == 0);
    Some(covered)
}

/// Whether the colour buckets hold exactly the manifolds rapier would select for the solver, each
/// in the bucket of its colour, when the next step keeps them rather than rebuilding them (rapier
/// rebuilds when they are marked invalid, the active set changed since they were built, or a body
/// changed since the last step, which changes the active set). rapier's debug builds check this
/// after every step (`debug_validate_solver_graph`); release builds would solve a stale list.
///
/// A manifold is selected when its pair's hint has the dynamic bit and a count, it computes
/// impulses, has solver contacts, and one of its bodies is awake and dynamic (looked up by slot,
/// as rapier does). A pair's first selected manifold takes the pair's colour (or the overflow
/// colour if it has none), the others the overflow colour.
fn selection_is_exact(
    physics: &PhysicsWorld,
    tail: &NarrowTail,
    pair_tails: &[Option<PairTail>],
    changed: &[Raw],
) -> Option<bool> {
    const DYNAMIC_BIT: u16 = 1 << 15;
    const OVERFLOW: u8 = 128;
    const UNCOLOURED: u8 = u8::MAX;
    let islands = postcard::to_allocvec(&physics.islands).ok()?;
    let (epoch, _) = postcard::take_from_bytes::<u32>(&islands).ok()?;
    let bodies = &physics.bodies;
    let body_changed = changed.iter().any(|&(i, g)| {
        let handle = RigidBodyHandle::from_raw_parts(i, g);
        bodies.get(handle).is_some_and(|rb| rb.is_enabled())
    });
    if !tail.buckets_valid || tail.epoch != epoch || tail.multibody_epoch != 0 || body_changed {
        return Some(true);
    }
    // rapier's per-slot table of awake bodies: (place in the active set, dynamic).
    let mut awake = std::collections::BTreeMap::new();
    for h in physics.islands.active_bodies() {
        if let Some(rb) = bodies.get(h) {
            let (_, place): (u32, u32) =
                postcard::from_bytes(&postcard::to_allocvec(rb).ok()?).ok()?;
            awake.insert(h.into_raw_parts().0, (place, rb.is_dynamic()));
        }
    }
    let slot = |h: Option<RigidBodyHandle>| h.and_then(|h| awake.get(&h.into_raw_parts().0));
    let qualifies = |h| slot(h).is_some_and(|&(_, dynamic)| dynamic);
    let solver_body = |h| slot(h).map_or(u32::MAX, |&(place, _)| place);
    let edges = physics.narrow_phase.contact_graph().raw_graph().raw_edges();
    if tail.pair_hints.len() > edges.len() {
        return Some(false);
    }
    let mut expected = Vec::new();
    for (edge, &hint) in tail.pair_hints.iter().enumerate() {
        if hint & DYNAMIC_BIT == 0 || hint & !DYNAMIC_BIT == 0 {
            continue;
        }
        let pair = &edges[edge].weight;
        let Some(PairTail { colour, .. }) = pair_tails[edge] else {
            continue;
        };
        let mut first = true;
        for (ordinal, m) in pair.solver_manifolds().iter().enumerate() {
            let data = &m.data;
            let selected = data
                .solver_flags
                .contains(SolverFlags::COMPUTE_RIGID_IMPULSES)
                && data.num_active_contacts() > 0
                && (qualifies(data.rigid_body1) || qualifies(data.rigid_body2));
            if !selected {
                continue;
            }
            // rapier stamps these when it selects a manifold, and keeps them while it stays.
            let ManifoldPlace { solver_bodies, .. } =
                postcard::from_bytes(&postcard::to_allocvec(data).ok()?).ok()?;
            if solver_bodies != [solver_body(data.rigid_body1), solver_body(data.rigid_body2)] {
                return Some(false);
            }
            let bucket = if first && colour != UNCOLOURED {
                colour
            } else {
                OVERFLOW
            };
            first = false;
            expected.push((bucket as usize, edge as u32, ordinal as u32));
        }
    }
    let mut actual: Vec<_> = (tail.buckets.iter().enumerate())
        .flat_map(|(b, refs)| refs.iter().map(move |&(edge, ordinal)| (b, edge, ordinal)))
        .collect();
    expected.sort_unstable();
    actual.sort_unstable();
    Some(actual == expected)
}

/// Contact pairs join live colliders, joints live bodies, each matching the graph nodes it hangs
/// from; the graphs' lists and rapier's collider and body tables into them are sound.
fn graphs_are_sound(
    physics: &PhysicsWorld,
    collider_nodes: &ColliderNodes,
    removed: &[Raw],
) -> bool {
    let contacts = physics.narrow_phase.contact_graph().raw_graph();
    let nodes = contacts.raw_nodes();
    // Colliders removed since the last step stay in the contact graph until the next one, which
    // takes them out by this list.
    let mut removed = removed.to_vec();
    removed.sort_unstable();
    let live_collider = |h: ColliderHandle| {
        physics.colliders.get(h).is_some() || removed.binary_search(&h.into_raw_parts()).is_ok()
    };
    if !nodes.iter().all(|n| live_collider(n.weight)) {
        return false;
    }
    let pairs_ok = contacts.raw_edges().iter().all(|e| {
        let (Some(a), Some(b)) = (nodes.get(e.source().index()), nodes.get(e.target().index()))
        else {
            return false;
        };
        let pair = &e.weight;
        pair.collider1 == a.weight
            && pair.collider2 == b.weight
            && pair.manifolds().iter().all(|m| {
                m.data
                    .solver_contacts
                    .iter()
                    .all(|c| (c.contact_indices()[0] as usize) < m.points.len())
            })
    });
    if !pairs_ok {
        return false;
    }
    let joints = physics.impulse_joints.joint_graph().raw_graph();
    let nodes = joints.raw_nodes();
    let live_body = |h: RigidBodyHandle| physics.bodies.get(h).is_some();
    if !nodes.iter().all(|n| live_body(n.weight)) {
        return false;
    }
    let joints_ok = joints.raw_edges().iter().all(|e| {
        let (Some(a), Some(b)) = (nodes.get(e.source().index()), nodes.get(e.target().index()))
        else {
            return false;
        };
        e.weight.body1() == a.weight && e.weight.body2() == b.weight
    });
    let narrow = &physics.narrow_phase;
    if !(joints_ok
        && lists_are_sound(graph_links!(narrow.contact_graph()))
        && lists_are_sound(graph_links!(narrow.intersection_graph()))
        && lists_are_sound(graph_links!(physics.impulse_joints.joint_graph())))
    {
        return false;
    }
    tables_are_sound(physics, collider_nodes).unwrap_or(false)
}

/// The narrow phase's collider table (its third field, after the two graphs) and the joint set's
/// body table (its first field) against the graphs' nodes.
fn tables_are_sound(physics: &PhysicsWorld, colliders: &ColliderNodes) -> Option<bool> {
    let narrow = &physics.narrow_phase;
    let raw = |h: ColliderHandle| h.into_raw_parts();
    let contact_nodes = narrow.contact_graph().raw_graph().raw_nodes().iter();
    let contact_nodes: Vec<_> = contact_nodes.map(|n| raw(n.weight)).collect();
    let intersection_nodes = narrow.intersection_graph().raw_graph().raw_nodes().iter();
    let intersection_nodes: Vec<_> = intersection_nodes.map(|n| raw(n.weight)).collect();
    let contact_table: Vec<_> = colliders.iter().map(|&(g, (c, _))| (g, c)).collect();
    let intersection_table: Vec<_> = colliders.iter().map(|&(g, (_, i))| (g, i)).collect();
    let bytes = postcard::to_allocvec(&physics.impulse_joints).ok()?;
    let bodies: Vec<(u32, u32)> = postcard::from_bytes(&bytes).ok()?;
    let body_nodes = physics
        .impulse_joints
        .joint_graph()
        .raw_graph()
        .raw_nodes()
        .iter();
    let body_nodes: Vec<_> = body_nodes.map(|n| n.weight.into_raw_parts()).collect();
    Some(
        table_matches_nodes(&contact_table, &contact_nodes)
            && table_matches_nodes(&intersection_table, &intersection_nodes)
            && table_matches_nodes(&bodies, &body_nodes),
    )
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::scene::arenas::read_arenas;
    use crate::{presets, World};

    fn tree_of(world: &World) -> Tree {
        let bytes = postcard::to_allocvec(&world.state.physics.broad_phase).unwrap();
        postcard::from_bytes(&bytes).unwrap()
    }

    #[test]
    fn a_real_tree_reads_back_through_the_mirror() {
        let mut world = World::from_scene(&presets::build("pyramid", &[]).unwrap()).unwrap();
        for _ in 0..5 {
            world.step();
        }
        let tree = tree_of(&world);
        let colliders = world.state.physics.colliders.len();
        assert_eq!(tree.leaves.len, colliders);
        assert!(tree.nodes.len() >= colliders / 2);
        assert!(tree_is_sound(&tree));
    }

    #[test]
    fn every_preset_is_sound_as_built_stepped_and_churned() {
        for preset in presets::all() {
            let mut world = World::from_scene(&preset.build(&[]).unwrap()).unwrap();
            assert!(sound_now(&world.state), "{} as built", preset.name);
            for step in 0..30 {
                world.step();
                if step % 10 == 3 {
                    // Removals leave freed nodes in the tree's free list.
                    let ids = world.body_ids();
                    world.remove_body(ids[ids.len() / 2]).unwrap();
                }
                // Between a joint change and the next step, a save holds the state before it.
                let (saved, _) = world.exact_part().unwrap();
                assert!(sound_now(saved), "{} step {step}", preset.name);
            }
        }
    }

    #[test]
    fn a_tree_with_a_cycle_is_not_sound() {
        let mut world = World::from_scene(&presets::build("pyramid", &[]).unwrap()).unwrap();
        world.step();
        let mut tree = tree_of(&world);
        assert!(tree.nodes.len() > 2);
        // Point a grandchild back at the root's first child.
        let child = tree.nodes[0]
            .iter()
            .position(|c| c.leaf_count() > 1)
            .unwrap();
        let below = tree.nodes[0][child].children as usize;
        let inner = tree.nodes[below]
            .iter()
            .position(|c| c.leaf_count() > 1)
            .unwrap();
        tree.nodes[below][inner].children = below as u32;
        assert!(!tree_is_sound(&tree));
    }

    #[test]
    fn a_leaf_table_that_disagrees_with_the_tree_is_not_sound() {
        let mut world = World::from_scene(&presets::build("pyramid", &[]).unwrap()).unwrap();
        world.step();
        let mut tree = tree_of(&world);
        let key = tree.leaves.slots.iter().position(|s| s.is_some()).unwrap();
        tree.leaves.slots[key] = Some(tree.leaves.slots[key].unwrap() ^ 1);
        assert!(!tree_is_sound(&tree));
    }

    #[test]
    fn other_integration_parameters_are_not_sound() {
        let mut world = World::from_scene(&presets::build("pyramid", &[]).unwrap()).unwrap();
        world
            .state
            .physics
            .integration_parameters
            .normalized_prediction_distance = -1.0;
        assert!(!sound_now(&world.state));
    }

    /// A pyramid after some steps (many contacts) with a chain hanging beside it (joints).
    /// [`sound`], with the pending lists read as loading reads them.
    fn sound_now(state: &WorldState) -> bool {
        sound(state, &read_arenas(&state.physics).unwrap())
    }

    pub(in crate::scene) fn busy_world() -> World {
        let mut world = World::from_scene(&presets::build("pyramid", &[]).unwrap()).unwrap();
        let chain = presets::build("chain_bridge", &[]).unwrap();
        let mut ids = Vec::new();
        for body in &chain.bodies {
            let mut body = body.clone();
            body.position[0] += 40.0;
            ids.push(world.spawn(&body).unwrap());
        }
        for joint in &chain.joints {
            world.add_joint(&joint.map_bodies(|&i| ids[i])).unwrap();
        }
        for _ in 0..10 {
            world.step();
        }
        world
    }

    #[test]
    fn graph_links_read_back_what_rapier_shows() {
        let world = busy_world();
        let physics = &world.state.physics;
        let contacts = physics.narrow_phase.contact_graph();
        let joints = physics.impulse_joints.joint_graph();
        for (links, ends) in [
            (
                graph_links!(contacts),
                contacts
                    .raw_graph()
                    .raw_edges()
                    .iter()
                    .map(|e| [e.source().index() as u32, e.target().index() as u32])
                    .collect::<Vec<_>>(),
            ),
            (
                graph_links!(joints),
                joints
                    .raw_graph()
                    .raw_edges()
                    .iter()
                    .map(|e| [e.source().index() as u32, e.target().index() as u32])
                    .collect(),
            ),
        ] {
            let (nodes, edges) = links.unwrap();
            assert!(nodes.len() > 10 && edges.len() > 10);
            let read: Vec<_> = edges.iter().map(|e| e.ends).collect();
            assert_eq!(read, ends, "the mirror reads the ends rapier reports");
            assert!(lists_are_sound(Some((nodes, edges))));
        }
        let (collider_nodes, _) = narrow_parts(&physics.narrow_phase).unwrap();
        assert_eq!(tables_are_sound(physics, &collider_nodes), Some(true));
    }

    #[test]
    fn broken_graph_lists_are_not_sound() {
        let world = busy_world();
        let contacts = world.state.physics.narrow_phase.contact_graph();
        type Damage = fn(&mut Vec<NodeLinks>, &mut Vec<EdgeLinks>);
        let breaks: [Damage; 4] = [
            |_, e| e[0].next = [0, 0],
            |_, e| e[1].prev[0] ^= 1,
            |_, e| e[0].ends[1] = u32::MAX - 1,
            |n, _| n.iter_mut().for_each(|n| n.heads = [END, END]),
        ];
        for (k, damage) in breaks.iter().enumerate() {
            let (mut nodes, mut edges) = graph_links!(contacts).unwrap();
            damage(&mut nodes, &mut edges);
            assert!(!lists_are_sound(Some((nodes, edges))), "break {k}");
        }
    }

    #[test]
    fn a_table_that_names_another_node_is_not_sound() {
        let nodes = [(3, 0), (5, 2)];
        let mut table = vec![(0, END); 6];
        table[3] = (0, 0);
        table[5] = (2, 1);
        assert!(table_matches_nodes(&table, &nodes));
        table[5] = (2, 0);
        assert!(!table_matches_nodes(&table, &nodes));
        table[5] = (1, 1);
        assert!(!table_matches_nodes(&table, &nodes), "another generation");
        table[5] = (2, END);
        assert!(
            !table_matches_nodes(&table, &nodes),
            "a node without its entry"
        );
    }

    #[test]
    fn the_contact_tables_read_back_through_the_mirror() {
        let world = busy_world();
        let narrow = &world.state.physics.narrow_phase;
        let tail = narrow_tail(narrow).unwrap();
        assert!(tail.buckets_valid);
        let listed = tail.buckets.iter().flatten().count();
        let mut placed = 0;
        for e in narrow.contact_graph().raw_graph().raw_edges() {
            for m in e.weight.solver_manifolds() {
                let bytes = postcard::to_allocvec(&m.data).unwrap();
                let place = postcard::from_bytes::<ManifoldPlace>(&bytes).unwrap().place;
                placed += (place != END) as usize;
            }
        }
        assert!(placed > 10, "solver manifolds placed in buckets: {placed}");
        assert_eq!(placed, listed);
        let physics = &world.state.physics;
        let changed = read_arenas(physics).unwrap().changed_bodies;
        let tail = narrow_tail(&physics.narrow_phase).unwrap();
        assert_eq!(contacts_are_sound(physics, &tail, &changed), Some(true));

        // The tumbler's drum is a polyline: its pairs keep a composite workspace.
        let mut world = World::from_scene(&presets::build("tumbler", &[]).unwrap()).unwrap();
        for _ in 0..60 {
            world.step();
        }
        let mut detectors = 0;
        for e in world
            .state
            .physics
            .narrow_phase
            .contact_graph()
            .raw_graph()
            .raw_edges()
        {
            let Some(tail) = pair_tail(&e.weight.contacts).unwrap() else {
                continue;
            };
            if let Some(Workspace::CompositeShape(_, ds)) = tail.workspace {
                detectors += ds.len();
            }
        }
        assert!(detectors > 0, "no polyline workspace read");
        let physics = &world.state.physics;
        let changed = read_arenas(physics).unwrap().changed_bodies;
        let tail = narrow_tail(&physics.narrow_phase).unwrap();
        assert_eq!(contacts_are_sound(physics, &tail, &changed), Some(true));
    }

    #[test]
    fn buckets_that_are_not_rapiers_selection_are_not_sound() {
        let world = busy_world();
        let physics = &world.state.physics;
        let tail = narrow_tail(&physics.narrow_phase).unwrap();
        let edges = physics.narrow_phase.contact_graph().raw_graph().raw_edges();
        let pairs: Vec<_> = (edges.iter())
            .map(|e| pair_tail(&e.weight.contacts).unwrap())
            .collect();
        let islands = postcard::to_allocvec(&physics.islands).unwrap();
        let epoch: u32 = postcard::take_from_bytes(&islands).unwrap().0;
        assert!(
            tail.buckets_valid && tail.epoch == epoch,
            "a settled world keeps its buckets, so the check runs"
        );
        assert_eq!(selection_is_exact(physics, &tail, &pairs, &[]), Some(true));
        let used = tail.buckets.iter().position(|b| !b.is_empty()).unwrap();
        type Damage = fn(&mut NarrowTail, usize);
        let damages: [(&str, Damage); 3] = [
            ("a selected manifold missing", |t, b| {
                t.buckets[b].pop();
            }),
            ("a manifold listed twice", |t, b| {
                let again = t.buckets[b][0];
                t.buckets[b].push(again)
            }),
            ("a manifold in another colour's bucket", |t, b| {
                let moved = t.buckets[b].pop().unwrap();
                t.buckets[b + 1].push(moved)
            }),
        ];
        for (what, damage) in damages {
            let mut tail = narrow_tail(&physics.narrow_phase).unwrap();
            damage(&mut tail, used);
            assert_eq!(
                selection_is_exact(physics, &tail, &pairs, &[]),
                Some(false),
                "{what}"
            );
        }
    }

    #[test]
    fn colour_masks_missing_a_held_colour_are_not_sound() {
        let world = busy_world();
        let physics = &world.state.physics;
        let edges = physics.narrow_phase.contact_graph().raw_graph().raw_edges();
        let pairs: Vec<_> = (edges.iter())
            .map(|e| pair_tail(&e.weight.contacts).unwrap())
            .collect();
        let coloured = pairs.iter().flatten().filter(|p| p.colour < 128).count();
        assert!(
            coloured > 10,
            "the pyramid's pairs hold colours: {coloured}"
        );
        let mut tail = narrow_tail(&physics.narrow_phase).unwrap();
        assert_eq!(colours_are_sound(physics, &tail, &pairs, &[]), Some(true));
        tail.colour_masks.iter_mut().for_each(|m| *m = 0);
        assert_eq!(colours_are_sound(physics, &tail, &pairs, &[]), Some(false));
    }
}
