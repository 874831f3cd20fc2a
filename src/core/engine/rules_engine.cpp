#include "core/engine/rules_engine.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "core/engine/reader.h"
#include "core/nomenclature/protocol.h"
#include "core/nomenclature/tg263_table.h"

namespace roiname {
namespace {

// The part of a target name after its type word that tells targets apart:
// "PTV1" → "1", "PGTVnx70" → ",p", used by the seed rule to find the CTV/GTV
// a PTV grows from. Doses and sides are left out: "PGTVnx70" grows from
// "GTVnx", "PTV_Breast_L_4005" from "CTV_Breast_L", "PGTVnd" from "GTVnd_L".
std::string target_suffix(const std::string& raw_name, const Lexicon& lexicon) {
  Reading reading = read_name(raw_name, lexicon);
  std::string suffix;
  bool after = false;
  for (const Part& part : reading.parts) {
    if (part.is(SenseKind::target)) {
      after = true;
      std::string value = part.sense.value;
      if (value.find(',') != std::string::npos) suffix += value.substr(value.find(','));
      continue;
    }
    const bool dose = part.type == Part::Type::number &&
                      (part.unit == "gy" || part.unit == "cgy" || part.decimal || part.number >= 10);
    if (!after || part.type == Part::Type::unknown || part.is(SenseKind::noise) || dose ||
        part.is(SenseKind::unit) || part.is(SenseKind::side))
      continue;
    suffix += "|" + part.text;
  }
  return suffix;
}

// A standard target name after its type, without dose and side:
// "PTVp_L_7000" → "p".
std::string standard_suffix(const std::string& standard_name) {
  std::string out;
  std::size_t start = 3;
  while (start <= standard_name.size()) {
    std::size_t end = standard_name.find('_', start);
    if (end == std::string::npos) end = standard_name.size();
    const std::string piece = standard_name.substr(start, end - start);
    const bool dose = piece.size() >= 3 && std::isdigit(static_cast<unsigned char>(piece[0]));
    if (piece != "L" && piece != "R" && !dose) out += (out.empty() ? "" : "_") + piece;
    start = end + 1;
  }
  return out;
}

// "PTV_12" → {"ptv_", 12}: a raw name that ends in a number written after a
// fixed prefix; {"", 0} when it does not.
std::pair<std::string, int> prefix_and_number(const std::string& raw_name) {
  std::size_t digits = raw_name.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(raw_name[digits - 1]))) --digits;
  if (digits == 0 || digits == raw_name.size() || raw_name.size() - digits > 2) return {"", 0};
  return {ascii_lower(raw_name.substr(0, digits)), std::stoi(raw_name.substr(digits))};
}

}  // namespace

RulesEngine::RulesEngine(const EngineOptions& options)
    : RulesEngine(Lexicon::embedded(), NameCatalog::tg263(), options) {}

RulesEngine::RulesEngine(const Lexicon& lexicon, const NameCatalog& catalog, const EngineOptions& options)
    : lexicon_(lexicon), catalog_(catalog), options_(options) {
  settings_.review_threshold = options.review_threshold;
}

SiteDecision RulesEngine::decide_site(const NamingInput& input) const {
  return decide_site_by_rules(input, lexicon_);
}

RoiDecision RulesEngine::decide_one(const NamingInput& input, std::size_t index, const std::string& site,
                                    const std::string& treated_side) const {
  const NamingRoi& roi = input.rois[index];
  RulesSettings settings = settings_;
  settings.site = site;
  settings.treated_side = treated_side;
  RoiDecision decision = decide_roi_by_rules(roi.name, roi.interpreted_type, lexicon_, catalog_, settings);
  decision.roi_number = roi.number;
  decision.engine = "rules";
  return decision;
}

RoiDecision RulesEngine::decide_roi(const NamingInput& input, std::size_t index, const SiteDecision& site,
                                    const Protocol& protocol) const {
  const NamingRoi& roi = input.rois[index];
  // Institution aliases (raw name → protocol name) come first.
  if (std::optional<std::string> alias = find_alias(roi.name, protocol)) {
    RoiDecision decision;
    decision.roi_number = roi.number;
    decision.original_name = roi.name;
    decision.standard_name = *alias;
    NameValidity validity = validate_name(*alias, protocol);
    decision.roi_class = validity.kind == "target"                                    ? RoiClass::TV
                         : validity.kind == "organ"                                   ? RoiClass::OAR
                         : validity.kind == "dose" || validity.kind == "non_anatomic" ? RoiClass::DOSE
                                                                                      : RoiClass::AUX;
    decision.confidence = 0.99;
    decision.needs_review = decision.confidence < settings_.review_threshold;
    decision.reasons.push_back(
        {"name", "protocol-alias", roi.name + " → " + *alias + " (" + protocol.name + ")"});
    return decision;
  }

  const std::string known_site = site.site == "unknown" ? std::string() : site.site;
  RoiDecision decision = decide_one(input, index, known_site);
  if (has_reason(decision, "relative-side-unknown")) {
    // "Lung_Contra": only now is it worth reading the whole set for its targets' side.
    if (std::string treated = treated_side_of(input, lexicon_); !treated.empty())
      decision = decide_one(input, index, known_site, treated);
  }
  RulesSettings settings = settings_;
  // Body outlines and AUX names as the protocol writes them.
  if (decision.roi_class == RoiClass::DOSE && decision.standard_name == settings_.body_name)
    decision.standard_name = protocol.body_name;
  if (decision.roi_class == RoiClass::AUX)
    decision.standard_name = protocol_aux_name(decision.standard_name, protocol);
  if ((decision.roi_class == RoiClass::OAR || decision.roi_class == RoiClass::TV) &&
      decision.standard_name != kUnknownName) {
    Result<std::string> local = protocol_name_for(decision.standard_name, protocol);
    const std::string& name = decision.standard_name;
    if (!local && decision.roi_class == RoiClass::OAR && (name.ends_with("_L") || name.ends_with("_R"))) {
      // A side the protocol's table does not list for this organ: keep the
      // side-less name and ask for review.
      std::string sideless = name.substr(0, name.size() - 2);
      if (Result<std::string> without = protocol_name_for(sideless, protocol)) {
        decision.reasons.push_back({"name", "protocol-side-dropped", local.error().message});
        local = std::move(without);
        decision.confidence *= 0.5;
      }
    }
    if (!local) {
      decision.reasons.push_back({"name", "protocol-rejects", local.error().message});
      decision.standard_name = std::string(kUnknownName);
      decision.confidence = 0;
    } else {
      if (*local != decision.standard_name)
        decision.reasons.push_back({"name", "protocol-name", decision.standard_name + " → " + *local});
      decision.standard_name = *local;
      NameValidity validity = validate_name(decision.standard_name, protocol);
      if (!validity.valid) {
        decision.reasons.push_back(
            {"name", "invalid-in-protocol",
             validity.problems.empty() ? std::string("not valid") : validity.problems.front()});
        decision.confidence *= 0.5;
      }
    }
  }
  decision.needs_review =
      decision.confidence < settings.review_threshold || decision.standard_name == kUnknownName;
  return decision;
}

StructureSetDecision RulesEngine::decide(const NamingInput& input, const Protocol& protocol) const {
  StructureSetDecision decision;
  decision.site = decide_site(input);
  decision.rois.reserve(input.rois.size());
  for (std::size_t i = 0; i < input.rois.size(); ++i)
    decision.rois.push_back(decide_roi(input, i, decision.site, protocol));
  apply_set_rules(decision);
  return decision;
}

StructureSetDecision RulesEngine::decide_tg263(const NamingInput& input) const {
  return decide(input, default_protocol());
}

void RulesEngine::apply_set_rules(StructureSetDecision& decision) const {
  auto flag = [&](RoiDecision& roi, double factor) {
    roi.confidence *= factor;
    roi.needs_review = roi.confidence < settings_.review_threshold || roi.standard_name == kUnknownName;
  };

  // Seed rule (NAMING.md §1): in nasopharynx and breast sets, a PTV with no
  // CTV/GTV of the same suffix is a derived planning structure. A set of one
  // name has no siblings to judge by, so the rule needs at least two ROIs.
  const std::string& site = decision.site.site;
  if ((site == "nasopharynx" || site == "breast") && decision.rois.size() > 1) {
    // The same suffix as written ("PTV1" / "CTV1") or as read ("PGTVnx" →
    // PTVp / "GTVnx" → GTVp: what follows the type in the standard names).
    const auto after_type = standard_suffix;
    std::vector<std::string> sources, standard_sources;
    for (const RoiDecision& roi : decision.rois)
      if (roi.roi_class == RoiClass::TV &&
          (roi.standard_name.starts_with("CTV") || roi.standard_name.starts_with("GTV"))) {
        sources.push_back(target_suffix(roi.original_name, lexicon_));
        standard_sources.push_back(after_type(roi.standard_name));
      }
    for (RoiDecision& roi : decision.rois) {
      if (roi.roi_class != RoiClass::TV || !roi.standard_name.starts_with("PTV")) continue;
      std::string suffix = target_suffix(roi.original_name, lexicon_);
      if (std::find(sources.begin(), sources.end(), suffix) != sources.end()) continue;
      if (std::find(standard_sources.begin(), standard_sources.end(), after_type(roi.standard_name)) !=
          standard_sources.end())
        continue;
      roi.roi_class = RoiClass::AUX;
      roi.standard_name = roi.original_name;
      roi.reasons.push_back(
          {"class", "seed-ptv-rule", "PTV without a CTV/GTV of the same suffix in a " + site + " set"});
      flag(roi, 0.9);
    }
  }

  // Numbered targets (multi-lesion radiosurgery): "PTV_1" … "PTV_9" are
  // targets 1 to 9, so "PTV_10", "PTV_11" written alike in the same set
  // continue the count; alone they would read as 10 and 11 Gy.
  {
    std::unordered_map<std::string, std::vector<std::pair<int, std::size_t>>> numbered;
    for (std::size_t i = 0; i < decision.rois.size(); ++i) {
      const RoiDecision& roi = decision.rois[i];
      if (roi.roi_class != RoiClass::TV) continue;
      auto [prefix, number] = prefix_and_number(roi.original_name);
      if (number > 0) numbered[prefix].push_back({number, i});
    }
    for (auto& [prefix, rois] : numbered) {
      std::sort(rois.begin(), rois.end());
      // The first member must be target 1 read as an enumerator ("PTV1").
      const RoiDecision& first = decision.rois[rois.front().second];
      const std::string& one = first.standard_name;
      if (rois.front().first != 1 || one.size() < 4 || one.back() != '1' ||
          std::isdigit(static_cast<unsigned char>(one[one.size() - 2])))
        continue;
      const std::string type = one.substr(0, one.size() - 1);
      for (std::size_t k = 1; k < rois.size(); ++k) {
        if (rois[k].first != rois[k - 1].first + 1) break;  // a gap ends the count
        RoiDecision& roi = decision.rois[rois[k].second];
        const std::string enumerated = type + std::to_string(rois[k].first);
        if (rois[k].first < 10 || roi.standard_name == enumerated || enumerated.size() > 16) continue;
        roi.reasons.push_back({"name", "enumerator-run",
                               roi.standard_name + " → " + enumerated +
                                   ": the set numbers its targets 1 to " +
                                   std::to_string(rois.back().first)});
        roi.standard_name = enumerated;
        flag(roi, 0.9);
      }
    }
  }

  // Unique names ignoring case: the most confident keeps the name; on a
  // tie, the ROI already named so ("Femur_Head_L" beside "Femoral Head L").
  const auto keeps_name = [](const RoiDecision& a, const RoiDecision& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return ascii_lower(a.original_name) == ascii_lower(a.standard_name) ||
           ascii_lower(b.original_name) != ascii_lower(b.standard_name);
  };
  std::unordered_map<std::string, std::size_t> owner;
  for (std::size_t i = 0; i < decision.rois.size(); ++i) {
    RoiDecision& roi = decision.rois[i];
    if (roi.standard_name == kUnknownName) continue;
    std::string key = ascii_lower(roi.standard_name);
    auto [it, inserted] = owner.emplace(key, i);
    if (inserted) continue;
    RoiDecision& other = decision.rois[it->second];
    RoiDecision& loser = keeps_name(other, roi) ? roi : other;
    if (&loser == &other) it->second = i;
    if (loser.roi_class == RoiClass::AUX || loser.roi_class == RoiClass::DOSE) {
      if (loser.standard_name != loser.original_name)
        loser.standard_name = loser.original_name;
      else
        continue;
      if (owner.count(ascii_lower(loser.standard_name)) == 0) continue;
    }
    loser.reasons.push_back({"name", "duplicate", loser.standard_name + " is already used in this set"});
    loser.standard_name = std::string(kUnknownName);
    loser.confidence = 0;
    loser.needs_review = true;
  }
}

std::unique_ptr<NamingEngine> make_rules_engine(const EngineOptions& options) {
  return std::make_unique<RulesEngine>(options);
}

}  // namespace roiname
