// report.json and report.csv (see run_report.h; schema in docs/report-json.md).
#include <fmt/core.h>

#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "core/text/csv.h"
#include "core/text/indent.h"
#include "report/run_report.h"
#include "report/run_report_parts.h"

namespace roiname::report {
namespace {

using json = nlohmann::ordered_json;

json reasons_json(const std::vector<Reason>& reasons) {
  json out = json::array();
  for (const Reason& r : reasons) out.push_back({{"stage", r.stage}, {"rule", r.rule}, {"detail", r.detail}});
  return out;
}

json laterality_json(const std::optional<LateralityVerdict>& verdict) {
  if (!verdict) return nullptr;
  json out = {{"verdict", to_string(verdict->status)},
              {"stated_side", to_string(verdict->stated_side)},
              {"side_from", verdict->side_from},
              {"needs_review", verdict->needs_review},
              {"reason", verdict->reason},
              {"measured", verdict->measured}};
  if (verdict->measured) {
    out["centroid_x_mm"] = verdict->centroid_x;
    out["midline_x_mm"] = verdict->midline_x;
    out["distance_mm"] = verdict->distance_mm;
    out["fraction_left"] = verdict->fraction_left;
    out["centroid_z_mm"] = verdict->centroid_z;
    out["midline_source"] = to_string(verdict->midline_source);
  }
  return out;
}

json totals_json(const RunTotals& t) {
  return {{"structure_sets", t.structure_sets},
          {"rois", t.rois},
          {"renamed", t.renamed},
          {"unchanged", t.unchanged},
          {"kept_for_review", t.kept_for_review},
          {"needs_review", t.needs_review},
          {"laterality_contradictions", t.laterality_contradictions},
          {"errors", t.errors}};
}

json set_json(const StructureSetRecord& set) {
  json rois = json::array();
  for (const RoiRecord& roi : set.rois) {
    const RoiDecision& d = roi.decision;
    rois.push_back({{"number", d.roi_number},
                    {"old", d.original_name},
                    {"new", d.standard_name},
                    {"written", roi.written_name},
                    {"action", to_string(roi.action)},
                    {"class", to_string(d.roi_class)},
                    {"site", set.site.site},
                    {"confidence", d.confidence},
                    {"needs_review", d.needs_review},
                    {"engine", d.engine},
                    {"reasons", reasons_json(d.reasons)},
                    {"interpreted_type", roi.interpreted_type},
                    {"written_interpreted_type", roi.written_interpreted_type},
                    {"laterality", laterality_json(roi.laterality)},
                    {"image", !roi.image_png.empty()}});
  }
  json pairs = json::array();
  for (const PairVerdict& pair : set.laterality_pairs)
    pairs.push_back({{"left_roi", pair.left_roi},
                     {"right_roi", pair.right_roi},
                     {"left_name", pair.left_name},
                     {"right_name", pair.right_name},
                     {"verdict", to_string(pair.status)},
                     {"reason", pair.reason}});
  return {{"input_file", set.input_file},
          {"input_sha256", set.input_sha256},
          {"output_file", set.output_file.empty() ? json(nullptr) : json(set.output_file)},
          {"output_sha256", set.output_sha256.empty() ? json(nullptr) : json(set.output_sha256)},
          {"sop_instance_uid", set.sop_instance_uid},
          {"new_sop_instance_uid",
           set.new_sop_instance_uid.empty() ? json(nullptr) : json(set.new_sop_instance_uid)},
          {"new_series_instance_uid",
           set.new_series_instance_uid.empty() ? json(nullptr) : json(set.new_series_instance_uid)},
          {"patient_id", set.patient_id},
          {"label", set.label},
          {"engine", set.engine},
          {"site",
           {{"site", set.site.site},
            {"confidence", set.site.confidence},
            {"reasons", reasons_json(set.site.reasons)}}},
          {"error", set.error.empty() ? json(nullptr) : json(set.error)},
          {"rois", rois},
          {"laterality_pairs", pairs},
          {"notes", set.notes}};
}

}  // namespace

namespace {}  // namespace

namespace parts {

std::string json_head(const RunRecord& run, const RunTotals& totals) {
  const json head = {{"schema", "roiname-run-report/1"},
                     {"run",
                      {{"started_at", run.started_at},
                       {"finished_at", run.finished_at},
                       {"version", run.version},
                       {"protocol", run.protocol},
                       {"engine", run.engine},
                       {"command_line", run.command_line},
                       {"output_dir", run.output_dir},
                       {"dry_run", run.dry_run},
                       {"only_confident", run.only_confident},
                       {"seconds", run.seconds}}},
                     {"totals", totals_json(totals)}};
  std::string text = head.dump(2, ' ', false, json::error_handler_t::replace);
  text.resize(text.size() - 2);  // reopen the object: drop "\n}"
  return text + ",\n  \"structure_sets\": [";
}

std::string json_set(const StructureSetRecord& set, bool first) {
  return std::string(first ? "" : ",") + "\n    " +
         indent_following_lines(set_json(set).dump(2, ' ', false, json::error_handler_t::replace), 4);
}

std::string json_tail(const RunRecord& run, bool any_sets) {
  json errors = json::array();
  for (const auto& error : run.file_errors)
    errors.push_back({{"file", error.file}, {"message", error.message}});
  return std::string(any_sets ? "\n  ]" : "]") + ",\n  \"file_errors\": " +
         indent_following_lines(errors.dump(2, ' ', false, json::error_handler_t::replace), 2) + "\n}\n";
}

std::string csv_header() {
  return "input_file,output_file,site,roi_number,old_name,new_name,written_name,action,class,confidence,"
         "needs_review,engine,laterality,laterality_reason,reasons\n";
}

std::string csv_rows(const StructureSetRecord& set) {
  std::string out;
  for (const RoiRecord& roi : set.rois) {
    const RoiDecision& d = roi.decision;
    const std::string reasons = joined_reasons(d.reasons, "; ");
    out += fmt::format("{},{},{},{},{},{},{},{},{},{:.2f},{},{},{},{},{}\n", csv_field(set.input_file),
                       csv_field(set.output_file), csv_field(set.site.site), d.roi_number,
                       csv_field(d.original_name), csv_field(d.standard_name), csv_field(roi.written_name),
                       to_string(roi.action), to_string(d.roi_class), d.confidence,
                       d.needs_review ? "yes" : "no", csv_field(d.engine),
                       roi.laterality ? to_string(roi.laterality->status) : "",
                       csv_field(roi.laterality ? roi.laterality->reason : ""), csv_field(reasons));
  }
  if (!set.error.empty())
    out += fmt::format("{},,,,,,,error,,,,,,,{}\n", csv_field(set.input_file), csv_field(set.error));
  return out;
}

}  // namespace parts

void write_run_report_json(const RunRecord& run, std::ostream& out) {
  out << parts::json_head(run, run.totals());
  // One structure set at a time: memory does not grow with a DOM of the whole run.
  for (std::size_t i = 0; i < run.sets.size(); ++i) out << parts::json_set(run.sets[i], i == 0);
  out << parts::json_tail(run, !run.sets.empty());
}

std::string run_report_json(const RunRecord& run) {
  std::ostringstream out;
  write_run_report_json(run, out);
  return out.str();
}

std::string run_report_csv(const RunRecord& run) {
  std::string out = parts::csv_header();
  for (const auto& set : run.sets) out += parts::csv_rows(set);
  return out;
}

Result<std::filesystem::path> write_text_file(const std::filesystem::path& file, const std::string& text) {
  return write_file_with(file, [&](std::ostream& out) { out << text; });
}

Result<std::filesystem::path> write_file_with(const std::filesystem::path& file,
                                              const std::function<void(std::ostream&)>& write) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  const std::filesystem::path temporary = file.string() + fmt::format(".tmp-{}", ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary);
    write(out);
    if (!out) {
      out.close();
      std::filesystem::remove(temporary, ec);
      return Error{"cannot write " + file.string()};
    }
  }
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return Error{"cannot write " + file.string() + ": " + ec.message()};
  }
  return file;
}

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace roiname::report
