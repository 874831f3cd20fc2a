#include "scan_output.h"
#include "core/text/csv.h"

#include <fmt/core.h>
#include <algorithm>
#include <nlohmann/json.hpp>

namespace roiname::cli {

namespace {

std::string match_name(ImageMatch match) {
  switch (match) {
    case ImageMatch::none:
      return "none";
    case ImageMatch::series_uid:
      return "series_uid";
    case ImageMatch::frame_of_reference:
      return "frame_of_reference";
  }
  return "none";
}

std::string severity_name(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

// Display width of UTF-8 text, counted in code points (good enough for names).
std::size_t width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& text, std::size_t columns) {
  const std::size_t used = width(text);
  return used >= columns ? text : text + std::string(columns - used, ' ');
}

std::string ct_description(const ImageLink& link) {
  if (link.match == ImageMatch::none) return "not found";
  std::string text =
      fmt::format("{} series found by {}, {} slices", link.modality,
                  link.match == ImageMatch::series_uid ? "series UID" : "frame of reference", link.slices);
  if (link.referenced_images > 0)
    text += fmt::format(", {}/{} referenced images present", link.referenced_images_found,
                        link.referenced_images);
  return text;
}

}  // namespace

std::string format_scan_summary(const ScanResult& result) {
  const int errors = result.error_count();
  return fmt::format(
      "{} files read, {} structure sets, {} ROIs, {} error{} ({} warning{}, {} non-DICOM file{} skipped, {} "
      "image "
      "series)",
      result.files_seen, result.structure_sets.size(), result.roi_count(), errors, errors == 1 ? "" : "s",
      result.issue_count(Severity::warning), result.issue_count(Severity::warning) == 1 ? "" : "s",
      result.non_dicom_skipped, result.non_dicom_skipped == 1 ? "" : "s", result.image_series.size());
}

void print_scan_table(const ScanResult& result, std::FILE* file) {
  for (std::size_t s = 0; s < result.structure_sets.size(); ++s) {
    std::string out;
    const StructureSet& set = result.structure_sets[s];
    out += fmt::format("{}\n", set.file);
    out += fmt::format("  patient {}  label '{}'  frame of reference {}\n",
                       set.patient_id.empty() ? "-" : set.patient_id, set.label,
                       set.frame_of_reference_uid.empty() ? "-" : set.frame_of_reference_uid);
    out += fmt::format("  CT: {}\n", ct_description(result.image_links[s]));
    std::size_t name_width = 4, type_width = 4;
    for (const Roi& roi : set.rois) {
      name_width = std::max(name_width, width(roi.name));
      type_width = std::max(type_width, width(roi.interpreted_type));
    }
    out += fmt::format("  {:>6}  {}  {}  contours\n", "number", pad("name", name_width),
                       pad("type", type_width));
    for (const Roi& roi : set.rois)
      out += fmt::format("  {:>6}  {}  {}  {:>8}\n", roi.number, pad(roi.name, name_width),
                         pad(roi.interpreted_type, type_width), roi.contour_count);
    for (const Issue& issue : set.issues)
      out += fmt::format("  {}: {}\n", severity_name(issue.severity), issue.message);
    out += "\n";
    fmt::print(file, "{}", out);
  }
  for (const FileError& error : result.errors) fmt::print(file, "error: {}: {}\n", error.file, error.message);
  fmt::print(file, "{}\n", format_scan_summary(result));
}

void print_scan_json(const ScanResult& result, std::FILE* file) {
  using nlohmann::ordered_json;
  // Pretty-printed by hand at the top two levels so that only one
  // structure set is ever held as a JSON value.
  const auto indented = [](const ordered_json& value) {
    std::string text = value.dump(2, ' ', false, ordered_json::error_handler_t::replace), out;
    for (char c : text) {
      out += c;
      if (c == '\n') out += "    ";
    }
    return out;
  };
  const auto open_array = [&](const char* key, std::size_t count) {
    fmt::print(file, "  \"{}\": [{}", key, count ? "\n    " : "");
  };
  const auto close_array = [&](std::size_t count) { fmt::print(file, "{}],\n", count ? "\n  " : ""); };
  fmt::print(file, "{{\n  \"schema\": \"roiname.scan/1\",\n");
  open_array("structure_sets", result.structure_sets.size());
  for (std::size_t s = 0; s < result.structure_sets.size(); ++s) {
    const StructureSet& set = result.structure_sets[s];
    const ImageLink& link = result.image_links[s];
    ordered_json rois = ordered_json::array();
    for (const Roi& roi : set.rois) {
      ordered_json colour = nullptr;
      if (roi.display_color) colour = *roi.display_color;
      rois.push_back({{"number", roi.number},
                      {"name", roi.name},
                      {"interpreted_type", roi.interpreted_type},
                      {"observation_label", roi.observation_label},
                      {"description", roi.description},
                      {"generation_algorithm", roi.generation_algorithm},
                      {"display_color", colour},
                      {"contour_count", roi.contour_count},
                      {"geometric_types", roi.geometric_types},
                      {"has_contour_item", roi.has_contour_data}});
    }
    ordered_json issues = ordered_json::array();
    for (const Issue& issue : set.issues)
      issues.push_back({{"severity", severity_name(issue.severity)}, {"message", issue.message}});
    const ordered_json set_json = {{"file", set.file},
                                   {"patient_id", set.patient_id},
                                   {"patient_name", set.patient_name},
                                   {"study_instance_uid", set.study_instance_uid},
                                   {"series_instance_uid", set.series_instance_uid},
                                   {"sop_instance_uid", set.sop_instance_uid},
                                   {"modality", set.modality},
                                   {"manufacturer", set.manufacturer},
                                   {"manufacturer_model_name", set.manufacturer_model_name},
                                   {"specific_character_set", set.specific_character_set},
                                   {"label", set.label},
                                   {"name", set.name},
                                   {"date", set.date},
                                   {"frame_of_reference_uid", set.frame_of_reference_uid},
                                   {"referenced_series_uid", set.referenced_series_uid},
                                   {"ct",
                                    {{"found", link.match != ImageMatch::none},
                                     {"matched_by", match_name(link.match)},
                                     {"series_instance_uid", link.series_instance_uid},
                                     {"modality", link.modality},
                                     {"slices", link.slices},
                                     {"referenced_images", link.referenced_images},
                                     {"referenced_images_found", link.referenced_images_found}}},
                                   {"rois", rois},
                                   {"issues", issues}};
    fmt::print(file, "{}{}", s ? ",\n    " : "", indented(set_json));
  }
  close_array(result.structure_sets.size());
  open_array("image_series", result.image_series.size());
  for (std::size_t i = 0; i < result.image_series.size(); ++i) {
    const ImageSeries& s = result.image_series[i];
    const ordered_json series = {{"series_instance_uid", s.series_instance_uid},
                                 {"frame_of_reference_uid", s.frame_of_reference_uid},
                                 {"study_instance_uid", s.study_instance_uid},
                                 {"patient_id", s.patient_id},
                                 {"modality", s.modality},
                                 {"patient_position", s.patient_position},
                                 {"slices", s.slices.size()},
                                 {"first_file", s.slices.empty() ? std::string() : s.slices.front().file}};
    fmt::print(file, "{}{}", i ? ",\n    " : "", indented(series));
  }
  close_array(result.image_series.size());
  open_array("errors", result.errors.size());
  for (std::size_t i = 0; i < result.errors.size(); ++i)
    fmt::print(file, "{}{}", i ? ",\n    " : "",
               indented({{"file", result.errors[i].file}, {"message", result.errors[i].message}}));
  close_array(result.errors.size());
  const ordered_json summary = {{"files_seen", result.files_seen},
                                {"dicom_files", result.dicom_files},
                                {"non_dicom_skipped", result.non_dicom_skipped},
                                {"other_dicom", result.other_dicom},
                                {"structure_sets", result.structure_sets.size()},
                                {"rois", result.roi_count()},
                                {"image_series", result.image_series.size()},
                                {"errors", result.error_count()},
                                {"warnings", result.issue_count(Severity::warning)}};
  std::string shifted;
  for (char c : summary.dump(2)) {
    shifted += c;
    if (c == '\n') shifted += "  ";
  }
  fmt::print(file, "  \"summary\": {}\n}}\n", shifted);
}

void print_scan_csv(const ScanResult& result, std::FILE* file) {
  fmt::print(
      file,
      "file,patient_id,label,frame_of_reference_uid,ct_found,ct_slices,roi_number,roi_name,interpreted_type,"
      "contour_count\n");
  for (std::size_t s = 0; s < result.structure_sets.size(); ++s) {
    const StructureSet& set = result.structure_sets[s];
    const ImageLink& link = result.image_links[s];
    const std::string prefix = fmt::format(
        "{},{},{},{},{},{}", csv_field(set.file), csv_field(set.patient_id), csv_field(set.label),
        csv_field(set.frame_of_reference_uid), link.match != ImageMatch::none ? "yes" : "no", link.slices);
    if (set.rois.empty()) fmt::print(file, "{},,,,\n", prefix);
    for (const Roi& roi : set.rois)
      fmt::print(file, "{},{},{},{},{}\n", prefix, roi.number, csv_field(roi.name),
                 csv_field(roi.interpreted_type), roi.contour_count);
  }
}

}  // namespace roiname::cli
