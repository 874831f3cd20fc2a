// What the LLM stages need to know of the naming protocol and of the offline
// engine, as plain functions: the prompt's rules, the names worth showing for
// a site, candidate names per ROI, and the check every returned name passes.
// Built from a Protocol by naming_rules_for() (llm_engine.h); tests build
// their own.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/decision.h"
#include "core/engine/naming_input.h"

namespace roiname::llm {

// Longest standard name of TG-263 (NAMING.md §2 and §3); protocols may
// allow more.
inline constexpr std::size_t kMaxNameLength = 16;

struct NamingRules {
  // Why `name` is not an acceptable standard name for a ROI of `roi_class`
  // under the protocol, or nothing when it is. "unknown" is never passed.
  std::function<std::optional<std::string>(const std::string& name, RoiClass roi_class)> check_name;

  // The protocol's preferred spelling of a name check_name accepted
  // ("PTV_70Gy" → "PTV_7000" under a cGy protocol); may be empty (identity).
  std::function<std::string(const std::string& name)> canonical;

  // The name an AUX or DOSE ROI keeps when the model changed its class
  // (NAMING.md §4: kept, or z-prefixed by an AUX policy); may be empty
  // (the raw name).
  std::function<std::string(const std::string& raw, RoiClass roi_class)> kept_name;

  // Longest name the protocol allows (its max_name_length).
  std::size_t max_name_length = kMaxNameLength;

  // The protocol's naming rules, compact, for the naming prompt.
  std::string rules_text;

  // Organ names of the protocol for `site` that relate to the set's raw
  // names (may be empty); the naming prompt shows them once per set.
  std::function<std::vector<std::string>(const std::string& site, const std::vector<std::string>& raw_names)>
      site_names;

  // A few candidate standard names for input.rois[index], best first,
  // given the set's site and the offline engine's decision for it.
  std::function<std::vector<std::string>(const NamingInput& input, std::size_t index, const std::string& site,
                                         const RoiDecision& offline)>
      candidates;
};

// The sites of NAMING.md §5, in the order prompts list them.
const std::vector<std::string>& known_sites();

}  // namespace roiname::llm
