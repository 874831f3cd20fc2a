#include "core/decision.h"

#include <algorithm>
#include <cctype>

namespace roiname {

std::string_view to_string(RoiClass roi_class) {
  switch (roi_class) {
    case RoiClass::TV:
      return "TV";
    case RoiClass::OAR:
      return "OAR";
    case RoiClass::AUX:
      return "AUX";
    case RoiClass::DOSE:
      return "DOSE";
  }
  return "AUX";
}

bool has_reason(const RoiDecision& decision, std::string_view rule) {
  return std::any_of(decision.reasons.begin(), decision.reasons.end(),
                     [&](const Reason& reason) { return reason.rule == rule; });
}

std::string joined_reasons(const std::vector<Reason>& reasons, std::string_view separator) {
  std::string out;
  for (const Reason& r : reasons) {
    if (!out.empty()) out += separator;
    out += r.stage + ":" + r.rule;
    if (!r.detail.empty()) out += " " + r.detail;
  }
  return out;
}

std::optional<RoiClass> parse_roi_class(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (RoiClass c : {RoiClass::TV, RoiClass::OAR, RoiClass::AUX, RoiClass::DOSE})
    if (upper == to_string(c)) return c;
  return std::nullopt;
}

}  // namespace roiname
