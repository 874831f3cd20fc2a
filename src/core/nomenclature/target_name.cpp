#include "core/nomenclature/target_name.h"

#include <algorithm>
#include <array>
#include <vector>
#include "core/nomenclature/name_text.h"

namespace roiname {

using nomenclature_detail::quoted;
using nomenclature_detail::two_digits;

namespace {

constexpr std::array<std::string_view, 7> kTypes = {"IGTV", "ICTV", "PTV!", "GTV", "CTV", "ITV", "PTV"};
constexpr std::array<std::string_view, 6> kClassifiers = {"vas", "par", "sb", "p", "n", "v"};
constexpr std::array<std::string_view, 8> kModalities = {"SPECT", "CBCT", "CT", "MR", "PT", "SP", "US", "NM"};
constexpr int kMaxCentigray = 99999;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alnum(char c) { return is_digit(c) || is_lower(c) || is_upper(c); }
bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (to_lower(text[i]) != to_lower(prefix[i])) return false;
  return true;
}

// "CT1PT1": one or more modality codes, each followed by its image number.
bool is_modality_chain(std::string_view s) {
  if (s.empty()) return false;
  while (!s.empty()) {
    const auto code = std::find_if(kModalities.begin(), kModalities.end(),
                                   [&](std::string_view m) { return s.starts_with(m); });
    if (code == kModalities.end()) return false;
    s.remove_prefix(code->size());
    std::size_t digits = 0;
    while (digits < s.size() && is_digit(s[digits])) ++digits;
    if (digits == 0) return false;
    s.remove_prefix(digits);
  }
  return true;
}

bool is_relative_level(std::string_view s) {
  return s == "High" || s == "Low" || s == "Mid" ||
         (s.size() == 5 && s.starts_with("Mid") && all_digits(s.substr(3)));
}

bool is_relative_level_ignoring_case(std::string_view s) {
  auto same = [&](std::string_view word) {
    return s.size() == word.size() && starts_with_ignoring_case(s, word);
  };
  return same("high") || same("low") || same("mid") ||
         (s.size() == 5 && starts_with_ignoring_case(s, "mid") && all_digits(s.substr(3)));
}

// The type prefix of `name` (TG-263 or local), longest first: its spelling
// in the name and its TG-263 meaning.
struct TypeMatch {
  std::string_view spelled;
  std::string meaning;
};

std::optional<TypeMatch> match_type(std::string_view name, const TargetSpellings& spellings,
                                    bool ignore_case) {
  std::optional<TypeMatch> best;
  auto consider = [&](std::string_view spelled, std::string_view meaning) {
    const bool hit = ignore_case ? starts_with_ignoring_case(name, spelled) : name.starts_with(spelled);
    if (hit && (!best || spelled.size() > best->spelled.size()))
      best = TypeMatch{spelled, std::string(meaning)};
  };
  for (auto type : kTypes) consider(type, type);
  for (const auto& [local, standard] : spellings.types) consider(local, standard);
  return best;
}

std::string types_list() { return "GTV, CTV, ITV, IGTV, ICTV, PTV or PTV!"; }

// One dose part ("7000", "70Gy", "50p4Gy", "5400cGy", "2000x3", "High").
Result<TargetDose> parse_dose(std::string_view text, std::string_view name) {
  const std::string where = "dose " + quoted(text) + " in " + quoted(name) + ": ";
  TargetDose dose;
  if (is_relative_level(text)) {
    dose.kind = TargetDose::Kind::relative;
    dose.relative = std::string(text);
    return dose;
  }
  if (!text.empty() && !is_digit(text.front())) {
    if (is_relative_level_ignoring_case(text))
      return Error{where + "relative levels are written High, Mid, Mid01…, Low"};
    return Error{where + "expected cGy (7000), Gy (70Gy, 50p4Gy) or a relative level (High, Mid, Low)"};
  }
  auto digits_at = [&](std::size_t from) {
    std::size_t n = 0;
    while (from + n < text.size() && is_digit(text[from + n])) ++n;
    return n;
  };
  const std::size_t whole_digits = digits_at(0);
  if (whole_digits > 5) return Error{where + "too many digits"};
  const int whole = std::stoi(std::string(text.substr(0, whole_digits)));
  std::size_t i = whole_digits;
  std::string decimals;
  if (i < text.size() && text[i] == 'p') {
    const std::size_t n = digits_at(i + 1);
    if (n == 0) return Error{where + "'p' (the decimal point) must be followed by digits"};
    decimals = std::string(text.substr(i + 1, n));
    i += 1 + n;
  }
  std::string_view rest = text.substr(i);
  enum class Unit { none, gray, centigray } unit = Unit::none;
  if (rest.starts_with("cGy")) {
    unit = Unit::centigray;
    rest.remove_prefix(3);
  } else if (rest.starts_with("Gy")) {
    unit = Unit::gray;
    rest.remove_prefix(2);
  } else if (starts_with_ignoring_case(rest, "cgy") || starts_with_ignoring_case(rest, "gy")) {
    return Error{where + "the unit is written Gy or cGy"};
  }
  if (!decimals.empty() && unit != Unit::gray)
    return Error{where + "a 'p' decimal needs the Gy unit (50p4Gy); cGy is an integer"};
  if (rest.starts_with('x')) {
    std::size_t n = 0;
    while (1 + n < rest.size() && is_digit(rest[1 + n])) ++n;
    const std::string_view count = rest.substr(1, n);
    if (count.empty())
      return Error{where + "'x' (fractionation) must be followed by the number of fractions"};
    if (count.size() > 3) return Error{where + "too many fractions"};
    dose.fractions = std::stoi(std::string(count));
    if (*dose.fractions == 0) return Error{where + "zero fractions"};
    rest.remove_prefix(1 + n);
  }
  if (!rest.empty())
    return Error{where + "unexpected " + quoted(rest) +
                 "; expected cGy (7000), Gy (70Gy, 50p4Gy), fractions (x3)"};
  long centigray = whole;
  if (unit == Unit::gray) {
    if (decimals.size() > 2) return Error{where + "more precise than 1 cGy"};
    const int hundredths = decimals.empty() ? 0 : std::stoi(decimals) * (decimals.size() == 1 ? 10 : 1);
    centigray = static_cast<long>(whole) * 100 + hundredths;
  }
  if (centigray <= 0) return Error{where + "the dose must be positive"};
  if (centigray > kMaxCentigray) return Error{where + "more than " + std::to_string(kMaxCentigray) + " cGy"};
  dose.kind = TargetDose::Kind::absolute;
  dose.centigray = static_cast<int>(centigray);
  return dose;
}

bool valid_word(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_alnum); }

}  // namespace

bool looks_like_target(std::string_view name, const TargetSpellings& spellings) {
  return match_type(name, spellings, true).has_value();
}

Result<TargetName> parse_target_name(std::string_view name) {
  return parse_target_name(name, TargetSpellings{});
}

Result<TargetName> parse_target_name(std::string_view name, const TargetSpellings& spellings) {
  const std::string in = " in " + quoted(name);
  if (name.empty()) return Error{"empty name"};
  TargetName target;

  // ^qualifier: everything after the first '^'.
  std::string_view body = name;
  if (const auto caret = name.find('^'); caret != std::string_view::npos) {
    const std::string_view qualifier = name.substr(caret + 1);
    if (qualifier.empty()) return Error{"qualifier" + in + ": nothing after '^'"};
    for (char c : qualifier)
      if (!is_alnum(c) && c != '_')
        return Error{"qualifier " + quoted(qualifier) + in + ": only letters, digits and '_' are allowed"};
    target.qualifier = std::string(qualifier);
    body = name.substr(0, caret);
  }
  for (char c : body)
    if (!is_alnum(c) && c != '_' && c != '-' && c != '!')
      return Error{"character " + quoted(std::string(1, c)) + in +
                   " is not allowed (letters, digits, '_', '-', '!', '^' only; no spaces)"};

  // Type.
  const auto type = match_type(body, spellings, false);
  if (!type) {
    if (const auto other_case = match_type(body, spellings, true))
      return Error{"type " + quoted(body.substr(0, other_case->spelled.size())) + in + ": written " +
                   std::string(other_case->spelled)};
    return Error{"type" + in + ": a target starts with " + types_list()};
  }
  target.type = type->meaning;
  std::string_view rest = body.substr(type->spelled.size());

  // Classifier: the run of lower-case letters after the type.
  std::size_t n = 0;
  while (n < rest.size() && is_lower(rest[n])) ++n;
  if (n > 0) {
    const std::string_view word = rest.substr(0, n);
    if (std::find(kClassifiers.begin(), kClassifiers.end(), word) != kClassifiers.end()) {
      target.classifier = std::string(word);
    } else if (const auto local = spellings.classifiers.find(std::string(word));
               local != spellings.classifiers.end()) {
      target.classifier = local->second;
    } else {
      return Error{"classifier " + quoted(word) + in + ": expected p, n, sb, par, v or vas"};
    }
    rest.remove_prefix(n);
  }

  // Enumerator.
  n = 0;
  while (n < rest.size() && is_digit(rest[n])) ++n;
  if (n > 3) return Error{"enumerator " + quoted(rest.substr(0, n)) + in + ": more than 3 digits"};
  target.enumerator = std::string(rest.substr(0, n));
  rest.remove_prefix(n);
  if (!rest.empty() && rest.front() != '_' && rest.front() != '-') {
    const std::string_view part =
        target.enumerator.empty() && target.classifier.empty() ? "type" : "enumerator";
    return Error{"unexpected " + quoted(rest.substr(0, 1)) + " after the " + std::string(part) + in +
                 ": expected '_', '-' or '^' (classifier: p, n, sb, par, v, vas; then digits)"};
  }

  // -crop: '-' and two digits, at the end.
  if (const auto dash = rest.find('-'); dash != std::string_view::npos) {
    const std::string_view crop = rest.substr(dash + 1);
    if (crop.size() != 2 || !all_digits(crop))
      return Error{"crop " + quoted(rest.substr(dash)) + in + ": expected '-' and two digits (mm), e.g. -03"};
    target.crop_mm = std::stoi(std::string(crop));
    rest = rest.substr(0, dash);
  }

  // _parts: [modality] [indicator…] [dose].
  if (rest.empty()) return target;
  std::vector<std::string_view> parts;
  rest.remove_prefix(1);
  for (;;) {
    const auto underscore = rest.find('_');
    parts.push_back(rest.substr(0, underscore));
    if (underscore == std::string_view::npos) break;
    rest.remove_prefix(underscore + 1);
  }
  for (auto part : parts)
    if (part.empty()) return Error{"empty part" + in + ": two underscores in a row, or one at the end"};
  std::size_t first = 0, last = parts.size();
  if (is_modality_chain(parts.front())) {
    target.modality = std::string(parts.front());
    first = 1;
  }
  if (last > first && (is_digit(parts.back().front()) || is_relative_level_ignoring_case(parts.back()))) {
    auto dose = parse_dose(parts.back(), name);
    if (!dose) return dose.error();
    target.dose = *dose;
    --last;
  }
  for (std::size_t i = first; i < last; ++i) {
    const std::string_view part = parts[i];
    if (is_modality_chain(part))
      return Error{"modality " + quoted(part) + in +
                   ": must come right after the type, classifier and enumerator"};
    if (is_digit(part.front()) || is_relative_level(part))
      return Error{"dose " + quoted(part) + in +
                   ": the dose must be the last part (before -crop and ^qualifier)"};
    if (!valid_word(part)) return Error{"indicator " + quoted(part) + in + ": only letters and digits"};
    if (!is_upper(part.front()))
      return Error{"indicator " + quoted(part) + in +
                   ": each part starts with a capital letter (L, R, A_Aorta)"};
    if (!target.indicator.empty()) target.indicator += '_';
    target.indicator += part;
  }
  return target;
}

std::string format_target_dose(const TargetDose& dose, DoseStyle style) {
  std::string text;
  switch (dose.kind) {
    case TargetDose::Kind::none:
      return {};
    case TargetDose::Kind::relative:
      text = dose.relative;
      break;
    case TargetDose::Kind::absolute:
      if (style == DoseStyle::gray) {
        text = std::to_string(dose.centigray / 100);
        const int hundredths = dose.centigray % 100;
        if (hundredths % 10 == 0 && hundredths != 0) {
          text += 'p';
          text += std::to_string(hundredths / 10);
        } else if (hundredths != 0) {
          text += 'p';
          text += two_digits(hundredths);
        }
        text += "Gy";
      } else {
        text = std::to_string(dose.centigray);
      }
      break;
  }
  if (dose.fractions) (text += 'x') += std::to_string(*dose.fractions);
  return text;
}

std::string format_target_name(const TargetName& target, DoseStyle style, std::size_t max_length) {
  std::string name = target.type + target.classifier + target.enumerator;
  if (!target.modality.empty()) (name += '_') += target.modality;
  if (!target.indicator.empty()) (name += '_') += target.indicator;
  if (target.dose.kind != TargetDose::Kind::none) (name += '_') += format_target_dose(target.dose, style);
  if (target.crop_mm) {
    name += '-';
    name += two_digits(*target.crop_mm);
  }
  if (!target.qualifier.empty()) (name += '^') += target.qualifier;
  // TG-263's last resort for long names: delete underscores from the left.
  while (name.size() > max_length) {
    const auto underscore = name.find('_');
    if (underscore == std::string::npos) break;
    name.erase(underscore, 1);
  }
  return name;
}

std::string target_side(const TargetName& target) {
  const std::string_view indicator = target.indicator;
  if (indicator == "L" || indicator.starts_with("L_")) return "L";
  if (indicator == "R" || indicator.starts_with("R_")) return "R";
  return {};
}

bool targets_equivalent(const TargetName& a, const TargetName& b) {
  auto without_side = [](const TargetName& t) -> std::string_view {
    std::string_view indicator = t.indicator;
    if (!target_side(t).empty()) indicator.remove_prefix(indicator.size() == 1 ? 1 : 2);
    return indicator;
  };
  return a.type == b.type && a.classifier == b.classifier && a.enumerator == b.enumerator &&
         a.modality == b.modality && without_side(a) == without_side(b) && a.dose == b.dose &&
         a.crop_mm == b.crop_mm;
}

}  // namespace roiname
