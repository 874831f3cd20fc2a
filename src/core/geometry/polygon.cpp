#include "core/geometry/polygon.h"

#include <algorithm>
#include <cmath>

namespace roiname::geometry {
namespace {

Vector3 newell_area_vector(const std::vector<Point3>& points) {
  // Twice the vector area: sum of cross products of consecutive vertices.
  Vector3 sum;
  const std::size_t n = points.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Point3& a = points[i];
    const Point3& b = points[(i + 1) % n];
    sum.x += (a.y - b.y) * (a.z + b.z);
    sum.y += (a.z - b.z) * (a.x + b.x);
    sum.z += (a.x - b.x) * (a.y + b.y);
  }
  return {sum.x / 2, sum.y / 2, sum.z / 2};
}

double length(const Vector3& v) { return std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z); }

Vector3 cross(const Vector3& a, const Vector3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

double dot(const Vector3& a, const Vector3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

Vector3 minus(const Point3& a, const Point3& b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }

}  // namespace

PolygonMeasures measure_polygon(const std::vector<Point3>& points) {
  PolygonMeasures result;
  if (points.empty()) return result;
  result.min_x = result.max_x = points.front().x;
  Point3 mean;
  for (const Point3& p : points) {
    result.min_x = std::min(result.min_x, p.x);
    result.max_x = std::max(result.max_x, p.x);
    mean.x += p.x;
    mean.y += p.y;
    mean.z += p.z;
  }
  const double count = static_cast<double>(points.size());
  mean = {mean.x / count, mean.y / count, mean.z / count};
  result.centroid = mean;
  if (points.size() < 3) return result;

  const Vector3 area_vector = newell_area_vector(points);
  const double area = length(area_vector);
  if (area <= 1e-12) return result;
  const Vector3 normal{area_vector.x / area, area_vector.y / area, area_vector.z / area};

  // Fan of triangles from the vertex mean: signed triangle areas along the
  // normal weight the triangle centroids (exact for simple polygons).
  double weight_sum = 0;
  Point3 weighted;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point3& a = points[i];
    const Point3& b = points[(i + 1) % points.size()];
    const double signed_area = dot(cross(minus(a, mean), minus(b, mean)), normal) / 2;
    weight_sum += signed_area;
    weighted.x += signed_area * (mean.x + a.x + b.x) / 3;
    weighted.y += signed_area * (mean.y + a.y + b.y) / 3;
    weighted.z += signed_area * (mean.z + a.z + b.z) / 3;
  }
  result.area = area;
  result.normal = normal;
  if (std::abs(weight_sum) > 1e-12)
    result.centroid = {weighted.x / weight_sum, weighted.y / weight_sum, weighted.z / weight_sum};
  return result;
}

double area_left_of(const std::vector<Point3>& points, double plane_x) {
  if (points.size() < 3) return 0;
  std::vector<Point3> clipped;
  clipped.reserve(points.size() + 4);
  const std::size_t n = points.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Point3& a = points[i];
    const Point3& b = points[(i + 1) % n];
    const bool a_in = a.x > plane_x;
    const bool b_in = b.x > plane_x;
    if (a_in) clipped.push_back(a);
    if (a_in != b_in) {
      const double t = (plane_x - a.x) / (b.x - a.x);
      clipped.push_back({plane_x, a.y + t * (b.y - a.y), a.z + t * (b.z - a.z)});
    }
  }
  return measure_polygon(clipped).area;
}

bool polygon_contains(const std::vector<Point3>& polygon, const Vector3& normal, const Point3& point) {
  // Project on the coordinate plane that keeps the polygon's shape best.
  const double ax = std::abs(normal.x);
  const double ay = std::abs(normal.y);
  const double az = std::abs(normal.z);
  auto u = [&](const Point3& p) { return ax >= ay && ax >= az ? p.y : p.x; };
  auto v = [&](const Point3& p) { return az >= ax && az >= ay ? p.y : p.z; };
  const double pu = u(point);
  const double pv = v(point);
  bool inside = false;
  const std::size_t n = polygon.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const double ui = u(polygon[i]), vi = v(polygon[i]);
    const double uj = u(polygon[j]), vj = v(polygon[j]);
    if ((vi > pv) != (vj > pv) && pu < (uj - ui) * (pv - vi) / (vj - vi) + ui) inside = !inside;
  }
  return inside;
}

}  // namespace roiname::geometry
