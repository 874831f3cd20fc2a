#include "eval_names.h"

namespace roiname::cli {
namespace {

// Interim comparison until the nomenclature grammar is merged: drops ^…,
// and side indicators _L/_R.
std::string target_key(std::string name) {
  if (auto caret = name.find('^'); caret != std::string::npos) name.erase(caret);
  for (const char* side : {"_L", "_R"}) {
    for (auto at = name.find(side); at != std::string::npos; at = name.find(side)) {
      if (at + 2 == name.size() || name[at + 2] == '_')
        name.erase(at, 2);
      else
        break;
    }
  }
  return name;
}

}  // namespace

bool same_standard_name(RoiClass roi_class, const std::string& expected, const std::string& predicted) {
  if (roi_class == RoiClass::TV) return target_key(expected) == target_key(predicted);
  return expected == predicted;
}

}  // namespace roiname::cli
