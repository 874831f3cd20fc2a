#include "dicom/rtstruct_reader.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <fmt/core.h>
#include <algorithm>
#include <set>

#include "dicom/dataset_access.h"
#include "dicom/readers_detail.h"

namespace roiname::dicom {

using detail::decimals;
using detail::integer;
using detail::items;
using detail::text;

namespace {

void warn(StructureSet& set, std::string message) {
  set.issues.push_back({Severity::warning, std::move(message)});
}
void fail(StructureSet& set, std::string message) {
  set.issues.push_back({Severity::error, std::move(message)});
}

std::string roi_label(const Roi& roi) { return fmt::format("ROI {} '{}'", roi.number, roi.name); }

// Patient, study, series and structure set attributes of the top level.
void read_header(DcmItem& dataset, StructureSet& set) {
  set.modality = text(dataset, DCM_Modality);
  set.patient_id = text(dataset, DCM_PatientID);
  set.patient_name = text(dataset, DCM_PatientName);
  set.study_instance_uid = text(dataset, DCM_StudyInstanceUID);
  set.series_instance_uid = text(dataset, DCM_SeriesInstanceUID);
  set.sop_instance_uid = text(dataset, DCM_SOPInstanceUID);
  set.manufacturer = text(dataset, DCM_Manufacturer);
  set.manufacturer_model_name = text(dataset, DCM_ManufacturerModelName);
  set.study_description = text(dataset, DCM_StudyDescription);
  set.series_description = text(dataset, DCM_SeriesDescription);
  set.label = text(dataset, DCM_StructureSetLabel);
  set.name = text(dataset, DCM_StructureSetName);
  set.date = text(dataset, DCM_StructureSetDate);
}

// Frame of reference and the image series the contours were drawn on. The
// first frame of reference with a referenced series wins; more are rare.
void read_references(DcmItem& dataset, StructureSet& set) {
  for (DcmItem* frame : items(dataset, DCM_ReferencedFrameOfReferenceSequence)) {
    const std::string uid = text(*frame, DCM_FrameOfReferenceUID);
    if (set.frame_of_reference_uid.empty()) set.frame_of_reference_uid = uid;
    for (DcmItem* study : items(*frame, DCM_RTReferencedStudySequence))
      for (DcmItem* series : items(*study, DCM_RTReferencedSeriesSequence)) {
        if (!set.referenced_series_uid.empty()) continue;
        set.referenced_series_uid = text(*series, DCM_SeriesInstanceUID);
        set.frame_of_reference_uid = uid;
        for (DcmItem* image : items(*series, DCM_ContourImageSequence))
          set.referenced_image_uids.push_back(text(*image, DCM_ReferencedSOPInstanceUID));
      }
  }
  // Some writers leave the sequence out but keep the top-level attribute.
  if (set.frame_of_reference_uid.empty()) set.frame_of_reference_uid = text(dataset, DCM_FrameOfReferenceUID);
}

// Structure Set ROI Sequence: identification of each ROI, in file order.
void read_roi_list(const std::vector<DcmItem*>& list, StructureSet& set) {
  std::set<int> numbers;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    DcmItem& item = *list[i];
    Roi roi;
    const auto number = integer(item, DCM_ROINumber);
    roi.name = text(item, DCM_ROIName);
    if (!number) {
      fail(set,
           fmt::format("Structure Set ROI item {} ('{}') has no valid ROI Number; skipped", i + 1, roi.name));
      continue;
    }
    roi.number = static_cast<int>(*number);
    roi.description = text(item, DCM_ROIDescription);
    roi.generation_algorithm = text(item, DCM_ROIGenerationAlgorithm);
    roi.referenced_frame_of_reference_uid = text(item, DCM_ReferencedFrameOfReferenceUID);
    if (!numbers.insert(roi.number).second)
      fail(set, fmt::format("ROI Number {} is used twice ('{}'); contours and types cannot be told apart",
                            roi.number, roi.name));
    if (roi.name.empty()) warn(set, fmt::format("ROI {} has an empty name", roi.number));
    if (!roi.name.empty() && !names.insert(roi.name).second)
      warn(set, fmt::format("ROI name '{}' is used by more than one ROI", roi.name));
    set.rois.push_back(std::move(roi));
  }
}

Roi* find_roi(StructureSet& set, int number) {
  for (Roi& roi : set.rois)
    if (roi.number == number) return &roi;
  return nullptr;
}

// ROI Contour Sequence: colour, contour count and geometric types. Contour
// Data is only looked at for its length, so it stays on disk.
void read_contour_summary(DcmItem& dataset, StructureSet& set) {
  bool present = false;
  const auto list = items(dataset, DCM_ROIContourSequence, &present);
  if (!present) {
    warn(set, "no ROI Contour Sequence: no ROI has contours");
    return;
  }
  std::set<int> seen;
  for (DcmItem* item : list) {
    const auto number = integer(*item, DCM_ReferencedROINumber);
    if (!number) {
      warn(set, "a ROI Contour item has no Referenced ROI Number; ignored");
      continue;
    }
    Roi* roi = find_roi(set, static_cast<int>(*number));
    if (roi == nullptr) {
      warn(set, fmt::format(
                    "ROI Contour item refers to ROI {}, which the Structure Set ROI Sequence does not list",
                    *number));
      continue;
    }
    if (!seen.insert(roi->number).second) {
      warn(set,
           fmt::format("{} has more than one ROI Contour item; only the first is used", roi_label(*roi)));
      continue;
    }
    roi->has_contour_data = true;
    const auto colour = decimals(*item, DCM_ROIDisplayColor);
    if (colour.size() == 3)
      roi->display_color = std::array<int, 3>{static_cast<int>(colour[0]), static_cast<int>(colour[1]),
                                              static_cast<int>(colour[2])};
    std::set<std::string> types;
    int empty_contours = 0;
    for (DcmItem* contour : items(*item, DCM_ContourSequence)) {
      ++roi->contour_count;
      const std::string type = text(*contour, DCM_ContourGeometricType);
      if (!type.empty()) types.insert(type);
      DcmElement* data = nullptr;
      if (contour->findAndGetElement(DCM_ContourData, data).bad() || data == nullptr ||
          data->getLengthField() == 0)
        ++empty_contours;
    }
    roi->geometric_types.assign(types.begin(), types.end());
    if (empty_contours > 0)
      warn(set, fmt::format("{}: {} contour(s) without Contour Data", roi_label(*roi), empty_contours));
  }
}

// RT ROI Observations Sequence: interpreted type and observation label.
void read_observations(DcmItem& dataset, StructureSet& set) {
  bool present = false;
  const auto list = items(dataset, DCM_RTROIObservationsSequence, &present);
  if (!present) {
    warn(set, "no RT ROI Observations Sequence: no ROI has an interpreted type");
    return;
  }
  std::set<int> seen;
  for (DcmItem* item : list) {
    const auto number = integer(*item, DCM_ReferencedROINumber);
    if (!number) {
      warn(set, "an RT ROI Observations item has no Referenced ROI Number; ignored");
      continue;
    }
    Roi* roi = find_roi(set, static_cast<int>(*number));
    if (roi == nullptr) {
      warn(set, fmt::format("RT ROI Observations item refers to ROI {}, which the Structure Set ROI Sequence "
                            "does not list",
                            *number));
      continue;
    }
    if (!seen.insert(roi->number).second) {
      warn(set, fmt::format("{} has more than one RT ROI Observations item; only the first is used",
                            roi_label(*roi)));
      continue;
    }
    roi->interpreted_type = text(*item, DCM_RTROIInterpretedType);
    roi->observation_label = text(*item, DCM_ROIObservationLabel);
  }
  for (const Roi& roi : set.rois)
    if (!seen.count(roi.number)) warn(set, fmt::format("{} has no RT ROI Observations item", roi_label(roi)));
}

void note_empty_rois(StructureSet& set) {
  for (const Roi& roi : set.rois)
    if (roi.contour_count == 0) warn(set, fmt::format("{} has no contours", roi_label(roi)));
}

Result<std::unique_ptr<DcmFileFormat>> require_rtstruct(Result<std::unique_ptr<DcmFileFormat>> loaded) {
  if (!loaded) return loaded;
  const std::string sop_class = detail::sop_class_uid(**loaded);
  if (sop_class != kRtStructureSetStorage) {
    const std::string modality = text(*(*loaded)->getDataset(), DCM_Modality);
    return Error{
        fmt::format("not an RT Structure Set (SOP Class UID '{}', Modality '{}')", sop_class, modality)};
  }
  return loaded;
}

// Contour points of every ROI Contour item of a fully loaded file.
Result<ContoursByRoi> contours_from(DcmFileFormat& file) {
  ContoursByRoi contours;
  DcmDataset& dataset = *file.getDataset();
  for (DcmItem* item : items(dataset, DCM_ROIContourSequence)) {
    const auto number = integer(*item, DCM_ReferencedROINumber);
    if (!number) continue;
    auto& list = contours[static_cast<int>(*number)];
    for (DcmItem* contour_item : items(*item, DCM_ContourSequence)) {
      Contour contour;
      contour.geometric_type = text(*contour_item, DCM_ContourGeometricType);
      const std::vector<double> values = decimals(*contour_item, DCM_ContourData);
      if (values.size() % 3 != 0)
        return Error{
            fmt::format("ROI {}: Contour Data has {} values, not a multiple of 3", *number, values.size())};
      contour.points.reserve(values.size() / 3);
      for (std::size_t i = 0; i < values.size(); i += 3)
        contour.points.push_back({values[i], values[i + 1], values[i + 2]});
      list.push_back(std::move(contour));
    }
    if (list.empty()) contours.erase(static_cast<int>(*number));
  }
  return contours;
}

}  // namespace

namespace detail {

Result<StructureSet> structure_set_from(DcmFileFormat& file, const std::string& display_name) {
  DcmDataset& dataset = *file.getDataset();
  StructureSet set;
  set.file = display_name;
  set.sop_class_uid = sop_class_uid(file);
  if (set.sop_class_uid != kRtStructureSetStorage)
    return Error{fmt::format("not an RT Structure Set (SOP Class UID '{}')", set.sop_class_uid)};
  // As declared in the file: conversion to UTF-8 rewrites the attribute.
  set.specific_character_set = text(dataset, DCM_SpecificCharacterSet);
  if (auto problem = convert_to_utf8(dataset)) warn(set, *problem);
  read_header(dataset, set);
  if (set.modality != "RTSTRUCT")
    warn(set, fmt::format("Modality is '{}', expected RTSTRUCT for an RT Structure Set", set.modality));
  bool present = false;
  const auto roi_list = items(dataset, DCM_StructureSetROISequence, &present);
  if (!present) return Error{"no Structure Set ROI Sequence: the file lists no ROIs"};
  read_roi_list(roi_list, set);
  read_references(dataset, set);
  read_contour_summary(dataset, set);
  read_observations(dataset, set);
  note_empty_rois(set);
  return set;
}

}  // namespace detail

Result<StructureSet> read_structure_set(const std::filesystem::path& path, LoadMode mode) {
  auto loaded = detail::load_file(
      path, mode == LoadMode::names_only ? detail::LoadDepth::short_values : detail::LoadDepth::everything);
  if (!loaded) return loaded.error();
  return detail::structure_set_from(**loaded, path.string());
}

Result<StructureSet> read_structure_set_from_memory(std::string_view bytes, const std::string& display_name) {
  auto loaded = detail::load_buffer(bytes);
  if (!loaded) return loaded.error();
  return detail::structure_set_from(**loaded, display_name);
}

Result<ContoursByRoi> read_contours(const std::filesystem::path& path) {
  auto loaded = require_rtstruct(detail::load_file(path, detail::LoadDepth::short_values));
  if (!loaded) return loaded.error();
  return contours_from(**loaded);
}

Result<ContoursByRoi> read_contours_from_memory(std::string_view bytes) {
  auto loaded = require_rtstruct(detail::load_buffer(bytes));
  if (!loaded) return loaded.error();
  return contours_from(**loaded);
}

}  // namespace roiname::dicom
