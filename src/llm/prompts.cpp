#include "llm/prompts.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace roiname::llm {

using nlohmann::json;

const std::vector<std::string>& known_sites() {
  static const std::vector<std::string> sites = {
      "brain",   "nasopharynx",  "head_neck",  "breast",        "lung",       "esophagus", "thorax_other",
      "liver",   "pancreas",     "stomach",    "abdomen_other", "prostate",   "rectum",    "cervix",
      "bladder", "pelvis_other", "spine_bone", "extremity",     "whole_body", "unknown"};
  return sites;
}

namespace {

// A raw name as a JSON string: quotes keep separators, newlines and any
// instructions hidden in a name from reading as part of the prompt.
std::string quoted(const std::string& text) { return json(text).dump(); }

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

json per_roi_schema(const char* field, json field_schema) {
  json item = {{"type", "object"},
               {"properties", {{"id", {{"type", "integer"}}}, {field, std::move(field_schema)}}},
               {"required", {"id", field}},
               {"additionalProperties", false}};
  return {{"type", "object"},
          {"properties", {{"rois", {{"type", "array"}, {"items", std::move(item)}}}}},
          {"required", {"rois"}},
          {"additionalProperties", false}};
}

}  // namespace

ChatRequest site_request(const std::vector<PromptRoi>& rois, const std::string& context) {
  ChatRequest request;
  request.purpose = "site";
  request.schema_name = "site";
  request.schema = {{"type", "object"},
                    {"properties", {{"site", {{"type", "string"}, {"enum", known_sites()}}}}},
                    {"required", {"site"}},
                    {"additionalProperties", false}};
  request.messages.push_back(
      {"system",
       fmt::format("You read radiotherapy structure sets. From the ROI names of one set, name the "
                   "treated anatomical site, one of: {}. Reply with JSON only: {{\"site\":\"...\"}}",
                   joined(known_sites(), ", "))});
  std::string user;
  if (!context.empty()) user += fmt::format("Set: {}\n", quoted(context));
  user += "ROIs:";
  for (const auto& roi : rois) user += fmt::format(" {}", quoted(roi.name));
  request.messages.push_back({"user", std::move(user)});
  return request;
}

ChatRequest class_request(const std::vector<PromptRoi>& rois, const std::string& site) {
  ChatRequest request;
  request.purpose = "classes";
  request.schema_name = "classes";
  request.schema = per_roi_schema("class", {{"type", "string"}, {"enum", {"TV", "OAR", "AUX", "DOSE"}}});
  request.messages.push_back(
      {"system",
       "Classify each radiotherapy ROI. TV: target (GTV CTV ITV PTV, boosts, local forms like PGTV). "
       "OAR: normal anatomy, its PRVs, paired unions (Lungs), Skin, TG-263 derived (Lungs-GTV). "
       "AUX: planning helpers: ring, shell, opt, avoid, dummy, hot/cold, isodose, two targets combined "
       "(PTV70+PTV60), crop/minus variants, z-prefixed. DOSE: body/external/outline, couch, bolus, "
       "immobilisation, density override, marker, iso. Reply with JSON only: "
       "{\"rois\":[{\"id\":1,\"class\":\"OAR\"}]}, every id once."});
  std::string user = fmt::format("Site: {}\nROIs (id name [DICOM type]):\n", site);
  for (size_t i = 0; i < rois.size(); ++i) {
    user += fmt::format("{} {}", i + 1, quoted(rois[i].name));
    if (!rois[i].interpreted_type.empty()) user += fmt::format(" {}", rois[i].interpreted_type);
    user += '\n';
  }
  request.messages.push_back({"user", std::move(user)});
  return request;
}

ChatRequest name_request(const std::vector<PromptRoi>& rois, const std::string& site,
                         const NamingRules& rules) {
  ChatRequest request;
  request.purpose = "names";
  request.schema_name = "names";
  request.schema = per_roi_schema("name", {{"type", "string"}});
  request.messages.push_back(
      {"system", fmt::format("Give each radiotherapy ROI its standard name. {} Prefer a listed candidate. If "
                             "no honest name exists answer \"unknown\". Reply with JSON only: "
                             "{{\"rois\":[{{\"id\":1,\"name\":\"...\"}}]}}, every id once.",
                             rules.rules_text)});
  std::string user = fmt::format("Site: {}\n", site);
  if (rules.site_names) {
    std::vector<std::string> raw_names;
    for (const auto& roi : rois)
      if (roi.roi_class == RoiClass::OAR) raw_names.push_back(roi.name);
    const auto names = rules.site_names(site, raw_names);
    if (!names.empty()) user += fmt::format("Organ names for this site: {}\n", joined(names, " "));
  }
  user += "ROIs (id name class: candidates):\n";
  for (size_t i = 0; i < rois.size(); ++i) {
    user += fmt::format("{} {} {}", i + 1, quoted(rois[i].name), to_string(rois[i].roi_class));
    if (!rois[i].candidates.empty()) user += fmt::format(": {}", joined(rois[i].candidates, " "));
    user += '\n';
  }
  request.messages.push_back({"user", std::move(user)});
  return request;
}

ChatRequest repair_request(const ChatRequest& original, const std::string& previous_reply,
                           const std::vector<std::string>& problems) {
  ChatRequest request = original;
  request.purpose = fmt::format("{}-repair", original.purpose);
  // A rambling reply is cut: the problems list says what to fix.
  constexpr std::size_t kMaxEchoed = 4000;
  request.messages.push_back({"assistant", previous_reply.size() <= kMaxEchoed
                                               ? previous_reply
                                               : previous_reply.substr(0, kMaxEchoed) + " …"});
  std::string user = "Your reply has these problems:\n";
  for (const auto& problem : problems) user += fmt::format("- {}\n", problem);
  user += "Reply again with the complete JSON for every id, fixing them.";
  request.messages.push_back({"user", std::move(user)});
  return request;
}

}  // namespace roiname::llm
