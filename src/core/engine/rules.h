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
  std::string site;                    // the set's site (stage 1); empty when unknown
  std::string treated_side;            // L or R: the side of the set's targets (resolves "contra")
};

// The side (L or R) every target of the set that names a side names, or
// empty when none does or they disagree.
std::string treated_side_of(const NamingInput& input, const Lexicon& lexicon);

// Class, standard name, confidence and reasons for one raw name.
// `interpreted_type` may be empty. needs_review is set from the threshold.
RoiDecision decide_roi_by_rules(std::string_view raw_name, std::string_view interpreted_type,
                                const Lexicon& lexicon, const NameCatalog& catalog,
                                const RulesSettings& settings);

// The site of a set of names from the site evidence table.
SiteDecision decide_site_by_rules(const NamingInput& input, const Lexicon& lexicon);

// How strongly the TG-263 root (side suffix ignored) points to `site` in the
// site evidence table; 0 when it does not.
double site_weight(std::string_view root, std::string_view site);

// The TG-263 anatomic group of a site's body region ("breast" → "Thorax"),
// or empty for sites that span regions (spine_bone, extremity, whole_body).
std::string_view anatomic_group_of_site(std::string_view site);

}  // namespace roiname
