#include "core/geometry/roi_geometry.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace roiname::geometry {
namespace {

bool is_closed(const Contour& contour) {
  return contour.geometric_type == "CLOSED_PLANAR" ||
         (contour.geometric_type.empty() && contour.points.size() >= 3);
}

// Orients a unit normal so that its largest component is positive: contours
// drawn clockwise and counter-clockwise then share one stacking axis.
Vector3 canonical(Vector3 normal) {
  const double ax = std::abs(normal.x), ay = std::abs(normal.y), az = std::abs(normal.z);
  const double largest = az >= ax && az >= ay ? normal.z : (ay >= ax ? normal.y : normal.x);
  if (largest < 0) normal = {-normal.x, -normal.y, -normal.z};
  return normal;
}

double along(const Point3& p, const Vector3& axis) { return p.x * axis.x + p.y * axis.y + p.z * axis.z; }

void assign_thickness(std::vector<RoiSlice>& slices) {
  if (slices.size() == 1) {
    slices.front().thickness = 1;
    return;
  }
  std::vector<double> gaps;
  for (std::size_t i = 1; i < slices.size(); ++i) gaps.push_back(slices[i].position - slices[i - 1].position);
  std::vector<double> sorted = gaps;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double cap = 1.5 * sorted[sorted.size() / 2];
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const double before = i > 0 ? std::min(gaps[i - 1], cap) : -1;
    const double after = i + 1 < slices.size() ? std::min(gaps[i], cap) : -1;
    // End slices: the one gap they have stands for both sides.
    slices[i].thickness = before < 0 ? after : after < 0 ? before : (before + after) / 2;
  }
}

}  // namespace

RoiGeometry measure_roi(const std::vector<Contour>& contours) {
  RoiGeometry roi;
  bool first_point = true;
  auto extend = [&](const Point3& p) {
    if (first_point) {
      roi.min_x = roi.max_x = p.x;
      roi.min_z = roi.max_z = p.z;
      first_point = false;
    }
    roi.min_x = std::min(roi.min_x, p.x);
    roi.max_x = std::max(roi.max_x, p.x);
    roi.min_z = std::min(roi.min_z, p.z);
    roi.max_z = std::max(roi.max_z, p.z);
  };

  // Measure each closed contour; the first non-degenerate one fixes the axis.
  struct Measured {
    const Contour* contour;
    PolygonMeasures measures;
  };
  std::vector<Measured> closed;
  bool axis_set = false;
  for (const Contour& contour : contours) {
    if (!is_closed(contour)) continue;
    PolygonMeasures m = measure_polygon(contour.points);
    if (m.area <= 0) continue;
    if (!axis_set) {
      roi.stacking_axis = canonical(m.normal);
      axis_set = true;
    }
    closed.push_back({&contour, m});
  }

  if (closed.empty()) {
    // POINT or open contours only: the mean of their points.
    double count = 0;
    Point3 sum;
    for (const Contour& contour : contours)
      for (const Point3& p : contour.points) {
        extend(p);
        sum.x += p.x;
        sum.y += p.y;
        sum.z += p.z;
        ++count;
      }
    if (count > 0) {
      roi.has_points = true;
      roi.centroid = {sum.x / count, sum.y / count, sum.z / count};
    }
    return roi;
  }

  // Group into slices by position along the axis, rounded to 0.01 mm.
  std::map<long long, std::vector<const Measured*>> by_slice;
  for (const Measured& m : closed)
    by_slice[std::llround(along(m.measures.centroid, roi.stacking_axis) * 100)].push_back(&m);

  for (const auto& [key, members] : by_slice) {
    RoiSlice slice;
    slice.position = static_cast<double>(key) / 100;
    slice.min_x = members.front()->measures.min_x;
    slice.max_x = members.front()->measures.max_x;
    for (const Measured* m : members) {
      int containing = 0;
      for (const Measured* other : members)
        if (other != m &&
            polygon_contains(other->contour->points, roi.stacking_axis, m->contour->points.front()))
          ++containing;
      const bool hole = containing % 2 == 1;
      slice.polygons.push_back({m->contour->points, m->measures.area, m->measures.centroid, hole});
      slice.area += hole ? -m->measures.area : m->measures.area;
      slice.min_x = std::min(slice.min_x, m->measures.min_x);
      slice.max_x = std::max(slice.max_x, m->measures.max_x);
      for (const Point3& p : m->contour->points) extend(p);
    }
    roi.slices.push_back(std::move(slice));
  }
  assign_thickness(roi.slices);

  // Volume-weighted centroid: each polygon's centroid weighs area × thickness
  // (negative for holes).
  Point3 weighted;
  double volume = 0;
  for (const RoiSlice& slice : roi.slices)
    for (const SlicePolygon& polygon : slice.polygons) {
      const double w = (polygon.hole ? -1 : 1) * polygon.area * slice.thickness;
      weighted.x += w * polygon.centroid.x;
      weighted.y += w * polygon.centroid.y;
      weighted.z += w * polygon.centroid.z;
      volume += w;
    }
  if (volume > 1e-9) {
    roi.has_closed_contours = true;
    roi.volume = volume;
    roi.centroid = {weighted.x / volume, weighted.y / volume, weighted.z / volume};
  }
  return roi;
}

double volume_fraction_left_of(const RoiGeometry& roi, double plane_x) {
  if (!roi.has_closed_contours) {
    if (!roi.has_points) return 0;
    return roi.centroid.x > plane_x ? 1.0 : 0.0;
  }
  double left = 0;
  for (const RoiSlice& slice : roi.slices)
    for (const SlicePolygon& polygon : slice.polygons)
      left += (polygon.hole ? -1 : 1) * area_left_of(polygon.points, plane_x) * slice.thickness;
  return std::clamp(left / roi.volume, 0.0, 1.0);
}

}  // namespace roiname::geometry
