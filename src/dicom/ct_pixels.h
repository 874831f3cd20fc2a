// CT pixel access for the laterality check and report images: one image
// file's pixels rescaled to Hounsfield units, and a body-midline source that
// reads the slices of a series lazily, only those asked for.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/body_mask.h"
#include "core/geometry/patient_orientation.h"
#include "core/image_series.h"
#include "core/laterality/laterality_check.h"
#include "core/result.h"

namespace roiname::dicom {

// Reads the pixels of one single-frame greyscale image and rescales them to
// HU (Rescale Slope/Intercept; 1 and 0 when absent) with its geometry.
// Fails when the file cannot be read, has no or compressed pixel data,
// several frames or samples, an unsupported bit depth, or lacks Image
// Position/Orientation (Patient) or Pixel Spacing.
Result<geometry::HuImage> read_hu_image(const std::filesystem::path& path);

// The slice of `series` whose plane passes nearest to patient z (for axial
// images: the nearest Image Position z within half a slice spacing, or
// 0.5 mm for a single slice). Nothing when no slice is that near.
std::optional<std::size_t> slice_near_z(const ImageSeries& series, double z);

// Orientation check of a series: its Patient Position against the first
// slice's Image Orientation (Patient).
geometry::OrientationCheck check_series_orientation(const ImageSeries& series);

// Body centres from a CT series, read lazily: a slice file is opened the
// first time a z near it is asked for, and its answer is kept.
class CtBodyMidline : public BodyMidlineSource {
 public:
  explicit CtBodyMidline(ImageSeries series);
  std::optional<double> body_center_x(double z) override;

  int slices_read() const { return slices_read_; }
  // Files that could not be read or showed no body, with the reason.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  ImageSeries series_;
  std::map<std::size_t, std::optional<double>> by_slice_;
  int slices_read_ = 0;
  std::vector<std::string> problems_;
};

}  // namespace roiname::dicom
