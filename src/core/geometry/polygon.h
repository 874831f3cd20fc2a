// Planar polygon measures in DICOM patient coordinates (mm): area, centroid
// and the part of a polygon on one side of a sagittal plane x = const.
// Pure functions; a degenerate polygon (fewer than 3 points, zero area) is a
// value, never an error.
#pragma once

#include <vector>

#include "core/structure_set.h"

namespace roiname::geometry {

struct Vector3 {
  double x = 0;
  double y = 0;
  double z = 0;
};

// Measures of one closed planar polygon.
struct PolygonMeasures {
  double area = 0;   // mm², always >= 0
  Point3 centroid;   // area centroid; the vertex mean when the area is 0
  Vector3 normal;    // unit normal by the right-hand rule over the vertex order; zero when degenerate
  double min_x = 0;  // extent of the vertices in x
  double max_x = 0;
};

// Area, centroid and normal of the closed polygon through `points` (the last
// point joins the first; a repeated closing point is harmless). Uses
// Newell's method, so the polygon may lie in any plane, not only axial.
// Fewer than 3 points or collinear points give area 0.
PolygonMeasures measure_polygon(const std::vector<Point3>& points);

// The area of the polygon's part with x > `plane_x` (patient left of the
// sagittal plane), in mm². Clips the polygon by the half-space
// (Sutherland–Hodgman); works in any contour plane.
double area_left_of(const std::vector<Point3>& points, double plane_x);

// Whether `point` lies inside the polygon, both projected on the plane
// perpendicular to the largest component of `normal` (even-odd rule).
bool polygon_contains(const std::vector<Point3>& polygon, const Vector3& normal, const Point3& point);

}  // namespace roiname::geometry
