#include "dicom/image_index.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "dicom/dataset_access.h"
#include "dicom/readers_detail.h"

namespace roiname::dicom {

using detail::decimals;
using detail::integer;
using detail::text;

namespace detail {

bool is_indexed_image(const std::string& sop_class_uid, const std::string& modality) {
  static const std::set<std::string> image_classes = {
      "1.2.840.10008.5.1.4.1.1.2",   "1.2.840.10008.5.1.4.1.1.2.1",  // CT, Enhanced CT
      "1.2.840.10008.5.1.4.1.1.4",   "1.2.840.10008.5.1.4.1.1.4.1",  // MR, Enhanced MR
      "1.2.840.10008.5.1.4.1.1.128", "1.2.840.10008.5.1.4.1.1.130",  // PET, Enhanced PET
  };
  if (image_classes.count(sop_class_uid)) return true;
  const bool rt_object = sop_class_uid.rfind("1.2.840.10008.5.1.4.1.1.481", 0) == 0;
  return !rt_object && (modality == "CT" || modality == "MR" || modality == "PT");
}

Result<IndexedImage> image_from(DcmFileFormat& file, const std::string& display_name) {
  DcmDataset& dataset = *file.getDataset();
  IndexedImage image;
  ImageSeries& series = image.series;
  series.series_instance_uid = text(dataset, DCM_SeriesInstanceUID);
  series.frame_of_reference_uid = text(dataset, DCM_FrameOfReferenceUID);
  series.study_instance_uid = text(dataset, DCM_StudyInstanceUID);
  series.patient_id = text(dataset, DCM_PatientID);
  series.modality = text(dataset, DCM_Modality);
  series.patient_position = text(dataset, DCM_PatientPosition);
  ImageSlice& slice = image.slice;
  slice.file = display_name;
  slice.sop_instance_uid = text(dataset, DCM_SOPInstanceUID);
  if (series.series_instance_uid.empty()) return Error{"image without Series Instance UID"};
  if (slice.sop_instance_uid.empty()) return Error{"image without SOP Instance UID"};
  slice.instance_number = static_cast<int>(integer(dataset, DCM_InstanceNumber).value_or(0));
  if (const auto position = decimals(dataset, DCM_ImagePositionPatient); position.size() == 3)
    slice.image_position = Point3{position[0], position[1], position[2]};
  if (const auto cosines = decimals(dataset, DCM_ImageOrientationPatient); cosines.size() == 6)
    slice.orientation =
        std::array<double, 6>{cosines[0], cosines[1], cosines[2], cosines[3], cosines[4], cosines[5]};
  if (const auto spacing = decimals(dataset, DCM_PixelSpacing); spacing.size() == 2)
    slice.pixel_spacing = std::array<double, 2>{spacing[0], spacing[1]};
  slice.rows = static_cast<int>(integer(dataset, DCM_Rows).value_or(0));
  slice.columns = static_cast<int>(integer(dataset, DCM_Columns).value_or(0));
  return image;
}

}  // namespace detail

Result<IndexedImage> read_image_header(const std::filesystem::path& path) {
  auto loaded = detail::load_file(path, detail::LoadDepth::short_values);
  if (!loaded) return loaded.error();
  DcmFileFormat& file = **loaded;
  const std::string sop_class = detail::sop_class_uid(file);
  if (!detail::is_indexed_image(sop_class, text(*file.getDataset(), DCM_Modality)))
    return Error{"not a CT, MR or PET image (SOP Class UID '" + sop_class + "')"};
  return detail::image_from(file, path.string());
}

std::vector<ImageSeries> group_into_series(std::vector<IndexedImage> images) {
  std::map<std::string, ImageSeries> by_uid;
  std::map<std::string, std::set<std::string>> instances;
  for (IndexedImage& image : images) {
    const std::string uid = image.series.series_instance_uid;
    auto [it, fresh] = by_uid.try_emplace(uid, image.series);
    if (!instances[uid].insert(image.slice.sop_instance_uid).second) continue;
    it->second.slices.push_back(std::move(image.slice));
  }
  std::vector<ImageSeries> result;
  for (auto& [uid, series] : by_uid) {
    // Slice normal from the first orientation found; axial when none.
    std::array<double, 3> normal{0, 0, 1};
    for (const ImageSlice& slice : series.slices)
      if (slice.orientation) {
        const auto& o = *slice.orientation;
        normal = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
        break;
      }
    const auto key = [&](const ImageSlice& slice) {
      const double along = slice.image_position
                               ? slice.image_position->x * normal[0] + slice.image_position->y * normal[1] +
                                     slice.image_position->z * normal[2]
                               : std::numeric_limits<double>::infinity();
      return std::make_tuple(along, slice.instance_number, slice.file);
    };
    std::sort(series.slices.begin(), series.slices.end(),
              [&](const ImageSlice& a, const ImageSlice& b) { return key(a) < key(b); });
    result.push_back(std::move(series));
  }
  return result;
}

std::uint64_t uid_digest(const std::string& uid) {
  // FNV-1a: stable across runs and platforms, unlike std::hash.
  std::uint64_t digest = 14695981039346656037ull;
  for (char c : uid) digest = (digest ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return digest;
}

ImageLink link_image_series(const StructureSet& set, const std::vector<ImageSeries>& series) {
  std::vector<std::uint64_t> digests;
  digests.reserve(set.referenced_image_uids.size());
  for (const std::string& uid : set.referenced_image_uids) digests.push_back(uid_digest(uid));
  return link_image_series(set, digests, series);
}

ImageLink link_image_series(const StructureSet& set,
                            const std::vector<std::uint64_t>& referenced_image_digests,
                            const std::vector<ImageSeries>& series) {
  ImageLink link;
  link.referenced_images = static_cast<int>(referenced_image_digests.size());
  const ImageSeries* chosen = nullptr;
  for (const ImageSeries& candidate : series)
    if (!set.referenced_series_uid.empty() && candidate.series_instance_uid == set.referenced_series_uid) {
      chosen = &candidate;
      link.match = ImageMatch::series_uid;
    }
  if (chosen == nullptr && !set.frame_of_reference_uid.empty())
    for (const ImageSeries& candidate : series)
      if (candidate.modality == "CT" && candidate.frame_of_reference_uid == set.frame_of_reference_uid &&
          (chosen == nullptr || candidate.slices.size() > chosen->slices.size())) {
        chosen = &candidate;
        link.match = ImageMatch::frame_of_reference;
      }
  if (chosen == nullptr) return link;
  link.series_instance_uid = chosen->series_instance_uid;
  link.modality = chosen->modality;
  link.slices = static_cast<int>(chosen->slices.size());
  std::set<std::uint64_t> present;
  for (const ImageSlice& slice : chosen->slices) present.insert(uid_digest(slice.sop_instance_uid));
  for (std::uint64_t digest : referenced_image_digests) link.referenced_images_found += present.count(digest);
  return link;
}

}  // namespace roiname::dicom
