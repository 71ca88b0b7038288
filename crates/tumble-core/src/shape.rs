//! Shapes a body can have, as a person writes them in a scene, and how each becomes rapier colliders.

use glam::Vec2;
use rapier2d::parry::shape::ConvexPolygon;
use rapier2d::prelude::{ColliderBuilder, SharedShape};
use serde::{Deserialize, Serialize};

use crate::error::{LimitKind, TumbleError};
use crate::limits::{MAX_CONVEX_VERTICES, MAX_POLYGON_VERTICES, MAX_POLYLINE_VERTICES, MIN_SIZE};
use crate::polygon;
use crate::validate::Validator;

/// The shape of a body, in the body's own frame (centred on the body's position).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum ShapeDesc {
    /// A disc.
    Circle {
        /// Radius in metres.
        radius: f32,
    },
    /// A rectangle, optionally with rounded corners.
    Box {
        /// Full width in metres.
        width: f32,
        /// Full height in metres.
        height: f32,
        /// Radius of the rounded corners, 0 for sharp ones; less than half the smaller side.
        #[serde(default, skip_serializing_if = "is_zero")]
        corner_radius: f32,
    },
    /// A horizontal pill: a rectangle of `length` × `2·radius` with half-discs at both ends.
    Capsule {
        /// Distance between the centres of the two end caps.
        length: f32,
        /// Radius of the end caps (half the pill's thickness).
        radius: f32,
    },
    /// A simple polygon, convex or concave; concave outlines are split into convex parts.
    Polygon {
        /// The outline, in order (either winding), without repeating the first point.
        points: Vec<[f32; 2]>,
    },
    /// A line segment, for static or kinematic terrain.
    Segment {
        /// One end.
        a: [f32; 2],
        /// The other end.
        b: [f32; 2],
    },
    /// A chain of segments, for static or kinematic terrain.
    Polyline {
        /// The vertices in order.
        points: Vec<[f32; 2]>,
        /// Whether the last vertex connects back to the first.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        closed: bool,
    },
}

fn is_zero(v: &f32) -> bool {
    *v == 0.0
}

/// The smallest polygon area accepted, in m².
pub const MIN_POLYGON_AREA: f32 = 1.0e-4;

impl ShapeDesc {
    /// Whether the shape has area (so mass): segments and polylines do not.
    pub fn is_solid(&self) -> bool {
        !matches!(self, ShapeDesc::Segment { .. } | ShapeDesc::Polyline { .. })
    }

    /// Checks every number and the polygon's outline; `path` names the shape, e.g. `bodies[3].shape`.
    pub(crate) fn validate(&self, v: Validator, path: &str) -> Result<(), TumbleError> {
        match self {
            ShapeDesc::Circle { radius } => {
                v.size(&format!("{path}.radius"), *radius)?;
            }
            ShapeDesc::Box {
                width,
                height,
                corner_radius,
            } => {
                v.size(&format!("{path}.width"), *width)?;
                v.size(&format!("{path}.height"), *height)?;
                let cr_path = format!("{path}.cornerRadius");
                v.finite(&cr_path, *corner_radius)?;
                let max = width.min(*height) / 2.0 - MIN_SIZE;
                if *corner_radius < 0.0 || *corner_radius > max {
                    return Err(v.error(
                        &cr_path,
                        format!(
                            "must be between 0 and {max} (less than half the smaller side), got {corner_radius}"
                        ),
                    ));
                }
            }
            ShapeDesc::Capsule { length, radius } => {
                v.size(&format!("{path}.length"), *length)?;
                v.size(&format!("{path}.radius"), *radius)?;
            }
            ShapeDesc::Polygon { points } => {
                let pts_path = format!("{path}.points");
                if points.len() > MAX_POLYGON_VERTICES {
                    return Err(TumbleError::Limit {
                        kind: LimitKind::Vertices,
                        path: pts_path,
                        message: format!(
                            "a polygon has at most {MAX_POLYGON_VERTICES} points, got {}",
                            points.len()
                        ),
                    });
                }
                for (i, p) in points.iter().enumerate() {
                    v.point(&format!("{pts_path}[{i}]"), *p)?;
                }
                let outline = to_vec2(points);
                polygon::check_simple(&outline, MIN_POLYGON_AREA)
                    .map_err(|problem| v.error(&pts_path, problem.to_string()))?;
            }
            ShapeDesc::Segment { a, b } => {
                v.point(&format!("{path}.a"), *a)?;
                v.point(&format!("{path}.b"), *b)?;
                if Vec2::from(*a).distance(Vec2::from(*b)) < MIN_SIZE {
                    return Err(v.error(path, "the segment's ends must be apart"));
                }
            }
            ShapeDesc::Polyline { points, .. } => {
                let pts_path = format!("{path}.points");
                if points.len() > MAX_POLYLINE_VERTICES {
                    return Err(TumbleError::Limit {
                        kind: LimitKind::Vertices,
                        path: pts_path,
                        message: format!(
                            "a polyline has at most {MAX_POLYLINE_VERTICES} points, got {}",
                            points.len()
                        ),
                    });
                }
                if points.len() < 2 {
                    return Err(v.error(
                        &pts_path,
                        format!("a polyline needs at least 2 points, got {}", points.len()),
                    ));
                }
                for (i, p) in points.iter().enumerate() {
                    v.point(&format!("{pts_path}[{i}]"), *p)?;
                }
            }
        }
        Ok(())
    }

    /// The colliders that make up this shape (more than one for a concave polygon).
    ///
    /// Only call on a validated shape.
    pub(crate) fn colliders(&self) -> Vec<ColliderBuilder> {
        match self {
            ShapeDesc::Circle { radius } => vec![ColliderBuilder::ball(*radius)],
            ShapeDesc::Box {
                width,
                height,
                corner_radius,
            } => {
                let (hx, hy) = (width / 2.0, height / 2.0);
                if *corner_radius > 0.0 {
                    vec![ColliderBuilder::round_cuboid(
                        hx - corner_radius,
                        hy - corner_radius,
                        *corner_radius,
                    )]
                } else {
                    vec![ColliderBuilder::cuboid(hx, hy)]
                }
            }
            ShapeDesc::Capsule { length, radius } => {
                vec![ColliderBuilder::capsule_x(length / 2.0, *radius)]
            }
            ShapeDesc::Polygon { points } => {
                polygon::convex_parts(&to_vec2(points), MAX_CONVEX_VERTICES)
                    .into_iter()
                    .filter_map(convex_part)
                    .collect()
            }
            ShapeDesc::Segment { a, b } => {
                vec![ColliderBuilder::segment(Vec2::from(*a), Vec2::from(*b))]
            }
            ShapeDesc::Polyline { points, closed } => {
                let vertices = to_vec2(points);
                let n = vertices.len() as u32;
                let indices = closed.then(|| (0..n).map(|i| [i, (i + 1) % n]).collect());
                vec![ColliderBuilder::polyline(vertices, indices)]
            }
        }
    }

    /// Appends the vertices a renderer draws (polygon outline, polyline or segment points) as
    /// `x, y` pairs; other shapes have none.
    pub(crate) fn push_vertices(&self, out: &mut Vec<f32>) {
        match self {
            ShapeDesc::Polygon { points } | ShapeDesc::Polyline { points, .. } => {
                out.extend(points.iter().flatten())
            }
            ShapeDesc::Segment { a, b } => out.extend(a.iter().chain(b)),
            _ => {}
        }
    }
}

/// A collider for one convex CCW part of a polygon, with exactly its points.
///
/// Not parry's hull: it merges edges within about 1.5 degrees of each other, which shaves area
/// off gently curved outlines and turns a thin sliver between two larger parts into no shape at
/// all, so mass went missing (0.06-1% of drawn outlines). The parts are convex and CCW by
/// construction (`polygon::convex_parts`); a degenerate one (no area) is skipped.
fn convex_part(part: Vec<Vec2>) -> Option<ColliderBuilder> {
    ConvexPolygon::from_convex_polyline_unmodified(part)
        .map(|polygon| ColliderBuilder::new(SharedShape::new(polygon)))
}

fn to_vec2(points: &[[f32; 2]]) -> Vec<Vec2> {
    points.iter().copied().map(Vec2::from).collect()
}

#[cfg(test)]
mod tests {
    use crate::{BodyDesc, ShapeDesc, World};

    /// A wavy outline whose ear-clipping leaves a sliver part that parry's hull rejects.
    fn wobble(n: usize) -> Vec<[f32; 2]> {
        (0..n)
            .map(|i| {
                let t = i as f32 / n as f32 * std::f32::consts::TAU;
                let r = 1.0 + 0.3 * (3.0 * t).sin();
                [r * t.cos(), r * t.sin()]
            })
            .collect()
    }

    #[test]
    fn concave_polygons_keep_their_whole_area_as_mass() {
        for n in [16, 64, 128] {
            let points = wobble(n);
            let area = crate::polygon::signed_area(&super::to_vec2(&points));
            let mut world = World::new();
            let id = world
                .spawn(&BodyDesc::new(ShapeDesc::Polygon { points }, [0.0, 0.0]))
                .unwrap();
            let mass = world.body_mass(id).unwrap();
            // Density 1: mass equals area. With parry's hull, 64 points lost 0.06% and 128 points
            // 0.12% (a sliver part dropped whole).
            assert!(
                (mass / area - 1.0).abs() < 1e-4,
                "{n} points: area {area}, mass {mass}"
            );
        }
    }
}
