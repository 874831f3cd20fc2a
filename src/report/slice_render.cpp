#include "report/slice_render.h"

#include <algorithm>
#include <cmath>

namespace roiname::report {
namespace {

// Pixel coordinates (column, row) of a patient point projected on the image plane.
std::array<double, 2> to_pixel(const geometry::HuImage& image, const Point3& p) {
  const auto& o = image.orientation;
  const double dx = p.x - image.position.x, dy = p.y - image.position.y, dz = p.z - image.position.z;
  return {(o[0] * dx + o[1] * dy + o[2] * dz) / image.column_spacing,
          (o[3] * dx + o[4] * dy + o[5] * dz) / image.row_spacing};
}

void draw_line(RgbImage& out, std::array<double, 2> a, std::array<double, 2> b,
               const std::array<std::uint8_t, 3>& c) {
  const double steps = std::max({std::abs(b[0] - a[0]), std::abs(b[1] - a[1]), 1.0});
  if (steps > 1e5) return;  // far outside the image: nothing sensible to draw
  for (int i = 0; i <= static_cast<int>(steps); ++i) {
    const double t = i / steps;
    out.set(static_cast<int>(std::lround(a[0] + t * (b[0] - a[0]))),
            static_cast<int>(std::lround(a[1] + t * (b[1] - a[1]))), c[0], c[1], c[2]);
  }
}

}  // namespace

RgbImage render_slice(const geometry::HuImage& image, const RenderOptions& options) {
  RgbImage out;
  out.width = std::max(image.columns, 0);
  out.height = std::max(image.rows, 0);
  out.pixels.assign(static_cast<std::size_t>(out.width) * out.height * 3, 0);
  const bool has_pixels = image.hu.size() == static_cast<std::size_t>(out.width) * out.height;
  const double low = options.window_level - options.window_width / 2;
  for (int row = 0; row < out.height && has_pixels; ++row)
    for (int column = 0; column < out.width; ++column) {
      const double hu = image.hu[static_cast<std::size_t>(row) * out.width + column];
      const auto grey =
          static_cast<std::uint8_t>(std::clamp((hu - low) / options.window_width, 0.0, 1.0) * 255);
      out.set(column, row, grey, grey, grey);
    }

  if (options.vertical_line_x) {
    // The sagittal plane x = const, drawn where it crosses the image: along
    // rows for axial images.
    for (int row = 0; row < out.height; ++row) {
      const Point3 left_edge = image.pixel_position(row, 0);
      const Point3 right_edge = image.pixel_position(row, out.width - 1);
      if (std::abs(right_edge.x - left_edge.x) < 1e-9) continue;
      const double t = (*options.vertical_line_x - left_edge.x) / (right_edge.x - left_edge.x);
      if (t < 0 || t > 1) continue;
      if (row % 4 < 2) out.set(static_cast<int>(std::lround(t * (out.width - 1))), row, 80, 160, 255);
    }
  }
  for (const Overlay& overlay : options.overlays)
    for (const auto& polygon : overlay.polygons)
      for (std::size_t i = 0; i < polygon.size(); ++i)
        draw_line(out, to_pixel(image, polygon[i]), to_pixel(image, polygon[(i + 1) % polygon.size()]),
                  overlay.color);
  if (options.marker) {
    const auto centre = to_pixel(image, *options.marker);
    const std::array<std::uint8_t, 3> yellow{255, 230, 0};
    draw_line(out, {centre[0] - 4, centre[1]}, {centre[0] + 4, centre[1]}, yellow);
    draw_line(out, {centre[0], centre[1] - 4}, {centre[0], centre[1] + 4}, yellow);
  }
  return out;
}

}  // namespace roiname::report
