// The offline rules engine's decisions for one ROI and for a site.
#pragma once

#include <string>
#include <string_view>

#include "core/decision.h"
#include "core/engine/catalog.h"
#include "core/engine/lexicon.h"
#include "core/engine/naming_input.h"

namespace roiname {

struct RulesSettings {
  std::string body_name = "External";  // what body outlines are renamed to
  double review_threshold = 0.5;       // needs_review when confidence < this
};

// Class, standard name, confidence and reasons for one raw name.
// `interpreted_type` may be empty. needs_review is set from the threshold.
RoiDecision decide_roi_by_rules(std::string_view raw_name, std::string_view interpreted_type,
                                const Lexicon& lexicon, const NameCatalog& catalog,
                                const RulesSettings& settings);

// The site of a set of names from the site evidence table.
SiteDecision decide_site_by_rules(const NamingInput& input, const Lexicon& lexicon);

}  // namespace roiname
