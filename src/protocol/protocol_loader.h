// Reading naming protocols from YAML (schema: docs/protocols.md). The
// shipped protocols are embedded from data/protocols/<name>.yaml.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/nomenclature/protocol.h"
#include "core/result.h"

namespace roiname {

struct ProtocolProblem {
  int line = 0;  // 1-based; 0 when the problem has no place in the file
  std::string message;
};

struct ProtocolCheck {
  std::optional<Protocol> protocol;       // set when there is no problem
  std::vector<ProtocolProblem> problems;  // every problem found, in file order
};

// Reads and checks a protocol text, collecting every problem with its line:
// YAML syntax, unknown keys, wrong value types or values, names that are not
// TG-263 names, duplicate local names, aliases to names the protocol does
// not allow, lengths over the limit. Never throws.
ProtocolCheck check_protocol_text(std::string_view text, std::string_view origin);

// The protocol in `text`, or the first problem as "origin:line: message".
Result<Protocol> load_protocol_text(std::string_view text, std::string_view origin);

// The protocol in the file at `path`; fails when unreadable or invalid.
Result<Protocol> load_protocol_file(const std::filesystem::path& path);

// An embedded protocol by name ("tg263", "tg263-reverse", …).
Result<Protocol> load_named_protocol(std::string_view name);

// What --protocol means: an embedded protocol name, else a file path.
Result<Protocol> load_protocol(std::string_view name_or_path);

// The names of the embedded protocols, sorted.
std::vector<std::string> embedded_protocol_names();

// The protocol as YAML in the documented schema (what `protocol show` prints);
// loading it back gives the same protocol.
std::string protocol_to_yaml(const Protocol& protocol);

}  // namespace roiname
