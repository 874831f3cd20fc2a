// An image of one CT slice with ROI contours drawn over it, for reports:
// windowed grey levels, contours as coloured lines, and a marker at a point
// (the ROI centroid). Pure pixels; png_writer.h writes them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/geometry/body_mask.h"
#include "core/structure_set.h"
#include "report/png_writer.h"

namespace roiname::report {

struct Overlay {
  std::vector<std::vector<Point3>> polygons;  // patient coordinates (mm), drawn closed
  std::array<std::uint8_t, 3> color{255, 64, 64};
};

struct RenderOptions {
  double window_width = 400;  // HU (soft tissue W400/L40 by default)
  double window_level = 40;
  std::vector<Overlay> overlays;
  std::optional<Point3> marker;           // a small cross, e.g. the centroid
  std::optional<double> vertical_line_x;  // patient x of a sagittal line (the midline)
};

// Renders `image` in grey levels through the window and draws the overlays,
// each vertex projected into the image plane through the image's position,
// orientation and spacing. Pixel (0,0) is the top-left of the image as
// stored. Never fails; points outside the image are clipped.
RgbImage render_slice(const geometry::HuImage& image, const RenderOptions& options);

}  // namespace roiname::report
