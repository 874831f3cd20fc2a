// Words read in the light of the whole name. The reader first gives each
// word its lexicon sense; these rules then correct what a word means beside
// the others, the way a physicist rereads a name: "body" after an organ is a
// part of it, "for" starts a comment, "T1" after "MR" is a sequence, "II"
// beside lymph nodes is a station.
#pragma once

#include <string_view>

#include "core/engine/lexicon.h"
#include "core/engine/reader.h"

namespace roiname {

// The value of the noise a range of vertebral levels becomes ("PTV T10-L2"):
// stage 1 reads such a target as one on the spine.
inline constexpr std::string_view kLevelRangeNoise = "level range";
// The value of the noise a radionuclide becomes ("I125"): the target may
// have a seed implant's dose over 100 Gy.
inline constexpr std::string_view kRadionuclideNoise = "radionuclide";

// Applies every context rule to `reading` (parts already chosen), in order.
void read_in_context(Reading& reading, std::string_view raw, const Lexicon& lexicon);

}  // namespace roiname
