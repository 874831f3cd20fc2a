#include "dicom/ct_pixels.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "dicom/dataset_access.h"

namespace roiname::dicom {
namespace {

std::optional<double> first_decimal(DcmItem& item, const DcmTagKey& tag) {
  const std::vector<double> values = detail::decimals(item, tag);
  if (values.empty()) return {};
  return values.front();
}

// Patient z of the centre of an image (the position is its first pixel).
double slice_z(const ImageSlice& slice) {
  const Point3 p = *slice.image_position;
  if (!slice.orientation || !slice.pixel_spacing) return p.z;
  const auto& o = *slice.orientation;
  return p.z + o[2] * (slice.columns - 1) / 2.0 * (*slice.pixel_spacing)[1] +
         o[5] * (slice.rows - 1) / 2.0 * (*slice.pixel_spacing)[0];
}

// Whether the images face along z (axial, possibly tilted): only then does
// one image hold one level of the body.
bool roughly_axial(const ImageSeries& series) {
  for (const ImageSlice& slice : series.slices)
    if (slice.orientation) {
      const auto& o = *slice.orientation;
      return std::abs(o[0] * o[4] - o[1] * o[3]) > 0.7;
    }
  return true;
}

}  // namespace

Result<geometry::HuImage> read_hu_image(const std::filesystem::path& path) {
  detail::quiet_dcmtk_logging();
  DcmFileFormat file;
  const OFCondition status = file.loadFile(path.c_str());
  if (status.bad()) return Error{path.string() + ": cannot read image: " + status.text()};
  DcmDataset& data = *file.getDataset();
  if (DcmXfer(data.getOriginalXfer()).isEncapsulated())
    return Error{path.string() + ": compressed pixel data is not supported"};

  const auto rows = detail::integer(data, DCM_Rows);
  const auto columns = detail::integer(data, DCM_Columns);
  const auto bits = detail::integer(data, DCM_BitsAllocated);
  const long samples = detail::integer(data, DCM_SamplesPerPixel).value_or(1);
  const long frames = detail::integer(data, DCM_NumberOfFrames).value_or(1);
  const bool is_signed = detail::integer(data, DCM_PixelRepresentation).value_or(0) == 1;
  if (!rows || !columns || *rows <= 0 || *columns <= 0 || *rows > 4096 || *columns > 4096)
    return Error{path.string() + ": missing or implausible Rows/Columns"};
  if (samples != 1 || frames != 1) return Error{path.string() + ": not a single-frame greyscale image"};
  const std::vector<double> position = detail::decimals(data, DCM_ImagePositionPatient);
  const std::vector<double> orientation = detail::decimals(data, DCM_ImageOrientationPatient);
  const std::vector<double> spacing = detail::decimals(data, DCM_PixelSpacing);
  if (position.size() != 3 || orientation.size() != 6 || spacing.size() != 2 || spacing[0] <= 0 ||
      spacing[1] <= 0)
    return Error{path.string() + ": missing Image Position/Orientation (Patient) or Pixel Spacing"};

  geometry::HuImage image;
  image.rows = static_cast<int>(*rows);
  image.columns = static_cast<int>(*columns);
  image.position = {position[0], position[1], position[2]};
  for (int i = 0; i < 6; ++i) image.orientation[i] = orientation[i];
  image.row_spacing = spacing[0];
  image.column_spacing = spacing[1];
  const double slope = first_decimal(data, DCM_RescaleSlope).value_or(1);
  const double intercept = first_decimal(data, DCM_RescaleIntercept).value_or(0);
  const std::size_t count = static_cast<std::size_t>(image.rows) * image.columns;
  image.hu.resize(count);

  if (bits == 16) {
    const Uint16* raw = nullptr;
    unsigned long length = 0;
    if (data.findAndGetUint16Array(DCM_PixelData, raw, &length).bad() || raw == nullptr || length < count)
      return Error{path.string() + ": pixel data missing or shorter than Rows × Columns"};
    for (std::size_t i = 0; i < count; ++i) {
      const double stored = is_signed ? static_cast<double>(static_cast<Sint16>(raw[i])) : raw[i];
      image.hu[i] = static_cast<float>(stored * slope + intercept);
    }
  } else if (bits == 8) {
    const Uint8* raw = nullptr;
    unsigned long length = 0;
    if (data.findAndGetUint8Array(DCM_PixelData, raw, &length).bad() || raw == nullptr || length < count)
      return Error{path.string() + ": pixel data missing or shorter than Rows × Columns"};
    for (std::size_t i = 0; i < count; ++i) {
      const double stored = is_signed ? static_cast<double>(static_cast<Sint8>(raw[i])) : raw[i];
      image.hu[i] = static_cast<float>(stored * slope + intercept);
    }
  } else {
    return Error{path.string() + ": Bits Allocated " + std::to_string(bits.value_or(0)) + " not supported"};
  }
  return image;
}

std::optional<std::size_t> slice_near_z(const ImageSeries& series, double z) {
  if (series.slices.empty()) return {};
  // Half the median spacing of the slice z positions (0.5 mm for one slice).
  std::vector<double> zs;
  for (const ImageSlice& slice : series.slices)
    if (slice.image_position) zs.push_back(slice_z(slice));
  if (zs.empty()) return {};
  std::sort(zs.begin(), zs.end());
  std::vector<double> gaps;
  for (std::size_t i = 1; i < zs.size(); ++i)
    if (zs[i] - zs[i - 1] > 1e-3) gaps.push_back(zs[i] - zs[i - 1]);
  double half = 0.5;
  if (!gaps.empty()) {
    std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
    half = gaps[gaps.size() / 2] / 2 + 1e-3;
  }
  std::optional<std::size_t> best;
  double best_distance = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < series.slices.size(); ++i) {
    if (!series.slices[i].image_position) continue;
    const double distance = std::abs(slice_z(series.slices[i]) - z);
    if (distance < best_distance) {
      best_distance = distance;
      best = i;
    }
  }
  if (best_distance > half) return {};
  return best;
}

geometry::OrientationCheck check_series_orientation(const ImageSeries& series) {
  for (const ImageSlice& slice : series.slices)
    if (slice.orientation) return geometry::check_orientation(series.patient_position, *slice.orientation);
  return {geometry::OrientationAgreement::unknown_position, "no Image Orientation (Patient) in the series"};
}

CtBodyMidline::CtBodyMidline(ImageSeries series) : series_(std::move(series)) {}

std::optional<double> CtBodyMidline::body_center_x(double z) {
  if (!roughly_axial(series_)) {
    if (problems_.empty())
      problems_.push_back("series " + series_.series_instance_uid +
                          " is not axial: not used for the midline");
    return {};
  }
  const std::optional<std::size_t> index = slice_near_z(series_, z);
  if (!index) return {};
  if (auto known = by_slice_.find(*index); known != by_slice_.end()) return known->second;
  std::optional<double> centre;
  ++slices_read_;
  Result<geometry::HuImage> image = read_hu_image(series_.slices[*index].file);
  if (!image) {
    problems_.push_back(image.error().message);
  } else if (auto body = geometry::find_body(*image)) {
    if (body->cut_off)
      problems_.push_back(series_.slices[*index].file +
                          ": the body reaches the image border (cropped field of view): not used");
    else
      centre = body->center_x;
  } else {
    problems_.push_back(series_.slices[*index].file + ": no body found on the image");
  }
  by_slice_[*index] = centre;
  return centre;
}

}  // namespace roiname::dicom
