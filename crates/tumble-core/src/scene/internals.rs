//! Checks on the rapier internals of a decoded solver state, before Tumble steps them.
//!
//! A solver state is rapier's own structures, and rapier indexes into them without checking: a
//! crafted save whose checksum still matches held a broad-phase tree with a cycle (the first step
//! recursed until the stack overflowed), graph links and island ids pointing nowhere, colour and
//! force tables out of range, and the step panicked. `tests/fuzz.rs`, `crafted_solver_state_data`,
//! found about one such case in 200; with these checks it finds none in 100 000. A state is
//! trusted only if:
//!
//! - its integration parameters are the ones its settings give, and its multibody-joint and
//!   soft-body sets are empty (Tumble makes neither);
//! - the broad phase's tree is a tree: every node reached once from the root, parent links and
//!   leaf counts agree, every leaf is where the leaf table says, freed nodes are not in use;
//! - the contact, intersection and joint graphs' adjacency lists are sound; every contact pair
//!   joins live colliders (or ones removed since the last step) and every joint live bodies,
//!   matching the nodes they hang from; rapier's tables from colliders and bodies to graph nodes
//!   agree with the nodes; no solver contact points past its manifold;
//! - every body is where its ids say in the active sets and persistent islands, and back; the
//!   island free lists are exactly the empty slots; contact and joint link locations point at
//!   their links;
//! - the solver's colour buckets and each solver manifold's place in them agree, colours are in
//!   range, the contact-force lists point at real pairs, and each polyline pair's workspace at
//!   real manifolds.
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

/// Whether `state`'s rapier internals pass the checks above.
pub(crate) fn sound(state: &WorldState) -> bool {
    let physics = &state.physics;
    if physics.integration_parameters != integration_parameters(&state.settings) {
        return false;
    }
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
        && graphs_are_sound(physics)
        && islands_are_sound(physics).unwrap_or(false)
        && contacts_are_sound(physics).unwrap_or(false)
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
}

/// rapier's `Island`: the bodies of one active set.
#[derive(Deserialize)]
struct ActiveSet {
    bodies: Vec<(u32, u32)>,
}

/// rapier's `ContactLink`.
#[derive(Deserialize)]
struct ContactLink {
    edge: u32,
    _body1: (u32, u32),
    _body2: (u32, u32),
}

/// rapier's `JointLinkKey`, variant for variant.
#[derive(Deserialize, PartialEq)]
enum LinkKey {
    Impulse((u32, u32)),
    MultibodyChain(u64, u32),
    SoftAttachment(u64, u32),
    SoftProxyChain(u64, u32),
}

/// rapier's `JointLink`.
#[derive(Deserialize)]
struct JointLink {
    key: LinkKey,
    _body1: (u32, u32),
    _body2: (u32, u32),
}

/// rapier's `PersistentIsland`.
#[derive(Deserialize)]
struct PersistentIsland {
    bodies: Vec<(u32, u32)>,
    contacts: Vec<ContactLink>,
    joints: Vec<JointLink>,
    _remove_count: u32,
    _split_denied_until: u32,
    _sleeping: bool,
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

/// The island manager against the bodies: each body is where its ids say, in both kinds of
/// island, and each island member says so back; free lists are free; link locations point at
/// their links.
fn islands_are_sound(physics: &PhysicsWorld) -> Option<bool> {
    let bytes = postcard::to_allocvec(&physics.islands).ok()?;
    let islands: Islands = postcard::from_bytes(&bytes).ok()?;
    let mut ids = std::collections::BTreeMap::new();
    for (handle, rb) in physics.bodies.iter() {
        let bytes = postcard::to_allocvec(rb).ok()?;
        ids.insert(
            handle.into_raw_parts(),
            postcard::from_bytes::<BodyIds>(&bytes).ok()?,
        );
    }
    islands_agree(&islands, &ids)
}

/// The checks of [`islands_are_sound`] on the decoded tables; `None` where a body or island
/// named is missing.
fn islands_agree(
    islands: &Islands,
    ids: &std::collections::BTreeMap<(u32, u32), BodyIds>,
) -> Option<bool> {
    let at = |list: &[(u32, u32)], i: u32| list.get(i as usize).copied();
    for (&handle, id) in ids {
        if id.active_set != END {
            let set = islands.active.get(id.active_set)?;
            if at(&set.bodies, id.index_in_active_set) != Some(handle) {
                return Some(false);
            }
        }
        if id.island != END {
            let island = islands.persistent.get(id.island)?;
            if at(&island.bodies, id.index_in_island) != Some(handle) {
                return Some(false);
            }
        }
    }
    for (set_id, set) in islands.active.slots.iter().enumerate() {
        for (i, handle) in set.iter().flat_map(|s| s.bodies.iter().enumerate()) {
            let id = ids.get(handle)?;
            if id.active_set as usize != set_id || id.index_in_active_set as usize != i {
                return Some(false);
            }
        }
    }
    for (island_id, island) in islands.persistent.slots.iter().enumerate() {
        let Some(island) = island else { continue };
        for (i, handle) in island.bodies.iter().enumerate() {
            let id = ids.get(handle)?;
            if id.island as usize != island_id || id.index_in_island as usize != i {
                return Some(false);
            }
        }
    }
    /// The free list is exactly the empty slots, and the count the filled ones: rapier sizes
    /// per-island scratch by `count + free`.
    fn free_ok<T>(free: impl Iterator<Item = usize>, table: &Slots<T>) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        let filled = table.slots.iter().filter(|s| s.is_some()).count();
        free.into_iter()
            .all(|f| matches!(table.slots.get(f), Some(None)) && seen.insert(f))
            && table.len == filled
            && seen.len() == table.slots.len() - filled
    }
    if !free_ok(islands.free.iter().copied(), &islands.active)
        || !free_ok(
            islands.persistent_free.iter().map(|&f| f as usize),
            &islands.persistent,
        )
        || islands
            .awake
            .is_some_and(|a| islands.active.get(a as u32).is_none())
    {
        return Some(false);
    }
    let contact_ok = islands
        .contact_locs
        .iter()
        .enumerate()
        .all(|(edge, &(i, k))| {
            (i, k) == (END, END)
                || islands
                    .persistent
                    .get(i)
                    .and_then(|island| island.contacts.get(k as usize))
                    .is_some_and(|link| link.edge as usize == edge)
        });
    let joint_ok = islands.joint_locs.iter().all(|(key, (i, k))| {
        islands
            .persistent
            .get(*i)
            .and_then(|island| island.joints.get(*k as usize))
            .is_some_and(|link| link.key == *key)
    });
    Some(contact_ok && joint_ok)
}

/// The narrow phase's fields after its collider table: the solver's colour buckets of contact
/// manifolds, and the lists of pairs that report contact forces.
#[derive(Deserialize)]
struct NarrowTail {
    /// Per body slot: the solver colours its pairs use.
    colour_masks: Vec<u128>,
    _pair_hints: Vec<u16>,
    /// Per solver colour: (contact-graph edge, manifold ordinal) of each solver manifold.
    buckets: Vec<Vec<(u32, u32)>>,
    buckets_valid: bool,
    _epoch: u32,
    _multibody_epoch: u32,
    force_pairs: Vec<u32>,
    /// Per contact-graph edge: where it is in `force_pairs`.
    force_positions: Vec<u32>,
    force_flagged: Vec<u32>,
    force_lists_valid: bool,
}

/// A contact manifold's data up to its place in the colour buckets (`bucket << 22 | index`).
#[derive(Deserialize)]
struct ManifoldPlace {
    _body1: Option<(u32, u32)>,
    _body2: Option<(u32, u32)>,
    _flags: u32,
    colour: u8,
    _solver_bodies: [u32; 2],
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

/// The fields of `narrow` after its two graphs and its collider table.
fn narrow_tail(narrow: &NarrowPhase) -> Option<NarrowTail> {
    let bytes = postcard::to_allocvec(narrow).ok()?;
    let skip = postcard::to_allocvec(narrow.contact_graph()).ok()?.len()
        + postcard::to_allocvec(narrow.intersection_graph())
            .ok()?
            .len();
    let (_, rest) = postcard::take_from_bytes::<Vec<(u32, (u32, u32))>>(bytes.get(skip..)?).ok()?;
    postcard::from_bytes(rest).ok()
}

/// The solver buckets and force lists against the contact graph, and each pair's workspace
/// against its manifolds.
fn contacts_are_sound(physics: &PhysicsWorld) -> Option<bool> {
    let narrow = &physics.narrow_phase;
    let tail = narrow_tail(narrow)?;
    let fresh = narrow_tail(&NarrowPhase::new())?;
    let edges = narrow.contact_graph().raw_graph().raw_edges();
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
        if let PairContacts::Rigid(rigid) = &pair.contacts {
            let bytes = postcard::to_allocvec(&pair.contacts).ok()?;
            let skip = 1
                + postcard::to_allocvec(&rigid.manifolds).ok()?.len()
                + postcard::to_allocvec(&rigid.solver_clusters).ok()?.len();
            let ends: PairTail = postcard::from_bytes(bytes.get(skip..)?).ok()?;
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
    // The force lists: each listed edge exists and knows its place, and each place is listed.
    let (pairs, positions) = (&tail.force_pairs, &tail.force_positions);
    let forces_ok = !tail.force_lists_valid
        || (pairs.iter().enumerate().all(|(i, &edge)| {
            (edge as usize) < edges.len() && positions.get(edge as usize) == Some(&(i as u32))
        }) && positions
            .iter()
            .enumerate()
            .all(|(edge, &at)| at == END || pairs.get(at as usize) == Some(&(edge as u32))));
    let flagged_ok = tail
        .force_flagged
        .iter()
        .all(|&e| (e as usize) < edges.len());
    Some(forces_ok && flagged_ok)
}

/// Contact pairs join live colliders, joints live bodies, each matching the graph nodes it hangs
/// from; the graphs' lists and rapier's collider and body tables into them are sound.
fn graphs_are_sound(physics: &PhysicsWorld) -> bool {
    let contacts = physics.narrow_phase.contact_graph().raw_graph();
    let nodes = contacts.raw_nodes();
    // Colliders removed since the last step stay in the contact graph until the next one, which
    // takes them out by this list (only readable by taking it, hence the copy).
    let mut removed: Vec<_> = physics
        .colliders
        .clone()
        .take_removed()
        .iter()
        .map(|h| h.into_raw_parts())
        .collect();
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
    tables_are_sound(physics).unwrap_or(false)
}

/// The narrow phase's collider table (its third field, after the two graphs) and the joint set's
/// body table (its first field) against the graphs' nodes.
fn tables_are_sound(physics: &PhysicsWorld) -> Option<bool> {
    let narrow = &physics.narrow_phase;
    let bytes = postcard::to_allocvec(narrow).ok()?;
    let skip = postcard::to_allocvec(narrow.contact_graph()).ok()?.len()
        + postcard::to_allocvec(narrow.intersection_graph())
            .ok()?
            .len();
    // Per collider slot: generation, then its node in the contact and intersection graphs.
    let colliders: Vec<(u32, (u32, u32))> = postcard::from_bytes(bytes.get(skip..)?).ok()?;
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
mod tests {
    use super::*;
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
            assert!(sound(&world.state), "{} as built", preset.name);
            for step in 0..30 {
                world.step();
                if step % 10 == 3 {
                    // Removals leave freed nodes in the tree's free list.
                    let ids = world.body_ids();
                    world.remove_body(ids[ids.len() / 2]).unwrap();
                }
                assert!(sound(&world.state), "{} step {step}", preset.name);
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
        assert!(!sound(&world.state));
    }

    /// A pyramid after some steps (many contacts) with a chain hanging beside it (joints).
    fn busy_world() -> World {
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
        assert_eq!(tables_are_sound(physics), Some(true));
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

    fn islands_of(world: &World) -> (Islands, std::collections::BTreeMap<(u32, u32), BodyIds>) {
        let physics = &world.state.physics;
        let islands = postcard::from_bytes(&postcard::to_allocvec(&physics.islands).unwrap());
        let ids = physics
            .bodies
            .iter()
            .map(|(h, rb)| {
                let bytes = postcard::to_allocvec(rb).unwrap();
                (h.into_raw_parts(), postcard::from_bytes(&bytes).unwrap())
            })
            .collect();
        (islands.unwrap(), ids)
    }

    #[test]
    fn the_islands_read_back_through_the_mirror() {
        let world = busy_world();
        let (islands, ids) = islands_of(&world);
        let dynamic = world
            .state
            .physics
            .bodies
            .iter()
            .filter(|(_, rb)| rb.is_dynamic())
            .count();
        let members: usize = islands
            .persistent
            .slots
            .iter()
            .flatten()
            .map(|i| i.bodies.len())
            .sum();
        assert_eq!(
            members, dynamic,
            "every dynamic body is in a persistent island"
        );
        let linked = islands.contact_locs.iter().filter(|l| l.0 != END).count();
        assert!(
            linked > 10,
            "the pyramid's contacts link its boxes: {linked}"
        );
        assert!(
            !islands.joint_locs.is_empty(),
            "the chain's joints link its links"
        );
        assert_eq!(islands_agree(&islands, &ids), Some(true));
    }

    #[test]
    fn islands_that_disagree_with_their_bodies_are_not_sound() {
        let world = busy_world();
        type Damage = fn(&mut Islands, &mut std::collections::BTreeMap<(u32, u32), BodyIds>);
        let damages: [Damage; 4] = [
            |_, ids| ids.values_mut().for_each(|id| id.index_in_island ^= 1),
            |_, ids| ids.values_mut().for_each(|id| id.active_set = 7),
            |i, _| {
                i.contact_locs
                    .iter_mut()
                    .for_each(|l| l.1 = l.1.wrapping_add(1))
            },
            |i, _| i.persistent_free.push(0),
        ];
        for (k, damage) in damages.iter().enumerate() {
            let (mut islands, mut ids) = islands_of(&world);
            damage(&mut islands, &mut ids);
            assert_ne!(islands_agree(&islands, &ids), Some(true), "damage {k}");
        }
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
        assert_eq!(contacts_are_sound(&world.state.physics), Some(true));

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
            let PairContacts::Rigid(rigid) = &e.weight.contacts else {
                continue;
            };
            let bytes = postcard::to_allocvec(&e.weight.contacts).unwrap();
            let skip = 1
                + postcard::to_allocvec(&rigid.manifolds).unwrap().len()
                + postcard::to_allocvec(&rigid.solver_clusters).unwrap().len();
            let tail: PairTail = postcard::from_bytes(&bytes[skip..]).unwrap();
            if let Some(Workspace::CompositeShape(_, ds)) = tail.workspace {
                detectors += ds.len();
            }
        }
        assert!(detectors > 0, "no polyline workspace read");
        assert_eq!(contacts_are_sound(&world.state.physics), Some(true));
    }
}
