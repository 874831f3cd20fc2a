#include "core/nomenclature/protocol.h"

#include <algorithm>
#include <set>
#include "core/nomenclature/name_text.h"

namespace roiname {

using nomenclature_detail::quoted;

namespace {

bool contains(const std::vector<std::string>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// The organ names of a protocol with base tg263 or none, in its spelling.
Result<Tg263Table> build_organ_table(const Protocol& protocol) {
  const Tg263Table& tg263 = Tg263Table::embedded();
  std::vector<Tg263Row> rows;
  if (protocol.base != ProtocolBase::none) {
    for (const auto& row : tg263.rows()) {
      if (contains(protocol.removed, row.primary_name)) continue;
      Tg263Row copy = row;
      if (protocol.base == ProtocolBase::tg263) {
        if (const auto local = protocol.local_names.find(row.primary_name);
            local != protocol.local_names.end()) {
          copy.primary_name = local->second;
          copy.reverse_order_name.clear();
          copy.placeholder = has_placeholder(copy.primary_name);
        }
      }
      rows.push_back(std::move(copy));
    }
  } else {
    for (const auto& [standard, local] : protocol.local_names) {
      Tg263Row copy;
      if (const auto* row = tg263.find(standard)) copy = *row;
      copy.primary_name = local;
      copy.reverse_order_name.clear();
      copy.line = 0;
      copy.placeholder = has_placeholder(local);
      rows.push_back(std::move(copy));
    }
  }
  for (const auto& name : protocol.added) {
    Tg263Row row;
    row.primary_name = name;
    row.placeholder = has_placeholder(name);
    rows.push_back(std::move(row));
  }
  return Tg263Table::from_rows(std::move(rows));
}

// The local spelling of a TG-263 classifier, when the protocol has exactly one.
std::string local_classifier(const std::string& classifier, const TargetSpellings& spellings) {
  std::string local;
  int count = 0;
  for (const auto& [spelled, meaning] : spellings.classifiers)
    if (meaning == classifier) {
      local = spelled;
      ++count;
    }
  return count == 1 ? local : classifier;
}

std::string format_for_protocol(TargetName target, const Protocol& protocol) {
  target.classifier = local_classifier(target.classifier, protocol.target_spellings);
  return format_target_name(target, protocol.target_style, protocol.max_name_length);
}

}  // namespace

std::string_view to_string(DoseStyle style) {
  switch (style) {
    case DoseStyle::centigray:
      return "centigray";
    case DoseStyle::gray:
      return "gray";
    case DoseStyle::relative:
      return "relative";
  }
  return "centigray";
}

std::string_view to_string(ProtocolBase base) {
  switch (base) {
    case ProtocolBase::tg263:
      return "tg263";
    case ProtocolBase::tg263_reverse:
      return "tg263-reverse";
    case ProtocolBase::none:
      return "none";
  }
  return "tg263";
}

std::string_view to_string(AuxPolicy policy) { return policy == AuxPolicy::keep ? "keep" : "z-prefix"; }

std::vector<std::string> protocol_problems(const Protocol& protocol) {
  std::vector<std::string> problems;
  const Tg263Table& tg263 = Tg263Table::embedded();
  if (protocol.name.empty()) problems.push_back("the protocol has no name");
  if (protocol.max_name_length == 0) problems.push_back("max_name_length must be at least 1");
  if (protocol.body_name != "External" && protocol.body_name != "Body")
    problems.push_back("body must be External or Body, not " + quoted(protocol.body_name));
  for (const auto& name : protocol.removed)
    if (!tg263.find(name))
      problems.push_back("removed name " + quoted(name) + " is not a TG-263 primary name");
  if (protocol.base == ProtocolBase::tg263_reverse && !protocol.local_names.empty())
    problems.push_back("organ_names (local names) cannot be combined with base tg263-reverse");
  std::set<std::string> seen;
  for (const auto& [standard, local] : protocol.local_names) {
    if (!tg263.find(standard))
      problems.push_back("organ_names: " + quoted(standard) + " is not a TG-263 primary name");
    if (local.empty()) problems.push_back("organ_names: empty local name for " + quoted(standard));
    if (local.size() > protocol.max_name_length)
      problems.push_back("organ_names: " + quoted(local) + " is longer than " +
                         std::to_string(protocol.max_name_length) + " characters");
    if (!seen.insert(ascii_lower(local)).second)
      problems.push_back("organ_names: local name " + quoted(local) + " is used twice");
  }
  for (const auto& name : protocol.added)
    if (name.size() > protocol.max_name_length)
      problems.push_back("added name " + quoted(name) + " is longer than " +
                         std::to_string(protocol.max_name_length) + " characters");
  for (const auto& [type, meaning] : protocol.target_spellings.types)
    if (!parse_target_name(meaning))
      problems.push_back("target type spelling " + quoted(type) + ": " + quoted(meaning) +
                         " is not a TG-263 type");
  for (const auto& [classifier, meaning] : protocol.target_spellings.classifiers)
    if (!parse_target_name("PTV" + meaning) || meaning.empty())
      problems.push_back("target classifier spelling " + quoted(classifier) + ": " + quoted(meaning) +
                         " is not a TG-263 classifier (p, n, sb, par, v, vas)");
  if (problems.empty() && protocol.base != ProtocolBase::tg263_reverse) {
    if (auto table = build_organ_table(protocol); !table) problems.push_back(table.error().message);
  }
  return problems;
}

Result<Protocol> finalize_protocol(Protocol protocol) {
  if (const auto problems = protocol_problems(protocol); !problems.empty()) return Error{problems.front()};
  if (protocol.base == ProtocolBase::tg263_reverse) {
    Protocol as_primary = protocol;
    as_primary.base = ProtocolBase::tg263;
    auto table = build_organ_table(as_primary);
    if (!table) return table.error();
    protocol.organ_table = std::make_shared<const Tg263Table>(std::move(table).value());
  } else {
    auto table = build_organ_table(protocol);
    if (!table) return table.error();
    protocol.organ_table = std::make_shared<const Tg263Table>(std::move(table).value());
  }
  return protocol;
}

const Protocol& default_protocol() {
  static const Protocol protocol = [] {
    Protocol p;
    p.name = "tg263";
    p.description = "AAPM TG-263 primary names (2017-08-15 table), target doses in cGy";
    p.origin = "embedded:tg263";
    auto finalized = finalize_protocol(std::move(p));
    return std::move(finalized).value();
  }();
  return protocol;
}

std::string alias_key(std::string_view raw) {
  std::string key;
  bool pending_space = false;
  for (char c : raw) {
    if (c == ' ' || c == '_' || c == '-' || c == '\t') {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key += ' ';
    pending_space = false;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

std::optional<std::string> find_alias(std::string_view raw, const Protocol& protocol) {
  const auto it = protocol.aliases.find(alias_key(raw));
  if (it == protocol.aliases.end()) return std::nullopt;
  return it->second;
}

std::string protocol_aux_name(std::string_view name, const Protocol& protocol) {
  if (protocol.aux_policy == AuxPolicy::keep || name.starts_with('z') || name.starts_with('Z'))
    return std::string(name);
  return std::string(1, 'z').append(name);
}

NameValidity validate_name(std::string_view name, const Protocol& protocol) {
  NameValidity result;
  if (name.empty()) {
    result.problems.push_back("empty name");
    return result;
  }
  const std::string text(name);
  const Tg263Table& organs = protocol.organ_table ? *protocol.organ_table : Tg263Table::embedded();
  const bool reverse = protocol.base == ProtocolBase::tg263_reverse;
  auto too_long = [&](std::string_view what) {
    if (what.size() > protocol.max_name_length)
      result.problems.push_back(quoted(what) + " has " + std::to_string(what.size()) +
                                " characters; at most " + std::to_string(protocol.max_name_length) +
                                " are allowed");
  };

  // Names the protocol lists as they are.
  if (contains(protocol.aux_names, text)) {
    result.kind = "aux";
    result.canonical = text;
    too_long(text);
    result.valid = result.problems.empty();
    return result;
  }
  if (text == protocol.body_name) {
    result.kind = "dose";
    result.canonical = result.standard = text;
    result.valid = true;
    return result;
  }
  if (contains(protocol.target_names, text)) {
    result.kind = "target";
    result.canonical = text;
    too_long(text);
    result.valid = result.problems.empty();
    return result;
  }

  // Targets by the grammar (unless the organ table has the very name, e.g. a
  // protocol's own organ that starts like a target type).
  const Tg263Row* exact = reverse ? organs.find_reverse(text) : organs.find(text);
  const bool target_row = exact && exact->target_type == "Target";
  if ((!exact || target_row) && looks_like_target(name, protocol.target_spellings)) {
    result.kind = "target";
    if (!protocol.target_grammar) {
      result.problems.push_back(quoted(name) + " is not one of the target names of protocol " +
                                protocol.name);
      return result;
    }
    auto target = parse_target_name(name, protocol.target_spellings);
    if (!target) {
      result.problems.push_back(target.error().message);
      return result;
    }
    result.target = *target;
    result.canonical = format_for_protocol(*target, protocol);
    // A local type prefix ("PGTVnx") carries more than its TG-263 meaning
    // ("PTVp"): such a name is already in the protocol's form.
    for (const auto& [local, standard] : protocol.target_spellings.types)
      if (name.starts_with(local)) result.canonical = text;
    result.standard = format_target_name(*target, DoseStyle::centigray, protocol.max_name_length);
    too_long(text);
    result.valid = result.problems.empty();
    return result;
  }

  // Organs: a table name or a composition of one.
  auto organ = reverse ? parse_reverse_organ_name(name, organs, protocol.max_name_length)
                       : parse_organ_name(name, organs, protocol.max_name_length);
  if (!organ) {
    if (const auto local = protocol.local_names.find(text); local != protocol.local_names.end())
      result.problems.push_back("protocol " + protocol.name + " calls " + quoted(text) + " " +
                                quoted(local->second));
    else
      result.problems.push_back(organ.error().message);
    if (const auto alias = find_alias(name, protocol))
      result.problems.push_back("the protocol has it as an alias of " + quoted(*alias));
    return result;
  }
  const Tg263Row* row = organs.find(organ_base_name(*organ));
  result.kind = row && row->target_type == "Non_Anatomic" ? "non_anatomic" : "organ";
  result.organ = *organ;
  if (reverse) {
    auto spelled = format_reverse_organ_name(*organ, organs);
    result.canonical = spelled ? *spelled : text;
    result.standard = format_organ_name(*organ);
  } else {
    result.canonical = format_organ_name(*organ);
    result.standard = result.canonical;
    for (const auto& [standard, local] : protocol.local_names) {
      if (local != organ_base_name(*organ)) continue;
      auto base = parse_organ_name(standard, Tg263Table::embedded(), 64);
      if (!base) continue;
      OrganName as_standard = *organ;
      as_standard.root = base->root;
      as_standard.side = base->side;
      result.standard = format_organ_name(as_standard);
    }
  }
  result.valid = true;
  return result;
}

namespace {

Result<std::string> spell_for_protocol(std::string_view standard_name, const Protocol& protocol);

}  // namespace

Result<std::string> protocol_name_for(std::string_view standard_name, const Protocol& protocol) {
  auto spelled = spell_for_protocol(standard_name, protocol);
  if (!spelled) return spelled;
  // What a protocol writes, it must accept (length limit, removed roots…).
  const NameValidity validity = validate_name(*spelled, protocol);
  if (!validity.valid)
    return Error{
        quoted(standard_name) + " would be written " + quoted(*spelled) + " in protocol " + protocol.name +
        ", which is not valid there: " + (validity.problems.empty() ? "" : validity.problems.front())};
  return spelled;
}

namespace {

Result<std::string> spell_for_protocol(std::string_view standard_name, const Protocol& protocol) {
  const Tg263Table& tg263 = Tg263Table::embedded();
  if (looks_like_target(standard_name) && !tg263.find(standard_name)) {
    auto target = parse_target_name(standard_name);
    if (!target) return target.error();
    return format_for_protocol(*target, protocol);
  }
  auto organ = parse_organ_name(standard_name, tg263, 64);
  if (!organ) return organ.error();
  const std::string base = organ_base_name(*organ);
  if (contains(protocol.removed, std::string(standard_name)) || contains(protocol.removed, base))
    return Error{quoted(standard_name) + " is removed in protocol " + protocol.name};
  if (protocol.base == ProtocolBase::tg263_reverse) return format_reverse_organ_name(*organ, tg263);
  if (const auto whole = protocol.local_names.find(std::string(standard_name));
      whole != protocol.local_names.end())
    return whole->second;
  if (const auto local = protocol.local_names.find(base); local != protocol.local_names.end()) {
    OrganName spelled = *organ;
    spelled.root = local->second;
    spelled.side.clear();
    return format_organ_name(spelled);
  }
  if (protocol.base == ProtocolBase::none && !contains(protocol.added, base))
    return Error{quoted(standard_name) + " has no name in protocol " + protocol.name};
  return format_organ_name(*organ);
}

}  // namespace

}  // namespace roiname
