// Organ (non-target) names: a TG-263 table name, or a valid composition of
// one (NAMING.md §2):  <root>[~][_PRV[nn]][_L|_R][^qualifier]
// e.g. "OpticNrv_PRV03_L", "Lung~_L", "Brain~", "SpinalCord_PRV05".
// Reverse order (the table's alternative form) puts side and PRV first:
//   [L_|R_][PRV[nn]_]<reverse root>[~][^qualifier]   e.g. "L_PRV03_OpticNrv".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/nomenclature/tg263_table.h"
#include "core/result.h"

namespace roiname {

struct OrganName {
  std::string root;      // the table name without the parts below ("OpticNrv", "Lung", "Bolus_05mm")
  bool partial = false;  // "~": only part of the organ is contoured
  std::optional<int> prv_margin_mm;  // 3 in "_PRV03"; empty for "_PRV" without margin
  bool prv = false;                  // "_PRV" present
  std::string side;                  // "", "L" or "R"
  std::string qualifier;             // after '^', without it
  friend bool operator==(const OrganName&, const OrganName&) = default;
};

// The organ name `name` decomposed, when it is a table primary name (not a
// placeholder row), an instance of a placeholder row ("Bolus_05mm"), or a
// composition whose base (root + side) is an anatomic table name; and at most
// `max_length` characters. Otherwise an error saying why ("'Brainstem' has no
// side in the table", "PRV margin '5' must be two digits", wrong case, …).
Result<OrganName> parse_organ_name(std::string_view name, const Tg263Table& table,
                                   std::size_t max_length = 16);

// root [~] [_PRV[nn]] [_L|_R] [^q]. The margin is written with two digits.
std::string format_organ_name(const OrganName& organ);

// The table name a composition builds on: root plus "_" side ("OpticNrv_L").
std::string organ_base_name(const OrganName& organ);

// Implanted cardiac devices (Pacemaker, Leads) are spared like organs: they
// take a PRV ("Pacemaker_PRV05", margins up to 5 cm) though the table lists
// them as non-anatomic.
bool is_implanted_device(std::string_view root);

// True for the paired structures the table lists only without a side
// ("A_Pulmonary", "Bone_Mandible"): a side composes onto them
// ("A_Pulmonary_L"). The list is data/nomenclature/sided_roots.tsv.
bool side_composes_on(std::string_view root);

// True for organs almost never the treated site (bowel, cord, parotid …,
// data/nomenclature/rarely_treated.tsv). A listed root matches itself and
// every name that continues it with "_" ("Bowel" matches Bowel_Small).
bool rarely_treated(std::string_view root);

// Reverse order: the same validity rules, read against the table's
// reverse-order names ("L_Parotid", "PRV03_Brainstem", "L_PRV03_OpticNrv").
// The result is in primary-order terms (root "Parotid", side "L").
Result<OrganName> parse_reverse_organ_name(std::string_view name, const Tg263Table& table,
                                           std::size_t max_length = 16);

// The reverse-order spelling of `organ`, using the table's reverse-order name
// of its base; fails when the base is not a table name.
Result<std::string> format_reverse_organ_name(const OrganName& organ, const Tg263Table& table);

}  // namespace roiname
