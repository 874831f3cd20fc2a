#include "core/geometry/body_mask.h"

#include <algorithm>
#include <limits>

namespace roiname::geometry {

Point3 HuImage::pixel_position(double row, double column) const {
  const auto& o = orientation;
  return {position.x + o[0] * column * column_spacing + o[3] * row * row_spacing,
          position.y + o[1] * column * column_spacing + o[4] * row * row_spacing,
          position.z + o[2] * column * column_spacing + o[5] * row * row_spacing};
}

std::optional<BodyExtent> find_body(const HuImage& image, double threshold_hu) {
  const long long size = static_cast<long long>(image.rows) * image.columns;
  if (image.rows <= 0 || image.columns <= 0 || static_cast<long long>(image.hu.size()) != size) return {};

  // Label regions by flood fill with an explicit stack; remember the largest.
  std::vector<int> label(static_cast<std::size_t>(size), 0);
  std::vector<long long> stack;
  int next_label = 0, best_label = 0;
  long long best_size = 0;
  for (long long start = 0; start < size; ++start) {
    if (label[start] != 0 || image.hu[start] <= threshold_hu) continue;
    const int current = ++next_label;
    long long count = 0;
    stack.push_back(start);
    label[start] = current;
    while (!stack.empty()) {
      const long long index = stack.back();
      stack.pop_back();
      ++count;
      const long long row = index / image.columns, column = index % image.columns;
      const long long neighbours[4] = {
          column > 0 ? index - 1 : -1, column + 1 < image.columns ? index + 1 : -1,
          row > 0 ? index - image.columns : -1, row + 1 < image.rows ? index + image.columns : -1};
      for (long long n : neighbours)
        if (n >= 0 && label[n] == 0 && image.hu[n] > threshold_hu) {
          label[n] = current;
          stack.push_back(n);
        }
    }
    if (count > best_size) {
      best_size = count;
      best_label = current;
    }
  }
  if (best_label == 0 || best_size * 100 < size) return {};

  // Extent in patient x: x is affine in (row, column), so per row the extreme
  // x lies at the row's first or last body pixel.
  BodyExtent body;
  body.min_x = std::numeric_limits<double>::max();
  body.max_x = std::numeric_limits<double>::lowest();
  for (int row = 0; row < image.rows; ++row) {
    int first = -1, last = -1;
    for (int column = 0; column < image.columns; ++column)
      if (label[static_cast<std::size_t>(row) * image.columns + column] == best_label) {
        if (first < 0) first = column;
        last = column;
      }
    if (first < 0) continue;
    if (row == 0 || row == image.rows - 1 || first == 0 || last == image.columns - 1) body.cut_off = true;
    for (int column : {first, last}) {
      const double x = image.pixel_position(row, column).x;
      body.min_x = std::min(body.min_x, x);
      body.max_x = std::max(body.max_x, x);
    }
  }
  body.center_x = (body.min_x + body.max_x) / 2;
  body.z = image.pixel_position((image.rows - 1) / 2.0, (image.columns - 1) / 2.0).z;
  body.pixels = best_size;
  return body;
}

}  // namespace roiname::geometry
