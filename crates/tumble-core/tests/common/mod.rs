//! Shapes more than one integration test builds.

use tumble_core::ShapeDesc;

/// A concave L of three unit squares, at (0.5, 0.5), (1.5, 0.5) and (0.5, 1.5) from its origin:
/// area 3, centroid (5/6, 5/6), more than one convex part.
pub fn l_of_three_unit_squares() -> ShapeDesc {
    ShapeDesc::Polygon {
        points: vec![
            [0.0, 0.0],
            [2.0, 0.0],
            [2.0, 1.0],
            [1.0, 1.0],
            [1.0, 2.0],
            [0.0, 2.0],
        ],
    }
}
