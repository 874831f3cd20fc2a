// Evaluation of a naming engine against a labelled name list (NAMING.md §6):
// class, renaming and site accuracy, per source and per class, confusion
// matrix, abstention (review) figures and a calibration curve.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/decision.h"
#include "core/result.h"

namespace roiname {

struct LabelledName {
  std::string raw_name, site, standard_name, notes, source;
  // Rows with the same value (column `structure_set`, `set` or `case`) are
  // one structure set, decided together; empty: the row is a set of its own.
  std::string structure_set;
  RoiClass roi_class = RoiClass::AUX;
  double count = 1;  // weight: the `count` column when present
};

// Rows of a CSV with header raw_name,site,class,standard_name[,notes][,source][,count][,structure_set]
// (any column order). Fails on a missing column or an unknown class, naming the line.
Result<std::vector<LabelledName>> parse_labelled_csv(std::string_view text);

// True when `predicted` is the right standard name for `expected` of class
// `roi_class`: targets by grammar equivalence, other names exactly.
using NameComparer =
    std::function<bool(RoiClass roi_class, const std::string& expected, const std::string& predicted)>;

struct Tally {
  double total = 0, correct = 0;
  double share() const { return total == 0 ? 0.0 : correct / total; }
};

struct EvalFigures {
  Tally class_accuracy;  // every row
  Tally renaming;        // rows labelled TV or OAR
  Tally targets;         // rows labelled TV
  Tally site;            // every row
  double rows = 0, flagged = 0, errors = 0, errors_flagged = 0;
  double flagged_share() const { return rows == 0 ? 0 : flagged / rows; }
  double errors_flagged_share() const { return errors == 0 ? 1 : errors_flagged / errors; }
};

struct CurvePoint {
  double threshold = 0, flagged_share = 0, errors_flagged_share = 0, accuracy_unflagged = 0;
};

struct EvalReport {
  EvalFigures per_instance;  // weighted by count
  EvalFigures per_unique;    // each distinct raw name once
  Tally structure_sets;      // sets with every row right (no error)
  std::map<std::string, EvalFigures> per_source;
  std::map<std::string, EvalFigures> per_class;                    // by labelled class
  std::map<std::string, std::map<std::string, double>> confusion;  // labelled → predicted → count
  std::vector<CurvePoint> curve;  // review threshold → abstention figures (per instance)
  struct Miss {
    LabelledName label;
    RoiDecision decision;
    std::string predicted_site;
  };
  std::vector<Miss> errors;  // every row counted as an error, in input order
  // Rows answered right but flagged for review (the cost of abstention).
  std::vector<Miss> flagged_right;
};

// The site and one decision per raw name of one structure set, in order.
using SetDecider = std::function<std::pair<SiteDecision, std::vector<RoiDecision>>(
    const std::vector<std::string>& raw_names)>;

// Runs `decide` on each structure set (rows grouped by `structure_set`, in
// order of first appearance; a row without one is a set of its own). The
// site labels are NOT given to the engine. Tallies the figures.
EvalReport evaluate(const std::vector<LabelledName>& rows, const SetDecider& decide,
                    const NameComparer& same_name);

}  // namespace roiname
