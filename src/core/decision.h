// What the naming stages decide, for one ROI and for one structure set.
// Shared by every engine (offline rules, LLM, hybrid) so that reports, the
// audit log and evaluation never depend on which engine answered.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roiname {

// The four ROI classes of NAMING.md §1.
enum class RoiClass { TV, OAR, AUX, DOSE };

// "TV", "OAR", "AUX" or "DOSE".
std::string_view to_string(RoiClass roi_class);

// The class spelled by `text` (case-insensitive), or nothing when it is none.
std::optional<RoiClass> parse_roi_class(std::string_view text);

// One piece of evidence behind a decision: which stage, which rule or
// lexicon entry, and a free detail (the matched term, a score).
struct Reason {
  std::string stage;   // "site", "class", "name", "confidence", ...
  std::string rule;    // short stable identifier, e.g. "lexicon", "dose-word"
  std::string detail;  // human-readable detail
};

// The decision for one ROI.
struct RoiDecision {
  int roi_number = 0;
  std::string original_name;
  RoiClass roi_class = RoiClass::AUX;
  std::string standard_name;  // "unknown" when no honest name exists
  double confidence = 0.0;    // in [0, 1]
  bool needs_review = true;
  std::vector<Reason> reasons;
  std::string engine = "rules";  // which engine answered: "rules", "llm", ...
};

// True when one of the decision's reasons has this rule ("plural-without-side").
bool has_reason(const RoiDecision& decision, std::string_view rule);

// The reasons as text, "stage:rule detail" each, joined by `separator`
// (reports and the audit log).
std::string joined_reasons(const std::vector<Reason>& reasons, std::string_view separator);

// The decision for the site of a structure set (NAMING.md §5).
struct SiteDecision {
  std::string site = "unknown";
  double confidence = 0.0;
  std::vector<Reason> reasons;
};

// Every decision for one structure set, ROIs in input order.
struct StructureSetDecision {
  SiteDecision site;
  std::vector<RoiDecision> rois;
};

inline constexpr std::string_view kUnknownName = "unknown";

}  // namespace roiname
