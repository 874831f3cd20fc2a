#include "core/engine/compose.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/engine/context.h"
#include "core/nomenclature/organ_name.h"
#include "core/text/normalize.h"

namespace roiname {
namespace {

std::string without_standard_prefix(const std::string& root) {
  for (std::string_view prefix :
       {"A_", "V_", "LN_", "CN_", "Glnd_", "Bone_", "Musc_", "Spc_", "VB_", "Sinus_"})
    if (root.starts_with(prefix)) return root.substr(prefix.size());
  return root;
}

std::string two_digits(int value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

// The side of the name: L, R, B (both), C/I (contralateral/ipsilateral to
// the treated side) or empty.
std::string read_side(const Reading& reading) {
  bool left = false, right = false, both = false;
  // Sides from a single letter glued to a word ("parotd": French d?) yield
  // to a side written as a word of its own ("Parotd L").
  bool glued_left = false, glued_right = false;
  std::string relative;
  for (std::size_t i = 0; i < reading.parts.size(); ++i) {
    const Part& part = reading.parts[i];
    if (!part.is(SenseKind::side)) continue;
    // (An operator beside it does not glue it: "Parotid_L+Parotid_R", "Lung_L+R".)
    const bool glued_to_word_before = part.glued_before && i > 0 && !reading.parts[i - 1].is(SenseKind::op);
    const bool glued_to_word_after = i + 1 < reading.parts.size() && reading.parts[i + 1].glued_before &&
                                     !reading.parts[i + 1].is(SenseKind::op);
    const bool glued_letter = part.text.size() == 1 && (glued_to_word_before || glued_to_word_after);
    bool& l = glued_letter ? glued_left : left;
    bool& r = glued_letter ? glued_right : right;
    l = l || part.sense.value == "L";
    r = r || part.sense.value == "R";
    both = both || part.sense.value == "B";
    if (part.sense.value == "C" || part.sense.value == "I") relative = part.sense.value;
  }
  if (!left && !right) {
    left = glued_left;
    right = glued_right;
  }
  if (both || (left && right)) return "B";
  return left ? "L" : right ? "R" : relative;
}

const CatalogRow* lookup(const NameCatalog& catalog, const std::string& name) {
  const CatalogRow* row = catalog.find(name);
  return row != nullptr ? row : catalog.find_ignoring_case(name);
}

// The singulars a TG-263 plural may have: Parotids, Glnd_Submands, Ovaries,
// Hippocampi.
std::vector<std::string> singular_forms(const std::string& plural) {
  std::vector<std::string> out;
  if (plural.ends_with("ies")) out.push_back(plural.substr(0, plural.size() - 3) + "y");
  if (plural.ends_with("es")) out.push_back(plural.substr(0, plural.size() - 2));
  if (plural.ends_with("s")) out.push_back(plural.substr(0, plural.size() - 1));
  if (plural.ends_with("i")) out.push_back(plural.substr(0, plural.size() - 1) + "us");
  return out;
}

// The PRV margin in mm: a number next to the PRV word (mm, cm or bare).
std::optional<int> prv_margin(const Reading& reading, std::size_t prv_index, int max_mm) {
  // Beside the PRV word, or after the organ that follows it ("PRV-SC5").
  for (std::size_t offset : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
    for (int direction : {+1, -1}) {
      if (offset == 3 && direction < 0) continue;
      long index = static_cast<long>(prv_index) + direction * static_cast<long>(offset);
      if (index < 0 || index >= static_cast<long>(reading.parts.size())) continue;
      const Part& part = reading.parts[static_cast<std::size_t>(index)];
      if (part.type != Part::Type::number) continue;
      // "PRV_0.5": a margin under 1 with decimals and no unit is in cm;
      // "PRV1.5" may be 1.5 mm or 1.5 cm, so it gives no margin.
      const bool cm = part.unit == "cm" || (part.unit.empty() && part.decimal && part.number < 1);
      if (part.unit.empty() && part.decimal && part.number >= 1) continue;
      double mm = cm ? part.number * 10 : part.number;
      if (part.unit == "gy" || part.unit == "cgy") continue;
      // "PRV0" (a name cut at 16 characters from PRV05) gives no margin.
      if (mm > 0 && mm <= max_mm && std::fabs(mm - std::round(mm)) < 1e-9)
        return static_cast<int>(std::round(mm));
    }
  }
  return std::nullopt;
}

}  // namespace

std::string shorten_to_16(std::string name) {
  while (name.size() > 16) {
    std::size_t underscore = name.find('_');
    if (underscore == std::string::npos) break;
    name.erase(underscore, 1);
  }
  return name;
}

std::string sided_name_of(std::string_view unsided, std::string_view side, const NameCatalog& catalog) {
  const std::string name(unsided);
  std::vector<std::string> singulars = singular_forms(name);
  singulars.insert(singulars.begin(), name);
  for (const std::string& singular : singulars)
    if (const CatalogRow* row = catalog.find(singular + "_" + std::string(side))) return row->name;
  return {};
}

std::string derived_name(const Reading& reading, const NameCatalog& catalog, bool* enumerator_dropped) {
  // organ (or body) · minus · target type, nothing else but a side, noise and the
  // target's number ("Lungs-GTV2": TG-263's Lungs-GTV has no slot for it).
  const Part* organ = nullptr;
  const Part* target = nullptr;
  bool minus = false, enumerator = false;
  for (const Part& part : reading.parts) {
    if (part.is(SenseKind::anatomy) || (part.is(SenseKind::dose_calc) && part.sense.value == "body")) {
      if (organ != nullptr || target != nullptr) return {};
      organ = &part;
    } else if (part.is(SenseKind::op) && part.sense.value == "minus") {
      minus = organ != nullptr && target == nullptr;
    } else if (part.is(SenseKind::target)) {
      if (target != nullptr || !minus) return {};
      target = &part;
    } else if (target != nullptr && !enumerator && part.type == Part::Type::number && part.unit.empty() &&
               !part.decimal && part.number >= 1 && part.number <= 9) {
      enumerator = true;
    } else if (!part.is(SenseKind::side) && !part.is(SenseKind::noise)) {
      // A noise word says who drew it or when ("Lungs-GTV_DL", "Liver-GTV_auto").
      return {};
    }
  }
  if (enumerator_dropped != nullptr) *enumerator_dropped = enumerator;
  if (organ == nullptr || target == nullptr) return {};
  std::string root = organ->is(SenseKind::anatomy) ? organ->sense.value : "Body";
  std::string type = target->sense.value.substr(0, target->sense.value.find(','));
  if (type.starts_with("?")) return {};
  std::string side = read_side(reading);
  std::vector<std::string> candidates;
  // With one side only a sided row will do: "Lung_L-GTV" is not Lungs-GTV,
  // nor is "Ipsi_Lung-PTV".
  if (side == "C" || side == "I") return {};
  if (side == "L" || side == "R") {
    candidates.push_back(root + "_" + side + "-" + type);
  } else {
    candidates.push_back(root + "-" + type);
    candidates.push_back(root + "s-" + type);
    // "Kidneys-GTV": the table writes Kidney-GTV.
    for (const std::string& singular : singular_forms(root)) candidates.push_back(singular + "-" + type);
  }
  for (const std::string& candidate : candidates)
    if (const CatalogRow* row = lookup(catalog, candidate); row != nullptr && row->target_type == "Derived")
      return row->name;
  return {};
}

namespace {

Composition compose_organ_from(const Reading& reading, const NameCatalog& catalog,
                               const std::string& forced_root, std::string_view treated_side) {
  Composition out;
  // The anatomy part explaining the most of the name is the concept.
  const Part* concept_part = nullptr;
  int concepts = 0;
  std::size_t prv_index = reading.parts.size();
  bool partial = false, plural = false;
  std::vector<std::string> positions;
  std::optional<int> ordinal;
  const Part* ordinal_part = nullptr;
  const Part* unread_word = nullptr;
  bool ordinal_used = false;
  for (std::size_t i = 0; i < reading.parts.size(); ++i) {
    const Part& part = reading.parts[i];
    if (part.is(SenseKind::anatomy)) {
      if (concept_part == nullptr || part.sense.value != concept_part->sense.value) ++concepts;
      if (concept_part == nullptr || part.length > concept_part->length) concept_part = &part;
      plural = plural || part.plural;
    } else if (part.is(SenseKind::prv)) {
      prv_index = i;
    } else if (part.is(SenseKind::partial)) {
      partial = true;
    } else if (part.is(SenseKind::union_word)) {
      plural = true;
    } else if (part.is(SenseKind::position)) {
      positions.push_back(part.sense.value);
    } else if (part.is(SenseKind::classifier) && part.text.size() >= 4) {
      unread_word = &part;  // "Bladder neck": a target word beside an organ names a part of it
    } else if (part.type == Part::Type::number && part.unit.empty() && !part.decimal && part.number >= 1 &&
               part.number <= 30 && !ordinal) {
      ordinal = static_cast<int>(part.number);
      ordinal_part = &part;
    }
  }
  if (concept_part != nullptr && unread_word != nullptr && !concept_part->sense.value.starts_with("LN")) {
    out.quality *= 0.5;
    out.reasons.push_back(
        {"name", "word-not-read", "'" + unread_word->text + "' beside an organ is not read"});
  }
  if (concept_part == nullptr) {
    out.name = std::string(kUnknownName);
    out.quality = 0;
    out.reasons.push_back({"name", "no-concept", "no anatomical concept read"});
    return out;
  }
  std::string root = forced_root.empty() ? concept_part->sense.value : forced_root;
  if (root == "-") {
    // Anatomy TG-263 has no name for (data/lexicon/anatomy_unnamed.tsv).
    out.name = std::string(kUnknownName);
    out.quality = 0;
    out.reasons.push_back(
        {"name", "no-tg263-name", "'" + concept_part->text + "' is anatomy without a TG-263 name"});
    return out;
  }
  out.reasons.push_back({"name", "concept",
                         "'" + concept_part->text + "' → " + root + " (" + concept_part->sense.source + ")"});
  if (concepts > 1) {
    // Two concepts may compose one TG-263 name: "LN" + "internal iliac" → LN_Iliac_Int.
    std::vector<std::string> roots;
    for (const Part& part : reading.parts)
      if (part.is(SenseKind::anatomy) &&
          std::find(roots.begin(), roots.end(), part.sense.value) == roots.end())
        roots.push_back(part.sense.value);
    // A concept that refines another ("axilla" + "level II" read as
    // LN_Ax_L2) is the one concept.
    const bool joined = std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
      return part.is(SenseKind::op) && part.sense.value == "plus";
    });
    const auto refines = [&](const std::string& specific, const std::string& general) {
      if (specific.starts_with(general + "_")) return true;
      // "Heart_LV", "Brain hippocampus": TG-263 files the specific structure
      // under the organ it is part of (Ventricle_L under Heart); "Heart+GreatVes"
      // joins two.
      if (joined) return false;
      const CatalogRow* row = lookup(catalog, specific);
      if (row == nullptr) row = lookup(catalog, specific + "_L");
      if (row != nullptr && (row->major_category == general || row->minor_category == general)) return true;
      for (const std::string& singular : singular_forms(general))  // "vertebrae" (VBs) + "T12"
        if (specific.starts_with(singular + "_")) return true;
      return false;
    };
    if (roots.size() == 2)
      for (std::size_t a = 0; a < 2; ++a)
        if (refines(roots[1 - a], roots[a])) {
          root = roots[1 - a];
          concepts = 1;
          plural = false;  // "vertebrae L1": the refined concept is one structure
          out.reasons.push_back({"name", "refined", roots[a] + " refined by " + root});
        }
    for (std::size_t a = 0; a < roots.size() && concepts > 1; ++a)
      for (std::size_t b = 0; b < roots.size() && concepts > 1; ++b) {
        if (a == b) continue;
        std::string candidate = roots[a] + "_" + without_standard_prefix(roots[b]);
        if (lookup(catalog, candidate) != nullptr || lookup(catalog, candidate + "_L") != nullptr) {
          root = candidate;
          concepts = 1;
          out.reasons.push_back({"name", "composed", roots[a] + " + " + roots[b] + " → " + candidate});
        }
      }
    // "Sm Bowel+Lg Bowel": parts of one organ joined by "+" are the organ
    // (Bowel_Small + Bowel_Large → Bowel), or a part of it when the table has
    // more parts (Esophagus_S + Esophagus_M → Esophagus~).
    const auto parent_of = [](const std::string& name) { return name.substr(0, name.rfind('_')); };
    if (concepts == 2 && joined && roots.size() == 2 && roots[0].find('_') != std::string::npos &&
        parent_of(roots[0]) == parent_of(roots[1]) && lookup(catalog, parent_of(roots[0])) != nullptr) {
      root = parent_of(roots[0]);
      concepts = 1;
      const auto parts_of_parent =
          std::count_if(catalog.rows().begin(), catalog.rows().end(), [&](const CatalogRow& row) {
            if (!row.name.starts_with(root + "_")) return false;
            const std::string rest = row.name.substr(root.size() + 1);
            return rest.find('_') == std::string::npos && rest != "L" && rest != "R" &&
                   rest.find("PRV") == std::string::npos;
          });
      if (parts_of_parent > 2) partial = true;
      out.reasons.push_back({"name", "parts-joined", roots[0] + " + " + roots[1] + " → " + root});
    }
  }
  if (concepts > 1) {
    out.quality *= 0.5;
    out.reasons.push_back({"name", "several-concepts", "more than one anatomical concept; kept the longest"});
  }

  // Position and ordinal refine the root when the table has the composition.
  std::vector<std::string> used_positions;
  for (const std::string& position : positions) {
    // TG-263 writes a few the other way round or with the adjective
    // (Wall_Vagina, Rectal_Wall).
    const std::string adjective = root == "Rectum" ? "Rectal" : root;
    for (const std::string& candidate : {root + "_" + position, root + "_" + position.substr(0, 1),
                                         position + "_" + root, adjective + "_" + position}) {
      if (candidate.ends_with("_L") || candidate.ends_with("_R")) continue;  // "Large" is not a side
      if (lookup(catalog, candidate) != nullptr || lookup(catalog, candidate + "_L") != nullptr) {
        root = lookup(catalog, candidate) != nullptr
                   ? lookup(catalog, candidate)->name
                   : lookup(catalog, candidate + "_L")->name.substr(0, candidate.size());
        out.reasons.push_back({"name", "position", position + " → " + root});
        used_positions.push_back(position);
        break;
      }
    }
  }
  if (ordinal) {
    for (const std::string& candidate : {root + two_digits(*ordinal), root + std::to_string(*ordinal)}) {
      if (lookup(catalog, candidate) != nullptr || lookup(catalog, candidate + "_L") != nullptr) {
        root = candidate;
        out.reasons.push_back({"name", "ordinal", "number " + std::to_string(*ordinal) + " → " + root});
        ordinal_used = true;
        break;
      }
    }
  }

  std::string side = read_side(reading);
  if (side == "C" || side == "I") {
    // "Lung_Contra", "ipsi breast": the side follows from the treated side.
    const std::string relative = side == "C" ? "contralateral" : "ipsilateral";
    if (treated_side == "L" || treated_side == "R") {
      side = side == "I" ? std::string(treated_side) : std::string(treated_side == "L" ? "R" : "L");
      out.quality *= 0.9;
      out.reasons.push_back({"name", "relative-side",
                             relative + " to the targets' side " + std::string(treated_side) + " → " + side});
    } else {
      out.name = std::string(kUnknownName);
      out.quality = 0;
      out.reasons.push_back(
          {"name", "relative-side-unknown", relative + ", but the set's targets give no single side"});
      return out;
    }
  }
  // Lung lobes carry the side inside the name: upper/middle/lower + side →
  // Lung_RUL, Lung_RML, Lung_LLL ("Lung_R_upper", "upper lobe R").
  if (root == "Lung" && (side == "L" || side == "R")) {
    for (const std::string& position : positions) {
      const char lobe = position == "Sup" ? 'U' : position == "Mid" ? 'M' : position == "Inf" ? 'L' : '\0';
      if (lobe == '\0') continue;
      const std::string candidate = "Lung_" + side + lobe + "L";
      if (lookup(catalog, candidate) == nullptr) continue;
      out.reasons.push_back({"name", "lobe", position + " + " + side + " → " + candidate});
      root = candidate;
      side.clear();
      used_positions.push_back(position);
      break;
    }
  }
  // "Ant Rectum", "Esophagus_Prox", "Bladder Neck": a region of the organ
  // TG-263 has no name for is a part of it (partial, for review); so is
  // one left over beside a region that has a name ("Bladder_Ant_Wall").
  const auto regional = [](const std::string& position) {
    for (const char* region : {"Sup", "Inf", "Ant", "Post", "Prox", "Dist", "Mid", "Med", "Lat", "Wall",
                               "Apex", "Base", "Dome", "Deep", "Superficial"})
      if (position == region) return true;
    return false;
  };
  // A region left over beside a named one is a part of that ("Rectum_Ant_Wall");
  // one the root already names is no region ("Rectal wall" read as Rectal_Wall).
  const auto unused_region = [&](const std::string& position) {
    return regional(position) && root.find(position) == std::string::npos &&
           std::find(used_positions.begin(), used_positions.end(), position) == used_positions.end();
  };
  if (std::any_of(positions.begin(), positions.end(), unused_region)) {
    partial = true;
    out.quality *= 0.5;
    out.reasons.push_back({"name", "region-of-organ", "a region TG-263 has no name for: part of " + root});
  }
  if (side == "B") plural = true;
  std::string base;
  auto plural_of = [&](const std::string& singular) -> const CatalogRow* {
    std::vector<std::string> candidates = {singular + "s", singular + "es"};
    if (singular.ends_with("us")) candidates.push_back(singular.substr(0, singular.size() - 2) + "i");
    if (singular.ends_with("y")) candidates.push_back(singular.substr(0, singular.size() - 1) + "ies");
    for (const std::string& candidate : candidates)
      if (const CatalogRow* row = lookup(catalog, candidate)) return row;
    return nullptr;
  };
  if (plural) {
    if (const CatalogRow* row = plural_of(root)) base = row->name;
    for (const std::string& candidate : {root}) {
      if (!base.empty()) break;
      if (const CatalogRow* row = lookup(catalog, candidate)) {
        base = row->name;
        break;
      }
    }
    if (!base.empty()) out.reasons.push_back({"name", "plural", "both sides / plural → " + base});
    side.clear();
  }
  if (base.empty()) {
    const CatalogRow* sided = side.empty() ? nullptr : lookup(catalog, root + "_" + side);
    // "Eyes L", "Augen li": a plural word with one side names that side's organ.
    if (sided == nullptr && (side == "L" || side == "R")) {
      for (const std::string& singular : singular_forms(root))
        if ((sided = lookup(catalog, singular + "_" + side)) != nullptr) {
          out.reasons.push_back({"name", "plural-with-side", root + " with one side → " + sided->name});
          break;
        }
    }
    const CatalogRow* sideless = lookup(catalog, root);
    const CatalogRow* other_side =
        side.empty() ? nullptr : lookup(catalog, root + "_" + std::string(side == "L" ? "R" : "L"));
    if (sided != nullptr) {
      base = sided->name.substr(0, sided->name.size() - 2);
    } else if (other_side != nullptr) {
      // The table has only the other side (a gap in the table): compose.
      base = other_side->name.substr(0, other_side->name.size() - 2);
      out.quality *= 0.8;
      out.reasons.push_back({"name", "other-side-only", "TG-263 lists only " + other_side->name});
    } else if (sideless != nullptr) {
      base = sideless->name;
      if (!side.empty()) {
        // TG-263 composes a side onto any root (NAMING.md §2).
        out.quality *= 0.8;
        out.reasons.push_back(
            {"name", "side-composed", "TG-263 has no row " + root + "_" + side + "; composed"});
      }
    } else if (side.empty() && plural_of(root) != nullptr) {
      // Whether the contour covers both sides is a guess from the name
      // alone: review (the laterality check can tell from the contour).
      base = plural_of(root)->name;
      out.quality *= 0.5;
      out.reasons.push_back({"name", "plural-without-side", "paired organ without side → " + base});
    } else if (side.empty() && lookup(catalog, root + "_L") != nullptr) {
      out.name = std::string(kUnknownName);
      out.quality = 0;
      out.reasons.push_back({"name", "side-required", root + " needs a side and the name gives none"});
      return out;
    } else {
      out.name = std::string(kUnknownName);
      out.quality = 0;
      out.reasons.push_back({"name", "not-in-table", root + " is not a TG-263 name"});
      return out;
    }
  }

  // "Cochlea + 3mm": an organ expanded by a margin is a PRV.
  std::optional<int> plus_margin;
  for (std::size_t i = 0; i + 1 < reading.parts.size(); ++i) {
    const Part& op = reading.parts[i];
    const Part& number = reading.parts[i + 1];
    // A bare number after "+" is a margin in mm ("Cord+5") when it is a
    // plausible one; larger numbers are doses or versions.
    const bool bare_margin =
        number.unit.empty() && !number.decimal && number.number >= 1 && number.number <= 15;
    // "Cord+0.5": a margin under 3 with decimals and no unit is in cm.
    const bool bare_cm = number.unit.empty() && number.decimal && number.number > 0 && number.number < 3;
    if (op.is(SenseKind::op) && op.sense.value == "plus" && number.type == Part::Type::number &&
        (number.unit == "mm" || number.unit == "cm" || bare_margin || bare_cm))
      plus_margin =
          static_cast<int>(std::lround(number.unit == "cm" || bare_cm ? number.number * 10 : number.number));
  }
  // "Cord_5mm": an organ with a margin in mm and no other use for it is
  // most often its PRV (less sure: no PRV word). Skin and body with a
  // margin are rinds, not PRVs.
  std::optional<int> bare_mm_margin;
  bool unused_length = false;  // "Trachea_2cm": a length the name does not explain
  if (!plus_margin && prv_index >= reading.parts.size() && base != "Skin" && base != "Body") {
    for (const Part& part : reading.parts)
      if (part.type == Part::Type::number && (part.unit == "mm" || part.unit == "cm")) {
        const double mm = part.unit == "cm" ? part.number * 10 : part.number;
        if (mm >= 1 && mm <= 15 && std::fabs(mm - std::round(mm)) < 1e-9)
          bare_mm_margin = static_cast<int>(mm);
        else
          unused_length = true;
      }
    // "SpinalCord_05" (RTOG style): two digits with a leading zero after an
    // organ, not an ordinal of the table, is the PRV margin in mm ("Heart_01"
    // is a first copy: no one grows a 1 mm PRV).
    if (!bare_mm_margin && ordinal_part != nullptr && !ordinal_used && ordinal_part->unit.empty() &&
        ordinal_part->text.size() == 2 && ordinal_part->text[0] == '0' && *ordinal >= 2)
      bare_mm_margin = *ordinal;
  }
  if (unused_length && !bare_mm_margin) {
    // Lung SBRT "Trachea_2cm", "Chestwall_2cm": the organ near the target
    // (a part of it) or a large expansion; the name does not say which.
    out.quality *= 0.5;
    out.reasons.push_back({"name", "length-not-read", "a length beside the organ that is no PRV margin"});
  }
  std::string name = base;
  if (partial) name += "~";
  if (bare_mm_margin) {
    name += "_PRV" + two_digits(*bare_mm_margin);
    out.quality *= 0.8;
    out.reasons.push_back({"name", "margin-as-prv",
                           "organ with " + std::to_string(*bare_mm_margin) + " mm → PRV (no PRV word)"});
  }
  if (plus_margin && prv_index >= reading.parts.size()) {
    name += "_PRV" + two_digits(*plus_margin);
    out.reasons.push_back({"name", "prv-expansion", "organ + " + std::to_string(*plus_margin) + " mm → PRV"});
  }
  if (prv_index < reading.parts.size()) {
    // Organ margins are a few mm (a larger number is more likely a dose);
    // implanted devices get margins up to 5 cm.
    std::optional<int> margin = prv_margin(reading, prv_index, is_implanted_device(base) ? 50 : 30);
    name += "_PRV" + (margin ? two_digits(*margin) : std::string());
    out.reasons.push_back(
        {"name", "prv", margin ? "margin " + std::to_string(*margin) + " mm" : "no margin given"});
  }
  if (!side.empty()) name += "_" + side;
  if (name.size() > 16) {
    // "OpticChiasm_PRV03" (17): the PRV without its margin is still a
    // standard name; the margin is lost, so the ROI goes to review.
    const std::size_t prv = name.find("_PRV");
    if (prv != std::string::npos && prv + 6 <= name.size() &&
        std::isdigit(static_cast<unsigned char>(name[prv + 4]))) {
      std::string shorter = name;
      shorter.erase(prv + 4, 2);
      if (shorter.size() <= 16) {
        out.reasons.push_back(
            {"name", "margin-dropped", name + " exceeds 16 characters; the margin is left out"});
        out.name = shorter;
        out.quality *= 0.5;
        return out;
      }
    }
    out.reasons.push_back({"name", "too-long", name + " exceeds 16 characters"});
    out.name = std::string(kUnknownName);
    out.quality = 0;
    return out;
  }
  out.name = name;
  return out;
}

}  // namespace

Composition compose_organ(const Reading& reading, const NameCatalog& catalog, std::string_view treated_side) {
  const Part* concept_part = nullptr;
  bool prv = false;
  for (const Part& part : reading.parts) {
    if (part.is(SenseKind::anatomy) && (concept_part == nullptr || part.length > concept_part->length))
      concept_part = &part;
    prv = prv || part.is(SenseKind::prv);
  }
  // With a PRV, an ambiguous word ("PRV OC": oral cavity or optic chiasm)
  // takes the sense the table gives PRV rows to (serial organs).
  auto has_prv_row = [&](const std::string& root) {
    for (const char* suffix : {"_PRV", "_PRVx", "_PRVxx", "_PRV_L", "_PRVxx_L"})
      if (catalog.find(root + suffix) != nullptr) return true;
    return false;
  };
  if (prv && concept_part != nullptr && !has_prv_row(concept_part->sense.value)) {
    for (const Sense& other : concept_part->others) {
      if (other.kind != SenseKind::anatomy || !has_prv_row(other.value)) continue;
      Composition alternative = compose_organ_from(reading, catalog, other.value, treated_side);
      if (alternative.name == kUnknownName) continue;
      alternative.quality *= 0.85;
      alternative.reasons.push_back(
          {"name", "prv-sense",
           "'" + concept_part->text + "' read as " + other.value + ", which takes PRVs"});
      return alternative;
    }
  }
  Composition first = compose_organ_from(reading, catalog, "", treated_side);
  // An ambiguous word ("ventricle": heart or brain) takes the sense whose
  // composed name exists.
  if (first.name != kUnknownName || concept_part == nullptr) return first;
  for (const Sense& other : concept_part->others) {
    if (other.kind != SenseKind::anatomy) continue;
    Composition alternative = compose_organ_from(reading, catalog, other.value, treated_side);
    if (alternative.name != kUnknownName) {
      alternative.quality *= 0.85;
      alternative.reasons.push_back(
          {"name", "other-sense", "'" + concept_part->text + "' read as " + other.value});
      return alternative;
    }
  }
  return first;
}

namespace {

struct Fractionation {
  std::size_t first = 0, end = 0;  // the parts of the pattern: [first, end)
  int dose_per_fraction_cgy = 0, fractions = 0;
  bool ambiguous = false;  // "3x18" without units: 18 Gy × 3 or 3 Gy × 18
};

// "3x18", "18Gy x 3", "20Gy_x5": a dose per fraction times a number of
// fractions (TG-263 writes PTV_1800x3).
std::optional<Fractionation> find_fractionation(const Reading& reading) {
  const auto& parts = reading.parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    // number [unit] x number [unit]
    std::size_t next = i + 1;
    if (next < parts.size() && parts[next].is(SenseKind::unit)) ++next;
    if (next + 1 >= parts.size() || parts[next].text != "x") continue;
    const Part& a = parts[i];
    const Part& b = parts[next + 1];
    std::size_t end = next + 2;
    if (end < parts.size() && parts[end].is(SenseKind::unit)) ++end;
    if (a.type != Part::Type::number || b.type != Part::Type::number) continue;
    if (!b.unit.empty() && b.unit != "gy" && b.unit != "cgy") continue;
    const bool b_has_unit = b.unit == "gy" || b.unit == "cgy";  // "8x7.5Gy"
    const bool a_has_unit = a.unit == "gy" || a.unit == "cgy";
    // A count is a whole number: "28x1.8" is 1.8 Gy × 28.
    const bool a_is_dose = a_has_unit || (!b_has_unit && a.decimal != b.decimal
                                              ? a.decimal
                                              : !b_has_unit && b.number <= 10 && a.number > b.number);
    const Part& dose = a_is_dose ? a : b;
    const Part& count = a_is_dose ? b : a;
    if (count.decimal || count.number < 1 || count.number > 40 || !count.unit.empty()) continue;
    const auto in_cgy = [](const Part& part) {
      return part.unit == "cgy" || part.number >= 100 ? part.number : part.number * 100;
    };
    const double cgy = in_cgy(dose);
    if (cgy < 100 || cgy > 3000) continue;
    // Without units or decimals either number may be the dose ("3x18",
    // "25x2") when both readings are plausible regimens.
    const double other_cgy = in_cgy(count);
    const bool ambiguous = !a_has_unit && !b_has_unit && !a.decimal && !b.decimal && a.number != b.number &&
                           dose.number <= 40 && other_cgy >= 100 && other_cgy <= 3000;
    return Fractionation{i, end, static_cast<int>(std::lround(cgy)), static_cast<int>(count.number),
                         ambiguous};
  }
  return std::nullopt;
}

}  // namespace

namespace {

// A word naming a treated lesion (met, lesion, metastasis: an implied GTV
// without classifier), whose number counts lesions.
bool lesion_word(const Part* part) {
  return part != nullptr && part->is(SenseKind::target) && part->sense.value == "?GTV";
}

// A dose with its unit (>= 5 Gy, not a dose per fraction) after `index`.
bool dose_written_after(const Reading& reading, std::size_t index, std::size_t skip_from) {
  for (std::size_t j = index + 1; j < std::min(reading.parts.size(), skip_from); ++j) {
    const Part& p = reading.parts[j];
    if (p.type != Part::Type::number) continue;
    if ((p.unit == "gy" && p.number >= 5) || (p.unit == "cgy" && p.number >= 500)) return true;
  }
  return false;
}

}  // namespace

Composition compose_target(const Reading& reading, const std::string& default_type) {
  Composition out;
  // "PTV_I125_145Gy": seed implants are prescribed over 100 Gy.
  const bool seed_implant = std::any_of(reading.parts.begin(), reading.parts.end(), [](const Part& part) {
    return part.is(SenseKind::noise) && part.sense.value == kRadionuclideNoise;
  });
  std::string type, classifier, level, side, enumerator, indicator;
  bool station_indicator = false;  // the indicator names a nodal station (CTVn_IMN)
  bool several_stations = false;   // two stations named: the indicator names neither
  std::optional<int> dose_cgy, crop_mm;
  const std::optional<Fractionation> fractionation = find_fractionation(reading);
  const std::size_t fractionation_end = fractionation ? fractionation->first : reading.parts.size();
  bool minus_after_dose = false;  // "PTV_7000-03": what follows is the crop from the skin
  bool minus_after_type = false;  // "PTV-3mm"
  bool dose_just_read = false;
  int extra_numbers = 0;
  const Part* trailing_digit = nullptr;  // a lone digit after the dose, maybe the enumerator
  bool after_type = false;
  bool type_implied = false;          // the type so far comes from a word like "lesion"
  bool classifier_from_type = false;  // the classifier came with the type word ("PGTV": p)
  bool mixed_classifiers = false;     // "GTVp+n", "GTV T&N": primary and nodal in one volume
  const Part* previous = nullptr;
  for (std::size_t index = 0; index < reading.parts.size(); ++index) {
    const Part& part = reading.parts[index];
    if (fractionation && index >= fractionation->first && index < fractionation->end) continue;
    const Part* before = previous;
    previous = &part;
    // "PTV-3mm", "PTV_Ex03": after the type, a length or TG-263's two digits.
    const bool two_digits = part.unit.empty() && part.text.size() == 2 && part.text[0] == '0';
    const bool crop_follows =
        minus_after_dose ||
        (minus_after_type && (part.unit == "mm" || part.unit == "cm" || two_digits) && !crop_mm);
    minus_after_dose = minus_after_type = false;
    const bool after_dose = dose_just_read;
    dose_just_read = false;
    const bool had_dose = dose_cgy.has_value();
    if (part.is(SenseKind::target)) {
      // A target word after the written type gives its classifier: "CTV lit
      // tumoral" (tumour bed → sb), "GTV tumor" (→ p).
      // A surgical bed word also overrides the classifier a type word brings
      // ("PGTV_瘤床": PGTV defaults to p; "CTVp_tumourbed").
      if (!type.empty() && part.sense.value.starts_with("?") &&
          (classifier.empty() || (classifier_from_type && part.sense.value.ends_with(",sb")))) {
        const std::size_t comma = part.sense.value.find(',');
        if (comma != std::string::npos) classifier = part.sense.value.substr(comma + 1);
      }
      // A written type wins over a word that only implies one ("Lesion_PTV"
      // is a PTV; the lesion still gives its classifier).
      const bool implied = part.sense.value.starts_with("?");
      // Between two words that only imply a type, a boost is planned: the
      // PTV ("Tumor bed boost" → PTVsb, "DIL_Boost").
      const bool implied_boost = type_implied && implied && part.sense.value.starts_with("?PTV");
      // "PTV_GTVnd": the PTV takes the classifier of the volume it grows from.
      if (!type.empty() && !type_implied && !implied && classifier.empty() &&
          part.sense.value.find(',') != std::string::npos)
        classifier = part.sense.value.substr(part.sense.value.find(',') + 1);
      if (type.empty() || (type_implied && !implied) || implied_boost) {
        std::string value = part.sense.value;
        if (implied) value.erase(0, 1);
        std::size_t comma = value.find(',');
        type = value.substr(0, comma);
        type_implied = implied;
        if (comma != std::string::npos && classifier.empty()) {
          classifier = value.substr(comma + 1);
          classifier_from_type = true;
        }
        after_type = true;
      }
    } else if (part.is(SenseKind::anatomy) && part.sense.value.ends_with("Bed")) {
      if (classifier.empty()) classifier.assign("sb");  // "CTV_ProstateBed": a surgical bed
    } else if (part.is(SenseKind::anatomy) && after_type && part.sense.value.starts_with("LN_") &&
               !part.sense.value.starts_with("LN_Pelvic")) {
      if (classifier.empty()) classifier.assign(1, 'n');
      // "CTV_Axilla_L1": a station that refines the one named (Ax → Ax_L1).
      if (station_indicator && part.sense.value.substr(3).starts_with(indicator + "_")) indicator.clear();
      // "CTV_Mammaria_Interna_Supraclav": two stations in one target name
      // neither (the axilla's own levels aside: "Ax_L1" then "Ax" adds nothing).
      if (station_indicator && !indicator.empty() && !indicator.starts_with(part.sense.value.substr(3)))
        several_stations = true;
      if (indicator.empty()) {
        indicator = part.sense.value.substr(3);
        station_indicator = true;
      }
    } else if (part.is(SenseKind::classifier)) {
      // "GTVp+n", "GTV-T+N": primary and nodal together name neither.
      if (before != nullptr && before->is(SenseKind::op) &&
          (before->sense.value == "plus" || before->sense.value == "and") && !classifier.empty() &&
          classifier != part.sense.value) {
        classifier.clear();
        mixed_classifiers = true;
        continue;
      }
      classifier = part.sense.value;  // an explicit hint wins over a prefix's default
      // "CTV_Ax_II", "CTV_AxI": a level numeral after the axilla is its level.
      if (station_indicator && indicator == "Ax" &&
          (part.text == "i" || part.text == "ii" || part.text == "iii")) {
        indicator = "Ax_L" + std::to_string(part.text.size());
        continue;
      }
      // A nodal station after the type ("CTV IMN", "PTV SCV") tells one
      // nodal target from another: it becomes the indicator (CTVn_IMN).
      for (const Sense& other : part.others) {
        if (after_type && station_indicator && !indicator.empty() && other.kind == SenseKind::anatomy &&
            other.value.starts_with("LN_") && !indicator.starts_with(other.value.substr(3)) &&
            !other.value.substr(3).starts_with(indicator))
          several_stations = true;
        if (after_type && indicator.empty() && other.kind == SenseKind::anatomy &&
            other.value.starts_with("LN_")) {
          indicator = other.value.substr(3);
          station_indicator = true;
        }
      }
    } else if (part.is(SenseKind::indicator)) {
      indicator = part.sense.value;
    } else if (part.is(SenseKind::level)) {
      if (level.empty()) level = part.sense.value;
    } else if (part.is(SenseKind::side)) {
      if (part.sense.value == "L" || part.sense.value == "R") side = part.sense.value;
      if (part.sense.value == "B") side.clear();
    } else if (part.is(SenseKind::op)) {
      minus_after_dose = after_dose && part.sense.value == "minus" && !crop_mm;
      // "PTV-3mm", "PGTVnx-3mm", "PTV_Eval-3mm": a length right after the type
      // (and its classifier, side or evaluation indicator) is a crop too
      // ("PTV-1" is not).
      minus_after_type = before != nullptr &&
                         (before->is(SenseKind::target) || before->is(SenseKind::classifier) ||
                          before->is(SenseKind::side) || before->is(SenseKind::indicator)) &&
                         part.sense.value == "minus";
      continue;
    } else if (part.is(SenseKind::unit)) {
      dose_just_read = after_dose;  // "70Gy-03"
    } else if (part.type == Part::Type::number && ((part.after_slash && dose_cgy) || part.unit == "fx")) {
      continue;  // "PTV 66/33", "PTV_24Gy/3", "PTV_30Gy_10fx": the number of fractions
    } else if (part.type == Part::Type::number) {
      double value = part.number;
      // A crop is written in mm, or with two digits as TG-263 does ("-03").
      const bool crop_form = part.unit == "mm" || part.unit == "cm" ||
                             (part.unit.empty() && part.text.size() == 2 && part.text[0] == '0');
      if (crop_follows && !part.decimal && crop_form) {
        const double mm = part.unit == "cm" ? value * 10 : value;
        if (mm >= 1 && mm <= 30) {
          crop_mm = static_cast<int>(mm);
          out.quality *= 0.9;
          out.reasons.push_back(
              {"name", "crop", "cropped " + std::to_string(*crop_mm) + " mm from the skin"});
          continue;
        }
      }
      const bool glued_enumerator = !seed_implant && !part.decimal && value >= 140 && value < 400 &&
                                    enumerator.empty() && static_cast<int>(value) % 100 >= 20 &&
                                    static_cast<int>(value) % 100 <= 90;
      if (part.unit == "gy" && glued_enumerator && !dose_cgy) {
        // "PTV154Gy": no dose is 154 Gy; an enumerator glued to 54 Gy.
        enumerator = std::to_string(static_cast<int>(value) / 100);
        dose_cgy = (static_cast<int>(value) % 100) * 100;
        out.quality *= 0.8;
        out.reasons.push_back({"name", "enumerator-and-dose",
                               "read as " + enumerator + " and " + std::to_string(*dose_cgy) + " cGy"});
      } else if (part.unit == "gy" || part.unit == "cgy") {
        // "CTV_5040_GyE": no dose is thousands of Gy; the number is in cGy.
        const bool centigray = part.unit == "cgy" || (value >= 1000 && value <= 15000 && !part.decimal);
        if (!dose_cgy)
          dose_cgy = static_cast<int>(std::lround(centigray ? value : value * 100));
        else
          ++extra_numbers;
      } else if (part.unit == "mm" || part.unit == "cm" || part.unit == "cc") {
        ++extra_numbers;
      } else if (!part.decimal && value >= 1 && value < 10 && enumerator.empty() && !dose_cgy && after_type) {
        enumerator = std::to_string(static_cast<int>(value));
      } else if (!part.decimal && value >= 1 && value < 10 && enumerator.empty() && dose_cgy && after_type &&
                 part.unit.empty() && part.glued_before && before != nullptr &&
                 before->is(SenseKind::classifier)) {
        // "CTV65-R-N2": a digit glued to a classifier numbers the target;
        // other digits after the dose are mostly versions ("PTV70_2-27").
        enumerator = std::to_string(static_cast<int>(value));
        out.quality *= 0.9;
        out.reasons.push_back({"name", "enumerator-after-dose", "digit " + enumerator + " after the dose"});
      } else if (!part.decimal && part.unit.empty() && value >= 10 && value < 40 && enumerator.empty() &&
                 !dose_cgy && after_type &&
                 ((lesion_word(before) && (part.glued_before || value < 20)) ||
                  dose_written_after(reading, index, fractionation_end))) {
        // "GTV_Met12", "PTV14_25Gy": the twelfth metastasis, target 14 of a
        // radiosurgery set whose dose is written with its unit, not 12 or 14 Gy.
        enumerator = std::to_string(static_cast<int>(value));
        const bool sure = lesion_word(before) ? part.glued_before : true;
        out.quality *= sure ? 0.9 : 0.75;
        out.reasons.push_back({"name", "lesion-number", "target " + enumerator + " of several"});
      } else if (!dose_cgy && value >= 10 && value <= 150) {
        dose_cgy = static_cast<int>(std::lround(value * 100));
        // Over 100 Gy only seed implants ("PTV 145"); "Boost 107" is as
        // likely a percentage.
        if (value > 100) {
          out.quality *= 0.5;
          out.reasons.push_back(
              {"name", "dose-ambiguous", "over 100 Gy only for seed implants: could be a percentage"});
        }
      } else if (!dose_cgy && value >= 1000 && value <= 15000 &&
                 std::fabs(value - std::round(value)) < 1e-9) {
        dose_cgy = static_cast<int>(value);  // "PTV_7000", "PTV_7000.0"
      } else if (!dose_cgy && glued_enumerator) {
        // "PTV274": enumerator 2 and 74 Gy rather than 27.4 Gy.
        enumerator = std::to_string(static_cast<int>(value) / 100);
        dose_cgy = (static_cast<int>(value) % 100) * 100;
        out.quality *= 0.6;
        out.reasons.push_back({"name", "enumerator-and-dose",
                               "read as " + enumerator + " and " + std::to_string(*dose_cgy) + " cGy"});
      } else if (!dose_cgy && !part.decimal && value > 150 && value < 1000) {
        // "PTV504": most often tenths of Gy, but could be enumerator + Gy;
        // written with a leading zero ("PTV_0800") it is cGy.
        const bool hundreds = part.text.size() == 4 && part.text[0] == '0';
        dose_cgy = static_cast<int>(value) * (hundreds ? 1 : 10);
        out.quality *= 0.6;
        out.reasons.push_back({"name", "dose-ambiguous",
                               "read " + std::to_string(static_cast<int>(value)) +
                                   (hundreds ? " as cGy" : " as tenths of Gy")});
      } else {
        ++extra_numbers;
        // "CTV 68_1": a lone digit set apart after the dose numbers the target.
        trailing_digit = !part.decimal && part.unit.empty() && !part.glued_before && value >= 1 &&
                                 value < 10 && dose_cgy && enumerator.empty() && after_type &&
                                 extra_numbers == 1
                             ? &part
                             : nullptr;
        continue;
      }
      trailing_digit = nullptr;
    }
    if (!had_dose && dose_cgy) dose_just_read = true;
  }
  if (trailing_digit != nullptr && trailing_digit == &reading.parts.back()) {
    enumerator = std::to_string(static_cast<int>(trailing_digit->number));
    --extra_numbers;
    out.quality *= 0.9;
    out.reasons.push_back({"name", "enumerator-after-dose", "digit " + enumerator + " after the dose"});
  }
  if (fractionation) {
    dose_cgy = fractionation->dose_per_fraction_cgy;
    out.reasons.push_back({"name", "fractionation",
                           std::to_string(fractionation->fractions) + " fractions of " +
                               std::to_string(fractionation->dose_per_fraction_cgy) + " cGy"});
    if (fractionation->ambiguous) {
      out.quality *= 0.5;
      out.reasons.push_back(
          {"name", "fractionation-ambiguous", "without units either number may be the dose"});
    }
  }
  if (type.empty() && !default_type.empty()) {
    type = default_type;
    out.quality *= 0.8;
    out.reasons.push_back({"name", "implied-type", "no type written; " + default_type + " assumed"});
  }
  if (type.empty()) {
    out.name = std::string(kUnknownName);
    out.quality = 0;
    return out;
  }
  if (type == "PTV!") type = "PTV";
  if (classifier.empty())
    for (const Part& part : reading.parts)
      if (part.is(SenseKind::anatomy) && part.sense.value.starts_with("LN")) classifier = "n";  // "nodes PTV"

  const auto compose_name = [&](bool with_indicator) {
    std::string composed = type + classifier + enumerator;
    if (!side.empty()) composed += "_" + side;
    if (with_indicator && !indicator.empty()) composed += "_" + indicator;
    if (dose_cgy) {
      composed += "_" + std::to_string(*dose_cgy);
      if (fractionation) composed += "x" + std::to_string(fractionation->fractions);
    } else if (!level.empty()) {
      composed += "_" + level;
    }
    if (crop_mm) composed += "-" + two_digits(*crop_mm);
    return composed;
  };
  std::string name = compose_name(true);
  if (dose_cgy) out.reasons.push_back({"name", "dose", std::to_string(*dose_cgy) + " cGy"});
  // "CTV_Paraaortic_4500": a nodal station that would make the name longer
  // than 16 characters is left out rather than losing the whole name.
  if (station_indicator && several_stations) {
    name = compose_name(false);
    out.reasons.push_back({"name", "stations-left-out", "several nodal stations: none is the indicator"});
  } else if (station_indicator && name.size() > 16) {
    name = compose_name(false);
    out.quality *= 0.9;
    out.reasons.push_back(
        {"name", "station-left-out", indicator + " left out: the name would exceed 16 characters"});
  }
  if (mixed_classifiers) {
    out.quality *= 0.5;
    out.reasons.push_back({"name", "mixed-classifiers", "primary and nodal in one volume: no classifier"});
  }
  if (extra_numbers > 0) {
    out.quality *= 0.85;
    out.reasons.push_back({"name", "extra-numbers", std::to_string(extra_numbers) + " number(s) not used"});
  }
  name = shorten_to_16(name);
  // The organ a target is named after ("CTV_Prostate", "PTV65 TONSIL")
  // becomes the ^qualifier: it keeps "CTV^Prostate" and "CTV^SeminalVes"
  // apart in one set. Left out when the name would exceed 16 characters.
  // Retropharyngeal nodes (Chinese NPC sets: GTVrpn beside GTVnd) are
  // qualified RP for the same reason.
  for (const Part& part : reading.parts) {
    const bool retropharyngeal =
        (part.is(SenseKind::target) || part.is(SenseKind::classifier)) &&
        (part.text.ends_with("rp") || part.text.ends_with("rpn") || part.text.ends_with("rpln"));
    if (retropharyngeal && name.size() + 3 <= 16) {
      name += "^RP";
      out.reasons.push_back({"name", "qualifier", "'" + part.text + "' → ^RP (retropharyngeal nodes)"});
      out.name = name;
      return out;
    }
  }
  for (const Part& part : reading.parts) {
    if (!part.is(SenseKind::anatomy) || part.sense.value.starts_with("LN")) continue;
    std::string qualifier;
    if (part.sense.value == "-") {
      // Anatomy TG-263 has no name for ("CTV_Mesorectum"): the word itself,
      // accents taken off ("mésorectum" → Mesorectum).
      bool word_start = true;
      for (char c : strip_accents(part.text)) {
        if (std::isalpha(static_cast<unsigned char>(c)))
          qualifier += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        word_start = c == ' ';
      }
    } else {
      qualifier = without_standard_prefix(part.sense.value);
    }
    qualifier.erase(std::remove(qualifier.begin(), qualifier.end(), '_'), qualifier.end());
    if (qualifier.empty()) continue;
    if (name.size() + 1 + qualifier.size() <= 16) {
      name += "^" + qualifier;
      out.reasons.push_back({"name", "qualifier", "'" + part.text + "' → ^" + qualifier});
    }
    break;
  }
  // "CTVA": the letter that tells one target from another (see context.cpp).
  for (const Part& part : reading.parts)
    if (part.is(SenseKind::noise) && part.sense.value.starts_with("^") &&
        name.find('^') == std::string::npos && name.size() + part.sense.value.size() <= 16) {
      name += part.sense.value;
      out.quality *= 0.9;
      out.reasons.push_back({"name", "qualifier", "'" + part.text + "' → " + part.sense.value});
    }
  out.name = name;
  return out;
}

}  // namespace roiname
