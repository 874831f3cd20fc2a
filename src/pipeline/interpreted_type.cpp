#include "pipeline/interpreted_type.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace roiname::pipeline {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::optional<std::string> interpreted_type_for(const RoiDecision& decision) {
  const std::string name = lower(decision.standard_name);
  if (decision.standard_name.empty() || decision.standard_name == kUnknownName) return std::nullopt;
  switch (decision.roi_class) {
    case RoiClass::TV:
      if (starts_with(name, "ptv")) return "PTV";
      if (starts_with(name, "gtv") || starts_with(name, "igtv")) return "GTV";
      if (starts_with(name, "ctv") || starts_with(name, "itv") || starts_with(name, "ictv")) return "CTV";
      return std::nullopt;
    case RoiClass::OAR:
      return "ORGAN";
    case RoiClass::AUX:
      return "CONTROL";
    case RoiClass::DOSE:
      if (name == "external" || name == "body") return "EXTERNAL";
      if (name.find("bolus") != std::string::npos) return "BOLUS";
      if (name.find("couch") != std::string::npos) return "SUPPORT";
      if (name.find("mask") != std::string::npos || name.find("headrest") != std::string::npos)
        return "FIXATION";
      if (name.find("marker") != std::string::npos || name.find("fiducial") != std::string::npos)
        return "MARKER";
      if (starts_with(name, "iso")) return "ISOCENTER";
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace roiname::pipeline
