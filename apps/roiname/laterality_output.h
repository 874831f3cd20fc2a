// Printing the laterality check: a table for people, JSON for programs.
#pragma once

#include <string>
#include <vector>

#include "dicom/laterality_inputs.h"

namespace roiname::cli {

// One structure set's outcome: its file and run, or the error that stopped it.
struct LateralityOutcome {
  std::string file;
  std::string label;
  std::optional<dicom::LateralityRun> run;
  std::string error;                // set when run is empty
  std::vector<std::string> images;  // PNGs written for it
};

std::string format_laterality_table(const std::vector<LateralityOutcome>& outcomes);
std::string format_laterality_json(const std::vector<LateralityOutcome>& outcomes);

}  // namespace roiname::cli
