// Which side a ROI name states, in any language the side lexicon knows
// (`Parotid_L`, `Lt Lung`, `LUNG_LEFT`, `FrontalEsq`, `Lunge links`, `左腮腺`),
// and the same name with the side mirrored.
//
// Words come from the engine's lexicon, data/lexicon/sides.tsv (a name with
// a "both" word like `bilat` states no single side). Short words are only
// taken where a person would read them as a side: one- and two-letter words
// need a separator or the name's edge on both sides (two-letter words may
// also meet a case change: `LtParotid`), never a digit (`D2CM` is not "D").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace roiname {

enum class Side { left, right };

std::string_view to_string(Side side);
Side opposite(Side side);

// Where a name states its side: the word's byte range in the name.
struct SideMention {
  Side side = Side::left;
  std::size_t offset = 0;
  std::size_t length = 0;
};

// The side the name states, or nothing when it states none or is ambiguous:
// both sides named (`Lung_L+R`), or a one-letter side word repeated
// (`D2CM L L`, where the letters are not sides).
std::optional<SideMention> stated_side(std::string_view name);

// The name with its side word replaced by the opposite one of the same
// language and form, keeping the case (`Parotid_L` → `Parotid_R`, `Lt Lung`
// → `Rt Lung`, `LUNG_LEFT` → `LUNG_RIGHT`). Nothing when no side is stated.
std::optional<std::string> mirrored_name(std::string_view name);

// The name without its side word, lower-case, letters and digits only: the
// key that pairs `Left Eye` with `Right Eye` and `Parotid_L` with `Parotid_R`.
std::string side_free_key(std::string_view name);

}  // namespace roiname
