// The stages of `roiname run` over one structure set, as named steps:
//
//   hash the input → name (site, class, standard name via the engine)
//   → laterality (contours + CT) → choose the written names → write the copy
//
// Each step fills part of a StructureSetRecord; a failing step records its
// error and stops that structure set only.
#pragma once

#include <filesystem>
#include <string>

#include "core/engine/stages.h"
#include "core/image_series.h"
#include "core/laterality/laterality_check.h"
#include "core/nomenclature/protocol.h"
#include "core/run_record.h"
#include "core/structure_set.h"

namespace roiname::pipeline {

struct JobSettings {
  const NamingEngine* engine = nullptr;  // shared by every job; decide() must be thread-safe
  const Protocol* protocol = nullptr;
  bool dry_run = false;               // no copy written
  bool only_confident = false;        // ROIs needing review keep their original name
  bool set_interpreted_type = false;  // RT ROI Interpreted Type from the class
  bool keep_series = false;           // keep the source's Series Instance UID
  bool laterality = true;             // run the laterality check (reads contours)
  bool images = true;                 // render PNG slices for the report when a CT is there
  double review_threshold = 0.5;      // as the engine's: needs_review under this confidence
  LateralityOptions laterality_options;
};

// Runs every step for `set` (read names-only by src/dicom) and, unless
// dry_run, writes its renamed copy to `output_file`. `series` is the CT
// linked to the set, or null. Never throws; failures are in record.error.
StructureSetRecord process_structure_set(const StructureSet& set, const ImageSeries* series,
                                         const std::filesystem::path& output_file,
                                         const JobSettings& settings);

// How many ROIs of `record` kept the offline answer because the LLM's reply
// failed or could not be had (0 with the rules engine).
int llm_fallback_rois(const StructureSetRecord& record);

// SHA-256 of a file's bytes as 64 lowercase hex digits; empty when the file
// cannot be read.
std::string sha256_of_file(const std::filesystem::path& file);

}  // namespace roiname::pipeline
