// The TG-263 target grammar (NAMING.md §3):
//   <Type><classifier><enumerator>[_<modality#>][_<indicator>][_<dose>][-<crop mm>][^<qualifier>]
// parsed into components and formatted back, with the project's canonical
// dose form (cGy integer) and the Gy and relative styles.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace roiname {

// How a dose is written: "7000" (cGy, canonical), "70Gy" / "50p4Gy", or
// relative levels ("High") where the dose is relative.
enum class DoseStyle { centigray, gray, relative };

struct TargetDose {
  enum class Kind { none, relative, absolute } kind = Kind::none;
  int centigray = 0;             // absolute dose in cGy
  std::string relative;          // "High", "Mid", "Mid01", "Low", as written
  std::optional<int> fractions;  // the 3 in 2000x3
  friend bool operator==(const TargetDose&, const TargetDose&) = default;
};

struct TargetName {
  std::string type;        // GTV CTV ITV IGTV ICTV PTV PTV!
  std::string classifier;  // "" p n sb par v vas
  std::string enumerator;  // digits or ""
  std::string modality;    // "CT1PT1", without the leading "_"
  std::string indicator;   // "L", "R", "A_Aorta", without the leading "_"
  TargetDose dose;
  std::optional<int> crop_mm;  // -03 → 3
  std::string qualifier;       // after '^', without it
  friend bool operator==(const TargetName&, const TargetName&) = default;
};

// A protocol's own spellings on top of the TG-263 grammar: local type
// prefixes ("PGTV" → "PTV") and classifiers ("nx" → "p", "tb" → "sb").
// Parsing accepts them and stores the TG-263 meaning.
struct TargetSpellings {
  std::map<std::string, std::string> types;        // local → TG-263 type
  std::map<std::string, std::string> classifiers;  // local → TG-263 classifier
  bool empty() const { return types.empty() && classifiers.empty(); }
};

// True when `name` starts with a target type (TG-263 or one of `spellings`)
// followed by something the grammar allows next: the cheap test of whether a
// name is meant as a target at all.
bool looks_like_target(std::string_view name, const TargetSpellings& spellings = {});

// The components of a target name, or an error naming the part that is wrong
// ("dose '70Gyy' in 'PTV_70Gyy': ..."). Accepts doses in cGy ("7000"), Gy
// ("70Gy", "50p4Gy"), explicit cGy ("5400cGy"), fractionation ("2000x3") and
// relative levels (High, Mid, Mid01…, Low). Does not apply the 16-character
// limit: that is the protocol's rule (see validate_name).
Result<TargetName> parse_target_name(std::string_view name);
Result<TargetName> parse_target_name(std::string_view name, const TargetSpellings& spellings);

// The name of `target` in `style` (cGy by default). A relative dose stays
// relative in every style; an absolute dose in relative style is written in
// cGy. When longer than `max_length`, underscores are deleted from the left
// until it fits or none is left (TG-263's last resort).
std::string format_target_name(const TargetName& target, DoseStyle style = DoseStyle::centigray,
                               std::size_t max_length = 16);

// The dose alone as `style` writes it ("7000", "70Gy", "50p4Gy", "2000x3",
// "High"); empty for no dose.
std::string format_target_dose(const TargetDose& dose, DoseStyle style);

// NAMING.md §3 equivalence: same type, classifier, enumerator, modality,
// indicator (a leading side indicator L/R aside), dose (compared in cGy,
// fractions included) and crop; the ^qualifier is ignored.
bool targets_equivalent(const TargetName& a, const TargetName& b);

// The side a target's indicator states: "L", "R" or "".
std::string target_side(const TargetName& target);

}  // namespace roiname
