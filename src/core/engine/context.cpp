#include "core/engine/context.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace roiname {
namespace {

using Parts = std::vector<Part>;

bool any_part(const Parts& parts, bool (*test)(const Part&)) {
  return std::any_of(parts.begin(), parts.end(), test);
}

// `part` now means only `sense`; what it was read as is dropped.
void replace_sense(Part& part, Sense sense) {
  part.type = Part::Type::sense;
  part.sense = std::move(sense);
  part.others.clear();
}

void make_noise(Part& part, std::string note, std::string value = {}) {
  replace_sense(part, Sense{SenseKind::noise, std::move(value), "", std::move(note)});
}

void make_unexplained(Part& part) {
  part.type = Part::Type::unknown;
  part.others.clear();
}

bool names_a_target(const Parts& parts) {
  return any_part(parts, [](const Part& part) { return part.is(SenseKind::target); });
}

// A target of nodes: "CTVn", or a type with the nodal classifier written.
bool names_a_nodal_target(const Parts& parts) {
  return any_part(parts, [](const Part& part) {
    return (part.is(SenseKind::target) && part.sense.value.ends_with(",n")) ||
           (part.is(SenseKind::classifier) && part.sense.value == "n");
  });
}

// The first anatomy sense of the lexicon term `term` whose root `fits`, or null.
const Sense* anatomy_sense(const Lexicon& lexicon, const std::string& term,
                           bool (*fits)(const std::string&)) {
  const std::vector<Sense>* senses = lexicon.find(term);
  if (senses == nullptr) return nullptr;
  const auto found = std::find_if(senses->begin(), senses->end(), [&](const Sense& sense) {
    return sense.kind == SenseKind::anatomy && fits(sense.value);
  });
  return found == senses->end() ? nullptr : &*found;
}

// `part` now means `sense`; what it was read as stays as the other reading.
void take_sense(Part& part, const Sense& sense) {
  part.others = {part.sense};
  part.sense = sense;
  part.type = Part::Type::sense;
}

// The vertebra a level letter and its number name ("t", "8": VB_T08), or null.
const Sense* vertebra_at(const Lexicon& lexicon, char letter, const std::string& number) {
  // "T08": TG-263 pads levels to two digits (VB_T08).
  const std::size_t digits = number.find_first_not_of('0');
  const std::string level = digits == std::string::npos ? number : number.substr(digits);
  return anatomy_sense(lexicon, std::string(1, letter) + " " + level,
                       [](const std::string& root) { return root.starts_with("VB_"); });
}

// The region letter ('c', 't', 'l', 's') of a vertebral root read from a
// word ("VB_T" of "BWK", "VB_T08", "VB_L2"), or 0.
char spine_region(const Part& part) {
  const std::string& root = part.sense.value;
  if (!part.is(SenseKind::anatomy) || root.size() < 4 || !root.starts_with("VB_")) return 0;
  return static_cast<char>(std::tolower(static_cast<unsigned char>(root[3])));
}

// "_PTV": a leading underscore marks a structure not used for evaluation, as
// TG-263's z does.
void read_leading_underscore(Reading& reading, std::string_view raw) {
  if (!raw.starts_with('_') || reading.parts.empty()) return;
  Part mark;
  mark.type = Part::Type::sense;
  mark.sense = Sense{SenseKind::helper, "z", "", "reader: leading underscore"};
  mark.text.assign(1, '_');  // (= "_" trips a false GCC 12 -Wrestrict warning)
  reading.parts.insert(reading.parts.begin(), std::move(mark));
}

// "xPTV", "x_Rectum": like z, a leading x sorts a planning helper to the
// end of the structure list (elsewhere x is a placeholder: "PRVxx").
void read_leading_x(Parts& parts) {
  if (parts.size() < 2 || (parts[0].text != "x" && parts[0].text != "xx") || !parts[0].is(SenseKind::noise))
    return;
  if (!parts[1].is(SenseKind::target) && !parts[1].is(SenseKind::anatomy)) return;
  parts[0].sense = Sense{SenseKind::helper, "z", "", "reader: leading x marks a helper"};
}

// "External-Lungs": a position word ("external iliac") qualifies the word
// after it; before an operator, "external" is the body outline.
void read_outline_before_operator(Parts& parts) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& word = parts[i];
    if (!word.is(SenseKind::position) || !parts[i + 1].is(SenseKind::op)) continue;
    const auto body = std::find_if(word.others.begin(), word.others.end(), [](const Sense& other) {
      return other.kind == SenseKind::dose_calc && other.value == "body";
    });
    if (body != word.others.end()) take_sense(word, Sense(*body));
  }
}

// "T&O", "T+R": tandem and ovoids or ring, the gynaecological brachytherapy
// applicator, written as two letters joined (not a primary and a side).
void read_applicator_letters(Parts& parts) {
  if (names_a_target(parts)) return;
  for (std::size_t i = 0; i + 2 < parts.size(); ++i) {
    const bool joined = parts[i + 1].is(SenseKind::op) &&
                        (parts[i + 1].text == "&" || parts[i + 1].text == "+") && parts[i + 1].glued_before &&
                        parts[i + 2].glued_before;
    if (parts[i].text != "t" || !joined || (parts[i + 2].text != "o" && parts[i + 2].text != "r")) continue;
    replace_sense(parts[i],
                  Sense{SenseKind::dose_calc, "device", "", "reader: tandem and ovoids/ring applicator"});
    make_noise(parts[i + 1], "reader: tandem and ovoids/ring applicator");
    make_noise(parts[i + 2], "reader: tandem and ovoids/ring applicator");
    return;
  }
}

// "Bladder_Pt", "Rectum Pt", "Pelvic_Wall_Pt_R": after an organ, Pt is the
// organ's dose point (ICRU bladder and rectum points, brachytherapy), not
// the patient ("Pt outline" has it first).
void read_organ_points(Parts& parts) {
  if (names_a_target(parts)) return;
  bool after_organ = false;
  for (Part& part : parts) {
    if (part.is(SenseKind::anatomy)) after_organ = true;
    if (after_organ && part.text == "pt" && part.is(SenseKind::noise))
      replace_sense(part, Sense{SenseKind::dose_calc, "point", "", "reader: the dose point of an organ"});
  }
}

// "Par_L-PTV", "LT PAR-PTV": a word cut off from the target type by an
// operator classifies nothing; when it can name an organ it names the organ
// ("鼻咽GTV", with no operator, stays the primary's classifier).
void read_organs_before_target(Parts& parts) {
  const auto first_target =
      std::find_if(parts.begin(), parts.end(), [](const Part& part) { return part.is(SenseKind::target); });
  const bool operator_between =
      std::any_of(parts.begin(), first_target, [](const Part& part) { return part.is(SenseKind::op); });
  if (!operator_between) return;
  for (auto part = parts.begin(); part != first_target; ++part) {
    if (!part->is(SenseKind::classifier)) continue;
    const auto organ = std::find_if(part->others.begin(), part->others.end(),
                                    [](const Sense& other) { return other.kind == SenseKind::anatomy; });
    if (organ != part->others.end()) take_sense(*part, Sense(*organ));
  }
}

// "Parótida E", "Ojo_I": a side letter that only stands alone (pt E =
// esquerdo, es I = izquierdo) is a side as a word of its own at an end of
// the name; elsewhere it is a word like "and" ("Próstata e vesículas").
void read_standalone_sides(Parts& parts) {
  // In a target name such a letter is as often a level or a mark ("CTV_H":
  // high) as a side; a target's side is not compared anyway.
  const bool target = names_a_target(parts);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Part& part = parts[i];
    if (!part.is(SenseKind::side) || !part.sense.standalone) continue;
    // At an end, or followed only by a PRV and its margin ("Nervo óptico E PRV").
    const bool at_an_end =
        i == 0 ||
        std::all_of(parts.begin() + static_cast<std::ptrdiff_t>(i) + 1, parts.end(), [](const Part& after) {
          return after.is(SenseKind::prv) || after.is(SenseKind::unit) || after.type == Part::Type::number;
        });
    const bool apart = !part.glued_before && (i + 1 == parts.size() || !parts[i + 1].glued_before);
    if (!(at_an_end && apart) || target) make_noise(part, "reader: not a side here");
  }
}

// "Plíce_P", "Nerw wzrokowy P": in a name written in Polish, Czech or
// Slovak, a P standing apart at an end is the right side (prawy, pravý),
// not the primary tumour.
void read_west_slavic_right(Parts& parts) {
  const bool west_slavic = any_part(parts, [](const Part& part) {
    return part.is(SenseKind::anatomy) &&
           (part.sense.lang == "pl" || part.sense.lang == "cs" || part.sense.lang == "sk");
  });
  if (!west_slavic || parts.size() < 2) return;
  Part& last = parts.back();
  if (last.text != "p" || last.glued_before || !last.is(SenseKind::classifier)) return;
  replace_sense(last, Sense{SenseKind::side, "R", "", "reader: Polish/Czech P (right)"});
}

// "Esophagus_Lo", "Rectum high": beside an organ (no target in the name) a
// low or high level word is the lower or upper part, as TG-263 names
// positions (Esophagus_I, Esophagus_S).
void read_levels_of_organs(Parts& parts) {
  if (names_a_target(parts) || !any_part(parts, [](const Part& part) { return part.is(SenseKind::anatomy); }))
    return;
  for (Part& part : parts) {
    // Only the words themselves: "ed" (elective dose) is also a glued piece
    // ("paroted", "checked").
    const bool word = part.text == "lo" || part.text == "low" || part.text == "hi" || part.text == "high";
    if (!part.is(SenseKind::level) || !word || part.glued_before) continue;
    const bool low = part.sense.value == "Low";
    take_sense(part, Sense{SenseKind::position, low ? "Inf" : "Sup", "", "reader: a level beside an organ"});
  }
}

// "CTV-THR", "CTV_TIR": ICRU 89 cervix brachytherapy targets with T (the
// primary tumour) glued to the risk level: the classifier and the level, not
// a total hip replacement.
void read_icru89_levels(Parts& parts) {
  if (!names_a_target(parts)) return;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    // "TLR" alone is read as TL (temporal lobe) and R: joined again here.
    if (parts[i].text == "tl" && i + 1 < parts.size() && parts[i + 1].text == "r" &&
        parts[i + 1].glued_before) {
      parts[i].text = "tlr";
      parts[i].length += parts[i + 1].length;
      parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
    const std::string& text = parts[i].text;
    const char* level = text == "thr" ? "High" : text == "tir" ? "Mid" : text == "tlr" ? "Low" : nullptr;
    if (level == nullptr) continue;
    Part primary = parts[i];
    replace_sense(primary, Sense{SenseKind::classifier, "p", "", "reader: ICRU 89 T (primary)"});
    primary.text.assign(1, 't');
    primary.length = 1;
    replace_sense(parts[i], Sense{SenseKind::level, level, "", "reader: ICRU 89 risk level"});
    parts[i].glued_before = true;
    parts[i].length = parts[i].length > 1 ? parts[i].length - 1 : 0;
    parts.insert(parts.begin() + static_cast<std::ptrdiff_t>(i), std::move(primary));
    ++i;
  }
}

// "4D", "3D" (4D-CT, 3D planning) are modality words, not a number and a
// French side letter ("PTV_4D" is not PTV4_R).
void read_modality_words(Parts& parts) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& number = parts[i];
    Part& letter = parts[i + 1];
    // What follows "4D" in "4DCT", "4D-CT", "4D_CT".
    std::size_t ct = i + 2;
    if (ct < parts.size() && parts[ct].text == "-" && ct + 1 < parts.size() && parts[ct + 1].text == "ct")
      ++ct;
    const bool ct_follows = ct < parts.size() && parts[ct].text == "ct";
    const bool modality = number.type == Part::Type::number && !number.decimal &&
                          (number.number == 3 || number.number == 4) && letter.glued_before &&
                          (letter.text == "d" || letter.text == "dct") &&
                          (i + 2 == parts.size() || !parts[i + 2].glued_before || ct_follows);
    if (!modality) continue;
    const std::string word = std::to_string(static_cast<int>(number.number)) + "D";
    for (std::size_t k = i; k <= (ct_follows ? ct : i + 1); ++k)
      make_noise(parts[k], "reader: modality", word);
  }
}

// A one-letter anatomy word ("c": cervical vertebrae) names something only
// with its number ("C5"); alone ("PTV-C") it is unexplained.
void require_numbers_of_letters(Parts& parts) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!parts[i].is(SenseKind::anatomy) || parts[i].text.size() != 1) continue;
    const bool numbered =
        i + 1 < parts.size() && parts[i + 1].type == Part::Type::number && parts[i + 1].glued_before;
    if (!numbered) make_unexplained(parts[i]);
  }
}

// "cord2 for IOV": what follows "for" is a purpose, and a landmark later in a
// name ("canal on the slice of the bottom of sternum") locates it: both are
// comments once a structure was named before them.
void read_comments(Parts& parts) {
  bool structure_named = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Part& part = parts[i];
    const bool comment =
        part.is(SenseKind::helper) && (part.sense.value == "for" || part.sense.value == "landmark");
    if (comment && structure_named) {
      for (std::size_t k = i; k < parts.size(); ++k) make_noise(parts[k], "reader: comment");
      return;
    }
    structure_named = structure_named || part.is(SenseKind::anatomy) || part.is(SenseKind::target) ||
                      part.is(SenseKind::dose_calc);
  }
}

// "LN_R_II", "nodes IB", "Axilla_L_II": beside lymph nodes, in a name with
// no target type, a level numeral names the nodal station, as "level II"
// would.
void read_nodal_stations(Parts& parts, const Lexicon& lexicon) {
  if (names_a_target(parts)) return;
  if (!any_part(parts, [](const Part& part) {
        return part.is(SenseKind::anatomy) && part.sense.value.starts_with("LN");
      }))
    return;
  for (Part& part : parts) {
    if (!part.is(SenseKind::classifier)) continue;
    const std::vector<Sense>* station = lexicon.find("level " + part.text);
    if (station == nullptr || station->front().kind != SenseKind::anatomy) continue;
    part.sense = station->front();
    part.others.assign(station->begin() + 1, station->end());  // "II": a neck or an axillary level
  }
}

// "Pancreas_Body", "Stomach body": after an organ, body names a part of it,
// not the body outline: the partial organ (Pancreas~). "Liver_Seg8",
// "GTV_Seg8": a (liver) segment and its number are a part of the organ, not
// a target number.
void read_body_of_organs(Parts& parts) {
  bool organ_before = false;
  const Sense part_of_organ{SenseKind::partial, "~", "", "reader: a part of the organ"};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Part& part = parts[i];
    if (organ_before && part.is(SenseKind::dose_calc) && part.sense.value == "body")
      replace_sense(part, part_of_organ);
    const bool segment = part.text == "seg" || part.text == "segm" || part.text == "segment" ||
                         part.text == "segments" || part.text == "segmento";
    if (segment && i + 1 < parts.size() && parts[i + 1].type == Part::Type::number && !parts[i + 1].decimal &&
        parts[i + 1].unit.empty() && parts[i + 1].number >= 1 && parts[i + 1].number <= 8) {
      make_noise(parts[i + 1], "reader: segment number");
      if (any_part(parts, [](const Part& other) { return other.is(SenseKind::anatomy); }))
        replace_sense(part, part_of_organ);
      else
        make_noise(part, "reader: segment of an organ");
    }
    organ_before = organ_before || part.is(SenseKind::anatomy);
  }
}

// Organ names without a target or a dose-calculation structure:
// "Cord expansion", "Brainstem_exp 3mm": an organ grown by a margin is its
// PRV (around a target or the body an expansion stays a helper);
// "Bowel within hernia": an organ inside a region is the part of the organ
// there (partial); within a distance ("Bowel_within_2cm") it is a helper.
void read_organ_expansions_and_parts(Parts& parts) {
  if (!any_part(parts, [](const Part& part) { return part.is(SenseKind::anatomy); })) return;
  if (any_part(parts,
               [](const Part& part) { return part.is(SenseKind::target) || part.is(SenseKind::dose_calc); }))
    return;
  // "Hippo_avoid_05": an avoidance zone with its margin is the organ's PRV
  // (the NRG hippocampal avoidance region); without a margin it stays a helper.
  // (A 1 mm margin is no PRV anyone grows: "Brainstem AVoid1mm" stays a helper.)
  const bool margin = any_part(parts, [](const Part& part) {
    const bool length =
        part.unit == "mm" || part.unit == "cm" || (part.text.size() == 2 && part.text[0] == '0');
    return part.type == Part::Type::number && !part.decimal && length &&
           (part.unit == "cm" || part.number >= 2);
  });
  for (Part& part : parts) {
    const bool expansion = part.is(SenseKind::helper) && part.sense.value == "expand" &&
                           part.text != "flash" && part.text != "margin";
    const bool avoidance_zone = part.is(SenseKind::helper) && part.sense.value == "avoid" && margin;
    if (expansion || avoidance_zone) part.sense = Sense{SenseKind::prv, "PRV", "", "reader: organ expansion"};
  }
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    Part& inside = parts[i];
    const bool word = inside.text == "in" || inside.text == "within" || inside.text == "inside";
    if (!inside.is(SenseKind::op) || !word || !parts[i - 1].is(SenseKind::anatomy)) continue;
    // "Stomach_within_2cm", "Bowel in 1cm": within a distance (of the target)
    // is a crop made for planning, not a part of the organ.
    const Part& region = parts[i + 1];
    if (region.type == Part::Type::number && (region.unit == "cm" || region.unit == "mm")) {
      inside.sense = Sense{SenseKind::helper, "crop", "", "reader: organ within a distance of a target"};
      return;
    }
    inside.sense = Sense{SenseKind::partial, "~", "", "reader: organ inside a region"};
    for (std::size_t k = i + 1; k < parts.size(); ++k) make_noise(parts[k], "reader: the region");
    return;
  }
}

// "Ascella livello II": an ambiguous word takes the sense that refines another
// concept of the name (axillary level II, not neck level II).
void take_refining_senses(Parts& parts) {
  for (Part& part : parts) {
    if (!part.is(SenseKind::anatomy)) continue;
    for (Sense& other : part.others) {
      const bool refines =
          other.kind == SenseKind::anatomy && std::any_of(parts.begin(), parts.end(), [&](const Part& named) {
            return &named != &part && named.is(SenseKind::anatomy) &&
                   other.value.starts_with(named.sense.value + "_") &&
                   !part.sense.value.starts_with(named.sense.value + "_");
          });
      if (!refines) continue;
      std::swap(part.sense, other);
      break;
    }
  }
}

// "CTV_IntIliac_L", "CTV_ExtIliac": in a target name a vessel that gives its
// name to a nodal station means the nodes along it (targets are not drawn
// on vessels).
void read_vessels_as_nodes(Parts& parts, const Lexicon& lexicon) {
  if (!names_a_target(parts)) return;
  for (Part& part : parts) {
    if (!part.is(SenseKind::anatomy) ||
        !(part.sense.value.starts_with("A_") || part.sense.value.starts_with("V_")))
      continue;
    const std::string vessel = part.plural && part.text.ends_with("s")
                                   ? part.text.substr(0, part.text.size() - 1)
                                   : part.text;  // "CTV_Iliacs"
    const auto nodal = [](const std::string& root) { return root.starts_with("LN_"); };
    const Sense* station = nullptr;
    for (const char* nodes : {" nodes", " ln", " lymph nodes"})
      if ((station = anatomy_sense(lexicon, vessel + nodes, nodal)) != nullptr) break;
    // "CTV iliaca externa": a vessel read from a phrase of another language;
    // its TG-263 station has the vessel's name ("A_Iliac_Ext" → "ln iliac ext").
    if (station == nullptr) {
      std::string tg263_form = "ln";
      for (char c : part.sense.value.substr(1))
        tg263_form += c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      station = anatomy_sense(lexicon, tg263_form, nodal);
    }
    if (station != nullptr) take_sense(part, Sense(*station));
  }
}

// "vessels" after an artery or a vein only repeats it ("carotid vessels");
// after another region ("pelvic vessels") it names that region's vessels,
// which TG-263 does not name: not the region itself. (Alone it stays
// unexplained: the great vessels of a thoracic plan, the guide for a pelvic
// nodal CTV.)
void read_vessel_word(Parts& parts) {
  if (names_a_target(parts)) return;
  const auto word = std::find_if(parts.begin(), parts.end(), [](const Part& part) {
    return part.is(SenseKind::noise) && (part.text == "vessels" || part.text == "vessel");
  });
  const auto vascular = [](const Part& part) {
    const std::string& root = part.sense.value;
    return part.is(SenseKind::anatomy) &&
           (root.starts_with("A_") || root.starts_with("V_") || root.starts_with("GreatVes"));
  };
  if (word == parts.end() || std::any_of(parts.begin(), parts.end(), vascular) ||
      !any_part(parts, [](const Part& part) { return part.is(SenseKind::anatomy); }))
    return;
  for (Part& part : parts)
    if (part.is(SenseKind::anatomy)) make_noise(part, "reader: the region of the vessels");
  replace_sense(*word,
                Sense{SenseKind::anatomy, "-", "", "reader: vessels of a region TG-263 does not name"});
}

// "CTVn_L1_L", "PTVn_L3": in an elective nodal target (CTV, PTV), L glued
// to 1–4 is an axillary level (ESTRO breast contouring), not a side with an
// enumerator. (In "GTV_N_L2" it numbers the left node 2.)
void read_axillary_levels(Parts& parts, const Lexicon& lexicon) {
  const bool elective = any_part(parts, [](const Part& part) {
    return part.is(SenseKind::target) &&
           (part.sense.value.starts_with("CTV") || part.sense.value.starts_with("PTV"));
  });
  if (!names_a_nodal_target(parts) || !elective) return;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& letter = parts[i];
    Part& number = parts[i + 1];
    if (letter.text != "l" || number.type != Part::Type::number || !number.glued_before || number.decimal ||
        number.number < 1 || number.number > 4)
      continue;
    // ESTRO level 4 is the supraclavicular region.
    const Sense* axilla = anatomy_sense(lexicon, "level " + number.text, [](const std::string& root) {
      return root.starts_with("LN_Ax_L") || root == "LN_Sclav";
    });
    if (axilla == nullptr) continue;
    take_sense(letter, *axilla);
    make_noise(number, "reader: axillary level");
  }
}

// "GTVn_4R", "GTV_N_10L": in a nodal target a number glued to R or L is an
// IASLC lymph-node station (lung), not an enumerator; the side stays.
void read_nodal_stations_of_lung(Parts& parts) {
  const bool nodal = names_a_nodal_target(parts);
  // "GTV_4R", "ITV_10L": with no classifier written, the stations no target
  // is numbered like (4, 10–14) name a nodal target too.
  const bool gross = any_part(parts, [](const Part& part) {
    return part.is(SenseKind::target) && (part.sense.value == "GTV" || part.sense.value == "ITV" ||
                                          part.sense.value == "IGTV" || part.sense.value == "CTV");
  });
  if (!nodal && !gross) return;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& number = parts[i];
    const Part& side = parts[i + 1];
    // Written apart ("GTVn_4R"); glued to the type ("GTVnd2R") it numbers the node.
    if (number.type != Part::Type::number || number.glued_before || number.decimal || !number.unit.empty() ||
        number.number < 1 || number.number > 14 || !side.glued_before || !side.is(SenseKind::side) ||
        (side.text != "r" && side.text != "l"))
      continue;
    if (nodal) {
      make_noise(number, "reader: IASLC nodal station");
    } else if (number.number == 4 || number.number >= 10) {
      replace_sense(number, Sense{SenseKind::classifier, "n", "", "reader: IASLC nodal station"});
    }
  }
}

// "T10", "L5", "T12_PRV": a name that is a vertebral letter glued to its
// number (and maybe a PRV) is that vertebra. L1–L4 may be ESTRO axillary
// levels too: counted as an ambiguity.
void read_lone_vertebra(Reading& reading, const Lexicon& lexicon) {
  Parts& parts = reading.parts;
  if (parts.size() < 2 || names_a_target(parts)) return;
  Part& letter = parts[0];
  Part& number = parts[1];
  // (Not S: a lone "S1", "S2" is more often shell 1, 2 than a sacral vertebra.)
  const bool vertebral_letter = letter.text == "t" || letter.text == "l";
  if (!vertebral_letter || letter.is(SenseKind::anatomy) || number.type != Part::Type::number ||
      !number.glued_before || number.decimal || !number.unit.empty())
    return;
  for (std::size_t i = 2; i < parts.size(); ++i)
    if (!parts[i].is(SenseKind::prv) && parts[i].type != Part::Type::number && !parts[i].is(SenseKind::unit))
      return;
  const Sense* vertebra = vertebra_at(lexicon, letter.text[0], number.text);
  if (vertebra == nullptr) return;
  take_sense(letter, *vertebra);
  make_noise(number, "reader: vertebral level");
  if (letter.text == "l" && number.number <= 4) ++reading.ambiguous_parts;
}

// "PTV_T8", "GTV_L2": in a target name a vertebral letter glued to its
// number is the treated vertebra (spine SBRT), not a classifier or a side
// with an enumerator; the level becomes the target's qualifier.
void read_vertebral_levels(Reading& reading, const Lexicon& lexicon) {
  Parts& parts = reading.parts;
  if (!names_a_target(parts)) return;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& letter = parts[i];
    Part& number = parts[i + 1];
    // A vertebral region read already ("PTV_C5": c = cervical vertebrae;
    // "PTV_Spine_T7": "spine t") takes its level too.
    const bool vertebral_region = spine_region(letter) != 0 && letter.sense.value.size() == 4;
    const bool vertebral_letter =
        !letter.is(SenseKind::anatomy) &&
        (letter.text == "c" || letter.text == "t" || letter.text == "l" || letter.text == "s");
    const char level_letter = vertebral_region      ? spine_region(letter)
                              : letter.text.empty() ? ' '
                                                    : letter.text[0];
    // "GTV-T1": glued to the type by a hyphen, T1 is tumour 1 (Chinese lung).
    const bool after_type_hyphen = i >= 2 && parts[i - 1].text == "-" && parts[i - 1].glued_before &&
                                   letter.glued_before && parts[i - 2].is(SenseKind::target);
    if (!(vertebral_letter || vertebral_region) || after_type_hyphen || number.type != Part::Type::number ||
        !number.glued_before || number.decimal || !number.unit.empty() ||
        (i + 2 < parts.size() && parts[i + 2].type == Part::Type::number && parts[i + 2].glued_before))
      continue;
    // With a classifier written ("GTVp_T1", "GTV_N_L2": the left node 2) the
    // letter and a digit number the target; ten and more is no target number
    // ("GTVp_T10": the vertebra, not 10 Gy).
    const bool classified = std::any_of(parts.begin(), parts.end(), [&](const Part& part) {
      const bool typed_with_classifier =
          part.is(SenseKind::target) && part.sense.value.find(',') != std::string::npos;
      return &part != &letter && (part.is(SenseKind::classifier) || typed_with_classifier);
    });
    if (classified && number.number < 10) return;
    const Sense* vertebra = vertebra_at(lexicon, level_letter, number.text);
    if (vertebra == nullptr) continue;
    take_sense(letter, *vertebra);  // the other reading counts as an ambiguity
    make_noise(number, "reader: vertebral level");
    ++reading.ambiguous_parts;
  }
}

// "PTV_D95", "Lung_V20", "GTV_PET_SUV40": a dose-volume metric or an
// uptake threshold names how a structure is judged or drawn, not a side,
// a dose or an enumerator.
void read_metrics(Parts& parts) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& word = parts[i];
    Part& number = parts[i + 1];
    const bool metric_letter = word.text == "d" || word.text == "v";
    const bool metric = number.type == Part::Type::number && number.glued_before &&
                        ((metric_letter && number.number >= 5 && number.number <= 100) || word.text == "suv");
    if (!metric) continue;
    make_noise(word, "reader: dose-volume metric or threshold");
    make_noise(number, "reader: dose-volume metric or threshold");
  }
}

// "GTV_MR_T1", "GTV_T1C": after MR or with a contrast or sequence mark, T1
// and T2 are MR sequences, not a primary tumour numbered 1.
void read_mr_sequences(Parts& parts) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& letter = parts[i];
    Part& number = parts[i + 1];
    if (letter.text != "t" || number.type != Part::Type::number || !number.glued_before ||
        (number.number != 1 && number.number != 2))
      continue;
    const std::string& imaging = i > 0 ? parts[i - 1].text : std::string();
    const bool after_mr = imaging == "mr" || imaging == "mri" || imaging == "mrt";
    // "GTV_T1C", "T1Gd", "T2FLAIR": a contrast or sequence mark glued after.
    const std::string& mark = i + 2 < parts.size() && parts[i + 2].glued_before ? parts[i + 2].text : "";
    const bool marked = mark == "c" || mark == "ce" || mark == "gd" || mark == "w" || mark == "flair" ||
                        mark == "fs" || mark == "post" || mark == "pre";
    if (!after_mr && !marked) continue;
    make_noise(letter, "reader: MR sequence");
    make_noise(number, "reader: MR sequence");
    if (marked) make_noise(parts[i + 2], "reader: MR sequence");
  }
}

// "GTV_50%", "PTV 95%": a percentage is a 4D phase or an isodose level,
// never a dose.
void read_percentages(Parts& parts) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Part& part = parts[i];
    // "GTV_50pc", "GTV_50pct": pc and pct are per cent.
    const bool pc = i + 1 < parts.size() && (parts[i + 1].text == "pc" || parts[i + 1].text == "pct") &&
                    parts[i + 1].glued_before;
    if (part.type != Part::Type::number || (part.unit != "%" && !pc)) continue;
    make_noise(part, "reader: a percentage (4D phase or isodose level)");
    if (pc) make_noise(parts[i + 1], "reader: a percentage (4D phase or isodose level)");
  }
}

// "GTV_Ph50", "ITV phase 0": in a target name a respiratory phase of the
// 4D-CT (0 to 90 in tens) names the image the target was drawn on, not a
// dose. ("T50" stays a tumour dose: "GTV_T50" is written both ways.)
void read_phases(Parts& parts) {
  if (!names_a_target(parts)) return;
  // Volumes drawn on a 4D-CT: there "T50" is a phase ("PTV_T50" stays a
  // tumour dose).
  const bool four_d_volume = any_part(parts, [](const Part& part) {
    const std::string& type = part.sense.value;
    return part.is(SenseKind::target) &&
           (type.starts_with("GTV") || type.starts_with("ITV") || type.starts_with("IGTV"));
  });
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& word = parts[i];
    Part& number = parts[i + 1];
    const bool phase_word =
        word.text == "ph" || word.text == "phs" || word.text == "phase" || word.text == "fase";
    // "GTV_T00", "GTV_T50", "ITV_T30": T with a phase in tens.
    // (T10 stays the vertebra: spine SBRT "GTV_T10".)
    const bool t_phase =
        word.text == "t" && number.glued_before && !word.glued_before &&
        (number.text == "00" || number.text == "0" || (four_d_volume && number.number >= 20));
    const bool phase = (phase_word || t_phase) && number.type == Part::Type::number && !number.decimal &&
                       number.unit.empty() && number.number <= 90 &&
                       static_cast<int>(number.number) % 10 == 0;
    if (!phase) continue;
    make_noise(word, "reader: 4D phase");
    make_noise(number, "reader: 4D phase");
    // "ITV_Ph0-90", "IGTV_T0-T90": a range of phases.
    std::size_t to = i + 3;
    if (to < parts.size() && parts[to].text == "t") ++to;
    if (to < parts.size() && parts[i + 2].text == "-" && parts[to].type == Part::Type::number &&
        parts[to].number <= 100)
      for (std::size_t k = i + 2; k <= to; ++k) make_noise(parts[k], "reader: 4D phase");
  }
}

// "SpinalCord_T6-T8", "Cord_T12-L1", "PTV_T7-9", "CTVn_Axilla_L1-L4": two
// levels down the spine (or of one kind) joined by a hyphen are a range,
// not a subtraction. An organ (not nodes) named
// over a range of levels is the part of it there.
void read_level_ranges(Parts& parts) {
  struct Level {
    char letter = 0;
    int number = 0;
    std::size_t width = 0;  // parts it takes: "t" "6", or one lexicon term "l 1"
  };
  const auto level_at = [&](std::size_t at) -> Level {
    const auto level_letter = [](const std::string& text) {
      return text.size() == 1 && (text[0] == 'c' || text[0] == 't' || text[0] == 'l' || text[0] == 's');
    };
    const Part& first = parts[at];
    // "VB_L1-L5", "CTV BWK 8-10": a vertebra read from a word of its own
    // (German BWK = thoracic vertebral body) starts a range.
    const std::string& root = first.sense.value;
    if (const char region = spine_region(first); region != 0) {
      if ((root.size() == 5 || root.size() == 6) && std::all_of(root.begin() + 4, root.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
          }))
        return {region, std::stoi(root.substr(4)), 1};
      // "BWK 8-10", "VB_T7-T9": a word for one region's vertebrae and its number.
      if (root.size() == 4 && at + 1 < parts.size() && parts[at + 1].type == Part::Type::number &&
          !parts[at + 1].decimal && parts[at + 1].unit.empty())
        return {region, static_cast<int>(parts[at + 1].number), 2};
    }
    if (first.text.size() >= 3 && level_letter(first.text.substr(0, 1)) && first.text[1] == ' ' &&
        std::all_of(first.text.begin() + 2, first.text.end(), ::isdigit))
      return {first.text[0], std::stoi(first.text.substr(2)), 1};
    if (at + 1 >= parts.size() || !level_letter(first.text)) return {};
    const Part& number = parts[at + 1];
    if (number.type != Part::Type::number || !number.glued_before || number.decimal || !number.unit.empty())
      return {};
    return {first.text[0], static_cast<int>(number.number), 2};
  };
  // Cervical, thoracic, lumbar, sacral: a range runs down the spine.
  const auto rank = [](char letter) { return std::string_view("ctls").find(letter); };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Level from = level_at(i);
    const std::size_t hyphen = i + from.width;
    if (from.width == 0 || hyphen + 1 >= parts.size() || parts[hyphen].text != "-") continue;
    Level to = level_at(hyphen + 1);
    // "T7-9": the second level may leave its letter out.
    const Part& after = parts[hyphen + 1];
    if (to.width == 0 && after.type == Part::Type::number && !after.decimal && after.unit.empty())
      to = {from.letter, static_cast<int>(after.number), 1};
    const bool down_the_spine =
        to.letter == from.letter ? from.number < to.number : rank(from.letter) < rank(to.letter);
    if (to.width == 0 || !down_the_spine || from.number < 1 || to.number < 1 || from.number > 12 ||
        to.number > 12)
      continue;
    for (std::size_t k = i; k < hyphen + 1 + to.width; ++k)
      make_noise(parts[k], "reader: range of levels", std::string(kLevelRangeNoise));
    const bool organ = any_part(parts, [](const Part& part) {
      return part.is(SenseKind::anatomy) && !part.sense.value.starts_with("LN");
    });
    if (names_a_target(parts)) return;
    if (organ) {
      parts[i].sense = Sense{SenseKind::partial, "~", "", "reader: organ over a range of levels"};
      return;
    }
    // "VB_L1-L5", "T8-T10": the range alone names the vertebrae there; the
    // whole region when it runs from its first vertebra to its last.
    if (from.letter == 'l' && to.letter == 'l' && to.number <= 4) return;  // or ESTRO axillary levels
    const int last = std::string_view("ctls").find(to.letter) == 1 ? 12 : to.letter == 'c' ? 7 : 5;
    // (A part of the lumbar vertebrae is no VB_L~: that reads as VB, left.)
    const bool one_region =
        from.letter == to.letter && !(from.letter == 'l' && !(from.number == 1 && to.number == 5));
    const bool whole = one_region && from.number == 1 && to.number == last;
    const std::string region(1, static_cast<char>(std::toupper(static_cast<unsigned char>(from.letter))));
    std::string range_text;
    for (std::size_t k = i; k < hyphen + 1 + to.width; ++k) range_text += parts[k].text;
    parts[i].text = range_text;
    replace_sense(parts[i], Sense{SenseKind::anatomy, one_region ? "VB_" + region : "VBs", "",
                                  "reader: vertebrae over a range"});
    if (!whole) {
      Part partial = parts[i];
      partial.sense = Sense{SenseKind::partial, "~", "", "reader: part of the vertebrae"};
      partial.text.clear();
      partial.length = 0;
      parts.insert(parts.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(partial));
    }
    return;
  }
}

// "CTV levels II-IV L", "CTV_axila_I-III", "CTV Axilla Level 1-2": in a
// nodal target a hyphen between two nodal levels is a range of stations,
// not a subtraction.
void read_nodal_level_ranges(Parts& parts) {
  if (!names_a_target(parts)) return;
  const auto roman = [](const std::string& text) {
    return text == "i" || text == "ii" || text == "iii" || text == "iv" || text == "v" || text == "vi" ||
           text == "vii";
  };
  const auto station = [](const Part& part) {
    return part.is(SenseKind::anatomy) &&
           (part.sense.value.starts_with("LN_Neck") || part.sense.value.starts_with("LN_Ax"));
  };
  const auto small_number = [](const Part& part) {
    return part.type == Part::Type::number && part.unit.empty() && !part.decimal && part.number >= 1 &&
           part.number <= 7;
  };
  const bool nodal = any_part(parts, station) || names_a_nodal_target(parts);
  if (!nodal) return;
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    Part& hyphen = parts[i];
    if (!hyphen.is(SenseKind::op) || hyphen.text != "-") continue;
    const Part& from = parts[i - 1];
    Part& to = parts[i + 1];
    const bool from_level = roman(from.text) || station(from) || small_number(from);
    const bool to_level = roman(to.text) || station(to) || small_number(to);
    if (!from_level || !to_level) continue;
    make_noise(hyphen, "reader: range of nodal levels");
    if (small_number(to) || roman(to.text)) make_noise(to, "reader: range of nodal levels");
    if (small_number(from)) make_noise(parts[i - 1], "reader: range of nodal levels");
    // The first level no longer names one station: axillary levels keep
    // the axilla, neck levels the nodal classifier.
    Part& first = parts[i - 1];
    if (station(first))
      replace_sense(first, first.sense.value.starts_with("LN_Ax")
                               ? Sense{SenseKind::anatomy, "LN_Ax", "", "reader: range of axillary levels"}
                               : Sense{SenseKind::classifier, "n", "", "reader: range of neck levels"});
  }
}

// "CTVA", "CTV_B_5040", "PTVC": a letter after a target type names one of
// several targets (the UK anal-cancer CTVA/CTVB/CTVC); it becomes the
// target's qualifier (CTV^A), so the targets stay apart.
void read_target_letters(Reading& reading, const Lexicon& lexicon) {
  Parts& parts = reading.parts;
  const auto letter_of_targets = [](const std::string& text) {
    return text.size() == 1 && text[0] >= 'a' && text[0] <= 'e';
  };
  const auto note_letter = [](Part& part, char letter) {
    std::string qualifier(1, '^');
    qualifier.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(letter))));
    make_noise(part, "reader: a letter naming one of several targets", std::move(qualifier));
  };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Part& part = parts[i];
    if (part.type != Part::Type::unknown) continue;
    if (letter_of_targets(part.text) && i > 0 && parts[i - 1].is(SenseKind::target)) {
      note_letter(part, part.text[0]);
      continue;
    }
    // Glued: "ctva" is the type and a letter.
    if (part.text.size() < 4 || part.text.size() > 5 ||
        !letter_of_targets(part.text.substr(part.text.size() - 1)))
      continue;
    const std::vector<Sense>* type = lexicon.find(part.text.substr(0, part.text.size() - 1));
    if (type == nullptr || type->front().kind != SenseKind::target || type->front().value.starts_with("?"))
      continue;
    Part letter = part;
    note_letter(letter, part.text.back());
    letter.text.assign(1, part.text.back());
    letter.length = 1;
    letter.glued_before = true;
    part.type = Part::Type::sense;
    part.sense = type->front();
    part.others.assign(type->begin() + 1, type->end());
    part.text.pop_back();
    part.length -= 1;
    reading.target_context = true;
    parts.insert(parts.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(letter));
  }
}

// "PTV_v2", "CTV_rev2", "PTV_copy2", "Cord version 3", "Rectum_wk3",
// "PTV_Fx1", "GTV_Day1", "CTV_sess3": the number of a version, a revision, a
// copy, a week, a fraction, a day or a session is not an enumerator ("10fx"
// is different: there fx counts the fractions).
void read_versions(Parts& parts) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i + 1].type != Part::Type::number || !parts[i + 1].unit.empty()) continue;
    const std::string& word = parts[i].text;
    // Also a fraction or a brachytherapy application ("PTV_Fr3", "HR-CTV_BT2").
    const bool counting_word =
        word == "v" || word == "ver" || word == "version" || word == "rev" || word == "revision" ||
        word == "copy" || word == "kopie" || word == "wk" || word == "week" || word == "fx" || word == "fr" ||
        word == "fraction" || word == "day" || word == "session" || word == "sess" || word == "bt" ||
        word == "hdr" || word == "appl" || word == "application" || word == "insertion";
    // A trial group's protocol number is glued to it ("JCOG0403"); set apart
    // ("PTV_TROG_60") the number is still the dose.
    const bool trial_group = word == "rtog" || word == "nrg" || word == "jcog" || word == "eortc" ||
                             word == "krog" || word == "trog" || word == "cctg";
    if (trial_group && parts[i + 1].glued_before) {
      make_noise(parts[i + 1], "reader: trial protocol number");
      continue;
    }
    const bool after_number = i > 0 && parts[i - 1].type == Part::Type::number;
    if (!counting_word || after_number) continue;
    make_noise(parts[i], "reader: version, week, fraction or day");
    make_noise(parts[i + 1], "reader: version, week, fraction or day");
  }
}

// "CTV 2023-04-15", "GTV_20230415", "PTV 15-04-2023": a date says when the
// structure was drawn; none of its numbers is a dose or an enumerator.
void read_dates(Parts& parts) {
  const auto number = [&](std::size_t at, double low, double high) {
    return at < parts.size() && parts[at].type == Part::Type::number && !parts[at].decimal &&
           parts[at].number >= low && parts[at].number <= high;
  };
  const auto hyphen = [&](std::size_t at) { return at < parts.size() && parts[at].text == "-"; };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (number(i, 19000101, 20991231) && parts[i].text.size() == 8) {
      make_noise(parts[i], "reader: date");
      continue;
    }
    const bool year_first = number(i, 1990, 2099) && hyphen(i + 1) && number(i + 2, 1, 12) && hyphen(i + 3) &&
                            number(i + 4, 1, 31);
    const bool day_first = number(i, 1, 31) && hyphen(i + 1) && number(i + 2, 1, 12) && hyphen(i + 3) &&
                           number(i + 4, 1990, 2099);
    if (!year_first && !day_first) continue;
    for (std::size_t k = i; k < i + 5; ++k) make_noise(parts[k], "reader: date");
    i += 4;
  }
}

// "CTV_P+SV", "PTV(P+SV)": beside the seminal vesicles, P is the prostate,
// not the primary-tumour classifier (and SB beside the prostate are the
// seminal vesicles).
void read_prostate_letter(Parts& parts, const Lexicon& lexicon) {
  const auto vesicles = [](const Part& part) {
    return part.is(SenseKind::anatomy) && part.sense.value == "SeminalVes";
  };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!parts[i].is(SenseKind::classifier) || parts[i].text != "p") continue;
    std::size_t next = i + 1;
    if (next < parts.size() && parts[next].is(SenseKind::op) && parts[next].sense.value == "plus") ++next;
    if (next >= parts.size() || !vesicles(parts[next])) continue;
    const Sense* prostate =
        anatomy_sense(lexicon, "prostate", [](const std::string& root) { return root == "Prostate"; });
    if (prostate == nullptr) return;
    take_sense(parts[i], *prostate);
  }
  // "CTV_Prostata_SB": beside the prostate, German SB (Samenblasen) are the
  // seminal vesicles, not a surgical bed.
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!parts[i].is(SenseKind::classifier) || parts[i].text != "sb") continue;
    std::size_t before = i - 1;
    if (parts[before].is(SenseKind::op) && parts[before].sense.value == "plus" && before > 0) --before;
    const bool beside_prostate =
        parts[before].is(SenseKind::anatomy) && parts[before].sense.value == "Prostate";
    const Sense* seminal_vesicles = anatomy_sense(
        lexicon, "seminal vesicles", [](const std::string& root) { return root == "SeminalVes"; });
    if (!beside_prostate || seminal_vesicles == nullptr) continue;
    take_sense(parts[i], *seminal_vesicles);
  }
}

// "PTV_noSkin", "PTV_wo_Rectum": between a target and an organ, "no" and
// "wo" (without) cut the organ out; "x" between two structures intersects.
void read_without_words(Parts& parts) {
  const auto structure = [](const Part& part) {
    return part.is(SenseKind::target) || part.is(SenseKind::anatomy);
  };
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    Part& word = parts[i];
    // "PTV_x_Rectum": x written apart between two structures is their
    // intersection (glued to numbers it counts fractions: "2000x5").
    if (word.text == "x" && !word.glued_before && !parts[i + 1].glued_before && structure(parts[i - 1]) &&
        structure(parts[i + 1])) {
      word.type = Part::Type::sense;
      word.sense = Sense{SenseKind::op, "and", "", "reader: intersection"};
      continue;
    }
    // (es "sin" and pt "sem" too: here not the Latin side "sin".)
    const bool without =
        (word.type == Part::Type::unknown || word.is(SenseKind::side) || word.is(SenseKind::noise)) &&
        (word.text == "no" || word.text == "wo" || word.text == "sin" || word.text == "sem");
    if (!without || !parts[i - 1].is(SenseKind::target) || !parts[i + 1].is(SenseKind::anatomy)) continue;
    word.type = Part::Type::sense;
    word.sense = Sense{SenseKind::op, "minus", "", "reader: without"};
  }
}

// "ISO_95", "Iso 50%": iso with a percentage-like number is an isodose
// structure (a helper), not the isocentre.
void read_isodose_levels(Parts& parts) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& iso = parts[i];
    const Part& level = parts[i + 1];
    if (!iso.is(SenseKind::dose_calc) || iso.text != "iso" || level.type != Part::Type::number ||
        level.number < 10 || level.number > 120 || (!level.unit.empty() && level.unit != "%"))
      continue;
    iso.sense = Sense{SenseKind::helper, "isodose", "", "reader: isodose level"};
  }
}

// "60Gy in 30 (fractions)": "in" before a number is not an intersection; the
// number counts fractions.
void read_fraction_counts(Parts& parts) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!parts[i].is(SenseKind::op) || parts[i].text != "in" || parts[i + 1].type != Part::Type::number)
      continue;
    make_noise(parts[i], "reader: fractions");
    parts[i + 1].unit = "fx";
  }
}

// "PTV_I125_145Gy", "Ir-192", "Y90": a radionuclide's symbol and mass
// number say the source of a brachytherapy or seed plan, not a dose.
void read_isotopes(Parts& parts) {
  static constexpr std::pair<std::string_view, int> kIsotopes[] = {{"i", 125},  {"pd", 103}, {"cs", 131},
                                                                   {"ir", 192}, {"co", 60},  {"y", 90},
                                                                   {"au", 198}, {"ru", 106}, {"sr", 90}};
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    std::size_t number = i + 1;
    if (parts[number].text == "-" && number + 1 < parts.size()) ++number;  // "I-125"
    const Part& mass = parts[number];
    if (mass.type != Part::Type::number || mass.decimal || !mass.unit.empty()) continue;
    const bool isotope = std::any_of(std::begin(kIsotopes), std::end(kIsotopes), [&](const auto& known) {
      return parts[i].text == known.first && static_cast<int>(mass.number) == known.second;
    });
    if (!isotope) continue;
    for (std::size_t k = i; k <= number; ++k)
      make_noise(parts[k], "reader: radionuclide", std::string(kRadionuclideNoise));
    i = number;
  }
}

// A unit word right after a number belongs to it ("3 mm", "70Gy").
void attach_units(Parts& parts) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Part& number = parts[i];
    const Part& unit = parts[i + 1];
    if (number.type == Part::Type::number && unit.is(SenseKind::unit) && number.unit.empty())
      number.unit = unit.sense.value;
  }
}

}  // namespace

void read_in_context(Reading& reading, std::string_view raw, const Lexicon& lexicon) {
  read_leading_underscore(reading, raw);
  Parts& parts = reading.parts;
  read_leading_x(parts);
  read_outline_before_operator(parts);
  read_applicator_letters(parts);
  read_organ_points(parts);
  read_organs_before_target(parts);
  attach_units(parts);
  read_isotopes(parts);
  read_dates(parts);
  read_isodose_levels(parts);
  read_percentages(parts);
  read_level_ranges(parts);
  read_nodal_level_ranges(parts);
  read_standalone_sides(parts);
  read_west_slavic_right(parts);
  read_icru89_levels(parts);
  read_levels_of_organs(parts);
  read_modality_words(parts);
  require_numbers_of_letters(parts);
  read_target_letters(reading, lexicon);
  read_comments(parts);
  read_nodal_stations(parts, lexicon);
  read_body_of_organs(parts);
  read_organ_expansions_and_parts(parts);
  take_refining_senses(parts);
  read_mr_sequences(parts);
  read_metrics(parts);
  read_phases(parts);
  read_vessels_as_nodes(parts, lexicon);
  read_vessel_word(parts);
  read_axillary_levels(parts, lexicon);
  read_nodal_stations_of_lung(parts);
  read_vertebral_levels(reading, lexicon);
  read_lone_vertebra(reading, lexicon);
  read_fraction_counts(parts);
  read_versions(parts);
  read_prostate_letter(parts, lexicon);
  read_without_words(parts);
}

}  // namespace roiname
