// NamingRules from a naming protocol: validate_name as the check, the
// protocol's rules in a few sentences, and, from its organ table, the organ
// names of the site that relate to the set and a few candidates per ROI.
#pragma once

#include <string>
#include <vector>

#include "core/nomenclature/protocol.h"
#include "llm/naming_rules.h"

namespace roiname::llm {

// The rules for `protocol`. The returned functions keep a reference to
// `protocol`, which must outlive them.
NamingRules naming_rules_for(const Protocol& protocol);

// Up to `limit` organ names of `protocol` whose words match words of `raw`
// (prefixes of at least 3 letters, in the name or its TG-263 description),
// best first, side variants matching a side word of `raw` preferred,
// restricted to the anatomic groups of `site` when it has any.
std::vector<std::string> organ_candidates(const std::string& raw, const std::string& site,
                                          const Protocol& protocol, std::size_t limit);

}  // namespace roiname::llm
