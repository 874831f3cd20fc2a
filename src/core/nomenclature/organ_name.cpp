#include "core/nomenclature/organ_name.h"

#include <algorithm>
#include <set>

#include "core/embedded_data.h"
#include "core/nomenclature/name_text.h"

namespace roiname {

using nomenclature_detail::quoted;
using nomenclature_detail::two_digits;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Rows a composition may build on: anatomy, and the rows of protocol tables
// built in code (no target type).
bool composable(const Tg263Row& row) {
  return !row.placeholder && (row.target_type.empty() || row.target_type == "Anatomic");
}
bool takes_prv(const Tg263Row& row) { return composable(row) || is_implanted_device(row.primary_name); }

// Splits "^qualifier" off the end; fails on an empty or malformed qualifier.
Result<std::string> split_qualifier(std::string_view& name) {
  const auto caret = name.find('^');
  if (caret == std::string_view::npos) return std::string();
  const std::string_view qualifier = name.substr(caret + 1);
  if (qualifier.empty()) return Error{"nothing after '^' in " + quoted(name)};
  for (char c : qualifier)
    if (!is_alnum(c) && c != '_')
      return Error{"qualifier " + quoted(qualifier) + ": only letters, digits and '_' are allowed"};
  name = name.substr(0, caret);
  return std::string(qualifier);
}

// Reads "PRV", "PRVnn" into `organ`; false when `part` is not a PRV mark.
Result<bool> read_prv(std::string_view part, OrganName& organ) {
  if (!part.starts_with("PRV")) return false;
  const std::string_view margin = part.substr(3);
  if (!std::all_of(margin.begin(), margin.end(), is_digit)) return false;
  if (!margin.empty() && margin.size() != 2)
    return Error{"PRV margin " + quoted(margin) + " must be two digits in mm (_PRV05)"};
  organ.prv = true;
  if (!margin.empty()) organ.prv_margin_mm = std::stoi(std::string(margin));
  return true;
}

Result<OrganName> check_length(std::string_view name, std::size_t max_length) {
  if (name.empty()) return Error{"empty name"};
  if (name.size() > max_length)
    return Error{quoted(name) + " has " + std::to_string(name.size()) + " characters; at most " +
                 std::to_string(max_length) + " are allowed"};
  for (char c : name)
    if (c == ' ') return Error{quoted(name) + " contains a space; standard names have none"};
  return OrganName{};
}

// Why `base` (root + side) is not a composable table name.
Error explain_missing_base(const OrganName& organ, std::string_view name, const Tg263Table& table) {
  const std::string base = organ_base_name(organ);
  if (const auto* row = table.find(base); row && row->placeholder)
    return Error{quoted(base) + " is a pattern of the table: write the digits (mm, cGy) in place of the x"};
  if (const auto* row = table.find(base); row && !composable(*row))
    return Error{quoted(base) + " (" + row->target_type + ") cannot take ~ or _PRV"};
  if (const auto* row = table.find_ignoring_case(base))
    return Error{quoted(base) + " is written " + quoted(row->primary_name) + " in the table"};
  if (!organ.side.empty() && table.find(organ.root))
    return Error{quoted(organ.root) + " has no side in the table (no row " + quoted(base) + ")"};
  if (organ.side.empty() && table.find(organ.root + "_L"))
    return Error{quoted(organ.root) + " needs a side: the table has " + quoted(organ.root + "_L") + " and " +
                 quoted(organ.root + "_R")};
  if ((organ.root.ends_with("_L") || organ.root.ends_with("_R")) && (organ.prv || organ.partial))
    return Error{"the side goes after ~ and _PRV: " + quoted(organ.root.substr(0, organ.root.size() - 2)) +
                 "[~][_PRVnn]_" + organ.root.back()};
  return Error{quoted(name) +
               " is not a table name nor a composition of one (root[~][_PRVnn][_L|_R][^qualifier])"};
}

// The row a composition builds on: the table name of root + side, or the
// side-less root of a paired structure the table lists without sides.
const Tg263Row* composition_base(const OrganName& organ, const Tg263Table& table) {
  if (const auto* row = table.find(organ_base_name(organ))) return row;
  if (organ.side.empty()) return nullptr;
  // A table listing only the other side (erratum: LN_lliac_Int_R for
  // LN_Iliac_Int_R) composes the missing side from it.
  if (const auto* other = table.find(organ.root + (organ.side == "L" ? "_R" : "_L"))) return other;
  return side_composes_on(organ.root) ? table.find(organ.root) : nullptr;
}

}  // namespace

bool is_implanted_device(std::string_view root) { return root == "Pacemaker" || root == "Leads"; }

namespace {

// The first column of an embedded data/nomenclature list, comments skipped.
std::set<std::string, std::less<>> listed_roots(std::string_view file) {
  std::set<std::string, std::less<>> read;
  const std::string_view text = embedded_file(file).value_or("");
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.front() != '#') read.emplace(line.substr(0, line.find('\t')));
    start = end + 1;
  }
  return read;
}

}  // namespace

bool side_composes_on(std::string_view root) {
  static const std::set<std::string, std::less<>> roots = listed_roots("nomenclature/sided_roots.tsv");
  return roots.contains(root);
}

bool rarely_treated(std::string_view root) {
  static const std::set<std::string, std::less<>> roots = listed_roots("nomenclature/rarely_treated.tsv");
  // The root itself or a part of it up to an underscore ("Bowel" of "Bowel_Small").
  for (std::size_t end = root.find('_'); end != std::string_view::npos; end = root.find('_', end + 1))
    if (roots.contains(root.substr(0, end))) return true;
  return roots.contains(root);
}

std::string organ_base_name(const OrganName& organ) {
  return organ.side.empty() ? organ.root : organ.root + "_" + organ.side;
}

std::string format_organ_name(const OrganName& organ) {
  std::string name = organ.root;
  if (organ.partial) name += "~";
  if (organ.prv) {
    name += "_PRV";
    if (organ.prv_margin_mm) {
      name += two_digits(*organ.prv_margin_mm);
    }
  }
  if (!organ.side.empty()) name += "_" + organ.side;
  if (!organ.qualifier.empty()) name += "^" + organ.qualifier;
  return name;
}

Result<OrganName> parse_organ_name(std::string_view name, const Tg263Table& table, std::size_t max_length) {
  if (auto length = check_length(name, max_length); !length) return length;
  std::string_view rest = name;
  OrganName organ;
  auto qualifier = split_qualifier(rest);
  if (!qualifier) return qualifier.error();
  organ.qualifier = *qualifier;

  // From the right: side, PRV, partial; what is left is the root.
  if (rest.ends_with("_L") || rest.ends_with("_R")) {
    organ.side = std::string(1, rest.back());
    rest.remove_suffix(2);
  }
  if (const auto underscore = rest.rfind('_'); underscore != std::string_view::npos) {
    auto prv = read_prv(rest.substr(underscore + 1), organ);
    if (!prv) return prv.error();
    if (*prv) rest = rest.substr(0, underscore);
  }
  if (rest.ends_with('~')) {
    organ.partial = true;
    rest.remove_suffix(1);
  }
  organ.root = std::string(rest);

  // A table name as it stands ("OpticNrv_PRV_L", "Lungs-GTV") is valid even
  // where its parts would not compose.
  const std::string whole =
      organ.qualifier.empty() ? std::string(name) : std::string(name.substr(0, name.find('^')));
  if (const auto* row = table.find(whole); row && !row->placeholder) {
    if (!organ.partial && !organ.prv) return organ;
    if (format_organ_name(organ) == std::string(name)) return organ;
  }
  if (organ.root.empty()) return Error{"no organ before the suffixes in " + quoted(name)};
  if ((organ.prv || organ.partial) && organ.side.empty() &&
      (organ.root.ends_with("_L") || organ.root.ends_with("_R")))
    return Error{"the side goes after ~ and _PRV: " +
                 quoted(format_organ_name(OrganName{organ.root.substr(0, organ.root.size() - 2),
                                                    organ.partial, organ.prv_margin_mm, organ.prv,
                                                    std::string(1, organ.root.back()), organ.qualifier}))};
  if (organ.root.find('~') != std::string::npos)
    return Error{"'~' goes straight after the root, before _PRV and the side (" + quoted(name) + ")"};
  const auto* base = composition_base(organ, table);
  if (base && !base->placeholder &&
      (composable(*base) || (!organ.partial && !organ.prv) || (!organ.partial && takes_prv(*base))))
    return organ;
  // An instance of a placeholder row ("Bolus_05mm", "E-PTV_5000") is a root.
  if (table.match_placeholder(whole)) {
    OrganName instance;
    instance.root = whole;
    instance.qualifier = organ.qualifier;
    return instance;
  }
  return explain_missing_base(organ, name, table);
}

Result<OrganName> parse_reverse_organ_name(std::string_view name, const Tg263Table& table,
                                           std::size_t max_length) {
  if (auto length = check_length(name, max_length); !length) return length;
  std::string_view rest = name;
  auto qualifier = split_qualifier(rest);
  if (!qualifier) return qualifier.error();

  // The whole name as a reverse-order table name ("L_Parotid", "PRV_Brainstem").
  auto from_row = [&](const Tg263Row& row) -> Result<OrganName> {
    auto organ = parse_organ_name(row.primary_name, table, std::max<std::size_t>(max_length, 64));
    if (!organ) return organ;
    organ->qualifier = *qualifier;
    return organ;
  };
  if (const auto* row = table.find_reverse(rest); row && !row->placeholder) return from_row(*row);

  // [L_|R_][PRV[nn]_]<reverse root>[~]
  OrganName organ;
  organ.qualifier = *qualifier;
  if (rest.starts_with("L_") || rest.starts_with("R_")) {
    organ.side = std::string(1, rest.front());
    rest.remove_prefix(2);
  }
  if (const auto underscore = rest.find('_'); underscore != std::string_view::npos) {
    auto prv = read_prv(rest.substr(0, underscore), organ);
    if (!prv) return prv.error();
    if (*prv) rest.remove_prefix(underscore + 1);
  }
  if (rest.ends_with('~')) {
    organ.partial = true;
    rest.remove_suffix(1);
  }
  const std::string reverse_base =
      organ.side.empty() ? std::string(rest) : organ.side + "_" + std::string(rest);
  const Tg263Row* row = table.find_reverse(reverse_base);
  if (row == nullptr && !organ.side.empty()) {
    // A side composed onto a paired structure listed without one ("L_Pulmonary_A").
    const Tg263Row* sideless = table.find_reverse(rest);
    if (sideless != nullptr && side_composes_on(sideless->primary_name)) row = sideless;
  }
  if (row && !row->placeholder && (composable(*row) || (!organ.partial && !organ.prv))) {
    auto base = parse_organ_name(row->primary_name, table, 64);
    if (!base) return base;
    organ.root = base->root;
    if (!base->side.empty()) organ.side = base->side;
    return organ;
  }
  // An instance of a placeholder row ("05mm_Bolus") is a root.
  const std::string whole(name.substr(0, name.find('^')));
  if (table.match_reverse_placeholder(whole)) {
    OrganName instance;
    instance.root = whole;
    instance.qualifier = *qualifier;
    return instance;
  }
  if (row && !composable(*row))
    return Error{quoted(reverse_base) + " (" + row->target_type + ") cannot take ~ or PRV"};
  return Error{quoted(name) +
               " is not a reverse-order table name nor a composition of one ([L_|R_][PRVnn_]root[~])"};
}

Result<std::string> format_reverse_organ_name(const OrganName& organ, const Tg263Table& table) {
  const Tg263Row* row = composition_base(organ, table);
  if (!row || row->reverse_order_name.empty())
    return Error{quoted(organ_base_name(organ)) + " has no reverse-order name in the table"};
  std::string reverse_root = row->reverse_order_name;
  if (!organ.side.empty() && reverse_root.starts_with(organ.side + "_")) reverse_root.erase(0, 2);
  std::string name = organ.side.empty() ? std::string() : organ.side + "_";
  if (organ.prv) {
    name += "PRV";
    if (organ.prv_margin_mm) {
      name += two_digits(*organ.prv_margin_mm);
    }
    name += "_";
  }
  name += reverse_root;
  if (organ.partial) name += "~";
  if (!organ.qualifier.empty()) name += "^" + organ.qualifier;
  return name;
}

}  // namespace roiname
