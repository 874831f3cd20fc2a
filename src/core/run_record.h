// What `roiname run` did, as plain values: one record per structure set, one
// per ROI. Filled by src/pipeline; written by src/report (JSON, CSV, HTML)
// and src/store (audit log), which therefore never depend on each other.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/decision.h"
#include "core/laterality/laterality_check.h"
#include "core/scan_result.h"

namespace roiname {

// What happened to one ROI's name in the copy.
enum class RoiAction {
  renamed,          // the copy carries the standard name
  unchanged,        // the standard name is the original name (or AUX/DOSE kept)
  kept_for_review,  // a new name was proposed but the original was kept (review, unknown, --only-confident)
};

// "renamed", "unchanged", "kept_for_review".
std::string_view to_string(RoiAction action);

struct RoiRecord {
  RoiDecision decision;      // the engine's answer, with its reasons
  std::string written_name;  // the name in the copy (the original when kept)
  RoiAction action = RoiAction::unchanged;
  std::string interpreted_type;          // as in the source
  std::string written_interpreted_type;  // in the copy (same unless --set-interpreted-type)
  std::optional<LateralityVerdict> laterality;
  std::string image_png;  // PNG bytes of the laterality slice (report images), may be empty
};

struct StructureSetRecord {
  std::string input_file;
  std::string input_sha256;
  std::string output_file;  // empty with --dry-run or on error
  std::string output_sha256;
  std::string new_sop_instance_uid;
  std::string new_series_instance_uid;
  std::string sop_instance_uid;  // of the source
  std::string patient_id;
  std::string label;
  std::string engine;
  SiteDecision site;
  std::vector<RoiRecord> rois;  // input order
  std::vector<PairVerdict> laterality_pairs;
  std::vector<std::string> notes;  // laterality evidence, CT used, set-level remarks
  std::string error;               // not empty: this structure set failed (no copy)

  int renamed() const;
  int needs_review() const;
  int contradictions() const;
};

struct RunTotals {
  int structure_sets = 0;
  int rois = 0;
  int renamed = 0;
  int unchanged = 0;
  int kept_for_review = 0;
  int needs_review = 0;
  int laterality_contradictions = 0;
  int errors = 0;  // failed structure sets plus files that could not be read

  // Counts one structure set (file errors are added by the caller).
  void add(const StructureSetRecord& set);
};

struct RunRecord {
  std::string started_at;   // ISO 8601 UTC
  std::string finished_at;  // ISO 8601 UTC
  std::string version;
  std::string protocol;
  std::string engine;
  std::string command_line;  // without secrets
  std::string output_dir;
  bool dry_run = false;
  bool only_confident = false;
  double seconds = 0;
  // Input order, independent of the thread count. Empty when the run
  // handed its records over one at a time (pipeline::run_batch with a sink).
  std::vector<StructureSetRecord> sets;
  std::vector<FileError> file_errors;  // files that are not readable structure sets

  // Totals over `sets` and `file_errors`.
  RunTotals totals() const;
};

}  // namespace roiname
