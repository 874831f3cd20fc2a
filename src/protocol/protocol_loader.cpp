#include "protocol/protocol_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/embedded_data.h"

namespace roiname {

namespace {

std::string in_quotes(std::string_view s) {
  std::string text(1, '\'');
  text.append(s);
  text += '\'';
  return text;
}

int line_of(const YAML::Node& node) {
  const int line = node.Mark().line;
  return line >= 0 ? line + 1 : 0;
}

// Reads one protocol document, noting every problem with its line.
class Reader {
 public:
  std::vector<ProtocolProblem> problems;

  void problem(const YAML::Node& node, std::string message) {
    problems.push_back({line_of(node), std::move(message)});
  }

  // The (key, value) pairs of a map, after checking keys are known scalars
  // and appear once.
  std::vector<std::pair<YAML::Node, YAML::Node>> entries(const YAML::Node& map, std::string_view where,
                                                         const std::vector<std::string_view>& known) {
    std::vector<std::pair<YAML::Node, YAML::Node>> result;
    if (!map.IsMap()) {
      problem(map, std::string(where) + " must be a map of key: value");
      return result;
    }
    std::set<std::string> seen;
    for (const auto& pair : map) {
      const YAML::Node key = pair.first;
      if (!key.IsScalar()) {
        problem(key, std::string(where) + ": keys must be plain words");
        continue;
      }
      const std::string name = key.Scalar();
      if (!known.empty() && std::find(known.begin(), known.end(), name) == known.end()) {
        std::string list;
        for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        problem(key, std::string(where) + ": unknown key " + in_quotes(name) + " (known: " + list + ")");
        continue;
      }
      if (!seen.insert(name).second) {
        problem(key, std::string(where) + ": key " + in_quotes(name) + " appears twice");
        continue;
      }
      result.emplace_back(key, pair.second);
    }
    return result;
  }

  std::optional<std::string> text(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar() || node.Scalar().empty()) {
      problem(node, std::string(what) + " must be a non-empty text");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<bool> boolean(const YAML::Node& node, std::string_view what) {
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
      problem(node, std::string(what) + " must be true or false");
      return std::nullopt;
    }
    return value;
  }

  // A list of texts with the line of each.
  std::vector<std::pair<std::string, int>> texts(const YAML::Node& node, std::string_view what) {
    std::vector<std::pair<std::string, int>> result;
    if (node.IsNull()) return result;
    if (!node.IsSequence()) {
      problem(node, std::string(what) + " must be a list ([a, b] or one '- item' per line)");
      return result;
    }
    for (const auto& item : node)
      if (auto value = text(item, what)) result.emplace_back(*value, line_of(item));
    return result;
  }

  // A map of text → text with the line of each key.
  struct Pair {
    std::string key, value;
    int line = 0;
  };
  std::vector<Pair> text_map(const YAML::Node& node, std::string_view what) {
    std::vector<Pair> result;
    if (node.IsNull()) return result;
    for (const auto& [key, value] : entries(node, what, {})) {
      auto v = text(value, std::string(what) + " " + in_quotes(key.Scalar()));
      if (v) result.push_back({key.Scalar(), *v, line_of(key)});
    }
    return result;
  }
};

struct LinedProtocol {
  Protocol protocol;
  std::map<std::string, int> alias_lines;  // alias key → line
  std::map<std::string, int> lines;        // "removed:X", "local:X", … → line
};

void read_organs(Reader& reader, const YAML::Node& node, LinedProtocol& out) {
  const Tg263Table& tg263 = Tg263Table::embedded();
  Protocol& p = out.protocol;
  for (const auto& [key, value] : reader.entries(node, "organs", {"remove", "add", "names"})) {
    const std::string k = key.Scalar();
    if (k == "remove") {
      for (const auto& [name, line] : reader.texts(value, "organs.remove")) {
        if (!tg263.find(name)) {
          std::string hint;
          if (const auto* row = tg263.find_ignoring_case(name))
            hint = " (the table writes " + in_quotes(row->primary_name) + ")";
          reader.problems.push_back(
              {line, "organs.remove: " + in_quotes(name) + " is not a TG-263 primary name" + hint});
        }
        p.removed.push_back(name);
      }
    } else if (k == "add") {
      for (const auto& [name, line] : reader.texts(value, "organs.add")) {
        if (tg263.find_ignoring_case(name))
          reader.problems.push_back({line, "organs.add: " + in_quotes(name) + " is already a TG-263 name"});
        p.added.push_back(name);
        out.lines["add:" + name] = line;
      }
    } else if (k == "names") {
      std::map<std::string, int> local_seen;
      for (const auto& [standard, local, line] : reader.text_map(value, "organs.names")) {
        if (!tg263.find(standard)) {
          std::string hint;
          if (const auto* row = tg263.find_ignoring_case(standard))
            hint = " (the table writes " + in_quotes(row->primary_name) + ")";
          reader.problems.push_back(
              {line, "organs.names: " + in_quotes(standard) + " is not a TG-263 primary name" + hint});
        }
        const auto [it, inserted] = local_seen.emplace(ascii_lower(local), line);
        if (!inserted)
          reader.problems.push_back({line, "organs.names: local name " + in_quotes(local) +
                                               " is already used on line " + std::to_string(it->second)});
        p.local_names[standard] = local;
        out.lines["local:" + local] = line;
      }
    }
  }
}

void read_targets(Reader& reader, const YAML::Node& node, LinedProtocol& out) {
  Protocol& p = out.protocol;
  static const std::set<std::string> types = {"GTV", "CTV", "ITV", "IGTV", "ICTV", "PTV", "PTV!"};
  static const std::set<std::string> classifiers = {"p", "n", "sb", "par", "v", "vas"};
  for (const auto& [key, value] :
       reader.entries(node, "targets", {"style", "grammar", "types", "classifiers", "names"})) {
    const std::string k = key.Scalar();
    if (k == "style") {
      if (auto style = reader.text(value, "targets.style")) {
        if (*style == "centigray")
          p.target_style = DoseStyle::centigray;
        else if (*style == "gray")
          p.target_style = DoseStyle::gray;
        else if (*style == "relative")
          p.target_style = DoseStyle::relative;
        else
          reader.problem(value,
                         "targets.style must be centigray, gray or relative, not " + in_quotes(*style));
      }
    } else if (k == "grammar") {
      if (auto grammar = reader.boolean(value, "targets.grammar")) p.target_grammar = *grammar;
    } else if (k == "types") {
      for (const auto& [local, standard, line] : reader.text_map(value, "targets.types")) {
        if (!types.contains(standard))
          reader.problems.push_back({line, "targets.types: " + in_quotes(standard) +
                                               " is not a TG-263 target type (" +
                                               "GTV, CTV, ITV, IGTV, ICTV, PTV, PTV!)"});
        if (local.empty() ||
            !std::all_of(local.begin(), local.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
          reader.problems.push_back(
              {line, "targets.types: local type " + in_quotes(local) + " must be capital letters"});
        p.target_spellings.types[local] = standard;
      }
    } else if (k == "classifiers") {
      for (const auto& [local, standard, line] : reader.text_map(value, "targets.classifiers")) {
        if (!classifiers.contains(standard))
          reader.problems.push_back({line, "targets.classifiers: " + in_quotes(standard) +
                                               " is not a TG-263 classifier (p, n, sb, par, v, vas)"});
        if (local.empty() ||
            !std::all_of(local.begin(), local.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
          reader.problems.push_back({line, "targets.classifiers: local classifier " + in_quotes(local) +
                                               " must be lower-case letters"});
        p.target_spellings.classifiers[local] = standard;
      }
    } else if (k == "names") {
      for (const auto& [name, line] : reader.texts(value, "targets.names")) {
        p.target_names.push_back(name);
        out.lines["target:" + name] = line;
      }
    }
  }
}

void read_aux(Reader& reader, const YAML::Node& node, LinedProtocol& out) {
  Protocol& p = out.protocol;
  for (const auto& [key, value] : reader.entries(node, "aux", {"policy", "body", "names"})) {
    const std::string k = key.Scalar();
    if (k == "policy") {
      if (auto policy = reader.text(value, "aux.policy")) {
        if (*policy == "keep")
          p.aux_policy = AuxPolicy::keep;
        else if (*policy == "z-prefix")
          p.aux_policy = AuxPolicy::z_prefix;
        else
          reader.problem(value, "aux.policy must be keep or z-prefix, not " + in_quotes(*policy));
      }
    } else if (k == "body") {
      if (auto body = reader.text(value, "aux.body")) {
        if (*body != "External" && *body != "Body")
          reader.problem(value, "aux.body must be External or Body, not " + in_quotes(*body));
        p.body_name = *body;
      }
    } else if (k == "names") {
      for (const auto& [name, line] : reader.texts(value, "aux.names")) {
        p.aux_names.push_back(name);
        out.lines["aux:" + name] = line;
      }
    }
  }
}

void read_document(Reader& reader, const YAML::Node& root, LinedProtocol& out) {
  Protocol& p = out.protocol;
  if (!root.IsMap()) {
    reader.problem(root, "a protocol file is a map of key: value (see docs/protocols.md)");
    return;
  }
  bool named = false;
  for (const auto& [key, value] : reader.entries(
           root, "protocol file",
           {"protocol", "description", "base", "max_name_length", "organs", "aliases", "targets", "aux"})) {
    const std::string k = key.Scalar();
    if (k == "protocol") {
      if (auto name = reader.text(value, "protocol (the name)")) {
        p.name = *name;
        named = true;
        if (!std::all_of(name->begin(), name->end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            }))
          reader.problem(
              value, "protocol name " + in_quotes(*name) + ": use lower-case letters, digits, '-', '_', '.'");
      }
    } else if (k == "description") {
      if (value.IsScalar())
        p.description = value.Scalar();
      else
        reader.problem(value, "description must be a text");
    } else if (k == "base") {
      if (auto base = reader.text(value, "base")) {
        if (*base == "tg263")
          p.base = ProtocolBase::tg263;
        else if (*base == "tg263-reverse")
          p.base = ProtocolBase::tg263_reverse;
        else if (*base == "none")
          p.base = ProtocolBase::none;
        else
          reader.problem(value, "base must be tg263, tg263-reverse or none, not " + in_quotes(*base));
      }
    } else if (k == "max_name_length") {
      int length = 0;
      if (!value.IsScalar() || !YAML::convert<int>::decode(value, length) || length < 1 || length > 64)
        reader.problem(value, "max_name_length must be a whole number from 1 to 64");
      else
        p.max_name_length = static_cast<std::size_t>(length);
    } else if (k == "organs") {
      if (!value.IsNull()) read_organs(reader, value, out);
    } else if (k == "aliases") {
      for (const auto& [raw, name, line] : reader.text_map(value, "aliases")) {
        const std::string key_text = alias_key(raw);
        if (key_text.empty()) {
          reader.problems.push_back({line, "aliases: " + in_quotes(raw) + " is empty after normalisation"});
          continue;
        }
        if (const auto [it, inserted] = out.alias_lines.emplace(key_text, line); !inserted) {
          reader.problems.push_back(
              {line, "aliases: " + in_quotes(raw) + " is the same alias as the one on line " +
                         std::to_string(it->second) + " (" + in_quotes(key_text) + ")"});
          continue;
        }
        p.aliases[key_text] = name;
      }
    } else if (k == "targets") {
      if (!value.IsNull()) read_targets(reader, value, out);
    } else if (k == "aux") {
      if (!value.IsNull()) read_aux(reader, value, out);
    }
  }
  if (!named) reader.problem(root, "the key 'protocol' (the protocol's name) is missing");
}

// Names against the length limit (which may come later in the file).
void check_lengths(const LinedProtocol& lined, std::vector<ProtocolProblem>& problems) {
  const std::size_t limit = lined.protocol.max_name_length;
  for (const auto& [what, line] : lined.lines) {
    const std::string name = what.substr(what.find(':') + 1);
    if (name.size() > limit)
      problems.push_back({line, in_quotes(name) + " has " + std::to_string(name.size()) +
                                    " characters; max_name_length is " + std::to_string(limit)});
    if (name.find(' ') != std::string::npos)
      problems.push_back({line, in_quotes(name) + " contains a space"});
  }
}

// Aliases must lead to names the protocol allows.
void check_aliases(const LinedProtocol& lined, const Protocol& finalized,
                   std::vector<ProtocolProblem>& problems) {
  for (const auto& [key, name] : finalized.aliases) {
    const NameValidity validity = validate_name(name, finalized);
    if (!validity.valid) {
      const auto line = lined.alias_lines.find(key);
      problems.push_back(
          {line == lined.alias_lines.end() ? 0 : line->second,
           "aliases: " + in_quotes(name) + " is not a valid name in this protocol: " +
               (validity.problems.empty() ? std::string("unknown") : validity.problems.front())});
    }
  }
}

}  // namespace

ProtocolCheck check_protocol_text(std::string_view text, std::string_view origin) {
  ProtocolCheck check;
  Reader reader;
  LinedProtocol lined;
  lined.protocol.origin = std::string(origin);
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    read_document(reader, root, lined);
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    reader.problems.push_back({line, "YAML: " + e.msg});
  }
  check.problems = std::move(reader.problems);
  if (check.problems.empty()) check_lengths(lined, check.problems);
  if (check.problems.empty()) {
    auto finalized = finalize_protocol(lined.protocol);
    if (!finalized) {
      check.problems.push_back({0, finalized.error().message});
    } else {
      check_aliases(lined, *finalized, check.problems);
      if (check.problems.empty()) check.protocol = std::move(finalized).value();
    }
  }
  std::stable_sort(check.problems.begin(), check.problems.end(),
                   [](const ProtocolProblem& a, const ProtocolProblem& b) { return a.line < b.line; });
  return check;
}

Result<Protocol> load_protocol_text(std::string_view text, std::string_view origin) {
  ProtocolCheck check = check_protocol_text(text, origin);
  if (check.protocol) return std::move(*check.protocol);
  const ProtocolProblem& first = check.problems.front();
  std::string where(origin);
  if (first.line > 0) where += ":" + std::to_string(first.line);
  std::string message = where + ": " + first.message;
  if (check.problems.size() > 1)
    message += " (and " + std::to_string(check.problems.size() - 1) + " more; run 'roiname protocol check')";
  return Error{message};
}

Result<Protocol> load_protocol_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read protocol file " + path.string()};
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_protocol_text(buffer.str(), path.string());
}

Result<Protocol> load_named_protocol(std::string_view name) {
  const auto text = embedded_file("protocols/" + std::string(name) + ".yaml");
  if (!text) {
    std::string known;
    for (const auto& n : embedded_protocol_names()) known += (known.empty() ? "" : ", ") + n;
    return Error{"no embedded protocol " + in_quotes(name) + " (embedded: " + known + ")"};
  }
  return load_protocol_text(*text, "embedded:" + std::string(name));
}

Result<Protocol> load_protocol(std::string_view name_or_path) {
  const auto names = embedded_protocol_names();
  if (std::find(names.begin(), names.end(), name_or_path) != names.end())
    return load_named_protocol(name_or_path);
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(name_or_path), ec))
    return load_protocol_file(name_or_path);
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  return Error{"--protocol " + in_quotes(name_or_path) + " is neither an embedded protocol (" + known +
               ") nor a file"};
}

std::vector<std::string> embedded_protocol_names() {
  std::vector<std::string> names;
  for (const auto& file : embedded_files()) {
    const std::string_view path = file.path;
    if (path.starts_with("protocols/") && path.ends_with(".yaml"))
      names.emplace_back(path.substr(10, path.size() - 10 - 5));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string protocol_to_yaml(const Protocol& p) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "protocol" << YAML::Value << p.name;
  if (!p.description.empty()) out << YAML::Key << "description" << YAML::Value << p.description;
  out << YAML::Key << "base" << YAML::Value << std::string(to_string(p.base));
  out << YAML::Key << "max_name_length" << YAML::Value << p.max_name_length;
  out << YAML::Key << "organs" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "remove" << YAML::Value << YAML::Flow << p.removed;
  out << YAML::Key << "add" << YAML::Value << YAML::Flow << p.added;
  out << YAML::Key << "names" << YAML::Value << YAML::BeginMap;
  for (const auto& [standard, local] : p.local_names) out << YAML::Key << standard << YAML::Value << local;
  out << YAML::EndMap << YAML::EndMap;
  out << YAML::Key << "aliases" << YAML::Value << YAML::BeginMap;
  for (const auto& [raw, name] : p.aliases) out << YAML::Key << raw << YAML::Value << name;
  out << YAML::EndMap;
  out << YAML::Key << "targets" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "style" << YAML::Value << std::string(to_string(p.target_style));
  out << YAML::Key << "grammar" << YAML::Value << p.target_grammar;
  out << YAML::Key << "types" << YAML::Value << YAML::Flow << p.target_spellings.types;
  out << YAML::Key << "classifiers" << YAML::Value << YAML::Flow << p.target_spellings.classifiers;
  out << YAML::Key << "names" << YAML::Value << YAML::Flow << p.target_names;
  out << YAML::EndMap;
  out << YAML::Key << "aux" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "policy" << YAML::Value << std::string(to_string(p.aux_policy));
  out << YAML::Key << "body" << YAML::Value << p.body_name;
  out << YAML::Key << "names" << YAML::Value << YAML::Flow << p.aux_names;
  out << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace roiname
