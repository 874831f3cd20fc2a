// How eval compares a predicted standard name with a labelled one.
#pragma once

#include <string>

#include "core/decision.h"

namespace roiname::cli {

// Targets by grammar equivalence (side indicators and ^qualifiers aside),
// every other name exactly.
bool same_standard_name(RoiClass roi_class, const std::string& expected, const std::string& predicted);

}  // namespace roiname::cli
