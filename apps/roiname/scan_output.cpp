#include "scan_output.h"
#include "core/text/csv.h"
#include "core/text/indent.h"

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

std::string format_scan_summary(const ScanSummary& summary) {
  const int errors = summary.error_count();
  return fmt::format(
      "{} files read, {} structure sets, {} ROIs, {} error{} ({} warning{}, {} non-DICOM file{} skipped, {} "
      "image "
      "series)",
      summary.files_seen, summary.structure_sets, summary.rois, errors, errors == 1 ? "" : "s",
      summary.warnings, summary.warnings == 1 ? "" : "s", summary.non_dicom_skipped,
      summary.non_dicom_skipped == 1 ? "" : "s", summary.image_series.size());
}

namespace {

using nlohmann::ordered_json;

// `value` pretty-printed with every line after the first indented by four
// spaces: the top two levels of the document are written by hand so that
// only one structure set is ever held as a JSON value.
std::string indented(const ordered_json& value) {
  return indent_following_lines(value.dump(2, ' ', false, ordered_json::error_handler_t::replace), 4);
}

std::string table_entry(const StructureSet& set, const ImageLink& link) {
  std::string out;
  out += fmt::format("{}\n", set.file);
  out += fmt::format("  patient {}  label '{}'  frame of reference {}\n",
                     set.patient_id.empty() ? "-" : set.patient_id, set.label,
                     set.frame_of_reference_uid.empty() ? "-" : set.frame_of_reference_uid);
  out += fmt::format("  CT: {}\n", ct_description(link));
  std::size_t name_width = 4, type_width = 4;
  for (const Roi& roi : set.rois) {
    name_width = std::max(name_width, width(roi.name));
    type_width = std::max(type_width, width(roi.interpreted_type));
  }
  out +=
      fmt::format("  {:>6}  {}  {}  contours\n", "number", pad("name", name_width), pad("type", type_width));
  for (const Roi& roi : set.rois)
    out += fmt::format("  {:>6}  {}  {}  {:>8}\n", roi.number, pad(roi.name, name_width),
                       pad(roi.interpreted_type, type_width), roi.contour_count);
  for (const Issue& issue : set.issues)
    out += fmt::format("  {}: {}\n", severity_name(issue.severity), issue.message);
  out += "\n";
  return out;
}

ordered_json set_json(const StructureSet& set, const ImageLink& link) {
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
  return {{"file", set.file},
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
}

void csv_rows(const StructureSet& set, const ImageLink& link, std::FILE* file) {
  const std::string prefix = fmt::format("{},{},{},{},{},{}", csv_field(set.file), csv_field(set.patient_id),
                                         csv_field(set.label), csv_field(set.frame_of_reference_uid),
                                         link.match != ImageMatch::none ? "yes" : "no", link.slices);
  if (set.rois.empty()) fmt::print(file, "{},,,,\n", prefix);
  for (const Roi& roi : set.rois)
    fmt::print(file, "{},{},{},{},{}\n", prefix, roi.number, csv_field(roi.name),
               csv_field(roi.interpreted_type), roi.contour_count);
}

// The rest of the JSON document after the structure sets.
void json_tail(const ScanSummary& summary, std::FILE* file) {
  const auto open_array = [&](const char* key, std::size_t count) {
    fmt::print(file, "  \"{}\": [{}", key, count ? "\n    " : "");
  };
  const auto close_array = [&](std::size_t count) { fmt::print(file, "{}],\n", count ? "\n  " : ""); };
  open_array("image_series", summary.image_series.size());
  for (std::size_t i = 0; i < summary.image_series.size(); ++i) {
    const ImageSeries& s = summary.image_series[i];
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
  close_array(summary.image_series.size());
  open_array("errors", summary.errors.size());
  for (std::size_t i = 0; i < summary.errors.size(); ++i)
    fmt::print(file, "{}{}", i ? ",\n    " : "",
               indented({{"file", summary.errors[i].file}, {"message", summary.errors[i].message}}));
  close_array(summary.errors.size());
  const ordered_json totals = {{"files_seen", summary.files_seen},
                               {"dicom_files", summary.dicom_files},
                               {"non_dicom_skipped", summary.non_dicom_skipped},
                               {"other_dicom", summary.other_dicom},
                               {"structure_sets", summary.structure_sets},
                               {"rois", summary.rois},
                               {"image_series", summary.image_series.size()},
                               {"errors", summary.error_count()},
                               {"warnings", summary.warnings}};
  fmt::print(file, "  \"summary\": {}\n}}\n", indent_following_lines(totals.dump(2), 2));
}

}  // namespace

void ScanPrinter::begin() {
  switch (format_) {
    case ScanFormat::table:
      break;
    case ScanFormat::json:
      fmt::print(out_, "{{\n  \"schema\": \"roiname.scan/1\",\n  \"structure_sets\": [");
      break;
    case ScanFormat::csv:
      fmt::print(out_,
                 "file,patient_id,label,frame_of_reference_uid,ct_found,ct_slices,roi_number,roi_name,"
                 "interpreted_type,contour_count\n");
      break;
  }
}

void ScanPrinter::add(const ScannedStructureSet& scanned) {
  switch (format_) {
    case ScanFormat::table:
      fmt::print(out_, "{}", table_entry(scanned.set, scanned.link));
      break;
    case ScanFormat::json:
      fmt::print(out_, "{}{}", sets_ ? ",\n    " : "\n    ", indented(set_json(scanned.set, scanned.link)));
      break;
    case ScanFormat::csv:
      csv_rows(scanned.set, scanned.link, out_);
      break;
  }
  ++sets_;
}

void ScanPrinter::finish(const ScanSummary& summary) {
  switch (format_) {
    case ScanFormat::table:
      for (const FileError& error : summary.errors)
        fmt::print(out_, "error: {}: {}\n", error.file, error.message);
      fmt::print(out_, "{}\n", format_scan_summary(summary));
      break;
    case ScanFormat::json:
      fmt::print(out_, "{}],\n", sets_ ? "\n  " : "");
      json_tail(summary, out_);
      break;
    case ScanFormat::csv:
      break;
  }
}

}  // namespace roiname::cli
