// Stage 3 for one ROI: composes the standard name from the parts read.
// Organs: root [~] [_PRVnn] [_side], checked against the catalog. Targets:
// type classifier enumerator [_side] [_dose cGy | _level].
#pragma once

#include <string>
#include <vector>

#include "core/decision.h"
#include "core/engine/catalog.h"
#include "core/engine/reader.h"

namespace roiname {

struct Composition {
  std::string name;      // "unknown" when no honest name exists
  double quality = 1.0;  // multiplies the confidence: 1 = every part used cleanly
  std::vector<Reason> reasons;
};

// The TG-263 organ name for a reading classed OAR. `treated_side` (L, R or
// empty) resolves contralateral/ipsilateral words.
Composition compose_organ(const Reading& reading, const NameCatalog& catalog,
                          std::string_view treated_side = "");

// The canonical target name (cGy form) for a reading classed TV.
// `default_type` is used when the name writes no target type ("node 70").
Composition compose_target(const Reading& reading, const std::string& default_type = "");

// The sided table name of a paired organ named without side: of a side-less
// row ("Cochlea", "L" → "Cochlea_L") or of one organ of the pair a plural
// row names ("Parotids" → "Parotid_L"; "Hippocampi" → "Hippocampus_L");
// empty when the table has no such row.
std::string sided_name_of(std::string_view name, std::string_view side, const NameCatalog& catalog);

// The TG-263 derived name ("Lungs-GTV") a reading spells, or empty; a
// target number it leaves out ("Lungs-GTV2") is reported.
std::string derived_name(const Reading& reading, const NameCatalog& catalog,
                         bool* enumerator_dropped = nullptr);

// Deletes underscores from the left until `name` has ≤ 16 characters
// (TG-263's last resort); returns it unchanged when it is short enough.
std::string shorten_to_16(std::string name);

}  // namespace roiname
