// libFuzzer target: the target grammar, organ names and validate_name on
// arbitrary bytes. Checks that nothing crashes and that every accepted target
// name formats and parses back to the same components.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include "core/nomenclature/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace roiname;
  const std::string_view name(reinterpret_cast<const char*>(data), size);

  static const TargetSpellings spellings = [] {
    TargetSpellings s;
    s.types = {{"PGTV", "PTV"}, {"PCTV", "PTV"}};
    s.classifiers = {{"nx", "p"}, {"nd", "n"}, {"tb", "sb"}};
    return s;
  }();
  for (const TargetSpellings* with : {static_cast<const TargetSpellings*>(nullptr), &spellings}) {
    auto target = with ? parse_target_name(name, *with) : parse_target_name(name);
    if (!target) continue;
    for (DoseStyle style : {DoseStyle::centigray, DoseStyle::gray, DoseStyle::relative}) {
      const std::string formatted =
          format_target_name(*target, style, std::numeric_limits<std::size_t>::max());
      auto again = parse_target_name(formatted);
      if (!again || !(*again == *target)) __builtin_trap();  // the grammar must round-trip
      if (!targets_equivalent(*again, *target)) __builtin_trap();
    }
    (void)format_target_name(*target);  // the 16-character squeeze
  }

  const Tg263Table& table = Tg263Table::embedded();
  if (auto organ = parse_organ_name(name, table)) {
    const std::string formatted = format_organ_name(*organ);
    auto again = parse_organ_name(formatted, table, 64);
    if (!again || !(*again == *organ)) __builtin_trap();  // compositions must round-trip
  }
  (void)parse_reverse_organ_name(name, table);
  (void)validate_name(name, default_protocol());
  (void)protocol_name_for(name, default_protocol());
  return 0;
}
