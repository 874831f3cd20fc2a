#include "core/engine/rules.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/embedded_data.h"
#include "core/engine/compose.h"
#include "core/engine/reader.h"
#include "core/nomenclature/organ_name.h"
#include "core/nomenclature/target_name.h"

namespace roiname {
namespace {

struct Counts {
  int targets = 0, anatomy = 0, dose_calc = 0, body = 0, helpers = 0, ops = 0, minus = 0, unions = 0;
  int numbers = 0, unknown = 0, prv = 0, implied_targets = 0, overrides = 0, points = 0;
};

// "GTV-N_PA", "CTV-T_HR", "HR-CTV": a hyphen between a target type and its
// classifier, level or side separates words; it cuts nothing.
bool separating_hyphen(const Reading& reading, std::size_t i) {
  const auto& parts = reading.parts;
  if (parts[i].text != "-" || i == 0 || i + 1 >= parts.size()) return false;
  const auto qualifies = [](const Part& part) {
    return part.is(SenseKind::classifier) || part.is(SenseKind::level) || part.is(SenseKind::side);
  };
  // "PTV-Breast-L": a side after a structure too.
  const bool side_after_structure =
      (parts[i - 1].is(SenseKind::anatomy) || parts[i - 1].is(SenseKind::target)) &&
      parts[i + 1].is(SenseKind::side);
  return (parts[i - 1].is(SenseKind::target) && qualifies(parts[i + 1])) ||
         (qualifies(parts[i - 1]) && parts[i + 1].is(SenseKind::target)) || side_after_structure;
}

Counts count(const Reading& reading) {
  Counts c;
  for (std::size_t i = 0; i < reading.parts.size(); ++i) {
    const Part& part = reading.parts[i];
    if (part.is(SenseKind::op) && separating_hyphen(reading, i)) continue;
    if (part.type == Part::Type::number) ++c.numbers;
    if (part.type == Part::Type::unknown) ++c.unknown;
    if (part.type != Part::Type::sense) continue;
    switch (part.sense.kind) {
      case SenseKind::target:
        // Words that imply a target ("boost", "lumpectomy") only count
        // when no target type is written.
        if (part.sense.value.starts_with("?"))
          ++c.implied_targets;
        else
          ++c.targets;
        if (part.plural && !part.sense.value.starts_with("?")) ++c.unions;  // "PTVs": all PTVs together
        break;
      case SenseKind::anatomy:
        ++c.anatomy;
        break;
      case SenseKind::dose_calc:
        ++c.dose_calc;
        if (part.sense.value == "body") ++c.body;
        if (part.sense.value == "override" || part.sense.value == "implant" || part.sense.value == "device")
          ++c.overrides;
        if (part.sense.value == "point" || part.sense.value == "marker") ++c.points;
        break;
      case SenseKind::helper:
        ++c.helpers;
        break;
      case SenseKind::op:
        ++c.ops;
        if (part.sense.value == "minus") ++c.minus;
        break;
      case SenseKind::union_word:
        ++c.unions;
        break;
      case SenseKind::prv:
        ++c.prv;
        break;
      default:
        break;
    }
  }
  if (c.targets == 0 && c.implied_targets > 0) c.targets = 1;
  // "计划靶区PTV": the same type written twice (in two languages) is one target.
  // "计划靶区PGTVnx", "临床靶区CTV1": the word in Chinese and the local
  // prefix or numbered type in Latin letters name one target too.
  std::vector<std::string> types;
  bool cjk_type = false;
  for (const Part& part : reading.parts)
    if (part.is(SenseKind::target) && !part.sense.value.starts_with("?")) {
      const std::string type = part.sense.value.substr(0, part.sense.value.find(','));
      if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
      if (!part.text.empty() && static_cast<unsigned char>(part.text[0]) >= 0x80) cjk_type = true;
    }
  if (c.targets > 1 && types.size() == 1 &&
      !std::any_of(reading.parts.begin(), reading.parts.end(), [&](const Part& part) {
        return part.is(SenseKind::op) || (part.type == Part::Type::number && !cjk_type);
      }))
    c.targets = 1;
  // "PTV_ITV", "PTV ITV 5mm": the PTV grown from the ITV (lung SBRT) is one
  // target, and so is a PTV named after the CTV or GTV it grows from
  // ("PTV_CTV1", "PTV_GTVnd"); only with an operator ("PTV-ITV") are they two.
  for (std::size_t i = 0; c.targets == 2 && c.ops == 0 && i + 1 < reading.parts.size(); ++i) {
    if (!reading.parts[i].is(SenseKind::target) || reading.parts[i].sense.value != "PTV" ||
        !reading.parts[i + 1].is(SenseKind::target))
      continue;
    const std::string& source = reading.parts[i + 1].sense.value;
    const std::string source_type = source.substr(0, source.find(','));
    if (source_type == "ITV" || source_type == "IGTV" || source_type == "CTV" || source_type == "GTV")
      c.targets = 1;
  }
  return c;
}

// True when an organ is followed by a minus operator and then by another
// structure: "rectum - T1", "parotid - PTV" (not initials: "cord - DN").
bool organ_minus_something(const Reading& reading) {
  bool organ = false, minus = false, glued_minus = false;
  std::size_t minus_at = 0;
  for (std::size_t i = 0; i < reading.parts.size(); ++i) {
    const Part& part = reading.parts[i];
    if (part.is(SenseKind::anatomy) && !minus) {
      organ = true;
    } else if (organ && !minus && part.is(SenseKind::op) && part.sense.value == "minus") {
      minus = true;
      minus_at = i;
      glued_minus = part.glued_before;
    } else if (minus && part.is(SenseKind::side) && &part == &reading.parts[minus_at + 1]) {
      minus = false;  // "ON-L+3mm": the hyphen set off a side
    } else if (minus) {
      // "cervico-thoracic": a hyphen glued between two anatomical words joins them.
      if (part.is(SenseKind::anatomy) && glued_minus && part.glued_before) return false;
      if (part.is(SenseKind::anatomy) || part.is(SenseKind::target) || part.is(SenseKind::dose_calc) ||
          part.is(SenseKind::helper) || part.is(SenseKind::classifier))
        return true;
      // "Skin-5mm": the organ contracted by a margin, a planning structure.
      if (part.type == Part::Type::number && (part.unit == "mm" || part.unit == "cm")) return true;
    }
  }
  // "Rectum out", "Bladder_excl": an organ minus what the name leaves
  // unsaid (the target).
  if (minus && !reading.parts.empty()) {
    const Part& last = reading.parts.back();
    return last.is(SenseKind::op) && std::isalpha(static_cast<unsigned char>(last.text[0])) != 0;
  }
  return false;
}

// Something that is not a target, minus a target: "RSubGland - PTV".
bool something_minus_target(const Reading& reading) {
  bool before = false, minus = false;
  for (const Part& part : reading.parts) {
    if (part.is(SenseKind::target)) {
      if (minus && before) return true;
      if (!minus) return false;  // the target comes first: "CTV65-R-N2"
    } else if (part.is(SenseKind::op) && part.sense.value == "minus") {
      minus = true;
    } else if (!minus && !part.is(SenseKind::side) && !part.is(SenseKind::noise) &&
               !part.is(SenseKind::level) && !part.is(SenseKind::classifier) &&
               part.type != Part::Type::number) {
      // "HR-CTV", "IR-CTV" (GEC-ESTRO): a level before the hyphen qualifies
      // the target; it is not a structure the target is cut from.
      before = true;
    }
  }
  return false;
}

// "CTV-Prostate", "PTV-CW": the organ glued by a hyphen right after a
// target type, or null.
const Part* organ_after_target_hyphen(const Reading& reading) {
  const Part* target = nullptr;
  for (std::size_t i = 0; i + 1 < reading.parts.size(); ++i) {
    const Part& part = reading.parts[i];
    if (part.is(SenseKind::target) && target == nullptr) target = &part;
    if (!part.is(SenseKind::op)) continue;
    const Part& next = reading.parts[i + 1];
    const bool hyphen = target != nullptr && i > 0 && reading.parts[i - 1].is(SenseKind::target) &&
                        part.text == "-" && part.glued_before && next.glued_before &&
                        next.is(SenseKind::anatomy);
    return hyphen ? &next : nullptr;
  }
  return nullptr;
}

// Nodal regions, the breast, the chest wall, the cervix, uterus,
// parametrium, the lung and unnamed regions (pelvis) are where targets lie,
// never what they are cut from ("PTV-CW", "CTV-sc", "CTV-Cx", "CTV-Pelvis").
bool target_region(const Part& organ) {
  const std::string& root = organ.sense.value;
  return root.starts_with("LN_") || root == "Breast" || root == "Breasts" || root == "Chestwall" ||
         root == "Cervix" || root == "Uterus" || root == "Parametrium" || root == "Lung" ||
         root == "-";  // regions TG-263 has no name for: pelvis, mesorectum
}

// "PTV_LR-HR", "PTV_HR+LR": two relative dose levels joined by an operator
// are a Boolean of two targets (the low level without the high one, or both).
bool levels_joined(const Reading& reading) {
  const auto& parts = reading.parts;
  for (std::size_t i = 1; i + 1 < parts.size(); ++i)
    if (parts[i].is(SenseKind::op) && parts[i - 1].is(SenseKind::level) &&
        parts[i + 1].is(SenseKind::level) && parts[i - 1].sense.value != parts[i + 1].sense.value)
      return true;
  return false;
}

// A target cut by what is not a structure word: another dose level
// ("PTV60-70", "PTV60 excl 70"), the organs at risk ("PTV-OAR") or nothing
// said ("PTV_60_ex"). Not a crop ("PTV_7000-03", "PTV-3mm"), not an
// enumerator ("GTV-1"), not a side or classifier ("CTV65-R-N2").
bool target_cut(const Reading& reading) {
  bool target = false, dose = false;
  for (std::size_t i = 0; i < reading.parts.size(); ++i) {
    const Part& part = reading.parts[i];
    if (part.is(SenseKind::target)) target = true;
    if (!target) continue;
    if (part.type == Part::Type::number && part.unit != "mm" && part.unit != "cm" && part.number >= 10)
      dose = true;
    if (!part.is(SenseKind::op) || part.sense.value != "minus") continue;
    // The cut follows the type or the dose at once ("PTV70_2-27" is a date).
    const Part& before = reading.parts[i - 1];
    const bool after_type_or_dose = before.is(SenseKind::target) || before.is(SenseKind::unit) ||
                                    (before.type == Part::Type::number && before.number >= 10);
    if (!after_type_or_dose) continue;
    std::size_t next = i + 1;
    while (next < reading.parts.size() && reading.parts[next].is(SenseKind::side)) ++next;
    if (next == reading.parts.size()) return std::isalpha(static_cast<unsigned char>(part.text[0])) != 0;
    const Part& cut = reading.parts[next];
    if (cut.is(SenseKind::noise) && (cut.text == "oar" || cut.text == "oars")) return true;
    const bool dose_like =
        (cut.number >= 10 && cut.number <= 150) || (cut.number >= 1000 && cut.number <= 15000);
    if (dose && cut.type == Part::Type::number && cut.unit.empty() && !cut.decimal && cut.text[0] != '0' &&
        dose_like)
      return true;
  }
  return false;
}

// "Skin_3mm", "skin05", "Body_5mm": the skin or body outline with a length
// and no PRV word is a rind or a contracted outline (a PRV around the
// surface would lie in air).
bool surface_with_length(const Reading& reading) {
  bool surface = false, length = false;
  const auto& parts = reading.parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Part& part = parts[i];
    if (part.is(SenseKind::prv)) return false;
    if ((part.is(SenseKind::anatomy) && part.sense.value == "Skin") ||
        (part.is(SenseKind::dose_calc) && part.sense.value == "body"))
      surface = true;
    if (part.type != Part::Type::number) continue;
    // "Skin_0.5cm": a decimal length in cm too.
    if ((!part.decimal || part.unit == "cm") &&
        (part.unit == "mm" || part.unit == "cm" || (part.text.size() == 2 && part.text[0] == '0')))
      length = true;
    // "Skin-5": a small bare number after a minus.
    const bool after_minus = i > 0 && parts[i - 1].is(SenseKind::op) && parts[i - 1].sense.value == "minus";
    if (after_minus && part.unit.empty() && !part.decimal && part.number >= 1 && part.number <= 15)
      length = true;
  }
  return surface && length;
}

// Lymph nodes named with a dose ("node 70", "R neck nodes 60Gy").
bool lymph_nodes_with_dose(const Reading& reading) {
  bool nodes = false, dose = false;
  for (const Part& part : reading.parts) {
    if (part.is(SenseKind::anatomy) && part.sense.value.starts_with("LN")) nodes = true;
    if (part.is(SenseKind::classifier) && part.sense.value == "n") nodes = true;  // "r neck 60Gy"
    if (part.type == Part::Type::number &&
        (part.unit == "gy" || (part.unit.empty() && part.number >= 40 && part.number <= 80)))
      dose = true;
  }
  return nodes && dose;
}

// Lymph nodes named by region only ("LNs", "R neck nodes", "pelvic nodes"),
// no station: an elective nodal target. A station ("LN Iliac Int",
// "IMN", "level II") is the atlas organ.
bool regional_nodes_only(const Reading& reading) {
  bool nodes = false;
  for (const Part& part : reading.parts) {
    if (!part.is(SenseKind::anatomy)) continue;
    if (part.sense.value == "LN" || part.sense.value.starts_with("LN_Pelvic"))
      nodes = true;
    else if (part.sense.value != "LN_Pelvic" && part.sense.value != "LN_Pelvics" &&
             part.sense.value != "Bone_Pelvic" && part.sense.value != "-")  // "mesorectal nodes"
      return false;
  }
  return nodes;
}

// "BOWEL_PTV", "L parotid PTV 60": an organ that is almost never treated,
// named before a target type with no operator, names a structure derived
// from both (an overlap, a crop), not the target of that organ.
bool rarely_treated_organ_then_target(const Reading& reading) {
  for (const Part& part : reading.parts) {
    if (part.is(SenseKind::target)) return false;
    if (part.is(SenseKind::anatomy))
      return rarely_treated(part.sense.value) &&
             std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& later) {
               return later.is(SenseKind::target) && !later.sense.value.starts_with("?");
             });
  }
  return false;
}

// A target expanded by a margin or joined to another number: "PTV54+2",
// "PTV + 5mm", "PTV 1 AND 2".
bool target_plus_number(const Reading& reading) {
  bool target = false, plus = false;
  for (const Part& part : reading.parts) {
    if (part.is(SenseKind::target))
      target = true;
    else if (target && part.is(SenseKind::op) && (part.sense.value == "plus" || part.sense.value == "and"))
      plus = true;
    else if (plus && part.type == Part::Type::number)
      return true;
  }
  return false;
}

// "CTV_Prostate+SV", "Prostate+SVs (CTV1)": one target whose site is a union
// of organs; every operator joins an organ to an organ.
bool target_of_joined_organs(const Reading& reading) {
  const Part* previous = nullptr;   // the last target, organ or operator
  const Part* joined_to = nullptr;  // what the last "+" joins to
  bool joined = false;
  for (std::size_t i = 0; i < reading.parts.size(); ++i) {
    const Part& part = reading.parts[i];
    if (part.is(SenseKind::op)) {
      // "CTV_Prostate+SV", "CTVp+sv": organs joined to each other or to the type.
      if (part.sense.value != "plus" || previous == nullptr ||
          !(previous->is(SenseKind::anatomy) || previous->is(SenseKind::target)))
        return false;
      joined = true;
      joined_to = previous;
    } else if (part.is(SenseKind::anatomy) || part.is(SenseKind::target)) {
      if (previous != nullptr && previous->is(SenseKind::op) && !part.is(SenseKind::anatomy)) return false;
      // "PTV60 + LNs": nodes joined to a target are a second target.
      if (joined_to != nullptr && joined_to->is(SenseKind::target) && part.sense.value.starts_with("LN"))
        return false;
    } else {
      continue;
    }
    previous = &part;
  }
  return joined && previous != nullptr && !previous->is(SenseKind::op);
}

// The target type when the organs read together form a clinical target
// (data/lexicon/compound_targets.tsv), or empty.
std::string compound_target(const Reading& reading) {
  static const std::vector<std::pair<std::vector<std::string>, std::string>> compounds = [] {
    std::vector<std::pair<std::vector<std::string>, std::string>> out;
    std::string_view text = embedded_file("lexicon/compound_targets.tsv").value_or("");
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      start = end + 1;
      std::size_t tab = line.find('\t');
      if (line.empty() || line[0] == '#' || line.starts_with("roots\t") || tab == std::string_view::npos)
        continue;
      std::vector<std::string> roots;
      std::string_view list = line.substr(0, tab);
      for (std::size_t from = 0; from <= list.size();) {
        std::size_t plus = list.find('+', from);
        if (plus == std::string_view::npos) plus = list.size();
        roots.emplace_back(list.substr(from, plus - from));
        from = plus + 1;
      }
      std::string_view rest = line.substr(tab + 1);
      out.emplace_back(roots, std::string(rest.substr(0, rest.find('\t'))));
    }
    return out;
  }();
  for (const auto& [roots, type] : compounds) {
    bool all = std::all_of(roots.begin(), roots.end(), [&](const std::string& root) {
      return std::any_of(reading.parts.begin(), reading.parts.end(), [&](const Part& part) {
        return part.is(SenseKind::anatomy) && part.sense.value == root;
      });
    });
    if (all) return type;
  }
  return {};
}

// Weak evidence from the DICOM RT ROI Interpreted Type.
std::optional<RoiClass> class_of_interpreted_type(std::string_view type) {
  if (type == "PTV" || type == "CTV" || type == "GTV") return RoiClass::TV;
  if (type == "ORGAN" || type == "AVOIDANCE") return type == "ORGAN" ? RoiClass::OAR : RoiClass::AUX;
  if (type == "EXTERNAL" || type == "BOLUS" || type == "SUPPORT" || type == "FIXATION" || type == "MARKER" ||
      type == "ISOCENTER" || type == "REGISTRATION" || type == "BRACHY_CHANNEL" ||
      type == "BRACHY_ACCESSORY" || type == "CAVITY" || type == "DOSE_REGION")
    return type == "CAVITY" || type == "DOSE_REGION" ? RoiClass::AUX : RoiClass::DOSE;
  if (type == "CONTROL") return RoiClass::AUX;
  return std::nullopt;
}

struct ClassVerdict {
  RoiClass roi_class = RoiClass::AUX;
  double strength = 0.5;
  std::string rule, detail;
  std::string derived;  // TG-263 derived name when that rule fired
};

ClassVerdict decide_class(const Reading& reading, const NameCatalog& catalog) {
  const Counts c = count(reading);
  bool enumerator_dropped = false;
  if (std::string derived = derived_name(reading, catalog, &enumerator_dropped); !derived.empty())
    return {
        RoiClass::OAR, enumerator_dropped ? 0.6 : 0.95, "derived-name",
        "TG-263 derived structure " + derived + (enumerator_dropped ? " (the target's number left out)" : ""),
        derived};
  if (c.targets >= 2) return {RoiClass::AUX, 0.9, "two-targets", "more than one target in one name", ""};
  if (c.overrides > 0 && c.prv > 0)
    return {RoiClass::AUX, 0.7, "implant-prv", "avoidance margin around an implant or override", ""};
  if (c.overrides > 0 && c.targets > 0 && c.ops > 0 && c.helpers == 0)
    return {RoiClass::DOSE, 0.7, "override-in-target", "density override inside a target", ""};
  if (c.points > 0 && c.targets > 0 && c.helpers == 0)
    return {RoiClass::DOSE, 0.8, "point-of-target", "isocentre or marker of a target", ""};
  if (c.targets == 0 && surface_with_length(reading))
    return {RoiClass::AUX, 0.8, "surface-rind", "skin or body outline with a length: a rind", ""};
  // "Body-Lungs": the body outline minus organs is a Boolean helper, not the
  // outline the dose engine uses.
  if (c.body > 0 && c.minus > 0 && c.anatomy > 0 && c.targets == 0)
    return {RoiClass::AUX, 0.8, "body-minus", "the body outline minus a structure", ""};
  if (c.dose_calc > 0 && c.targets == 0 && c.helpers == 0)
    return {RoiClass::DOSE, c.anatomy > 0 ? 0.7 : 0.95, "dose-word", "dose-calculation word", ""};
  if (c.targets == 1 && c.dose_calc == 0 && c.helpers == 0 && target_of_joined_organs(reading))
    return {RoiClass::TV, 0.8, "target-of-organs", "a target whose site is organs joined by +", ""};
  if (c.targets == 1 && c.anatomy == 1 && c.dose_calc == 0 && c.ops == 1)
    if (const Part* organ = organ_after_target_hyphen(reading)) {
      if (target_region(*organ))
        return {RoiClass::TV, 0.85, "target-hyphen-region", "a hyphen before the target's region", ""};
      // "PTV-skin" is a cut (NAMING §1); "CTV-Prostate" the site as often as a cut.
      if (organ->sense.value != "Skin")
        return {RoiClass::AUX, 0.45, "target-hyphen-organ",
                "a hyphen between a target and an organ: the target's site or a cut", ""};
    }
  if (c.targets > 0 && (c.anatomy > 0 || c.dose_calc > 0) && c.ops > 0)
    return {RoiClass::AUX, 0.9, "organ-and-target", "organ combined with a target", ""};
  // "PTV_OAR_overlap", "PTV_overlap", "Rectum_Overlap": an overlap is of two
  // structures, the other one implied.
  if ((c.targets > 0 || c.anatomy > 0) &&
      std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
        return part.is(SenseKind::op) &&
               (part.text.starts_with("overlap") || part.text.starts_with("intersect"));
      }))
    return {RoiClass::AUX, 0.8, "overlap", "the overlap of a structure with another one", ""};
  // "PTV_OAR", "OARs_PTV": a target with the organs at risk as a whole is a
  // target cut by them (or their overlap).
  if (c.targets > 0 && std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
        return part.is(SenseKind::noise) && (part.text == "oar" || part.text == "oars");
      }))
    return {RoiClass::AUX, 0.75, "target-and-organs", "a target with the organs at risk", ""};
  if (c.targets > 0 && something_minus_target(reading))
    return {RoiClass::AUX, 0.85, "minus-target", "a structure minus a target", ""};
  if (c.targets > 0 && target_cut(reading))
    return {RoiClass::AUX, 0.8, "target-cut", "a target minus another dose level or the organs", ""};
  if (c.targets > 0 && levels_joined(reading))
    return {RoiClass::AUX, 0.8, "levels-joined", "two dose levels of a target joined by an operator", ""};
  if (c.helpers > 0) {
    // A target with only a two-letter mark ("PTV70_HS70") is less certain.
    bool short_mark =
        c.targets > 0 && std::all_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
          return !part.is(SenseKind::helper) || part.text.size() <= 2;
        });
    return {RoiClass::AUX, short_mark ? 0.5 : 0.9, "helper-mark", "planning helper mark", ""};
  }
  // "PTV_minus_HA", "PTV ohne XY": a minus written as a word takes something
  // out of the target, whatever the rest is (a hyphen may be initials:
  // "ctv65-sjj").
  if (c.targets > 0)
    for (std::size_t i = 0; i + 1 < reading.parts.size(); ++i) {
      const Part& op = reading.parts[i];
      const Part& next = reading.parts[i + 1];
      if (op.is(SenseKind::op) && op.sense.value == "minus" && op.text != "-" &&
          std::isalpha(static_cast<unsigned char>(op.text[0])) && next.type != Part::Type::number &&
          !next.is(SenseKind::unit))
        return {RoiClass::AUX, 0.8, "target-minus-word", "something taken out of a target", ""};
    }
  // "PTV_Skin5mm", "PTV_5mm_from_skin": a target with the skin and a length
  // is cropped from the skin, a crop variant (NAMING §1).
  if (c.targets > 0 && surface_with_length(reading))
    return {RoiClass::AUX, 0.8, "target-skin-crop", "a target cropped from the skin by a length", ""};
  if (c.targets > 0 && c.unions > 0) return {RoiClass::AUX, 0.85, "target-union", "union of targets", ""};
  // "GTV PRV", "GTV外扩5mm": a margin grown on a target is a planning
  // structure; the grammar's margins are the types (CTV, PTV).
  if (c.targets > 0 && c.prv > 0 && c.anatomy == 0)
    return {RoiClass::AUX, 0.8, "target-prv", "a PRV-style margin on a target", ""};
  if (c.targets > 0 && target_plus_number(reading))
    return {RoiClass::AUX, 0.7, "target-expansion", "target expanded by a margin", ""};
  if (c.anatomy > 0 && organ_minus_something(reading))
    return {RoiClass::AUX, 0.8, "organ-minus", "organ minus another structure", ""};
  if (c.targets == 1 && c.ops == 0 && rarely_treated_organ_then_target(reading))
    return {RoiClass::AUX, 0.6, "organ-then-target",
            "an organ that is almost never treated, named before a target: a derived structure", ""};
  if (c.targets > 0) return {RoiClass::TV, 0.95, "target-type", "target type word", ""};
  if (c.helpers == 0 && c.anatomy >= 2)
    if (std::string type = compound_target(reading); !type.empty())
      return {RoiClass::TV, 0.85, "compound-target", "organs that together are a " + type, type};
  if ((c.anatomy > 0 || (c.helpers == 0 && c.dose_calc == 0)) && lymph_nodes_with_dose(reading))
    return {RoiClass::TV, 0.8, "nodes-with-dose", "lymph nodes given a dose: a nodal target", ""};
  if (c.helpers == 0 && c.ops == 0 && c.prv == 0 && regional_nodes_only(reading))
    return {RoiClass::TV, 0.7, "regional-nodes",
            "lymph nodes of a region, no station: an elective nodal target", ""};
  if (c.anatomy > 0) return {RoiClass::OAR, 0.95, "anatomy", "anatomical concept", ""};
  if (c.dose_calc > 0) return {RoiClass::DOSE, 0.6, "dose-word", "dose-calculation word", ""};
  if (c.numbers > 0 && c.unknown == 0)
    return {RoiClass::AUX, 0.8, "numbers-only", "only numbers and units", ""};
  return {RoiClass::AUX, 0.3, "unexplained", "nothing in the name was recognised", ""};
}

// How much a set's site points to an organ: site evidence first, then the
// TG-263 anatomic group of the site's region for roots the evidence table
// does not list.
double site_score(const std::string& root, const std::string& site, const NameCatalog& catalog) {
  const std::string_view region = anatomic_group_of_site(site);
  double weight = site_weight(root, site);
  const CatalogRow* row = catalog.find(root);
  if (row == nullptr) row = catalog.find(root + "_L");
  if (row != nullptr && !region.empty() && row->anatomic_group == region) weight += 0.1;
  return weight;
}

// An ambiguous word ("LCA": carotid or coronary; "PV": pulmonary or portal
// vein) takes the sense the set's site points to.
std::vector<std::string> take_senses_of_site(Reading& reading, const std::string& site,
                                             const NameCatalog& catalog) {
  std::vector<std::string> notes;
  // The sense read first stays when the site supports it at all ("PB" in a
  // prostate set is still the penile bulb); only a sense foreign to the
  // site gives way ("LCA" in a breast set: not the carotid).
  constexpr double kSupported = 0.3;
  for (Part& part : reading.parts) {
    if (!part.is(SenseKind::anatomy)) continue;
    double best = site_score(part.sense.value, site, catalog);
    if (best >= kSupported) continue;
    for (Sense& other : part.others) {
      if (other.kind != SenseKind::anatomy) continue;
      const double weight = site_score(other.value, site, catalog);
      if (weight <= best) continue;
      best = weight;
      std::swap(part.sense, other);
      notes.push_back("'" + part.text + "' read as " + part.sense.value + " in a " + site + " set");
    }
  }
  return notes;
}

// Words only a site can read ("RCA": right carotid or right coronary artery)
// whose set has no site, or one that favours no sense: a guess.
int senses_left_to_guess(const Reading& reading, const std::string& site, const NameCatalog& catalog) {
  int guesses = 0;
  for (const Part& part : reading.parts) {
    if (!part.is(SenseKind::anatomy) || !part.sense.site_decides) continue;
    const double chosen = site.empty() ? 0 : site_score(part.sense.value, site, catalog);
    const bool rival = std::any_of(part.others.begin(), part.others.end(), [&](const Sense& other) {
      return other.kind == SenseKind::anatomy && other.value != part.sense.value &&
             (site.empty() || site_score(other.value, site, catalog) >= chosen);
    });
    if (rival) ++guesses;
  }
  return guesses;
}

}  // namespace

std::string treated_side_of(const NamingInput& input, const Lexicon& lexicon) {
  std::string side;
  for (const NamingRoi& roi : input.rois) {
    const Reading reading = read_name(roi.name, lexicon);
    const bool target = std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
      return part.is(SenseKind::target) && !part.sense.value.starts_with("?");
    });
    if (!target) continue;
    for (const Part& part : reading.parts) {
      if (!part.is(SenseKind::side) || (part.sense.value != "L" && part.sense.value != "R")) continue;
      if (!side.empty() && side != part.sense.value) return {};
      side = part.sense.value;
    }
  }
  return side;
}

RoiDecision decide_roi_by_rules(std::string_view raw_name, std::string_view interpreted_type,
                                const Lexicon& lexicon, const NameCatalog& catalog,
                                const RulesSettings& settings) {
  RoiDecision decision;
  decision.original_name = std::string(raw_name);
  Reading reading = read_name(raw_name, lexicon);
  const std::vector<std::string> site_senses = settings.site.empty()
                                                   ? std::vector<std::string>()
                                                   : take_senses_of_site(reading, settings.site, catalog);
  for (const Part& part : reading.parts) {
    if (part.type == Part::Type::sense)
      decision.reasons.push_back(
          {"read", std::string(to_string(part.sense.kind)),
           "'" + part.text + "' → " + part.sense.value + (part.fuzzy ? " (fuzzy)" : "")});
    else if (part.type == Part::Type::unknown)
      decision.reasons.push_back({"read", "unknown", "'" + part.text + "' not in the lexicon"});
  }

  for (const std::string& note : site_senses) decision.reasons.push_back({"read", "site-sense", note});
  ClassVerdict verdict = decide_class(reading, catalog);
  // Nodes written exactly as a TG-263 name ("LN_Pelvics") are the organ,
  // not an elective nodal target.
  if (verdict.rule == "regional-nodes" || verdict.rule == "nodes-with-dose")
    if (const CatalogRow* row = catalog.find(raw_name); row != nullptr && row->target_type == "Anatomic")
      verdict = {RoiClass::OAR, 0.95, "tg263-name", "a TG-263 anatomic name as written", ""};
  decision.roi_class = verdict.roi_class;
  decision.reasons.push_back({"class", verdict.rule, verdict.detail});
  double confidence = verdict.strength;

  if (auto hinted = class_of_interpreted_type(interpreted_type)) {
    if (verdict.rule == "unexplained") {
      decision.roi_class = *hinted;
      confidence = 0.4;
      decision.reasons.push_back({"class", "interpreted-type", std::string(interpreted_type)});
    } else if (*hinted != verdict.roi_class) {
      confidence *= 0.85;
      decision.reasons.push_back({"class", "interpreted-type-disagrees", std::string(interpreted_type)});
    }
  }

  // "SKIN" whose DICOM type says EXTERNAL is the body outline (older
  // planning systems named the outline so), not the skin organ.
  const bool skin_outline = interpreted_type == "EXTERNAL" && decision.roi_class == RoiClass::OAR &&
                            std::count_if(reading.parts.begin(), reading.parts.end(),
                                          [](const Part& part) { return !part.is(SenseKind::noise); }) == 1 &&
                            std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
                              return part.is(SenseKind::anatomy) && part.sense.value == "Skin";
                            });
  if (skin_outline) {
    decision.roi_class = RoiClass::DOSE;
    confidence = 0.9;
    decision.reasons.push_back({"class", "skin-outline", "the skin typed EXTERNAL is the body outline"});
  }

  Composition composition;
  bool in_grammar = false;  // the raw name is already a TG-263 target name
  switch (decision.roi_class) {
    case RoiClass::OAR:
      // A TG-263 organ name or composition as written ("Lung~_L",
      // "Parotid_L^Deep") is already the answer; the reading would lose
      // the ~ and ^ marks.
      if (verdict.derived.empty() &&
          (raw_name.find('~') != std::string_view::npos || raw_name.find('^') != std::string_view::npos)) {
        if (auto organ = parse_organ_name(raw_name, Tg263Table::embedded())) {
          composition = Composition{
              format_organ_name(*organ), 1.0, {{"name", "organ-grammar", "already a TG-263 organ name"}}};
          in_grammar = true;
          break;
        }
      }
      composition = verdict.derived.empty() ? compose_organ(reading, catalog, settings.treated_side)
                                            : Composition{verdict.derived, 1.0, {}};
      break;
    case RoiClass::TV:
      if (verdict.rule == "target-type") {
        // A name already written in the TG-263 grammar ("PTVp1_CT1PT1_7000",
        // "GTVp_MR1") keeps every component; only its dose form is made
        // canonical. Free-text indicators ("PTV_Breast") are read instead.
        // Not when a number could be a dose in Gy: "PTV70" parses as
        // enumerator 70, "PTV_70" as 70 cGy, "PTV-60" as a 60 mm crop (a
        // crop is a few mm).
        auto parsed = parse_target_name(raw_name);
        const bool plain =
            parsed && parsed->enumerator.size() <= 1 &&
            (parsed->indicator.empty() || parsed->indicator == "L" || parsed->indicator == "R" ||
             parsed->indicator == "Eval") &&
            (parsed->dose.kind != TargetDose::Kind::absolute || parsed->dose.centigray >= 1000 ||
             (parsed->dose.fractions && parsed->dose.centigray >= 100)) &&
            (!parsed->crop_mm || *parsed->crop_mm <= 30);
        if (plain) {
          const std::string name = format_target_name(*parsed, DoseStyle::centigray, 64);
          if (name.size() <= 16) {
            composition =
                Composition{name, 1.0, {{"name", "target-grammar", "already in the TG-263 target grammar"}}};
            in_grammar = true;
            break;
          }
        }
      }
      composition = !verdict.derived.empty() ? Composition{verdict.derived, 1.0, {}}
                    : verdict.rule == "nodes-with-dose" || verdict.rule == "regional-nodes"
                        ? compose_target(reading, "CTV")
                        : compose_target(reading);
      break;
    case RoiClass::DOSE: {
      const Counts c = count(reading);
      bool only_body =
          skin_outline || (c.body > 0 && c.body == c.dose_calc && c.anatomy == 0 && c.unknown == 0);
      composition.name = only_body ? settings.body_name : std::string(raw_name);
      if (only_body)
        composition.reasons.push_back({"name", "body-outline", "body outline → " + settings.body_name});
      break;
    }
    case RoiClass::AUX:
      composition.name = std::string(raw_name);
      break;
  }
  decision.standard_name = composition.name;
  for (auto& reason : composition.reasons) decision.reasons.push_back(std::move(reason));

  // Confidence: how completely the parts explain the name, how sure each
  // part was, and whether the composed name exists.
  const double coverage = reading.coverage();
  // A name kept as written on a strong helper or dose-calculation word
  // ("shoulder block", "Planning bolus") depends less on the other words.
  // A one- or two-letter mark ("zz" beside unknown letters) is not such a word.
  const bool whole_word = std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
    return (part.is(SenseKind::helper) || part.is(SenseKind::dose_calc)) && part.text.size() >= 3;
  });
  // So is a Boolean combination with a target ("RSubGland - PTV"): the
  // operator and the target decide the class, whatever the organ word.
  const bool boolean_with_target =
      verdict.rule == "minus-target" || verdict.rule == "organ-and-target" || verdict.rule == "two-targets";
  const bool kept_on_strong_word =
      (((verdict.rule == "helper-mark" || verdict.rule == "dose-word") && verdict.strength >= 0.9 &&
        whole_word) ||
       boolean_with_target) &&
      (decision.roi_class == RoiClass::AUX || decision.roi_class == RoiClass::DOSE);
  // A Boolean with a target is AUX whatever the other operand's words say.
  const double floor = !kept_on_strong_word ? 0.25 : boolean_with_target ? 0.75 : 0.5;
  confidence *= floor + (1 - floor) * coverage * coverage;
  confidence *= std::pow(0.8, reading.fuzzy_words);
  confidence *= std::pow(0.85, reading.ambiguous_parts);
  if (const int guesses = senses_left_to_guess(reading, settings.site, catalog); guesses > 0) {
    confidence *= std::pow(0.5, guesses);
    decision.reasons.push_back({"confidence", "site-undecided", "a word only the site can read was guessed"});
  }
  confidence *= composition.quality;
  // Modality letters ("_MR1", "_CT1PT1") are not lexicon words, yet the
  // grammar explains them.
  if (in_grammar) confidence = std::max(confidence, verdict.strength);
  if (decision.standard_name == kUnknownName) confidence = 0;
  decision.confidence = std::clamp(confidence, 0.0, 1.0);
  decision.needs_review =
      decision.confidence < settings.review_threshold || decision.standard_name == kUnknownName;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "coverage %.2f, fuzzy %d, ambiguous %d", coverage, reading.fuzzy_words,
                reading.ambiguous_parts);
  decision.reasons.push_back({"confidence", "score", buffer});
  return decision;
}

}  // namespace roiname
