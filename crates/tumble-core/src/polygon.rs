//! Polygon outlines: checking that one is simple, and splitting it into convex parts.
//!
//! rapier collides convex shapes, but a person drawing an outline draws whatever they like. A
//! simple polygon (no crossing edges) is triangulated by ear clipping and the triangles are merged
//! back into as few convex pieces as possible (Hertel–Mehlhorn), so the pieces tile the outline
//! exactly and its area, and so its mass, is preserved.
//!
//! Only `+ - * /` and comparisons are used: no trigonometry, so the result is bit-identical on
//! every platform, and nothing depends on hash-map order.

use glam::Vec2;

/// Why an outline cannot become a body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PolygonProblem {
    /// Fewer than three points.
    TooFewPoints,
    /// A coordinate is NaN or infinite.
    NonFinite {
        /// The point with the bad coordinate.
        index: usize,
    },
    /// A point repeats the one before it.
    RepeatedPoint {
        /// The repeated point.
        index: usize,
    },
    /// Two edges that are not neighbours cross or touch. Edge `i` runs from point `i` to `i + 1`.
    SelfIntersecting {
        /// One edge.
        edge_a: usize,
        /// The other edge.
        edge_b: usize,
    },
    /// The outline encloses (almost) no area.
    TooSmall {
        /// Its area in m².
        area: f32,
    },
}

impl std::fmt::Display for PolygonProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolygonProblem::TooFewPoints => write!(f, "an outline needs at least 3 points"),
            PolygonProblem::NonFinite { index } => {
                write!(f, "point {index} is not a finite number")
            }
            PolygonProblem::RepeatedPoint { index } => {
                write!(f, "point {index} repeats the point before it; remove it")
            }
            PolygonProblem::SelfIntersecting { edge_a, edge_b } => write!(
                f,
                "the outline crosses itself (edges {edge_a} and {edge_b}); draw it without crossings"
            ),
            PolygonProblem::TooSmall { area } => {
                write!(f, "the outline encloses almost no area ({area} m²); draw it larger")
            }
        }
    }
}

/// Signed area by the shoelace formula: positive for counter-clockwise outlines.
pub fn signed_area(points: &[Vec2]) -> f32 {
    let n = points.len();
    let mut twice = 0.0;
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        twice += a.x * b.y - b.x * a.y;
    }
    twice / 2.0
}

fn cross(o: Vec2, a: Vec2, b: Vec2) -> f32 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Is the outline convex (collinear points allowed), in either winding?
pub fn is_convex(points: &[Vec2]) -> bool {
    let n = points.len();
    if n < 3 {
        return false;
    }
    let (mut pos, mut neg) = (false, false);
    for i in 0..n {
        let c = cross(points[i], points[(i + 1) % n], points[(i + 2) % n]);
        pos |= c > 0.0;
        neg |= c < 0.0;
    }
    !(pos && neg)
}

/// Do closed segments `a0-a1` and `b0-b1` share any point?
fn segments_touch(a0: Vec2, a1: Vec2, b0: Vec2, b1: Vec2) -> bool {
    let d1 = cross(b0, b1, a0);
    let d2 = cross(b0, b1, a1);
    let d3 = cross(a0, a1, b0);
    let d4 = cross(a0, a1, b1);
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    let on = |p: Vec2, q: Vec2, r: Vec2| {
        r.x >= p.x.min(q.x) && r.x <= p.x.max(q.x) && r.y >= p.y.min(q.y) && r.y <= p.y.max(q.y)
    };
    (d1 == 0.0 && on(b0, b1, a0))
        || (d2 == 0.0 && on(b0, b1, a1))
        || (d3 == 0.0 && on(a0, a1, b0))
        || (d4 == 0.0 && on(a0, a1, b1))
}

/// Checks that `points` is a simple polygon with at least `min_area` of area.
pub fn check_simple(points: &[Vec2], min_area: f32) -> Result<(), PolygonProblem> {
    let n = points.len();
    if let Some(index) = points.iter().position(|p| !p.is_finite()) {
        return Err(PolygonProblem::NonFinite { index });
    }
    if n < 3 {
        return Err(PolygonProblem::TooFewPoints);
    }
    for i in 0..n {
        if points[i].distance_squared(points[(i + n - 1) % n]) <= 1.0e-12 {
            return Err(PolygonProblem::RepeatedPoint { index: i });
        }
    }
    for i in 0..n {
        for j in i + 1..n {
            let adjacent = j == i + 1 || (i == 0 && j == n - 1);
            if adjacent {
                continue;
            }
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

/// Counter-clockwise copy of `points` without exactly collinear middle points.
fn clean_ccw(points: &[Vec2]) -> Vec<Vec2> {
    let mut pts: Vec<Vec2> = points.to_vec();
    if signed_area(&pts) < 0.0 {
        pts.reverse();
    }
    let mut changed = true;
    while changed && pts.len() > 3 {
        changed = false;
        let n = pts.len();
        for i in 0..n {
            let (prev, next) = (pts[(i + n - 1) % n], pts[(i + 1) % n]);
            if cross(prev, pts[i], next) == 0.0 {
                pts.remove(i);
                changed = true;
                break;
            }
        }
    }
    pts
}

/// Is `p` inside or on triangle `a b c` (counter-clockwise)?
fn in_triangle(p: Vec2, a: Vec2, b: Vec2, c: Vec2) -> bool {
    cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0
}

/// Triangulates a counter-clockwise simple polygon by ear clipping; returns index triples.
fn triangulate(pts: &[Vec2]) -> Vec<[usize; 3]> {
    let mut remaining: Vec<usize> = (0..pts.len()).collect();
    let mut triangles = Vec::with_capacity(pts.len().saturating_sub(2));
    while remaining.len() > 3 {
        let n = remaining.len();
        let mut clipped = false;
        for k in 0..n {
            let (ia, ib, ic) = (
                remaining[(k + n - 1) % n],
                remaining[k],
                remaining[(k + 1) % n],
            );
            let (a, b, c) = (pts[ia], pts[ib], pts[ic]);
            if cross(a, b, c) <= 0.0 {
                continue;
            }
            let blocked = remaining.iter().any(|&m| {
                m != ia && m != ib && m != ic && in_triangle(pts[m], a, b, c)
                    // A vertex equal to a corner (a pinch) does not block.
                    && pts[m] != a && pts[m] != b && pts[m] != c
            });
            if !blocked {
                triangles.push([ia, ib, ic]);
                remaining.remove(k);
                clipped = true;
                break;
            }
        }
        if !clipped {
            // Only reachable through rounding on nearly degenerate input: clip the most convex
            // corner so the loop always ends.
            let k = (0..n)
                .max_by(|&x, &y| {
                    let c = |k: usize| {
                        cross(
                            pts[remaining[(k + n - 1) % n]],
                            pts[remaining[k]],
                            pts[remaining[(k + 1) % n]],
                        )
                    };
                    c(x).total_cmp(&c(y))
                })
                .unwrap_or(0);
            triangles.push([
                remaining[(k + n - 1) % n],
                remaining[k],
                remaining[(k + 1) % n],
            ]);
            remaining.remove(k);
        }
    }
    if remaining.len() == 3 {
        triangles.push([remaining[0], remaining[1], remaining[2]]);
    }
    triangles
}

/// Splits a simple polygon (either winding) into convex counter-clockwise pieces of at most
/// `max_vertices` vertices each, tiling it exactly. A convex outline that fits comes back whole.
pub fn convex_parts(points: &[Vec2], max_vertices: usize) -> Vec<Vec<Vec2>> {
    let max_vertices = max_vertices.max(3);
    let pts = clean_ccw(points);
    if pts.len() < 3 {
        return Vec::new();
    }
    if is_convex(&pts) && pts.len() <= max_vertices {
        return vec![pts];
    }
    // Pieces as index lists, counter-clockwise.
    let mut pieces: Vec<Vec<usize>> = triangulate(&pts).into_iter().map(|t| t.to_vec()).collect();
    // Hertel–Mehlhorn: merge neighbours across a shared diagonal while the union stays convex.
    let mut merged = true;
    while merged {
        merged = false;
        'search: for i in 0..pieces.len() {
            for j in i + 1..pieces.len() {
                if let Some(union) = merge(&pieces[i], &pieces[j], &pts, max_vertices) {
                    pieces[i] = union;
                    pieces.remove(j);
                    merged = true;
                    break 'search;
                }
            }
        }
    }
    pieces
        .into_iter()
        .map(|piece| piece.into_iter().map(|i| pts[i]).collect())
        .collect()
}

/// The union of two counter-clockwise pieces sharing an edge, if it is convex and small enough.
fn merge(a: &[usize], b: &[usize], pts: &[Vec2], max_vertices: usize) -> Option<Vec<usize>> {
    if a.len() + b.len() - 2 > max_vertices {
        return None;
    }
    let (na, nb) = (a.len(), b.len());
    for i in 0..na {
        let (u, v) = (a[i], a[(i + 1) % na]);
        // In b the shared edge runs the other way: v then u.
        let Some(j) = (0..nb).find(|&j| b[j] == v && b[(j + 1) % nb] == u) else {
            continue;
        };
        let mut union = Vec::with_capacity(na + nb - 2);
        // a from v around to u, then b's vertices strictly between u and v.
        for k in 0..na {
            union.push(a[(i + 1 + k) % na]);
        }
        for k in 2..nb {
            union.push(b[(j + k) % nb]);
        }
        let polygon: Vec<Vec2> = union.iter().map(|&k| pts[k]).collect();
        let convex = (0..polygon.len()).all(|k| {
            let n = polygon.len();
            cross(polygon[k], polygon[(k + 1) % n], polygon[(k + 2) % n]) >= 0.0
        });
        return convex.then_some(union);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(points: &[[f32; 2]]) -> Vec<Vec2> {
        points.iter().map(|&p| Vec2::from(p)).collect()
    }

    fn assert_tiles(outline: &[Vec2], max: usize) -> Vec<Vec<Vec2>> {
        let parts = convex_parts(outline, max);
        let total: f32 = parts.iter().map(|p| signed_area(p)).sum();
        let want = signed_area(outline).abs();
        assert!(
            (total - want).abs() <= want * 1e-4,
            "area {total} vs {want}"
        );
        for part in &parts {
            assert!(
                part.len() >= 3 && part.len() <= max,
                "{} vertices",
                part.len()
            );
            assert!(signed_area(part) > 0.0, "counter-clockwise");
            assert!(is_convex(part), "{part:?}");
        }
        parts
    }

    #[test]
    fn a_square_is_one_piece_in_either_winding() {
        let square = v(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]);
        assert_eq!(signed_area(&square), 1.0);
        assert_eq!(assert_tiles(&square, 8).len(), 1);
        let mut cw = square.clone();
        cw.reverse();
        assert_eq!(signed_area(&cw), -1.0);
        assert_eq!(assert_tiles(&cw, 8).len(), 1);
    }

    #[test]
    fn an_l_shape_splits_into_two_convex_pieces() {
        let l = v(&[
            [0.0, 0.0],
            [2.0, 0.0],
            [2.0, 1.0],
            [1.0, 1.0],
            [1.0, 2.0],
            [0.0, 2.0],
        ]);
        assert!(!is_convex(&l));
        check_simple(&l, 1e-4).unwrap();
        assert_eq!(assert_tiles(&l, 32).len(), 2);
    }

    #[test]
    fn a_star_and_a_comb_tile_exactly() {
        let mut star = Vec::new();
        // Ten points alternating radius 2 and 0.8, placed without trig via a rational circle.
        for k in 0..10 {
            let t = -1.0 + 2.0 * k as f32 / 10.0;
            let (c, s) = ((1.0 - t * t) / (1.0 + t * t), 2.0 * t / (1.0 + t * t));
            let r = if k % 2 == 0 { 2.0 } else { 0.8 };
            star.push(Vec2::new(r * c, r * s));
        }
        // The rational parametrisation only covers the right half-plane for t in [-1, 1): mirror
        // it into a proper star by sorting around the origin is unnecessary, it is already simple.
        check_simple(&star, 1e-4).unwrap();
        assert_tiles(&star, 32);
        let mut comb = vec![Vec2::new(0.0, 0.0), Vec2::new(10.0, 0.0)];
        for tooth in (0..5).rev() {
            let x = tooth as f32 * 2.0;
            comb.extend([
                Vec2::new(x + 2.0, 3.0),
                Vec2::new(x + 1.5, 3.0),
                Vec2::new(x + 1.5, 1.0),
                Vec2::new(x + 0.5, 1.0),
            ]);
        }
        comb.pop();
        comb.push(Vec2::new(0.0, 3.0));
        check_simple(&comb, 1e-4).unwrap();
        assert!(assert_tiles(&comb, 32).len() >= 5);
    }

    #[test]
    fn a_bow_tie_is_self_intersecting() {
        let bow = v(&[[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]);
        assert!(matches!(
            check_simple(&bow, 1e-4),
            Err(PolygonProblem::SelfIntersecting { .. })
        ));
    }

    #[test]
    fn a_vertex_touching_another_edge_is_rejected() {
        let pinch = v(&[[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [1.0, 0.0], [0.0, 2.0]]);
        assert!(matches!(
            check_simple(&pinch, 1e-4),
            Err(PolygonProblem::SelfIntersecting { .. })
        ));
    }

    #[test]
    fn repeated_collinear_nan_and_short_outlines_are_rejected() {
        let repeated = v(&[[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]);
        assert_eq!(
            check_simple(&repeated, 1e-4),
            Err(PolygonProblem::RepeatedPoint { index: 2 })
        );
        let line = v(&[[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]);
        assert!(matches!(
            check_simple(&line, 1e-4),
            Err(PolygonProblem::SelfIntersecting { .. }) | Err(PolygonProblem::TooSmall { .. })
        ));
        let nan = v(&[[0.0, 0.0], [f32::NAN, 1.0], [1.0, 0.0]]);
        assert_eq!(
            check_simple(&nan, 1e-4),
            Err(PolygonProblem::NonFinite { index: 1 })
        );
        assert_eq!(
            check_simple(&v(&[[0.0, 0.0], [1.0, 0.0]]), 1e-4),
            Err(PolygonProblem::TooFewPoints)
        );
        let tiny = v(&[[0.0, 0.0], [0.001, 0.0], [0.0, 0.001]]);
        assert!(matches!(
            check_simple(&tiny, 1e-4),
            Err(PolygonProblem::TooSmall { .. })
        ));
    }

    #[test]
    fn a_big_convex_outline_is_split_to_respect_the_vertex_limit() {
        let mut circle = Vec::new();
        for k in 0..64 {
            let t = -1.0 + 2.0 * k as f32 / 64.0;
            circle.push(Vec2::new(
                (1.0 - t * t) / (1.0 + t * t),
                2.0 * t / (1.0 + t * t),
            ));
        }
        check_simple(&circle, 1e-4).unwrap();
        let parts = assert_tiles(&circle, 32);
        assert!(parts.len() >= 3);
    }

    #[test]
    fn random_star_shaped_polygons_tile_exactly() {
        let mut seed: u32 = 12345;
        let mut rand = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) as f32 / (1u32 << 24) as f32
        };
        let mut checked = 0;
        for _ in 0..200 {
            let n = 3 + (rand() * 30.0) as usize;
            // Points at increasing rational-circle parameter (so angularly sorted) and random radius.
            let mut outline = Vec::new();
            for k in 0..n {
                let t = -0.95 + 1.9 * k as f32 / n as f32;
                let r = 0.5 + rand() * 2.0;
                outline.push(Vec2::new(
                    r * (1.0 - t * t) / (1.0 + t * t),
                    r * 2.0 * t / (1.0 + t * t),
                ));
            }
            outline.push(Vec2::new(-0.3, 0.0));
            if check_simple(&outline, 1e-4).is_ok() {
                assert_tiles(&outline, 8);
                checked += 1;
            }
        }
        assert!(checked > 150, "only {checked} outlines were simple");
    }
}
