#include <gtest/gtest.h>

#include <cmath>

#include "core/geometry/polygon.h"
#include "core/geometry/roi_geometry.h"

namespace roiname::geometry {
namespace {

// An axial rectangle [x0, x1] × [y0, y1] at height z.
std::vector<Point3> rectangle(double x0, double x1, double y0, double y1, double z, bool clockwise = false) {
  std::vector<Point3> points{{x0, y0, z}, {x1, y0, z}, {x1, y1, z}, {x0, y1, z}};
  if (clockwise) std::reverse(points.begin(), points.end());
  return points;
}

Contour closed(std::vector<Point3> points) { return {"CLOSED_PLANAR", std::move(points)}; }

TEST(Polygon, AreaAndCentroidOfARectangleInEitherWinding) {
  for (bool clockwise : {false, true}) {
    const PolygonMeasures m = measure_polygon(rectangle(10, 30, 0, 10, 5, clockwise));
    EXPECT_NEAR(m.area, 200, 1e-9);
    EXPECT_NEAR(m.centroid.x, 20, 1e-9);
    EXPECT_NEAR(m.centroid.y, 5, 1e-9);
    EXPECT_NEAR(m.centroid.z, 5, 1e-9);
    EXPECT_NEAR(std::abs(m.normal.z), 1, 1e-9);
    EXPECT_EQ(m.min_x, 10);
    EXPECT_EQ(m.max_x, 30);
  }
}

TEST(Polygon, CentroidOfAnLShapeIsNotTheVertexMean) {
  // L-shape: 2×1 bar plus 1×1 square on top of its left end; area 3.
  const PolygonMeasures m =
      measure_polygon({{0, 0, 0}, {2, 0, 0}, {2, 1, 0}, {1, 1, 0}, {1, 2, 0}, {0, 2, 0}});
  EXPECT_NEAR(m.area, 3, 1e-9);
  EXPECT_NEAR(m.centroid.x, (2 * 1 + 1 * 0.5) / 3, 1e-9);
  EXPECT_NEAR(m.centroid.y, (2 * 0.5 + 1 * 1.5) / 3, 1e-9);
}

TEST(Polygon, SagittalPolygonIsMeasuredInItsOwnPlane) {
  const PolygonMeasures m = measure_polygon({{7, 0, 0}, {7, 4, 0}, {7, 4, 3}, {7, 0, 3}});
  EXPECT_NEAR(m.area, 12, 1e-9);
  EXPECT_NEAR(m.centroid.x, 7, 1e-9);
  EXPECT_NEAR(m.centroid.y, 2, 1e-9);
  EXPECT_NEAR(m.centroid.z, 1.5, 1e-9);
  EXPECT_NEAR(std::abs(m.normal.x), 1, 1e-9);
}

TEST(Polygon, DegenerateInputGivesZeroArea) {
  EXPECT_EQ(measure_polygon({}).area, 0);
  EXPECT_EQ(measure_polygon({{1, 1, 1}, {2, 2, 1}}).area, 0);
  EXPECT_EQ(measure_polygon({{0, 0, 0}, {1, 0, 0}, {2, 0, 0}}).area, 0);
}

TEST(Polygon, AreaLeftOfASagittalPlane) {
  const auto square = rectangle(-10, 30, 0, 10, 0);
  EXPECT_NEAR(area_left_of(square, 0), 300, 1e-9);
  EXPECT_NEAR(area_left_of(square, -20), 400, 1e-9);
  EXPECT_NEAR(area_left_of(square, 40), 0, 1e-9);
}

TEST(RoiGeometry, VolumeWeightedCentroidOverSlices) {
  // Slice z=0: 10×10 at x∈[0,10]; slice z=3: 30×10 at x∈[20,50]. Uniform gaps → equal thickness.
  const RoiGeometry g =
      measure_roi({closed(rectangle(0, 10, 0, 10, 0)), closed(rectangle(20, 50, 0, 10, 3))});
  ASSERT_TRUE(g.has_closed_contours);
  ASSERT_EQ(g.slices.size(), 2u);
  EXPECT_NEAR(g.slices[0].thickness, 3, 1e-9);
  EXPECT_NEAR(g.volume, (100 + 300) * 3, 1e-6);
  EXPECT_NEAR(g.centroid.x, (100 * 5 + 300 * 35) / 400.0, 1e-9);
  EXPECT_NEAR(g.centroid.z, 300 * 3 / 400.0, 1e-9);
  EXPECT_EQ(g.min_x, 0);
  EXPECT_EQ(g.max_x, 50);
}

TEST(RoiGeometry, ContourInsideAnotherOnItsSliceIsAHole) {
  // Outer [0,40]×[0,40] with a hole [0.5,20]... keep it inside: [5,20]×[5,35].
  const RoiGeometry g =
      measure_roi({closed(rectangle(0, 40, 0, 40, 0)), closed(rectangle(5, 20, 5, 35, 0, true))});
  ASSERT_EQ(g.slices.size(), 1u);
  EXPECT_NEAR(g.slices[0].area, 1600 - 450, 1e-9);
  const double expected_x = (1600 * 20 - 450 * 12.5) / (1600 - 450);
  EXPECT_NEAR(g.centroid.x, expected_x, 1e-9);
  EXPECT_GT(g.centroid.x, 20);  // the hole on the right pushes the centroid left
}

TEST(RoiGeometry, IslandInsideAHoleCountsAgain) {
  const RoiGeometry g = measure_roi({closed(rectangle(0, 40, 0, 40, 0)), closed(rectangle(5, 35, 5, 35, 0)),
                                     closed(rectangle(10, 20, 10, 20, 0))});
  EXPECT_NEAR(g.slices[0].area, 1600 - 900 + 100, 1e-9);
}

TEST(RoiGeometry, SeparateContoursOnOneSliceAddUp) {
  const RoiGeometry g =
      measure_roi({closed(rectangle(-50, -40, 0, 10, 0)), closed(rectangle(40, 60, 0, 10, 0))});
  EXPECT_NEAR(g.slices[0].area, 300, 1e-9);
  EXPECT_NEAR(g.centroid.x, (100 * -45 + 200 * 50) / 300.0, 1e-9);
}

TEST(RoiGeometry, GapsBetweenPartsDoNotInflateEndSlices) {
  // Slices at 0, 3, 6 and a far part at 60, 63: the 54 mm gap is capped at 1.5 × 3.
  std::vector<Contour> contours;
  for (double z : {0.0, 3.0, 6.0, 60.0, 63.0}) contours.push_back(closed(rectangle(0, 10, 0, 10, z)));
  const RoiGeometry g = measure_roi(contours);
  ASSERT_EQ(g.slices.size(), 5u);
  EXPECT_NEAR(g.slices[2].thickness, (3 + 4.5) / 2, 1e-9);
  EXPECT_NEAR(g.slices[4].thickness, 3, 1e-9);
}

TEST(RoiGeometry, PointRoiUsesThePointMean) {
  const RoiGeometry g = measure_roi({{"POINT", {{12, 3, 4}}}, {"POINT", {{14, 3, 4}}}});
  EXPECT_FALSE(g.has_closed_contours);
  EXPECT_TRUE(g.has_points);
  EXPECT_NEAR(g.centroid.x, 13, 1e-9);
}

TEST(RoiGeometry, NoContoursMeansNoMeasure) {
  const RoiGeometry g = measure_roi({});
  EXPECT_FALSE(g.has_closed_contours);
  EXPECT_FALSE(g.has_points);
}

TEST(RoiGeometry, VolumeFractionLeftOfMidline) {
  const RoiGeometry g =
      measure_roi({closed(rectangle(-10, 30, 0, 10, 0)), closed(rectangle(-10, 30, 0, 10, 3))});
  EXPECT_NEAR(volume_fraction_left_of(g, 0), 0.75, 1e-9);
  EXPECT_NEAR(volume_fraction_left_of(g, -100), 1, 1e-9);
  EXPECT_NEAR(volume_fraction_left_of(g, 100), 0, 1e-9);
}

TEST(RoiGeometry, SagittalContoursStackAlongX) {
  std::vector<Contour> contours;
  for (double x : {10.0, 12.0, 14.0})
    contours.push_back(closed({{x, 0, 0}, {x, 4, 0}, {x, 4, 3}, {x, 0, 3}}));
  const RoiGeometry g = measure_roi(contours);
  ASSERT_EQ(g.slices.size(), 3u);
  EXPECT_NEAR(std::abs(g.stacking_axis.x), 1, 1e-9);
  EXPECT_NEAR(g.centroid.x, 12, 1e-9);
}

}  // namespace
}  // namespace roiname::geometry
