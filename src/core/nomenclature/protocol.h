// A naming protocol: which names are allowed and how the tool writes them.
// The value type lives in core; src/protocol reads it from YAML
// (schema: docs/protocols.md). The default is TG-263 as shipped.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/nomenclature/organ_name.h"
#include "core/nomenclature/target_name.h"
#include "core/nomenclature/tg263_table.h"
#include "core/result.h"

namespace roiname {

// Which table names a protocol starts from.
enum class ProtocolBase {
  tg263,          // TG-263 primary names ("Parotid_L")
  tg263_reverse,  // TG-263 reverse-order names ("L_Parotid")
  none,           // only the names the protocol lists
};

// What happens to planning-auxiliary (AUX) names.
enum class AuxPolicy {
  keep,      // names stay as they are (default)
  z_prefix,  // prefixed with "z" (TG-263's mark for structures not used for evaluation)
};

struct Protocol {
  std::string name;         // "tg263"
  std::string description;  // one line
  std::string origin;       // "embedded:tg263" or the file it was read from

  // --- organ (non-target) names
  ProtocolBase base = ProtocolBase::tg263;
  std::vector<std::string> removed;  // TG-263 primary names this protocol does not allow
  std::vector<std::string> added;    // extra names allowed as they are (with compositions)
  // This protocol's own name for a TG-263 primary name ("Lens_L" → "Lens_Left").
  // The standard name is then not valid in the protocol; its local name is.
  std::map<std::string, std::string> local_names;
  // Institution aliases: raw name → name in this protocol (or TG-263 standard
  // name), keyed by alias_key(raw).
  std::map<std::string, std::string> aliases;

  // --- target names
  DoseStyle target_style = DoseStyle::centigray;
  bool target_grammar = true;             // TG-263 target grammar names are valid
  TargetSpellings target_spellings;       // local type prefixes and classifiers ("PGTV", "nx", "tb")
  std::vector<std::string> target_names;  // further target names valid as they are

  // --- planning-auxiliary and dose-calculation names
  AuxPolicy aux_policy = AuxPolicy::keep;
  std::string body_name = "External";  // what BODY/Outline becomes: "External" or "Body"
  std::vector<std::string> aux_names;  // AUX names this protocol knows ("PTV-all")

  std::size_t max_name_length = 16;

  // Built by finalize_protocol(): the organ names valid in this protocol, in
  // its own spelling (primary order; for tg263_reverse the TG-263 table minus
  // removed names, read in reverse order).
  std::shared_ptr<const Tg263Table> organ_table;
};

// Checks the protocol's lists against TG-263 and builds organ_table. Fails
// with the first problem: a removed or mapped name that is not a TG-263
// primary name, a local name used twice, local names with the reverse base,
// a body name other than External/Body, a zero length limit.
Result<Protocol> finalize_protocol(Protocol protocol);

// Every problem finalize_protocol would find, not just the first.
std::vector<std::string> protocol_problems(const Protocol& protocol);

// The embedded "tg263" protocol: TG-263 primary names, cGy targets, AUX kept,
// body "External", 16 characters. Same content as data/protocols/tg263.yaml
// (a test checks they agree).
const Protocol& default_protocol();

// What a name is under a protocol, whether it is valid there, and why not.
struct NameValidity {
  bool valid = false;
  // "organ" (anatomy, PRV, derived), "non_anatomic" (TG-263 Non_Anatomic rows:
  // Bolus, Markers, …), "target", "aux", "dose" (the body name), "unknown".
  std::string kind = "unknown";
  std::vector<std::string> problems;  // empty when valid
  std::optional<TargetName> target;   // parsed components, for targets
  std::optional<OrganName> organ;     // parsed components, for organs
  std::string canonical;  // the form this protocol writes (targets: its dose style); empty if unparsed
  std::string standard;   // the TG-263 form (targets in cGy; organs in primary order); may be empty
};

// Validity of `name` under `protocol`, with reasons. A name that parses but
// is not in the protocol's preferred form is valid; `canonical` shows the
// preferred form.
NameValidity validate_name(std::string_view name, const Protocol& protocol);

// The protocol's spelling of a TG-263 standard name (organ in primary order
// or target): local names, reverse order, target style and local
// classifiers applied. Fails when the protocol does not allow the name.
Result<std::string> protocol_name_for(std::string_view standard_name, const Protocol& protocol);

// The key aliases are matched by: ASCII lower case, runs of spaces, '_' and
// '-' turned into one space, trimmed ("Lt  Parotid" → "lt parotid").
std::string alias_key(std::string_view raw);

// The protocol's alias for a raw name, if any.
std::optional<std::string> find_alias(std::string_view raw, const Protocol& protocol);

// An AUX name as the protocol writes it: kept, or with a "z" prefix when
// the policy asks and it has none.
std::string protocol_aux_name(std::string_view name, const Protocol& protocol);

std::string_view to_string(DoseStyle style);
std::string_view to_string(ProtocolBase base);
std::string_view to_string(AuxPolicy policy);

}  // namespace roiname
