// The shape of one ROI from its contours: volume-weighted centroid, extent
// in x, and the fraction of its volume on the patient's left of a sagittal
// plane. Pure; bad or empty contours give an empty measure, never an error.
#pragma once

#include <vector>

#include "core/geometry/polygon.h"
#include "core/structure_set.h"

namespace roiname::geometry {

// One closed planar contour as used in the measure.
struct SlicePolygon {
  std::vector<Point3> points;
  double area = 0;    // mm²
  Point3 centroid;    // of the polygon alone
  bool hole = false;  // inside an odd number of other contours of its slice: subtracted
};

// All closed contours of an ROI in one plane.
struct RoiSlice {
  double position = 0;   // along the stacking axis (z for axial contours), mm
  double thickness = 0;  // mm: half the gaps to the neighbouring slices (see measure_roi)
  double min_x = 0;      // extent of the slice's vertices in x
  double max_x = 0;
  double area = 0;  // outer areas minus holes, mm²
  std::vector<SlicePolygon> polygons;
};

struct RoiGeometry {
  bool has_closed_contours = false;  // at least one closed planar contour with area > 0
  bool has_points = false;           // POINT (or other non-closed) contours only
  double volume = 0;                 // mm³ (sum of slice area × slice thickness)
  Point3 centroid;                   // volume-weighted; the point mean for POINT ROIs
  double min_x = 0;                  // extent in x of all vertices
  double max_x = 0;
  double min_z = 0;  // extent in z of all vertices
  double max_z = 0;
  Vector3 stacking_axis{0, 0, 1};  // unit normal shared by the slices
  std::vector<RoiSlice> slices;    // sorted by position
};

// Measures an ROI from its contours. CLOSED_PLANAR contours (and contours
// with an empty geometric type and >= 3 points) are grouped into slices by
// their position along the common normal (0.01 mm); a contour inside an odd
// number of others on its slice is a hole. Slice thickness is half the sum
// of the gaps to the neighbouring slices, each gap capped at 1.5 × the median
// gap (so separate parts of an ROI do not weigh the slices next to the gap);
// a lone slice gets thickness 1. POINT and open contours only count when the
// ROI has no closed contour (centroid = mean of their points).
RoiGeometry measure_roi(const std::vector<Contour>& contours);

// The share (0..1) of the ROI's volume with x > `plane_x`, from the clipped
// slice polygons; 0 when the ROI has no volume (POINT ROIs: share of points).
double volume_fraction_left_of(const RoiGeometry& roi, double plane_x);

}  // namespace roiname::geometry
