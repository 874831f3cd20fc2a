#include <gtest/gtest.h>

#include <cmath>

#include "core/geometry/body_mask.h"
#include "core/geometry/patient_orientation.h"

namespace roiname::geometry {
namespace {

// A 100×100 image of air with a body rectangle (water) over columns
// [c0, c1] and a small table blob in the last rows.
HuImage phantom(int c0, int c1) {
  HuImage image;
  image.rows = image.columns = 100;
  image.hu.assign(100 * 100, -1000.0f);
  for (int r = 20; r < 80; ++r)
    for (int c = c0; c <= c1; ++c) image.hu[r * 100 + c] = 0;
  for (int c = 0; c < 100; ++c) image.hu[95 * 100 + c] = 200;  // table: thin, separate
  image.row_spacing = image.column_spacing = 2;
  return image;
}

TEST(BodyMask, LargestRegionGivesTheBodyExtentInX) {
  HuImage image = phantom(30, 69);
  image.position = {-99, -99, 12};  // HFS: rows run to +x
  const auto body = find_body(image);
  ASSERT_TRUE(body.has_value());
  EXPECT_NEAR(body->min_x, -99 + 30 * 2, 1e-9);
  EXPECT_NEAR(body->max_x, -99 + 69 * 2, 1e-9);
  EXPECT_NEAR(body->center_x, 0, 1e-9);
  EXPECT_NEAR(body->z, 12, 1e-9);
}

TEST(BodyMask, BodyReachingTheBorderIsCutOff) {
  HuImage image = phantom(30, 69);
  image.position = {-99, -99, 12};
  EXPECT_FALSE(find_body(image)->cut_off);
  HuImage cropped = phantom(0, 69);  // a field of view cropped through the body
  cropped.position = {-99, -99, 12};
  const auto body = find_body(cropped);
  ASSERT_TRUE(body.has_value());
  EXPECT_TRUE(body->cut_off);
}

TEST(BodyMask, FlippedRowsMapThroughTheOrientation) {
  // Prone-like rows running to -x: column c sits at x = 99 - 2c.
  HuImage image = phantom(10, 39);
  image.position = {99, 99, 0};
  image.orientation = {-1, 0, 0, 0, -1, 0};
  const auto body = find_body(image);
  ASSERT_TRUE(body.has_value());
  EXPECT_NEAR(body->max_x, 99 - 10 * 2, 1e-9);
  EXPECT_NEAR(body->min_x, 99 - 39 * 2, 1e-9);
}

TEST(BodyMask, DecubitusImagesTakeXFromTheColumns) {
  // HFDL axes: rows run to -y, columns run to +x. The body's rows 20..79 of
  // the phantom then span x, whatever its columns do.
  HuImage image = phantom(30, 69);
  image.orientation = {0, -1, 0, 1, 0, 0};
  image.position = {-50, 99, 0};
  const auto body = find_body(image);
  ASSERT_TRUE(body.has_value());
  EXPECT_NEAR(body->min_x, -50 + 20 * 2, 1e-9);
  EXPECT_NEAR(body->max_x, -50 + 79 * 2, 1e-9);
}

TEST(BodyMask, ObliqueImagesMapEveryPixel) {
  // Rows tilted 30° out of the axial plane: x advances by cos 30° per column.
  HuImage image = phantom(30, 69);
  const double c = std::cos(M_PI / 6), s = std::sin(M_PI / 6);
  image.orientation = {c, 0, s, 0, 1, 0};
  image.position = {0, 0, 0};
  const auto body = find_body(image);
  ASSERT_TRUE(body.has_value());
  EXPECT_NEAR(body->min_x, 30 * 2 * c, 1e-9);
  EXPECT_NEAR(body->max_x, 69 * 2 * c, 1e-9);
}

TEST(BodyMask, EmptyOrMalformedImagesGiveNothing) {
  HuImage air = phantom(0, -1);
  for (float& v : air.hu) v = -1000;
  EXPECT_FALSE(find_body(air).has_value());
  HuImage wrong = phantom(30, 69);
  wrong.hu.resize(10);
  EXPECT_FALSE(find_body(wrong).has_value());
}

TEST(PatientOrientation, StandardPositionsAgreeWithTheirOrientation) {
  EXPECT_EQ(check_orientation("HFS", {1, 0, 0, 0, 1, 0}).agreement, OrientationAgreement::consistent);
  EXPECT_EQ(check_orientation("HFP", {-1, 0, 0, 0, -1, 0}).agreement, OrientationAgreement::consistent);
  EXPECT_EQ(check_orientation("FFS", {-1, 0, 0, 0, 1, 0}).agreement, OrientationAgreement::consistent);
  EXPECT_EQ(check_orientation("FFP", {1, 0, 0, 0, -1, 0}).agreement, OrientationAgreement::consistent);
  // Floating-point noise as in the dicompyler CT.
  EXPECT_EQ(check_orientation("HFS", {1, 0, 0, 0, 1, -1.224647e-16}).agreement,
            OrientationAgreement::consistent);
}

TEST(PatientOrientation, MismatchIsReported) {
  // The resampled MR of STS_003: FFS with HFS axes.
  const OrientationCheck check = check_orientation("FFS", {1, 0, 0, 0, 1, 0});
  EXPECT_EQ(check.agreement, OrientationAgreement::inconsistent);
  EXPECT_NE(check.message.find("FFS"), std::string::npos);
}

TEST(PatientOrientation, ObliqueImagesAreNotAxial) {
  // The oblique rt-utils slices.
  EXPECT_EQ(check_orientation("HFS", {0.954, -0.208, 0.215, 0.279, 0.880, -0.384}).agreement,
            OrientationAgreement::non_axial);
  EXPECT_EQ(check_orientation("HFS", {0, 1, 0, 0, 0, -1}).agreement, OrientationAgreement::non_axial);
  EXPECT_EQ(check_orientation("", {1, 0, 0, 0, 1, 0}).agreement, OrientationAgreement::unknown_position);
}

}  // namespace
}  // namespace roiname::geometry
