// The patient's body on one CT image: threshold in Hounsfield units, keep
// the largest connected region, and report where it lies in x. Pure: the
// pixels come from src/dicom.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "core/structure_set.h"

namespace roiname::geometry {

// One image in Hounsfield units with the geometry that maps pixels to
// patient coordinates.
struct HuImage {
  int rows = 0;
  int columns = 0;
  std::vector<float> hu;  // rows × columns, row-major
  Point3 position;        // Image Position (Patient): centre of the first pixel
  std::array<double, 6> orientation{1, 0, 0,
                                    0, 1, 0};  // Image Orientation (Patient): row then column cosines
  double row_spacing = 1;                      // Pixel Spacing [0]: between rows (mm)
  double column_spacing = 1;                   // Pixel Spacing [1]: between columns (mm)

  // Patient coordinates of the centre of pixel (row, column).
  Point3 pixel_position(double row, double column) const;
};

struct BodyExtent {
  double min_x = 0;  // extent of the body region in patient x (mm)
  double max_x = 0;
  double center_x = 0;   // (min_x + max_x) / 2
  double z = 0;          // patient z of the image centre
  long long pixels = 0;  // size of the region
  bool cut_off = false;  // the region touches the image border: its extent may be the field of view's
};

inline constexpr double kBodyThresholdHu = -400;

// The largest 4-connected region of pixels above `threshold_hu` and its
// extent in patient x (any image orientation: each pixel is mapped through
// the orientation). Nothing when the image is empty, malformed (pixel count
// not rows × columns) or the largest region is smaller than 1% of the image
// (no body in view). `cut_off` tells the caller when the region reaches the
// image border (a cropped field of view), where the extent is not the body's.
std::optional<BodyExtent> find_body(const HuImage& image, double threshold_hu = kBodyThresholdHu);

}  // namespace roiname::geometry
