#include "report/laterality_image.h"

#include <cmath>

#include "report/slice_render.h"

namespace roiname::report {

RgbImage render_laterality_slice(const geometry::HuImage& image, const LateralityVerdict& verdict,
                                 const std::vector<RoiShape>& shapes) {
  RenderOptions options;
  options.marker = Point3{verdict.centroid_x, 0, verdict.centroid_z};
  options.vertical_line_x = verdict.midline_x;
  Overlay overlay;
  overlay.color = verdict.status == LateralityStatus::contradicts ? std::array<std::uint8_t, 3>{255, 40, 40}
                                                                  : std::array<std::uint8_t, 3>{40, 220, 40};
  const double image_z = image.pixel_position((image.rows - 1) / 2.0, (image.columns - 1) / 2.0).z;
  for (const auto& shape : shapes) {
    if (shape.number != verdict.roi_number) continue;
    const double sign = shape.geometry.stacking_axis.z < 0 ? -1 : 1;
    for (const auto& slice : shape.geometry.slices)
      if (std::abs(slice.position * sign - image_z) <= slice.thickness / 2)
        for (const auto& polygon : slice.polygons) overlay.polygons.push_back(polygon.points);
    // The marker sits in the image plane, at the ROI's centroid.
    options.marker = Point3{verdict.centroid_x, shape.geometry.centroid.y, image_z};
  }
  options.overlays.push_back(std::move(overlay));
  return render_slice(image, options);
}

}  // namespace roiname::report
