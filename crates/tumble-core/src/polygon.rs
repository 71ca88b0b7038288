//! TEMPORARY STUB (being replaced by the real module).
#![allow(missing_docs, unused)]
use glam::Vec2;
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PolygonProblem {
    TooFewPoints,
}
impl std::fmt::Display for PolygonProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad")
    }
}
pub fn check_simple(points: &[Vec2], min_area: f32) -> Result<(), PolygonProblem> {
    if points.len() < 3 {
        Err(PolygonProblem::TooFewPoints)
    } else {
        Ok(())
    }
}
pub fn convex_parts(points: &[Vec2], max_vertices: usize) -> Vec<Vec<Vec2>> {
    vec![points.to_vec()]
}
