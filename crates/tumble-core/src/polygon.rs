//! Polygon outlines: checking that a drawn outline can be a body, and splitting it into convex
//! pieces.
//!
//! An *outline* is a closed list of points: edge `i` runs from point `i` to point `i + 1`, and the
//! last edge runs back to point 0. It may wind either way; a positive [`signed_area`] means
//! counter-clockwise (CCW). It can become a body only if it is *simple*: no point repeats the one
//! before it, no two edges that are not neighbours cross or even touch, and it encloses some area.
//! [`check_simple`] says which of those fails, as a [`PolygonProblem`] whose `Display` text tells
//! the person who drew the outline what to fix.
//!
//! The collision engine only handles convex shapes, so [`convex_parts`] splits a simple outline
//! into convex CCW pieces that tile it exactly, so area (and with it mass) is conserved:
//!
//! 1. the outline is made CCW and exactly collinear middle points are dropped;
//! 2. it is triangulated by *ear clipping*: a corner that turns left and whose triangle holds no
//!    other corner that is reflex or straight, not even on the triangle's edges, is cut off;
//!    counting boundary points keeps collinear corners (combs, staircases) from producing
//!    degenerate or overlapping triangles;
//! 3. *Hertel–Mehlhorn*: each diagonal of the triangulation is removed in turn when the two
//!    pieces it separates have a convex union with at most `max_vertices` corners. Without a
//!    vertex limit that leaves at most four times as many pieces as the fewest possible.
//!
//! Determinism: only `+ - * /`, `sqrt` and comparisons on `f32` are used (no trigonometry), and
//! nothing depends on hash-map order, so native and wasm32 builds give the same bits. No input
//! makes these functions panic or loop forever: NaN or infinite coordinates and collinear
//! outlines come back as a [`PolygonProblem`] or as no pieces.

use std::collections::BTreeMap;

use glam::Vec2;

/// Two points whose coordinates each differ by at most this much count as the same point.
const SAME_POINT: f32 = 1.0e-6;

/// An outline whose points all lie within this fraction of its length from one line has no area.
const COLLINEAR: f32 = 1.0e-5;

/// Why an outline cannot become a body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PolygonProblem {
    /// The outline has fewer than 3 distinct points.
    TooFewPoints,
    /// A coordinate is NaN or infinite.
    NonFinite {
        /// The first point with a coordinate that is not finite.
        index: usize,
    },
    /// A point is at the same place (within 1e-6 in each coordinate) as the point before it; the
    /// point before point 0 is the last point.
    RepeatedPoint {
        /// The point that repeats its predecessor.
        index: usize,
    },
    /// Two edges that are not neighbours cross or touch. Edge `i` runs from point `i` to point
    /// `i + 1` (the last edge back to point 0).
    SelfIntersecting {
        /// The lower-numbered edge.
        edge_a: usize,
        /// The higher-numbered edge.
        edge_b: usize,
    },
    /// The outline encloses less area than asked for, or none at all (all points on one line).
    TooSmall {
        /// The absolute area it encloses.
        area: f32,
    },
}

impl std::fmt::Display for PolygonProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            PolygonProblem::TooFewPoints => {
                write!(f, "the outline needs at least 3 distinct points; add more")
            }
            PolygonProblem::NonFinite { index } => write!(
                f,
                "point {index} has a coordinate that is not a finite number; fix or remove it"
            ),
            PolygonProblem::RepeatedPoint { index: 0 } => write!(
                f,
                "the last point is at the same place as point 0; the outline closes by itself, \
                 so remove the last point"
            ),
            PolygonProblem::RepeatedPoint { index } => write!(
                f,
                "point {index} is at the same place as point {}; remove one of them",
                index - 1
            ),
            PolygonProblem::SelfIntersecting { edge_a, edge_b } => write!(
                f,
                "the outline crosses itself (edges {edge_a} and {edge_b}); move points so that \
                 no edges cross or touch"
            ),
            PolygonProblem::TooSmall { area } => write!(
                f,
                "the outline encloses too little area ({area}); draw it larger or less flat"
            ),
        }
    }
}

/// Twice the signed area of triangle `o a b`: positive when `o → a → b` turns left.
fn cross(o: Vec2, a: Vec2, b: Vec2) -> f32 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Signed area by the shoelace formula: positive for counter-clockwise outlines.
///
/// The terms are taken relative to the first point, which is the same sum exactly but loses less
/// precision far from the origin. Fewer than 3 points enclose no area.
pub fn signed_area(points: &[Vec2]) -> f32 {
    let Some((&origin, rest)) = points.split_first() else {
        return 0.0;
    };
    let mut twice = 0.0;
    for pair in rest.windows(2) {
        twice += cross(origin, pair[0], pair[1]);
    }
    twice * 0.5
}

/// Is the outline convex (allowing collinear points), in either winding?
///
/// Every corner must turn the same way or go straight on, at least one must really turn, and the
/// outline must go around once (a pentagram turns one way at every corner but goes around
/// twice). Fewer than 3 points, or any coordinate that is not finite, is not convex.
pub fn is_convex(points: &[Vec2]) -> bool {
    let n = points.len();
    if n < 3 || points.iter().any(|p| !p.is_finite()) {
        return false;
    }
    let (mut left, mut right) = (false, false);
    for i in 0..n {
        let turn = cross(points[i], points[(i + 1) % n], points[(i + 2) % n]);
        left |= turn > 0.0;
        right |= turn < 0.0;
    }
    // Both: a reflex corner. Neither: every point on one line.
    if left == right {
        return false;
    }
    // Going around once, the edge direction passes each axis exactly twice.
    sign_changes(points, |d| d.x) <= 2 && sign_changes(points, |d| d.y) <= 2
}

/// How often one component of the edge vectors changes sign around the outline (zeros skipped).
fn sign_changes(points: &[Vec2], component: impl Fn(Vec2) -> f32) -> usize {
    let n = points.len();
    let (mut first, mut last) = (None, None);
    let mut changes = 0;
    for i in 0..n {
        let d = component(points[(i + 1) % n] - points[i]);
        let positive = if d > 0.0 {
            true
        } else if d < 0.0 {
            false
        } else {
            continue;
        };
        match last {
            None => first = Some(positive),
            Some(previous) if previous != positive => changes += 1,
            Some(_) => {}
        }
        last = Some(positive);
    }
    if let (Some(first), Some(last)) = (first, last) {
        if first != last {
            changes += 1;
        }
    }
    changes
}

/// Are `a` and `b` the same point, within [`SAME_POINT`] in each coordinate?
fn same_place(a: Vec2, b: Vec2) -> bool {
    (a.x - b.x).abs() <= SAME_POINT && (a.y - b.y).abs() <= SAME_POINT
}

/// Are there three points that are pairwise not at the same place?
fn has_three_distinct(points: &[Vec2]) -> bool {
    let Some(&p0) = points.first() else {
        return false;
    };
    let Some(&p1) = points.iter().find(|&&p| !same_place(p0, p)) else {
        return false;
    };
    points
        .iter()
        .any(|&p| !same_place(p0, p) && !same_place(p1, p))
}

/// Do all points lie (nearly) on one line through the first point and the one farthest from it?
fn all_collinear(points: &[Vec2]) -> bool {
    let Some(&p0) = points.first() else {
        return true;
    };
    let far = points.iter().fold(p0, |best, &p| {
        if (p - p0).length_squared() > (best - p0).length_squared() {
            p
        } else {
            best
        }
    });
    let length = (far - p0).length();
    // Each point's distance from the line, times `length`, against a fraction of `length²`.
    let tolerance = COLLINEAR * length * length;
    points.iter().all(|&p| cross(p0, far, p).abs() <= tolerance)
}

/// Do the closed segments `a0–a1` and `b0–b1` share any point?
fn segments_touch(a0: Vec2, a1: Vec2, b0: Vec2, b1: Vec2) -> bool {
    let d1 = cross(b0, b1, a0);
    let d2 = cross(b0, b1, a1);
    let d3 = cross(a0, a1, b0);
    let d4 = cross(a0, a1, b1);
    let straddles = |p: f32, q: f32| (p > 0.0 && q < 0.0) || (p < 0.0 && q > 0.0);
    if straddles(d1, d2) && straddles(d3, d4) {
        return true;
    }
    // `r` is on the line through `p` and `q`: is it within the segment's bounding box?
    let within = |p: Vec2, q: Vec2, r: Vec2| {
        r.x >= p.x.min(q.x) && r.x <= p.x.max(q.x) && r.y >= p.y.min(q.y) && r.y <= p.y.max(q.y)
    };
    (d1 == 0.0 && within(b0, b1, a0))
        || (d2 == 0.0 && within(b0, b1, a1))
        || (d3 == 0.0 && within(a0, a1, b0))
        || (d4 == 0.0 && within(a0, a1, b1))
}

/// Checks that `points` is a simple polygon (no repeated consecutive points, no crossing or
/// touching non-adjacent edges, at least 3 points) whose absolute area is at least `min_area`.
///
/// The checks run in this order and the first failure is returned: a coordinate that is not
/// finite ([`PolygonProblem::NonFinite`]), fewer than 3 distinct points
/// ([`PolygonProblem::TooFewPoints`]), a point at the same place as the one before it
/// ([`PolygonProblem::RepeatedPoint`]), all points on one line ([`PolygonProblem::TooSmall`],
/// whatever `min_area` is), two non-adjacent edges that cross or touch, the lowest pair first
/// ([`PolygonProblem::SelfIntersecting`]), and an absolute area below `min_area`
/// ([`PolygonProblem::TooSmall`]). Takes O(n²) time.
pub fn check_simple(points: &[Vec2], min_area: f32) -> Result<(), PolygonProblem> {
    if let Some(index) = points.iter().position(|p| !p.is_finite()) {
        return Err(PolygonProblem::NonFinite { index });
    }
    if !has_three_distinct(points) {
        return Err(PolygonProblem::TooFewPoints);
    }
    let n = points.len();
    if let Some(index) = (0..n).find(|&i| same_place(points[i], points[(i + n - 1) % n])) {
        return Err(PolygonProblem::RepeatedPoint { index });
    }
    if all_collinear(points) {
        return Err(PolygonProblem::TooSmall {
            area: signed_area(points).abs(),
        });
    }
    for i in 0..n {
        // Edge `i` neighbours `i + 1` and, for edge 0, the last edge.
        let last = if i == 0 { n - 1 } else { n };
        for j in i + 2..last {
            if segments_touch(
                points[i],
                points[(i + 1) % n],
                points[j],
                points[(j + 1) % n],
            ) {
                return Err(PolygonProblem::SelfIntersecting {
                    edge_a: i,
                    edge_b: j,
                });
            }
        }
    }
    let area = signed_area(points).abs();
    if area.is_nan() || area < min_area {
        return Err(PolygonProblem::TooSmall { area });
    }
    Ok(())
}

/// Splits a simple polygon (either winding) into convex pieces, each counter-clockwise, each with
/// at most `max_vertices` vertices (>= 3) and non-degenerate; the pieces tile the polygon exactly
/// (their areas add up to |signed_area| within float error). A convex input with <=
/// max_vertices comes back as one piece (CCW).
///
/// A `max_vertices` below 3 counts as 3. Exactly collinear middle points are left out of the
/// pieces. Input that is not simple (see [`check_simple`]) still gives pieces without panicking,
/// but they need not tile it; input with a coordinate that is not finite, or with no area (all
/// points on one line, as [`check_simple`] judges it), gives no pieces. Takes O(n³) time at
/// worst.
pub fn convex_parts(points: &[Vec2], max_vertices: usize) -> Vec<Vec<Vec2>> {
    let max_vertices = max_vertices.max(3);
    // Outlines that `check_simple` calls flat would only give rounding-error slivers.
    if points.iter().any(|p| !p.is_finite()) || all_collinear(points) {
        return Vec::new();
    }
    let pts = clean_ccw(points);
    // A NaN area (from overflow) is not `> 0` either, so it gives no pieces.
    let has_area = signed_area(&pts) > 0.0;
    if pts.len() < 3 || !has_area {
        return Vec::new();
    }
    if pts.len() <= max_vertices && is_convex(&pts) {
        return vec![pts];
    }
    let triangles = ear_clip(&pts);
    merge_pieces(&pts, &triangles, max_vertices)
        .into_iter()
        .filter_map(|piece| finish_piece(&pts, &piece))
        .collect()
}

/// A counter-clockwise copy of `points` without exactly collinear middle points (which include
/// exact duplicates).
fn clean_ccw(points: &[Vec2]) -> Vec<Vec2> {
    let mut pts = points.to_vec();
    if signed_area(&pts) < 0.0 {
        pts.reverse();
    }
    drop_straight(&mut pts);
    pts
}

/// Removes, one at a time, points where the outline goes exactly straight on (or back), while
/// more than 3 points remain.
fn drop_straight(pts: &mut Vec<Vec2>) {
    while pts.len() > 3 {
        let n = pts.len();
        let Some(i) =
            (0..n).find(|&i| cross(pts[(i + n - 1) % n], pts[i], pts[(i + 1) % n]) == 0.0)
        else {
            break;
        };
        pts.remove(i);
    }
}

/// The turn at corner `i` of the ring given by `prev` and `next`: positive if it turns left.
fn turn(pts: &[Vec2], prev: &[usize], next: &[usize], i: usize) -> f32 {
    cross(pts[prev[i]], pts[i], pts[next[i]])
}

/// Is `p` inside triangle `a b c` (counter-clockwise) or on its edges?
fn in_closed_triangle(p: Vec2, a: Vec2, b: Vec2, c: Vec2) -> bool {
    cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0
}

/// Can corner `b` of the ring be clipped? It must turn left, and no other corner that is reflex
/// or straight may lie in its triangle, edges included.
fn is_ear(pts: &[Vec2], prev: &[usize], next: &[usize], b: usize) -> bool {
    let (a, c) = (prev[b], next[b]);
    let (pa, pb, pc) = (pts[a], pts[b], pts[c]);
    let turns_left = cross(pa, pb, pc) > 0.0;
    if !turns_left {
        return false;
    }
    let mut m = next[c];
    while m != a {
        if turn(pts, prev, next, m) <= 0.0 && in_closed_triangle(pts[m], pa, pb, pc) {
            return false;
        }
        m = next[m];
    }
    true
}

/// Triangulates a counter-clockwise polygon by ear clipping; returns CCW index triples.
///
/// Each round clips the first ear found going around from the lowest-numbered corner left.
///
/// For a simple polygon an ear always exists. If rounding (or input that is not simple) leaves
/// none, a straight corner is dropped (it adds no area), else the corner turning most to the
/// left is clipped anyway, else the rest is given up; every round removes a corner, so this ends.
fn ear_clip(pts: &[Vec2]) -> Vec<[usize; 3]> {
    let n = pts.len();
    let mut prev: Vec<usize> = (0..n).map(|i| (i + n - 1) % n).collect();
    let mut next: Vec<usize> = (0..n).map(|i| (i + 1) % n).collect();
    let mut triangles = Vec::with_capacity(n.saturating_sub(2));
    let mut remaining = n;
    // The lowest-numbered corner left: every search starts there. (Resuming next to the last
    // clip instead gives about 2% fewer pieces on random outlines, but other pieces for the
    // presets' polygons, and so other golden hashes.)
    let mut cursor = 0;
    while remaining > 3 {
        let mut ear = None;
        let mut b = cursor;
        for _ in 0..remaining {
            if is_ear(pts, &prev, &next, b) {
                ear = Some(b);
                break;
            }
            b = next[b];
        }
        let (b, emit) = match ear {
            Some(b) => (b, true),
            None => match fallback_corner(pts, &prev, &next, cursor, remaining) {
                Some(found) => found,
                None => return triangles,
            },
        };
        let (a, c) = (prev[b], next[b]);
        if emit {
            triangles.push([a, b, c]);
        }
        next[a] = c;
        prev[c] = a;
        remaining -= 1;
        if b == cursor {
            cursor = c;
        }
    }
    let (a, b, c) = (prev[cursor], cursor, next[cursor]);
    if cross(pts[a], pts[b], pts[c]) > 0.0 {
        triangles.push([a, b, c]);
    }
    triangles
}

/// When no ear is found: the first straight corner (to drop without a triangle, `false`), else
/// the corner turning most to the left (to clip anyway, `true`), else none.
fn fallback_corner(
    pts: &[Vec2],
    prev: &[usize],
    next: &[usize],
    start: usize,
    remaining: usize,
) -> Option<(usize, bool)> {
    let mut best: Option<(usize, f32)> = None;
    let mut b = start;
    for _ in 0..remaining {
        let t = turn(pts, prev, next, b);
        if t == 0.0 {
            return Some((b, false));
        }
        if t > 0.0 && best.is_none_or(|(_, most)| t > most) {
            best = Some((b, t));
        }
        b = next[b];
    }
    best.map(|(b, _)| (b, true))
}

/// How many corners of the CCW index polygon `piece` really turn (straight ones do not count).
fn corner_count(pts: &[Vec2], piece: &[usize]) -> usize {
    let n = piece.len();
    (0..n)
        .filter(|&k| {
            cross(
                pts[piece[(k + n - 1) % n]],
                pts[piece[k]],
                pts[piece[(k + 1) % n]],
            ) != 0.0
        })
        .count()
}

/// Hertel–Mehlhorn: removes each diagonal of the triangulation, in the order the triangles were
/// made, when the union of the two pieces it separates is convex and small enough.
///
/// A diagonal kept once stays needed: later merges only widen the angles at its ends and add
/// corners, so one pass is enough.
fn merge_pieces(pts: &[Vec2], triangles: &[[usize; 3]], max_vertices: usize) -> Vec<Vec<usize>> {
    let mut pieces: Vec<Option<Vec<usize>>> = triangles.iter().map(|t| Some(t.to_vec())).collect();
    // Union-find from triangle to the piece that now holds it.
    let mut parent: Vec<usize> = (0..triangles.len()).collect();
    let find = |parent: &[usize], mut t: usize| {
        while parent[t] != t {
            t = parent[t];
        }
        t
    };
    // Which triangle has each directed edge (ordered, so the pass does not depend on hashing).
    let mut edge_owner = BTreeMap::new();
    for (t, tri) in triangles.iter().enumerate() {
        for k in 0..3 {
            edge_owner.insert((tri[k], tri[(k + 1) % 3]), t);
        }
    }
    for (t, tri) in triangles.iter().enumerate() {
        for k in 0..3 {
            let (u, v) = (tri[k], tri[(k + 1) % 3]);
            // A diagonal is an edge whose reverse is in another triangle; visit it once.
            let Some(&s) = edge_owner.get(&(v, u)) else {
                continue;
            };
            if s <= t {
                continue;
            }
            let (pa, pb) = (find(&parent, t), find(&parent, s));
            if pa == pb {
                continue;
            }
            let (Some(a), Some(b)) = (&pieces[pa], &pieces[pb]) else {
                continue;
            };
            if let Some(union) = try_merge(pts, a, b, u, v, max_vertices) {
                pieces[pa] = Some(union);
                pieces[pb] = None;
                parent[pb] = pa;
            }
        }
    }
    pieces.into_iter().flatten().collect()
}

/// The union of CCW pieces `a` (with edge `u → v`) and `b` (with edge `v → u`), if it is convex
/// and has at most `max_vertices` corners that really turn.
fn try_merge(
    pts: &[Vec2],
    a: &[usize],
    b: &[usize],
    u: usize,
    v: usize,
    max_vertices: usize,
) -> Option<Vec<usize>> {
    let (na, nb) = (a.len(), b.len());
    let i = (0..na).find(|&i| a[i] == u && a[(i + 1) % na] == v)?;
    let j = (0..nb).find(|&j| b[j] == v && b[(j + 1) % nb] == u)?;
    // Only the corners at u and v change; each must not turn right.
    let at_u = cross(pts[a[(i + na - 1) % na]], pts[u], pts[b[(j + 2) % nb]]);
    let at_v = cross(pts[b[(j + nb - 1) % nb]], pts[v], pts[a[(i + 2) % na]]);
    let convex = at_u >= 0.0 && at_v >= 0.0;
    if !convex {
        return None;
    }
    // a from v around to u, then b's corners strictly between u and v.
    let mut union = Vec::with_capacity(na + nb.saturating_sub(2));
    union.extend((0..na).map(|k| a[(i + 1 + k) % na]));
    union.extend((2..nb).map(|k| b[(j + k) % nb]));
    (corner_count(pts, &union) <= max_vertices).then_some(union)
}

/// The points of an index piece without straight corners, if it still encloses area.
fn finish_piece(pts: &[Vec2], piece: &[usize]) -> Option<Vec<Vec2>> {
    let mut points: Vec<Vec2> = piece.iter().map(|&k| pts[k]).collect();
    drop_straight(&mut points);
    (points.len() >= 3 && signed_area(&points) > 0.0).then_some(points)
}

/// A concave L of three unit squares, at (0.5, 0.5), (1.5, 0.5) and (0.5, 1.5) from its origin:
/// area 3, more than one convex part. For the unit tests (`tests/common` has the same L).
#[cfg(test)]
pub(crate) const L_OF_THREE_UNIT_SQUARES: [[f32; 2]; 6] = [
    [0.0, 0.0],
    [2.0, 0.0],
    [2.0, 1.0],
    [1.0, 1.0],
    [1.0, 2.0],
    [0.0, 2.0],
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    fn v(points: &[[f32; 2]]) -> Vec<Vec2> {
        points.iter().map(|&p| Vec2::from(p)).collect()
    }

    /// Even-odd test: is `p` inside the outline?
    fn inside(outline: &[Vec2], p: Vec2) -> bool {
        let n = outline.len();
        let mut odd = false;
        for i in 0..n {
            let (a, b) = (outline[i], outline[(i + 1) % n]);
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
                if p.x < x {
                    odd = !odd;
                }
            }
        }
        odd
    }

    /// Do convex CCW pieces `p` and `q` overlap by more than `eps` (separating-axis test)?
    fn overlap(p: &[Vec2], q: &[Vec2], eps: f32) -> bool {
        let separated_by = |edges: &[Vec2], others: &[Vec2]| {
            (0..edges.len()).any(|k| {
                let (a, b) = (edges[k], edges[(k + 1) % edges.len()]);
                let tolerance = eps * (b - a).length();
                others.iter().all(|&o| cross(a, b, o) <= tolerance)
            })
        };
        !separated_by(p, q) && !separated_by(q, p)
    }

    /// Splits `outline` and checks everything the pieces promise: 3..=max corners, CCW, convex,
    /// corners taken from the outline, areas summing to the outline's, no two pieces overlapping,
    /// every piece inside the outline, and the same bits on a second run.
    fn assert_tiles(outline: &[Vec2], max: usize) -> Vec<Vec<Vec2>> {
        let parts = convex_parts(outline, max);
        assert!(!parts.is_empty(), "no pieces for {outline:?}");
        let extent = outline
            .iter()
            .fold(1.0f32, |m, p| m.max(p.x.abs()).max(p.y.abs()));
        for part in &parts {
            assert!(
                (3..=max.max(3)).contains(&part.len()),
                "{} vertices, max {max}: {part:?}",
                part.len()
            );
            assert!(signed_area(part) > 0.0, "not counter-clockwise: {part:?}");
            assert!(is_convex(part), "not convex: {part:?}");
            for p in part {
                assert!(outline.contains(p), "{p} is not a corner of the outline");
            }
            let centre = part.iter().copied().sum::<Vec2>() / part.len() as f32;
            assert!(
                inside(outline, centre),
                "piece outside the outline: {part:?}"
            );
        }
        let total: f32 = parts.iter().map(|p| signed_area(p)).sum();
        let want = signed_area(outline).abs();
        assert!(
            (total - want).abs() <= want * 1e-4,
            "pieces cover {total}, outline has {want}"
        );
        for (k, p) in parts.iter().enumerate() {
            for q in &parts[k + 1..] {
                assert!(!overlap(p, q, 1e-5 * extent), "{p:?} overlaps {q:?}");
            }
        }
        let again = convex_parts(outline, max);
        assert_eq!(parts, again, "not deterministic");
        parts
    }

    /// `n` (a multiple of 4) points around a circle of radius `r`, CCW, without trigonometry: the
    /// rational parametrisation ((1-t²)/(1+t²), 2t/(1+t²)) for t in [0, 1) covers a quarter, and
    /// quarter turns (x, y) → (-y, x) give the rest.
    fn circle(n: usize, r: impl Fn(usize) -> f32) -> Vec<Vec2> {
        let quarter = n / 4;
        (0..n)
            .map(|k| {
                let t = (k % quarter) as f32 / quarter as f32;
                let mut p = Vec2::new((1.0 - t * t) / (1.0 + t * t), 2.0 * t / (1.0 + t * t));
                for _ in 0..k / quarter {
                    p = Vec2::new(-p.y, p.x);
                }
                p * r(k)
            })
            .collect()
    }

    /// A comb: a 1-high bar with `teeth` teeth 1 wide and 2 high, gaps 1 wide; every gap bottom
    /// is reflex and they all lie on the line y = 1.
    fn comb(teeth: usize) -> Vec<Vec2> {
        let width = (2 * teeth - 1) as f32;
        let mut outline = vec![Vec2::new(0.0, 0.0), Vec2::new(width, 0.0)];
        for k in (0..teeth).rev() {
            let x = 2.0 * k as f32;
            outline.push(Vec2::new(x + 1.0, 3.0));
            outline.push(Vec2::new(x, 3.0));
            if k > 0 {
                outline.push(Vec2::new(x, 1.0));
                outline.push(Vec2::new(x - 1.0, 1.0));
            }
        }
        outline
    }

    /// Knuth's MMIX linear congruential generator.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as u32
        }
        fn below(&mut self, n: u32) -> u32 {
            self.next() % n
        }
        fn unit(&mut self) -> f32 {
            (self.next() >> 7) as f32 / (1u32 << 24) as f32
        }
    }

    /// Orders directions by angle from +x, counter-clockwise, without atan2: first the half-plane
    /// (upper, including +x; then lower, including -x), then the sign of the cross product.
    fn by_angle(a: Vec2, b: Vec2) -> Ordering {
        let half = |p: Vec2| u8::from(!(p.y > 0.0 || (p.y == 0.0 && p.x > 0.0)));
        half(a).cmp(&half(b)).then_with(|| {
            let c = a.x * b.y - a.y * b.x;
            if c > 0.0 {
                Ordering::Less
            } else if c < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
    }

    #[test]
    fn unit_square_has_area_one_is_convex_and_comes_back_whole() {
        let square = v(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]);
        assert_eq!(signed_area(&square), 1.0);
        assert!(is_convex(&square));
        assert_eq!(check_simple(&square, 1e-3), Ok(()));
        assert_eq!(assert_tiles(&square, 8), vec![square]);
    }

    #[test]
    fn clockwise_outline_has_negative_area_and_comes_back_counter_clockwise() {
        let ccw = v(&[[0.0, 0.0], [2.0, 0.0], [3.0, 1.0], [1.0, 3.0], [-1.0, 1.0]]);
        let cw: Vec<Vec2> = ccw.iter().rev().copied().collect();
        assert_eq!(signed_area(&cw), -signed_area(&ccw));
        assert!(signed_area(&ccw) > 0.0);
        assert!(is_convex(&cw) && is_convex(&ccw));
        assert_eq!(check_simple(&cw, 1e-3), Ok(()));
        let parts = assert_tiles(&cw, 8);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0], cw.iter().rev().copied().collect::<Vec<_>>());
    }

    #[test]
    fn collinear_points_on_edges_are_dropped_from_a_convex_piece() {
        let square = v(&[
            [0.0, 0.0],
            [1.0, 0.0],
            [2.0, 0.0],
            [2.0, 1.0],
            [2.0, 2.0],
            [1.0, 2.0],
            [0.0, 2.0],
            [0.0, 1.0],
        ]);
        assert_eq!(check_simple(&square, 1e-3), Ok(()));
        let parts = assert_tiles(&square, 4);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].len(), 4);
    }

    #[test]
    fn concave_l_shape_splits_into_convex_pieces_with_the_same_area() {
        let l = v(&L_OF_THREE_UNIT_SQUARES);
        assert!(!is_convex(&l));
        assert_eq!(check_simple(&l, 1e-3), Ok(()));
        for outline in [l.clone(), l.iter().rev().copied().collect()] {
            let parts = assert_tiles(&outline, 8);
            // One reflex corner: Hertel–Mehlhorn keeps at most two diagonals at it.
            assert!((2..=3).contains(&parts.len()), "{parts:?}");
            let total: f32 = parts.iter().map(|p| signed_area(p)).sum();
            assert_eq!(total, 3.0);
        }
    }

    #[test]
    fn ten_pointed_star_splits_into_convex_pieces() {
        let star = circle(20, |k| if k % 2 == 0 { 2.0 } else { 0.8 });
        assert!(!is_convex(&star));
        assert_eq!(check_simple(&star, 1e-3), Ok(()));
        for max in [3, 4, 8, 32] {
            let parts = assert_tiles(&star, max);
            // Ten reflex corners need at least 10 / 2 + 1 pieces.
            assert!(parts.len() >= 6, "{} pieces", parts.len());
        }
    }

    #[test]
    fn comb_with_collinear_reflex_corners_splits_into_at_least_one_piece_per_tooth() {
        for teeth in [2, 3, 10] {
            let outline = comb(teeth);
            assert_eq!(check_simple(&outline, 1e-3), Ok(()));
            assert_eq!(signed_area(&outline), (4 * teeth - 1) as f32);
            let parts = assert_tiles(&outline, 8);
            assert!(parts.len() >= teeth, "{} pieces", parts.len());
        }
    }

    #[test]
    fn comb_with_four_hundred_corners_is_split_quickly() {
        let outline = comb(100);
        assert_eq!(outline.len(), 400);
        assert_eq!(check_simple(&outline, 1e-3), Ok(()));
        let mut cw = outline.clone();
        cw.reverse();
        let parts = assert_tiles(&cw, 8);
        assert!(parts.len() >= 100);
    }

    #[test]
    fn ear_clipping_gives_n_minus_2_proper_triangles_despite_collinear_corners() {
        let mut rng = Lcg(3);
        let mut outlines = vec![comb(6), circle(20, |k| 1.0 + (k % 2) as f32)];
        for _ in 0..100 {
            // Staircases whose steps are 1 or 2 high: many corners end up in line after clips.
            let heights: Vec<f32> = (0..12).map(|_| 1.0 + rng.below(2) as f32).collect();
            let mut outline = vec![Vec2::ZERO, Vec2::new(12.0, 0.0)];
            for (i, &h) in heights.iter().enumerate().rev() {
                for p in [Vec2::new((i + 1) as f32, h), Vec2::new(i as f32, h)] {
                    if outline.last() != Some(&p) {
                        outline.push(p);
                    }
                }
            }
            outlines.push(outline);
        }
        // Point 2 is a straight corner on the diagonal of the first ear tried (at point 0):
        // clipping there would leave the three points of one line.
        let straight = v(&[[1.0, 1.0], [0.0, 0.0], [1.0, 0.0], [2.0, 0.0]]);
        assert_eq!(ear_clip(&straight).len(), 2);
        for outline in outlines {
            let pts = clean_ccw(&outline);
            let triangles = ear_clip(&pts);
            assert_eq!(triangles.len(), pts.len() - 2, "{pts:?}");
            let mut total = 0.0;
            for [a, b, c] in triangles {
                assert!(cross(pts[a], pts[b], pts[c]) > 0.0);
                total += cross(pts[a], pts[b], pts[c]) / 2.0;
            }
            let want = signed_area(&outline).abs();
            assert!((total - want).abs() <= want * 1e-5, "{total} vs {want}");
        }
    }

    #[test]
    fn bow_tie_is_self_intersecting() {
        let bow = v(&[[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]);
        assert_eq!(
            check_simple(&bow, 1e-3),
            Err(PolygonProblem::SelfIntersecting {
                edge_a: 0,
                edge_b: 2
            })
        );
        // Its area cancels out, but crossing is the problem to report.
        assert_eq!(signed_area(&bow), 0.0);
        assert!(!is_convex(&bow));
    }

    #[test]
    fn pentagram_turns_one_way_but_is_not_convex_and_crosses_itself() {
        let pentagon = circle(8, |_| 1.0);
        let pentagram: Vec<Vec2> = (0..5).map(|k| pentagon[(k * 3) % 8]).collect();
        assert!(!is_convex(&pentagram));
        assert!(matches!(
            check_simple(&pentagram, 1e-3),
            Err(PolygonProblem::SelfIntersecting { .. })
        ));
    }

    #[test]
    fn corner_touching_a_non_adjacent_edge_is_rejected() {
        // Point 3 sits on edge 0 without crossing it.
        let touching = v(&[[0.0, 0.0], [4.0, 0.0], [4.0, 3.0], [2.0, 0.0], [0.0, 3.0]]);
        assert_eq!(
            check_simple(&touching, 1e-3),
            Err(PolygonProblem::SelfIntersecting {
                edge_a: 0,
                edge_b: 2
            })
        );
        // Two corners at the same place (a pinch) touch too.
        let pinch = v(&[
            [0.0, 0.0],
            [2.0, 0.0],
            [1.0, 1.0],
            [2.0, 2.0],
            [0.0, 2.0],
            [1.0, 1.0],
        ]);
        assert_eq!(
            check_simple(&pinch, 1e-3),
            Err(PolygonProblem::SelfIntersecting {
                edge_a: 1,
                edge_b: 4
            })
        );
        // An edge folding back over its neighbour's line shows up as touching too.
        let spike = v(&[[0.0, 0.0], [2.0, 0.0], [1.0, 0.0], [1.0, 1.0]]);
        assert!(matches!(
            check_simple(&spike, 1e-3),
            Err(PolygonProblem::SelfIntersecting { .. })
        ));
    }

    #[test]
    fn repeated_point_is_reported_at_the_repeat() {
        let repeated = v(&[[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]);
        assert_eq!(
            check_simple(&repeated, 1e-3),
            Err(PolygonProblem::RepeatedPoint { index: 2 })
        );
        let nearly = v(&[[0.0, 0.0], [1.0, 0.0], [1.0 + 5e-7, 0.0], [0.0, 1.0]]);
        assert_eq!(
            check_simple(&nearly, 1e-3),
            Err(PolygonProblem::RepeatedPoint { index: 2 })
        );
        // Closing the outline by hand repeats point 0 at the end.
        let closed = v(&[[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]);
        assert_eq!(
            check_simple(&closed, 1e-3),
            Err(PolygonProblem::RepeatedPoint { index: 0 })
        );
        // Still splits: duplicates are dropped.
        assert_eq!(assert_tiles(&repeated, 8).len(), 1);
    }

    #[test]
    fn fewer_than_three_distinct_points_is_too_few() {
        for outline in [
            v(&[]),
            v(&[[1.0, 1.0]]),
            v(&[[0.0, 0.0], [1.0, 0.0]]),
            v(&[[0.0, 0.0], [1.0, 0.0], [1.0, 0.0]]),
            v(&[[2.0, 2.0]; 5]),
        ] {
            assert_eq!(
                check_simple(&outline, 0.0),
                Err(PolygonProblem::TooFewPoints)
            );
            assert!(convex_parts(&outline, 8).is_empty());
            assert!(!is_convex(&outline));
        }
    }

    #[test]
    fn collinear_outline_is_too_small_even_with_zero_min_area() {
        for outline in [
            v(&[[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]),
            v(&[[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]),
            v(&[[0.0, 0.0], [3.0, 0.0], [1.0, 0.0], [2.0, 0.0]]),
            (0..7)
                .map(|k| Vec2::new(0.1, 0.2) * k as f32 + Vec2::new(5.0, 7.0))
                .collect(),
        ] {
            match check_simple(&outline, 0.0) {
                Err(PolygonProblem::TooSmall { area }) => assert!(area < 1e-5, "{area}"),
                other => panic!("{other:?} for {outline:?}"),
            }
            assert!(!is_convex(&outline), "{outline:?}");
            assert!(convex_parts(&outline, 8).is_empty());
        }
    }

    #[test]
    fn area_below_min_area_is_too_small() {
        let tiny = v(&[[0.0, 0.0], [0.01, 0.0], [0.0, 0.01]]);
        assert_eq!(signed_area(&tiny), 5e-5);
        assert_eq!(check_simple(&tiny, 1e-5), Ok(()));
        assert_eq!(
            check_simple(&tiny, 1e-4),
            Err(PolygonProblem::TooSmall {
                area: signed_area(&tiny)
            })
        );
    }

    #[test]
    fn nan_and_infinite_coordinates_are_non_finite_and_give_no_pieces() {
        let nan = v(&[[0.0, 0.0], [f32::NAN, 1.0], [1.0, 0.0], [1.0, 1.0]]);
        assert_eq!(
            check_simple(&nan, 1e-3),
            Err(PolygonProblem::NonFinite { index: 1 })
        );
        let inf = v(&[[0.0, 0.0], [1.0, 0.0], [1.0, f32::NEG_INFINITY]]);
        assert_eq!(
            check_simple(&inf, 1e-3),
            Err(PolygonProblem::NonFinite { index: 2 })
        );
        for outline in [&nan, &inf] {
            assert!(!is_convex(outline));
            assert!(convex_parts(outline, 8).is_empty());
            let _ = signed_area(outline);
        }
        // NaN as min_area does not panic either.
        let square = v(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]);
        let _ = check_simple(&square, f32::NAN);
    }

    #[test]
    fn sixty_four_gon_respects_max_vertices() {
        let round = circle(64, |_| 3.0);
        assert!(is_convex(&round));
        assert_eq!(check_simple(&round, 1e-3), Ok(()));
        assert_eq!(assert_tiles(&round, 64), vec![round.clone()]);
        for max in [3, 4, 5, 8, 16, 63] {
            let parts = assert_tiles(&round, max);
            assert!(parts.len() > 1);
            // Each piece covers at most max - 2 of the 62 triangles of a triangulation.
            assert!(parts.len() >= 62usize.div_ceil(max - 2));
        }
        // Below 3 counts as 3.
        assert!(convex_parts(&round, 0).iter().all(|p| p.len() == 3));
    }

    #[test]
    fn every_piece_is_convex_and_counter_clockwise_for_either_winding() {
        let shapes = [
            comb(4),
            circle(20, |k| if k % 2 == 0 { 2.0 } else { 0.8 }),
            circle(16, |k| 1.0 + (k % 3) as f32),
            v(&[
                [0.0, 0.0],
                [4.0, 0.0],
                [4.0, 4.0],
                [3.0, 4.0],
                [3.0, 1.0],
                [1.0, 1.0],
                [1.0, 4.0],
                [0.0, 4.0],
            ]),
        ];
        for shape in shapes {
            let reversed: Vec<Vec2> = shape.iter().rev().copied().collect();
            for outline in [shape, reversed] {
                assert_eq!(check_simple(&outline, 1e-3), Ok(()));
                for part in convex_parts(&outline, 6) {
                    assert!(is_convex(&part) && signed_area(&part) > 0.0, "{part:?}");
                }
            }
        }
    }

    #[test]
    fn problems_read_as_sentences_that_name_the_fix() {
        let text = |p: PolygonProblem| p.to_string();
        assert_eq!(
            text(PolygonProblem::SelfIntersecting {
                edge_a: 2,
                edge_b: 5
            }),
            "the outline crosses itself (edges 2 and 5); move points so that no edges cross or \
             touch"
        );
        assert!(text(PolygonProblem::RepeatedPoint { index: 3 }).contains("point 3"));
        assert!(text(PolygonProblem::RepeatedPoint { index: 0 }).contains("last point"));
        assert!(text(PolygonProblem::NonFinite { index: 4 }).contains("point 4"));
        assert!(text(PolygonProblem::TooFewPoints).contains("3"));
        assert!(text(PolygonProblem::TooSmall { area: 0.5 }).contains("0.5"));
    }

    #[test]
    fn random_star_shaped_polygons_conserve_area_in_convex_pieces() {
        let mut rng = Lcg(0x5eed);
        let mut simple = 0;
        for round in 0..400 {
            let n = 3 + rng.below(40) as usize;
            // Integer directions, so the angle order is computed exactly.
            let mut dirs: Vec<Vec2> = (0..n)
                .map(|_| {
                    Vec2::new(
                        rng.below(2001) as f32 - 1000.0,
                        rng.below(2001) as f32 - 1000.0,
                    )
                })
                .filter(|d| *d != Vec2::ZERO)
                .collect();
            dirs.sort_by(|&a, &b| by_angle(a, b));
            dirs.dedup_by(|a, b| by_angle(*a, *b) == Ordering::Equal);
            let mut outline: Vec<Vec2> = dirs
                .iter()
                .map(|&d| d * ((0.2 + 1.8 * rng.unit()) / d.length()))
                .collect();
            if round % 2 == 1 {
                outline.reverse();
            }
            let max = 3 + rng.below(8) as usize;
            if check_simple(&outline, 1e-3).is_ok() {
                simple += 1;
                assert_tiles(&outline, max);
            } else {
                let _ = convex_parts(&outline, max);
            }
        }
        assert!(simple > 300, "only {simple} of 400 outlines were simple");
    }

    #[test]
    fn random_staircases_full_of_collinear_corners_conserve_area() {
        let mut rng = Lcg(7);
        for round in 0..300 {
            let width = 2 + rng.below(25) as usize;
            let heights: Vec<f32> = (0..width).map(|_| 1.0 + rng.below(5) as f32).collect();
            let mut outline = vec![Vec2::ZERO, Vec2::new(width as f32, 0.0)];
            for (i, &h) in heights.iter().enumerate().rev() {
                for p in [Vec2::new((i + 1) as f32, h), Vec2::new(i as f32, h)] {
                    if outline.last() != Some(&p) {
                        outline.push(p);
                    }
                }
            }
            if round % 2 == 1 {
                outline.reverse();
            }
            assert_eq!(check_simple(&outline, 1e-3), Ok(()), "{outline:?}");
            assert_eq!(signed_area(&outline).abs(), heights.iter().sum::<f32>());
            assert_tiles(&outline, 3 + rng.below(6) as usize);
        }
    }

    #[test]
    fn garbage_input_never_panics() {
        let mut rng = Lcg(99);
        let mut inputs = vec![
            v(&[[1e30, 1e30], [-1e30, 1e30], [0.0, -1e30], [1e30, -1e30]]),
            v(&[[3e38, 0.0], [-3e38, 0.0], [0.0, 3e38]]),
            v(&[[1e-30, 0.0], [0.0, 1e-30], [-1e-30, 0.0]]),
            v(&[[f32::INFINITY, 0.0], [0.0, 1.0], [1.0, 0.0]]),
            v(&[[0.0, 0.0], [1.0, 0.0], [0.0, 0.0], [1.0, 0.0]]),
            // A square traced twice.
            v(&[
                [0.0, 0.0],
                [1.0, 0.0],
                [1.0, 1.0],
                [0.0, 1.0],
                [0.0, 0.0],
                [1.0, 0.0],
                [1.0, 1.0],
                [0.0, 1.0],
            ]),
        ];
        for _ in 0..300 {
            let n = rng.below(30) as usize;
            inputs.push(
                (0..n)
                    .map(|_| Vec2::new(rng.below(7) as f32, rng.below(7) as f32))
                    .collect(),
            );
        }
        for (k, outline) in inputs.iter().enumerate() {
            let max = k % 10;
            let _ = signed_area(outline);
            let _ = is_convex(outline);
            let _ = check_simple(outline, 1e-3);
            for part in convex_parts(outline, max) {
                assert!((3..=max.max(3)).contains(&part.len()));
                assert!(signed_area(&part) > 0.0);
            }
        }
        // A square traced twice turns left everywhere but is not convex.
        assert!(!is_convex(&inputs[5]));
    }
}
