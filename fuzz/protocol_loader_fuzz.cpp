// libFuzzer target: the protocol loader on arbitrary text. Checks that it
// never crashes, that a rejected text always has a problem, and that an
// accepted protocol survives `protocol show` (YAML out, YAML in).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/protocol_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace roiname;
  if (size > 64 * 1024) return 0;  // protocols are small; keep runs fast
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ProtocolCheck check = check_protocol_text(text, "fuzz.yaml");
  if (!check.protocol) {
    if (check.problems.empty()) __builtin_trap();  // a rejection must say why
    return 0;
  }
  if (!check.problems.empty()) __builtin_trap();
  const std::string shown = protocol_to_yaml(*check.protocol);
  const ProtocolCheck again = check_protocol_text(shown, "shown.yaml");
  if (!again.protocol || protocol_to_yaml(*again.protocol) != shown) __builtin_trap();
  (void)validate_name("Parotid_L", *check.protocol);
  (void)validate_name("PTV_7000", *check.protocol);
  return 0;
}
