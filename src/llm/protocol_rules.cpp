#include "llm/protocol_rules.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include <fmt/core.h>

namespace roiname::llm {

namespace {

bool is_letter_or_digit(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Lower-case words of a name or description: split at separators, at
// lower→upper case changes ("SpinalCord") and at letter/digit boundaries.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!is_letter_or_digit(c)) {
      flush();
      continue;
    }
    if (!word.empty()) {
      const auto previous = static_cast<unsigned char>(text[i - 1]);
      const bool case_change = std::islower(previous) && std::isupper(c);
      const bool digit_change = (std::isdigit(previous) != 0) != (std::isdigit(c) != 0);
      if (case_change || digit_change) flush();
    }
    word += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
  }
  flush();
  return words;
}

enum class Side { none, left, right };

Side side_of_words(const std::vector<std::string>& words) {
  static const std::set<std::string> left = {"l", "lt", "left", "links", "li", "sin", "sx", "gauche", "izq"};
  static const std::set<std::string> right = {"r", "rt", "right", "rechts", "re", "dx", "droit", "der"};
  for (const auto& word : words) {
    if (left.contains(word)) return Side::left;
    if (right.contains(word)) return Side::right;
  }
  return Side::none;
}

Side side_of_name(const std::string& name) {
  if (name.ends_with("_L")) return Side::left;
  if (name.ends_with("_R")) return Side::right;
  return Side::none;
}

std::string without_side(const std::string& name) {
  return side_of_name(name) == Side::none ? name : name.substr(0, name.size() - 2);
}

// TG-263 anatomic groups that hold a site's organs (NAMING.md §5 sites).
std::vector<std::string> groups_of_site(const std::string& site) {
  static const std::map<std::string, std::vector<std::string>> groups = {
      {"brain", {"Head and Neck"}},
      {"nasopharynx", {"Head and Neck"}},
      {"head_neck", {"Head and Neck"}},
      {"breast", {"Thorax"}},
      {"lung", {"Thorax"}},
      {"esophagus", {"Thorax", "Abdomen"}},
      {"thorax_other", {"Thorax"}},
      {"liver", {"Abdomen"}},
      {"pancreas", {"Abdomen"}},
      {"stomach", {"Abdomen"}},
      {"abdomen_other", {"Abdomen"}},
      {"prostate", {"Pelvis"}},
      {"rectum", {"Pelvis"}},
      {"cervix", {"Pelvis"}},
      {"bladder", {"Pelvis"}},
      {"pelvis_other", {"Pelvis"}},
      {"extremity", {"Limb"}},
  };
  auto found = groups.find(site);
  if (found == groups.end()) return {};
  std::vector<std::string> result = found->second;
  result.push_back("Body");  // skin, external, bone marrow… belong to every site
  return result;
}

struct IndexedOrgan {
  std::string name;
  std::string group;
  std::vector<std::string> words;  // of the name and the description, 3+ letters
};

// The protocol's organ names with their words, built once per NamingRules.
class OrganIndex {
 public:
  explicit OrganIndex(const Protocol& protocol) {
    if (!protocol.organ_table) return;
    for (const auto& row : protocol.organ_table->rows()) {
      if (row.placeholder || row.target_type == "Target") continue;
      IndexedOrgan organ{row.primary_name, row.anatomic_group, {}};
      for (const auto* text : {&row.primary_name, &row.description})
        for (auto& word : words_of(*text))
          if (word.size() >= 3) organ.words.push_back(std::move(word));
      organs_.push_back(std::move(organ));
    }
  }

  // Organs of the site's groups (all when none) scored against `raw`.
  std::vector<std::string> candidates(const std::string& raw, const std::string& site,
                                      std::size_t limit) const {
    const auto raw_words = words_of(raw);
    const Side raw_side = side_of_words(raw_words);
    std::vector<std::string> keys;
    for (const auto& word : raw_words)
      if (word.size() >= 3 && !std::isdigit(static_cast<unsigned char>(word[0]))) keys.push_back(word);
    if (keys.empty()) return {};
    const auto groups = groups_of_site(site);

    std::vector<std::pair<double, const IndexedOrgan*>> scored;
    for (const auto& organ : organs_) {
      if (!groups.empty() && std::find(groups.begin(), groups.end(), organ.group) == groups.end()) continue;
      double score = 0;
      for (const auto& key : keys) {
        double best = 0;
        for (const auto& word : organ.words) {
          if (word == key)
            best = 1.0;
          else if (word.starts_with(key) || key.starts_with(word))
            best = std::max(best, 0.7);
        }
        score += best;
      }
      if (score == 0) continue;
      const Side side = side_of_name(organ.name);
      if (raw_side != Side::none && side == raw_side) score += 0.5;
      if (raw_side != Side::none && side != Side::none && side != raw_side) score -= 1.0;
      if (raw_side == Side::none && side != Side::none) score -= 0.25;
      score -= 0.01 * static_cast<double>(organ.name.size()) / 16.0;  // shorter first on ties
      scored.emplace_back(score, &organ);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> names;
    for (const auto& [score, organ] : scored) {
      if (names.size() >= limit) break;
      names.push_back(organ->name);
    }
    return names;
  }

 private:
  std::vector<IndexedOrgan> organs_;
};

std::string rules_text(const Protocol& protocol) {
  std::string dose;
  switch (protocol.target_style) {
    case DoseStyle::centigray:
      dose = "dose in cGy (PTV_7000, CTVn_5400)";
      break;
    case DoseStyle::gray:
      dose = "dose in Gy, p for a decimal point (PTV_70Gy, PTV_50p4Gy)";
      break;
    case DoseStyle::relative:
      dose = "relative dose levels (PTV_High, CTV_Low)";
      break;
  }
  return fmt::format(
      "Organs: the exact listed name and case{}; side suffix _L/_R; PRV: root_PRV+2-digit mm "
      "(SpinalCord_PRV05); partial: ~ after the root (Lung~_L); both sides: the plural (Lungs, Parotids). "
      "Targets: type (GTV CTV ITV PTV), classifier (p primary, n nodal, sb bed), number, then _{}; relative "
      "levels _High/_Mid/_Low. At most {} characters, unique in the set.",
      protocol.base == ProtocolBase::tg263_reverse ? " (reverse order: L_Parotid)" : "", dose,
      protocol.max_name_length);
}

}  // namespace

std::vector<std::string> organ_candidates(const std::string& raw, const std::string& site,
                                          const Protocol& protocol, std::size_t limit) {
  return OrganIndex(protocol).candidates(raw, site, limit);
}

NamingRules naming_rules_for(const Protocol& protocol) {
  auto index = std::make_shared<const OrganIndex>(protocol);
  NamingRules rules;
  rules.check_name = [&protocol](const std::string& name, RoiClass roi_class) -> std::optional<std::string> {
    const NameValidity validity = validate_name(name, protocol);
    if (!validity.valid) {
      std::string problems;
      for (const auto& problem : validity.problems) problems += (problems.empty() ? "" : "; ") + problem;
      return problems.empty() ? std::string("not valid in the protocol") : problems;
    }
    if (roi_class == RoiClass::TV && validity.kind != "target")
      return fmt::format("a target needs a target name, this is a {} name", validity.kind);
    if (roi_class == RoiClass::OAR && validity.kind == "target")
      return std::string("an organ cannot have a target name");
    return std::nullopt;
  };
  rules.canonical = [&protocol](const std::string& name) {
    const NameValidity validity = validate_name(name, protocol);
    return validity.canonical.empty() ? name : validity.canonical;
  };
  rules.kept_name = [&protocol](const std::string& raw, RoiClass roi_class) {
    return roi_class == RoiClass::AUX ? protocol_aux_name(raw, protocol) : raw;
  };
  rules.max_name_length = protocol.max_name_length;
  rules.rules_text = rules_text(protocol);
  rules.site_names = [index](const std::string& site, const std::vector<std::string>& raw_names) {
    // Roots (sides dropped) of the site's organs that relate to some name of the set.
    std::vector<std::string> roots;
    std::set<std::string> seen;
    for (const auto& raw : raw_names)
      for (const auto& name : index->candidates(raw, site, 4)) {
        std::string root = without_side(name);
        if (seen.insert(root).second) roots.push_back(std::move(root));
      }
    if (roots.size() > 60) roots.resize(60);
    return roots;
  };
  rules.candidates = [index](const NamingInput& input, std::size_t i, const std::string& site,
                             const RoiDecision& offline) {
    std::vector<std::string> names;
    // The offline name is a candidate only when it was made for an organ.
    if (offline.roi_class == RoiClass::OAR && offline.standard_name != kUnknownName)
      names.push_back(offline.standard_name);
    for (auto& name : index->candidates(input.rois[i].name, site, 3))
      if (names.size() < 3 && std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(std::move(name));
    return names;
  };
  return rules;
}

}  // namespace roiname::llm
