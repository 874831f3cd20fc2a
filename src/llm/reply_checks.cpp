#include "llm/reply_checks.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/core.h>

namespace roiname::llm {

using nlohmann::json;

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

template <class T>
CheckedAnswers<T> sized(std::size_t count) {
  CheckedAnswers<T> checked;
  checked.answers.resize(count);
  checked.roi_problems.resize(count);
  return checked;
}

template <class T>
void reject(CheckedAnswers<T>& checked, std::size_t index, std::string problem) {
  checked.answers[index].reset();
  if (checked.roi_problems[index].empty()) checked.roi_problems[index] = problem;
  checked.problems.push_back(std::move(problem));
}

// The value of `field` per id (1-based) in {"rois":[{"id":…, field:…}]},
// recording missing, repeated and invented ids as problems.
template <class T>
std::vector<const json*> values_by_id(const std::optional<json>& reply, const char* field,
                                      CheckedAnswers<T>& checked) {
  const std::size_t count = checked.answers.size();
  std::vector<const json*> values(count, nullptr);
  if (!reply || !reply->contains("rois") || !(*reply)["rois"].is_array()) {
    checked.problems.push_back("the reply is not a JSON object with a \"rois\" array");
    for (std::size_t i = 0; i < count; ++i)
      if (checked.roi_problems[i].empty()) checked.roi_problems[i] = "the reply held no usable JSON";
    return values;
  }
  std::vector<int> times(count, 0);
  for (const json& item : (*reply)["rois"]) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer()) {
      checked.problems.push_back("an entry has no integer \"id\"");
      continue;
    }
    const long id = item["id"].get<long>();
    if (id < 1 || static_cast<std::size_t>(id) > count) {
      checked.problems.push_back(fmt::format("id {} is not one of the ROIs (1..{})", id, count));
      continue;
    }
    const std::size_t index = static_cast<std::size_t>(id - 1);
    if (++times[index] == 1 && item.contains(field)) values[index] = &item[field];
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (times[i] == 0) {
      reject(checked, i, fmt::format("id {} was not answered", i + 1));
      values[i] = nullptr;
    } else if (times[i] > 1) {
      reject(checked, i, fmt::format("id {} was answered {} times", i + 1, times[i]));
      values[i] = nullptr;
    } else if (!values[i]) {
      reject(checked, i, fmt::format("id {} has no \"{}\"", i + 1, field));
    }
  }
  return values;
}

}  // namespace

CheckedAnswers<std::string> check_site_reply(const std::optional<json>& reply) {
  auto checked = sized<std::string>(1);
  if (!reply || !reply->contains("site") || !(*reply)["site"].is_string()) {
    reject(checked, 0, "the reply is not a JSON object with a \"site\" string");
    return checked;
  }
  const std::string site = lower((*reply)["site"].get<std::string>());
  const auto& sites = known_sites();
  if (std::find(sites.begin(), sites.end(), site) == sites.end())
    reject(checked, 0, fmt::format("\"{}\" is not one of the listed sites", site));
  else
    checked.answers[0] = site;
  return checked;
}

CheckedAnswers<RoiClass> check_class_reply(const std::optional<json>& reply, std::size_t count) {
  auto checked = sized<RoiClass>(count);
  const auto values = values_by_id(reply, "class", checked);
  for (std::size_t i = 0; i < count; ++i) {
    if (!values[i]) continue;
    std::optional<RoiClass> parsed;
    if (values[i]->is_string()) parsed = parse_roi_class(values[i]->get<std::string>());
    if (parsed)
      checked.answers[i] = *parsed;
    else
      reject(checked, i,
             fmt::format("id {}: class {} is not TV, OAR, AUX or DOSE", i + 1, values[i]->dump()));
  }
  return checked;
}

CheckedAnswers<std::string> check_name_reply(const std::optional<json>& reply,
                                             const std::vector<RoiClass>& classes, const NamingRules& rules,
                                             const std::vector<std::string>& taken) {
  auto checked = sized<std::string>(classes.size());
  const auto values = values_by_id(reply, "name", checked);
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (!values[i]) continue;
    if (!values[i]->is_string()) {
      reject(checked, i, fmt::format("id {}: the name is not a string", i + 1));
      continue;
    }
    const std::string name = values[i]->get<std::string>();
    if (name == kUnknownName) {
      checked.answers[i] = name;
      continue;
    }
    if (name.empty()) {
      reject(checked, i, fmt::format("id {}: the name is empty", i + 1));
    } else if (name.size() > rules.max_name_length) {
      reject(checked, i,
             fmt::format("id {}: \"{}\" is longer than {} characters", i + 1, name, rules.max_name_length));
    } else if (auto problem = rules.check_name ? rules.check_name(name, classes[i]) : std::nullopt) {
      reject(checked, i, fmt::format("id {}: \"{}\" is not a valid name: {}", i + 1, name, *problem));
    } else {
      checked.answers[i] = rules.canonical ? rules.canonical(name) : name;
    }
  }
  reject_duplicate_names(checked, taken);
  return checked;
}

void reject_duplicate_names(CheckedAnswers<std::string>& checked, const std::vector<std::string>& taken) {
  std::set<std::string> used;
  for (const auto& name : taken) used.insert(lower(name));
  // Within the answers, every holder of a repeated name is rejected: the
  // model has to say which ROI deserves it.
  std::map<std::string, std::vector<std::size_t>> holders;
  for (std::size_t i = 0; i < checked.answers.size(); ++i)
    if (checked.answers[i] && *checked.answers[i] != kUnknownName)
      holders[lower(*checked.answers[i])].push_back(i);
  for (const auto& [key, indices] : holders) {
    const std::string name = *checked.answers[indices.front()];
    if (used.contains(key)) {
      for (std::size_t i : indices)
        reject(checked, i,
               fmt::format("id {}: \"{}\" is already the name of another ROI in the set", i + 1, name));
    } else if (indices.size() > 1) {
      std::string ids;
      for (std::size_t i : indices) ids += (ids.empty() ? "" : ", ") + std::to_string(i + 1);
      for (std::size_t i : indices)
        reject(checked, i, fmt::format("id {}: \"{}\" is given to several ROIs (ids {})", i + 1, name, ids));
    }
  }
}

}  // namespace roiname::llm
