// Stage 1: the site of a structure set from the evidence of all its names.
#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <unordered_map>

#include "core/embedded_data.h"
#include "core/engine/catalog.h"
#include "core/engine/context.h"
#include "core/engine/reader.h"
#include "core/engine/rules.h"
#include "core/nomenclature/tg263_table.h"

namespace roiname {
namespace {

struct Evidence {
  std::string site;
  double weight = 0;
};

// root_or_term → evidence, from every embedded lexicon/site_evidence*.tsv.
const std::unordered_map<std::string, std::vector<Evidence>>& site_evidence() {
  static const auto table = [] {
    std::unordered_map<std::string, std::vector<Evidence>> out;
    for (const EmbeddedFile& file : embedded_files()) {
      if (!file.path.starts_with("lexicon/site_evidence") || !file.path.ends_with(".tsv")) continue;
      std::size_t start = 0;
      while (start < file.content.size()) {
        std::size_t end = file.content.find('\n', start);
        if (end == std::string_view::npos) end = file.content.size();
        std::string_view line = file.content.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line[0] == '#' || line.starts_with("root_or_term")) continue;
        std::size_t t1 = line.find('\t');
        std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos) continue;
        std::size_t t3 = line.find('\t', t2 + 1);
        std::string_view weight_text =
            line.substr(t2 + 1, t3 == std::string_view::npos ? std::string_view::npos : t3 - t2 - 1);
        double weight = 1;
        auto [p, ec] = std::from_chars(weight_text.data(), weight_text.data() + weight_text.size(), weight);
        (void)p;
        if (ec != std::errc()) weight = 1;
        std::string key(line.substr(0, t1));
        if (key.find('_') == std::string::npos &&
            !std::any_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
          key = lexicon_key(key);  // a term, normalised like names
        out[key].push_back({std::string(line.substr(t1 + 1, t2 - t1 - 1)), weight});
      }
    }
    return out;
  }();
  return table;
}

// The sites of NAMING.md §5 by TG-263 anatomic group; the first of each
// group is the one a root without site evidence points to.
struct RegionSites {
  std::string_view group;
  std::array<std::string_view, 5> sites;
};
constexpr std::array<RegionSites, 4> kRegions = {{
    {"Head and Neck", {"head_neck", "nasopharynx", "brain"}},
    {"Thorax", {"thorax_other", "breast", "lung", "esophagus"}},
    {"Abdomen", {"abdomen_other", "liver", "pancreas", "stomach"}},
    {"Pelvis", {"pelvis_other", "prostate", "rectum", "cervix", "bladder"}},
}};

std::string site_of_group(std::string_view group) {
  for (const RegionSites& region : kRegions)
    if (region.group == group) return std::string(region.sites.front());
  return {};
}

}  // namespace

std::string_view anatomic_group_of_site(std::string_view site) {
  for (const RegionSites& region : kRegions)
    for (std::string_view member : region.sites)
      if (!member.empty() && member == site) return region.group;
  return {};
}

double site_weight(std::string_view root, std::string_view site) {
  if (root.ends_with("_L") || root.ends_with("_R")) root.remove_suffix(2);
  const auto& evidence = site_evidence();
  auto it = evidence.find(std::string(root));
  if (it == evidence.end()) return 0;
  for (const Evidence& e : it->second)
    if (e.site == site) return e.weight;
  return 0;
}

SiteDecision decide_site_by_rules(const NamingInput& input, const Lexicon& lexicon) {
  SiteDecision decision;
  if (input.site_hint && !input.site_hint->empty()) {
    decision.site = *input.site_hint;
    decision.confidence = 1.0;
    decision.reasons.push_back({"site", "hint", "site given by the user"});
    return decision;
  }
  const auto& evidence = site_evidence();
  const NameCatalog& catalog = NameCatalog::tg263();
  std::map<std::string, double> scores;  // ordered: deterministic ties
  // Evidence that on its own names a site ("GTVnx", "Nasopharynx", weight
  // ≥ 0.8): a sub-site with it is answered even among many general organs.
  std::map<std::string, double> defining;
  std::map<std::string, double> strongest;            // the strongest single clue per site
  std::map<std::string, double> hinted;               // words that name one site's cancer or treatment
  std::map<std::string, double> organs_at_risk_only;  // evidence of an organ every plan of the region has
  double total = 0;
  // Head-and-neck evidence that a brain plan would not have (parotids,
  // larynx, GTVnx): without any, eyes and optic nerves say brain as much.
  int head_neck_only = 0;
  // One clue of `weight` for `site`; `names_site`: a word that names the
  // site's cancer or treatment.
  auto credit = [&](const std::string& site, double weight, bool names_site) {
    scores[site] += weight;
    total += weight;
    strongest[site] = std::max(strongest[site], weight);
    if (names_site) hinted[site] += weight;
  };
  auto add = [&](std::string_view key, double scale) {
    auto it = evidence.find(std::string(key));
    if (it == evidence.end()) return false;
    // A word that names a cancer or its treatment ("tbi", "npc",
    // "mesorectum"; not an organ root) and is strong evidence.
    const bool term =
        std::none_of(key.begin(), key.end(), [](char c) { return c == '_' || (c >= 'A' && c <= 'Z'); });
    bool brain = false;
    double head_neck_family = 0;
    for (const Evidence& e : it->second) {
      credit(e.site, e.weight * scale, term && e.weight >= 0.8);
      if (e.weight >= 0.8) defining[e.site] += e.weight * scale;
      brain = brain || e.site == "brain";
      if (e.site == "head_neck" || e.site == "nasopharynx")
        head_neck_family = std::max(head_neck_family, e.weight);
    }
    if (!brain && head_neck_family >= 0.4) ++head_neck_only;
    return true;
  };
  std::vector<std::string> texts;
  for (const NamingRoi& roi : input.rois) texts.push_back(roi.name);
  for (const std::string* text :
       {&input.structure_set_label, &input.study_description, &input.series_description})
    if (!text->empty()) texts.push_back(*text);
  int texts_with_evidence = 0;
  // Every pelvic plan but a rectal one contours the rectum as an organ at
  // risk next to the bladder, and every one but a bladder plan the bladder.
  bool rectum_named = false;
  bool bladder_named = false;
  bool bladder_at_risk = false;
  bool rectum_at_risk = false;
  bool gynaecological_target = false;  // CTV_Uterus, GTV_Cervix
  for (const std::string& text : texts) {
    const double total_before = total;
    // Any word of the organ counts, read or not ("Rectosigmoid", read as the
    // sigmoid; "Rect_wall").
    const std::string lower = ascii_lower(text);
    for (std::string_view word : {"rect", "rekt", "直肠", "直腸"})
      if (lower.find(word) != std::string::npos) rectum_named = true;
    for (std::string_view word : {"bladder", "blase", "膀胱"})
      if (lower.find(word) != std::string::npos) bladder_named = true;
    Reading reading = read_name(text, lexicon);
    const bool target = std::any_of(reading.parts.begin(), reading.parts.end(),
                                    [](const Part& part) { return part.is(SenseKind::target); });
    // A target named after a bone of the trunk or the spine ("PTV_T8",
    // "PTV T10-L2", "CTV_Sacrum", "PTV_Rib7", "CTV_Spine") treats a bone
    // metastasis or the spine.
    const bool bone_target =
        target && std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
          const std::string& root = part.sense.value;
          return (part.is(SenseKind::anatomy) &&
                  (root.starts_with("VB") || root.starts_with("Rib") || root == "Sacrum" ||
                   root == "Acetabulum" || root.starts_with("Bone_Pelvic") || root == "Bone_Ilium" ||
                   root == "Bone_Ischium")) ||
                 (part.is(SenseKind::noise) && part.sense.value == kLevelRangeNoise) ||
                 part.text == "spine" || part.text == "wirbelsäule" || part.text == "colonne";
        });
    if (bone_target) credit("spine_bone", 0.8, true);
    for (const Part& part : reading.parts) {
      // A word only a site can read ("RCA") cannot tell the site.
      if (part.is(SenseKind::anatomy) && part.sense.site_decides) continue;
      bool found = add(part.text, 1.0);
      if (part.is(SenseKind::anatomy)) {
        // The rectum and the bladder are organs at risk of every pelvic
        // plan: in a plan's worth of names an ROI of their own does not
        // point to their own cancer; named in a target ("CTV_Rectum") they
        // do, twice as much.
        for (const auto& [organ, site] : {std::pair{"Rectum", "rectum"}, std::pair{"Bladder", "bladder"}})
          if (part.sense.value == organ) {
            const double weight = site_weight(organ, site);
            if (target)
              credit(site, weight, false);
            else
              organs_at_risk_only[site] += weight;
          }
        // The stomach and the oesophagus, organs at risk of their
        // neighbours' plans, named in a target ("CTV_Stomach", "GTV_食道")
        // are the site, twice as much.
        if (target)
          for (const auto& [organ, site] :
               {std::pair{"Stomach", "stomach"}, std::pair{"Esophagus", "esophagus"}})
            if (part.sense.value == organ) credit(site, site_weight(organ, site), false);
        if (part.sense.value.starts_with("Rectum")) rectum_named = true;
        if (part.sense.value.starts_with("Bladder")) bladder_named = true;
        if (part.sense.value == "Bladder" && !target) bladder_at_risk = true;
        if (part.sense.value == "Rectum" && !target) rectum_at_risk = true;
        if (target && site_weight(part.sense.value, "cervix") >= 0.5) gynaecological_target = true;
        if (!found) found = add(part.sense.value, 1.0);
        if (!found) {
          const CatalogRow* row = catalog.find(part.sense.value);
          if (row == nullptr) row = catalog.find(part.sense.value + "_L");
          if (row != nullptr) {
            std::string site = site_of_group(row->anatomic_group);
            if (!site.empty()) {
              scores[site] += 0.2;
              total += 0.2;
            }
          }
        }
      } else if (part.type == Part::Type::sense && !found) {
        if (!add(part.sense.value, 1.0) && part.is(SenseKind::target)) {
          // A hint glued to the type ("GTVnx", "PGTVnd"): the hint is the evidence.
          for (std::string_view type : {"pgtv", "pctv", "igtv", "gtv", "ctv", "ptv", "itv"})
            if (part.text.starts_with(type) && part.text.size() > type.size()) {
              add(part.text.substr(type.size()), 1.0);
              break;
            }
        }
      }
    }
    if (total > total_before) ++texts_with_evidence;
  }
  if (texts_with_evidence >= 4)
    for (const auto& [site, weight] : organs_at_risk_only) {
      scores[site] -= weight;
      total -= weight;
    }
  if (scores.empty() || total <= 0) {
    decision.reasons.push_back({"site", "no-evidence", "no name carries site evidence"});
    return decision;
  }
  // Nasopharynx is a head-and-neck sub-site: the family competes as one, and
  // the sub-site is answered only with evidence clearly its own: twice the
  // general evidence, or evidence that names it (GTVnx, Nasopharynx).
  const double nasopharynx = scores.count("nasopharynx") ? scores["nasopharynx"] : 0.0;
  const double head_neck = scores.count("head_neck") ? scores["head_neck"] : 0.0;
  if (nasopharynx > 0 && head_neck > 0) {
    bool own = nasopharynx >= 2 * head_neck || defining["nasopharynx"] >= 0.8;
    scores[own ? "nasopharynx" : "head_neck"] = nasopharynx + head_neck;
    scores.erase(own ? "head_neck" : "nasopharynx");
  }
  // A plan's worth of names (brain metastases: brain, brainstem, eyes,
  // lenses, optic nerves, chiasm) with no head-and-neck-only organ is a brain
  // plan, though each shared organ leans to head and neck on its own.
  const double brain = scores.count("brain") ? scores["brain"] : 0.0;
  if (brain > 0 && head_neck_only == 0 && texts_with_evidence >= 4 &&
      (scores.count("head_neck") || scores.count("nasopharynx"))) {
    scores.erase("head_neck");
    scores.erase("nasopharynx");
    decision.reasons.push_back(
        {"site", "no-head-neck-organ", "no organ only a head-and-neck plan would have"});
  }
  auto best = std::max_element(scores.begin(), scores.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  // One site named by such words ("PTV_TBI" among lungs and kidneys) wins
  // over organs that many sites contour.
  if (hinted.size() == 1 && scores.count(hinted.begin()->first) && hinted.begin()->first != best->first) {
    best = scores.find(hinted.begin()->first);
    decision.reasons.push_back({"site", "named", best->first + " is named by a word of its own"});
  }
  double share = best->second / total;
  double strength = std::min(1.0, best->second / 2.0);
  decision.confidence = share * strength;
  if (best->second < 0.15) {
    decision.reasons.push_back({"site", "weak-evidence", best->first + " only weakly supported"});
    return decision;
  }
  decision.site = best->first;
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%s: score %.2f of %.2f", best->first.c_str(), best->second, total);
  decision.reasons.push_back({"site", "evidence", buffer});
  // Sub-sites of one region level with each other: the one with the
  // strongest single clue (Liver 0.8 over kidneys and duodenum); still level
  // (bladder, rectum and femoral heads fit prostate, rectum and cervix plans
  // alike), the region's general site rather than the alphabetically first.
  const std::string_view group = anatomic_group_of_site(best->first);
  const std::string general = site_of_group(group);
  std::string winner = best->first;
  bool level = false;
  for (const auto& [site, score] : scores) {
    if (site == best->first || site == general || anatomic_group_of_site(site) != group ||
        score < 0.99 * best->second)
      continue;
    if (strongest[site] > strongest[winner] + 1e-9) {
      winner = site;
      level = false;
    } else if (strongest[site] > strongest[winner] - 1e-9) {
      level = true;
    }
  }
  if (!group.empty() && (level || winner != best->first) && best->first != general) {
    decision.site = level ? general : winner;
    if (level) decision.confidence *= 0.5;
    decision.reasons.push_back(
        {"site", "level-sub-sites",
         level ? "sub-sites of " + std::string(group) + " level: the region's general site"
               : winner + " has the strongest single clue among level sub-sites"});
  }
  // A pelvic plan with the bladder among its organs at risk but no rectum
  // anywhere, and no organ or word that names another pelvic site (prostate,
  // uterus, cervix), treats the rectum: the rectum is its target, written as
  // GTV/CTV/PTV without the organ's name. The same with the organs swapped
  // is a bladder plan.
  const bool pelvic = anatomic_group_of_site(decision.site) == anatomic_group_of_site("rectum");
  const bool unnamed = texts_with_evidence >= 4 && hinted.empty() && strongest[decision.site] < 0.5;
  // The uterus, vagina and ovaries as ROIs of their own are organs at risk
  // of a woman's rectal plan; a cervix plan names them in its targets and
  // always has the rectum.
  const bool female_organs_only =
      decision.site == "cervix" && !gynaecological_target && hinted.empty() && texts_with_evidence >= 4;
  if (pelvic && (unnamed || female_organs_only) && decision.site != "rectum" && bladder_at_risk &&
      !rectum_named) {
    decision.site = "rectum";
    decision.confidence *= 0.5;  // read from an organ missing
    decision.reasons.push_back(
        {"site", "no-rectum-at-risk", "pelvic organs at risk without the rectum: the rectum is the target"});
  } else if (pelvic && unnamed && decision.site != "bladder" && rectum_at_risk && !bladder_named) {
    decision.site = "bladder";
    decision.confidence *= 0.5;
    decision.reasons.push_back({"site", "no-bladder-at-risk",
                                "pelvic organs at risk without the bladder: the bladder is the target"});
  }
  return decision;
}

}  // namespace roiname
