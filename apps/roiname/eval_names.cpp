#include "eval_names.h"

#include "core/nomenclature/target_name.h"

namespace roiname::cli {

bool same_standard_name(RoiClass roi_class, const std::string& expected, const std::string& predicted) {
  if (roi_class == RoiClass::TV) {
    auto a = parse_target_name(expected);
    auto b = parse_target_name(predicted);
    if (a.ok() && b.ok()) return targets_equivalent(*a, *b);
  }
  return expected == predicted;
}

}  // namespace roiname::cli
