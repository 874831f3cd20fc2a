// Reads a raw ROI name into parts, the way a physicist reads it:
// "z_Lt Parotid PRV 3mm" → helper z · side L · anatomy Parotid · prv · 3 mm.
// Words unknown as a whole are split into lexicon words ("rtparotid" →
// "rt" "parotid"; "左腮腺" → "左" "腮腺"), the longest multi-word term is
// matched first, and only then a misspelt word is matched to the closest
// lexicon word (token-level fuzzy matching).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/engine/lexicon.h"

namespace roiname {

struct Part {
  enum class Type { sense, number, unknown };
  Type type = Type::unknown;
  Sense sense;                // the chosen sense (type == sense)
  std::vector<Sense> others;  // other senses of the same text
  std::string text;           // normalised words it covers
  std::size_t length = 0;     // code points of the raw name it explains
  std::size_t token = 0;      // index of its first token
  bool glued_before = false;  // no separator before it in the raw name
  bool fuzzy = false;         // matched a misspelt word
  bool plural = false;        // matched after removing a plural ending
  double number = 0;          // type == number
  bool decimal = false;       // number written with a decimal point
  bool after_slash = false;   // number written after "/" and a number (fractions: "66/33")
  std::string unit;           // number followed by a unit word ("gy", "mm")

  bool is(SenseKind kind) const { return type == Type::sense && sense.kind == kind; }
};

struct Reading {
  std::vector<Part> parts;
  std::size_t total_length = 0;      // code points that are not separators
  std::size_t explained_length = 0;  // code points explained by senses, numbers and operators
  bool target_context = false;       // a target type was read
  int fuzzy_words = 0;
  int split_words = 0;
  int ambiguous_parts = 0;  // parts whose text had senses of the same kind with other values

  // Share of the name explained by known parts, in [0, 1].
  double coverage() const {
    return total_length == 0 ? 0.0
                             : static_cast<double>(explained_length) / static_cast<double>(total_length);
  }
};

// The parts of `raw` according to `lexicon`. Never fails: what cannot be read
// becomes Part::Type::unknown.
Reading read_name(std::string_view raw, const Lexicon& lexicon);

}  // namespace roiname
