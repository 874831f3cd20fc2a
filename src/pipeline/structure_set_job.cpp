#include "pipeline/structure_set_job.h"

#include <fmt/core.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "core/engine/catalog.h"
#include "core/engine/compose.h"
#include "core/engine/naming_input.h"
#include "dicom/ct_pixels.h"
#include "dicom/laterality_inputs.h"
#include "dicom/rtstruct_writer.h"
#include "llm/llm_engine.h"
#include "llm/sha256.h"
#include "pipeline/interpreted_type.h"
#include "report/laterality_image.h"

namespace roiname::pipeline {
namespace {

namespace fs = std::filesystem;

std::string lower_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

const Reason* fallback_reason(const std::vector<Reason>& reasons) {
  for (const Reason& reason : reasons)
    if (reason.rule == llm::kFallbackRule) return &reason;
  return nullptr;
}

// A set-level note when the model's answers could not be used, so that a
// server that is down or answers badly shows beyond the per-ROI reasons.
void note_llm_fallbacks(StructureSetRecord& record) {
  if (const Reason* site = fallback_reason(record.site.reasons))
    record.notes.push_back("LLM: " + site->detail);
  const Reason* first = nullptr;
  std::string first_roi;
  for (const RoiRecord& roi : record.rois)
    if (const Reason* reason = fallback_reason(roi.decision.reasons); reason && !first) {
      first = reason;
      first_roi = roi.decision.original_name;
    }
  if (first == nullptr) return;
  const int count = llm_fallback_rois(record);
  record.notes.push_back(
      fmt::format("LLM: offline answers kept (flagged for review) for {} of {} ROI{}; {}: {}", count,
                  record.rois.size(), record.rois.size() == 1 ? "" : "s", first_roi, first->detail));
}

// Step: name every ROI with the chosen engine. The record takes the
// engine's decisions as they are; later steps only add to them.
void name_rois(const StructureSet& set, const JobSettings& settings, StructureSetRecord& record) {
  const StructureSetDecision decision = settings.engine->decide(naming_input_from(set), *settings.protocol);
  record.site = decision.site;
  record.engine = std::string(settings.engine->engine_name());
  std::map<int, const Roi*> by_number;
  for (const Roi& roi : set.rois) by_number.emplace(roi.number, &roi);
  for (const RoiDecision& roi_decision : decision.rois) {
    RoiRecord roi;
    roi.decision = roi_decision;
    const auto source = by_number.find(roi_decision.roi_number);
    if (source != by_number.end()) roi.interpreted_type = source->second->interpreted_type;
    roi.written_interpreted_type = roi.interpreted_type;
    roi.written_name = roi_decision.original_name;
    record.rois.push_back(std::move(roi));
  }
  note_llm_fallbacks(record);
}

// An organ of a pair whose name gives no side: a plural guessed by the
// engine ("Parotid" → "Parotids", sent to review), or a side-less table row
// of a paired organ ("Cochlea", "Lens").
bool is_unsided_paired_organ(const RoiDecision& d) {
  if (d.roi_class != RoiClass::OAR) return false;
  if (has_reason(d, "plural-without-side")) return true;
  const NameCatalog& catalog = NameCatalog::tg263();
  return catalog.find(d.standard_name) != nullptr && catalog.find(d.standard_name + "_L") != nullptr &&
         catalog.find(d.standard_name + "_R") != nullptr;
}

// A paired organ named without side takes the side its contour lies on; a
// guessed plural is confirmed when the contour spans both sides.
void place_unsided_organ(const PlacementFinding& finding, const JobSettings& settings, RoiRecord& roi) {
  RoiDecision& d = roi.decision;
  const bool guessed_plural = has_reason(d, "plural-without-side");
  if (finding.placement == Placement::unknown) {
    d.reasons.push_back({"laterality", "side-not-placed", finding.reason});
    return;
  }
  if (finding.placement == Placement::left || finding.placement == Placement::right) {
    const std::string side = finding.placement == Placement::left ? "L" : "R";
    const std::string sided = sided_name_of(d.standard_name, side, NameCatalog::tg263());
    if (sided.empty()) return;
    Result<std::string> local = protocol_name_for(sided, *settings.protocol);
    if (!local || !validate_name(*local, *settings.protocol).valid) return;
    d.reasons.push_back(
        {"laterality", "side-from-contour", d.standard_name + " → " + *local + ": " + finding.reason});
    d.standard_name = *local;
  } else if (guessed_plural) {
    d.reasons.push_back({"laterality", "both-sides-confirmed", finding.reason});
  } else {
    return;  // a side-less row spanning both sides stays as named
  }
  // The engine halved its confidence for a guessed plural; the contour has
  // now answered that question.
  if (guessed_plural) d.confidence = std::min(0.9, d.confidence * 2);
  d.needs_review = d.confidence < settings.review_threshold || d.standard_name == kUnknownName;
}

// Step: laterality. Why here, after naming: the verdicts are flags on the
// decisions (a contradiction sends the ROI to review); geometry renames
// nothing the name states a side for; it only places paired organs named
// without side. Why it never fails the set: missing contours or CT only
// remove evidence, and the notes say so.
void check_laterality(const StructureSet& set, const ImageSeries* series, const JobSettings& settings,
                      StructureSetRecord& record) {
  LateralityOptions options = settings.laterality_options;
  for (const RoiRecord& roi : record.rois)
    if (is_unsided_paired_organ(roi.decision)) options.place_rois.push_back(roi.decision.roi_number);
  auto run = dicom::check_structure_set_laterality(set, series, options);
  if (!run) {
    record.notes.push_back("laterality not checked: " + run.error().message);
    return;
  }
  if (!run->ct_summary.empty()) record.notes.push_back(run->ct_summary);
  for (const auto& note : run->report.notes) record.notes.push_back(note);
  record.laterality_pairs = run->report.pairs;
  for (const PlacementFinding& finding : run->report.placements)
    for (RoiRecord& roi : record.rois)
      if (roi.decision.roi_number == finding.roi_number) place_unsided_organ(finding, settings, roi);
  for (const LateralityVerdict& verdict : run->report.verdicts) {
    for (RoiRecord& roi : record.rois) {
      if (roi.decision.roi_number != verdict.roi_number) continue;
      roi.laterality = verdict;
      if (verdict.status == LateralityStatus::contradicts || verdict.needs_review) {
        roi.decision.needs_review = true;
        roi.decision.reasons.push_back(
            {"laterality", std::string(to_string(verdict.status)), verdict.reason});
      }
      // The picture a reviewer needs: the slice through the centroid, from the CT.
      if (settings.images && series != nullptr && verdict.measured) {
        const auto index = dicom::slice_near_z(*series, verdict.centroid_z);
        if (!index) continue;
        auto image = dicom::read_hu_image(series->slices[*index].file);
        if (!image) continue;
        auto png = report::encode_png(report::render_laterality_slice(*image, verdict, run->shapes));
        if (png) roi.image_png = std::move(*png);
      }
    }
  }
}

// Marks a ROI whose original name stays in the copy although the engine
// did not confirm it: whatever the engine said, a human has to look.
void keep_original(RoiRecord& roi, const char* rule, std::string why) {
  roi.action = RoiAction::kept_for_review;
  roi.written_name = roi.decision.original_name;
  roi.decision.needs_review = true;
  roi.decision.reasons.push_back({"name", rule, std::move(why)});
}

// Step: which name goes into the copy. A proposal replaces the original
// only when it is a real name ("unknown" never is), and, with
// --only-confident, only when no review is needed. Names must stay unique
// in the set ignoring case: a proposal that would collide is not applied.
void choose_written_names(const JobSettings& settings, StructureSetRecord& record) {
  for (RoiRecord& roi : record.rois) {
    const RoiDecision& d = roi.decision;
    if (d.standard_name == d.original_name) {
      roi.action = RoiAction::unchanged;
    } else if (d.standard_name.empty() || d.standard_name == kUnknownName) {
      keep_original(roi, "no-name", "no standard name found; the copy keeps the original name");
    } else if (settings.only_confident && d.needs_review) {
      keep_original(roi, "only-confident",
                    fmt::format("--only-confident: the copy keeps the original name instead of "
                                "the proposed {} until reviewed",
                                d.standard_name));
    } else {
      roi.action = RoiAction::renamed;
      roi.written_name = d.standard_name;
    }
  }
  std::map<std::string, int> uses;
  for (const RoiRecord& roi : record.rois) ++uses[lower_ascii(roi.written_name)];
  for (RoiRecord& roi : record.rois) {
    if (roi.action != RoiAction::renamed || uses[lower_ascii(roi.written_name)] < 2) continue;
    --uses[lower_ascii(roi.written_name)];
    keep_original(roi, "collision",
                  fmt::format("{} collides with another ROI of the set that keeps or gets this name "
                              "(ignoring case); the copy keeps the original name",
                              roi.written_name));
    ++uses[lower_ascii(roi.written_name)];
  }
  if (settings.set_interpreted_type)
    for (RoiRecord& roi : record.rois)
      if (roi.action != RoiAction::kept_for_review)
        if (auto type = interpreted_type_for(roi.decision)) roi.written_interpreted_type = *type;
}

// Step: the copy. The writer re-reads and compares it; any unintended
// difference fails this set and leaves no file.
void write_copy(const StructureSet& set, const fs::path& output_file, const JobSettings& settings,
                StructureSetRecord& record) {
  std::vector<dicom::RoiRename> renames;
  for (const RoiRecord& roi : record.rois) {
    const bool rename = roi.action == RoiAction::renamed;
    const bool retype = roi.written_interpreted_type != roi.interpreted_type;
    if (!rename && !retype) continue;
    dicom::RoiRename change{roi.decision.roi_number, roi.written_name, std::nullopt};
    if (retype) change.interpreted_type = roi.written_interpreted_type;
    renames.push_back(std::move(change));
  }
  dicom::CopyOptions options;
  options.keep_series = settings.keep_series;
  auto written = dicom::write_renamed_copy(set.file, output_file, renames, options);
  if (!written) {
    record.error = written.error().message;
    return;
  }
  record.output_file = written->file.string();
  record.output_sha256 = sha256_of_file(written->file);
  record.new_sop_instance_uid = written->sop_instance_uid;
  record.new_series_instance_uid = written->series_instance_uid;
  if (written->character_set_changed) {
    const std::string& from = written->source_character_set;
    std::string note = fmt::format(
        "Specific Character Set {} → ISO_IR 192 (a written name is not ASCII); "
        "the copy's text converted to UTF-8",
        from.empty() ? "(none)" : from);
    if (written->undeclared_values_converted > 0)
      note += fmt::format(", {} value{} with 8-bit bytes and no declared character set read as ISO_IR 100",
                          written->undeclared_values_converted,
                          written->undeclared_values_converted == 1 ? "" : "s");
    record.notes.push_back(note);
  }
}

}  // namespace

int llm_fallback_rois(const StructureSetRecord& record) {
  int count = 0;
  for (const RoiRecord& roi : record.rois) count += fallback_reason(roi.decision.reasons) != nullptr;
  return count;
}

std::string sha256_of_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return llm::sha256_hex(bytes.str());
}

StructureSetRecord process_structure_set(const StructureSet& set, const ImageSeries* series,
                                         const fs::path& output_file, const JobSettings& settings) {
  StructureSetRecord record;
  record.input_file = set.file;
  record.sop_instance_uid = set.sop_instance_uid;
  record.patient_id = set.patient_id;
  record.label = set.label;
  // Hash first: the audit log proves which bytes were read.
  record.input_sha256 = sha256_of_file(set.file);
  name_rois(set, settings, record);
  if (settings.laterality) check_laterality(set, series, settings, record);
  choose_written_names(settings, record);
  if (!settings.dry_run) write_copy(set, output_file, settings, record);
  return record;
}

}  // namespace roiname::pipeline
