// Splits a raw ROI name into tokens: words, numbers, operators and runs of
// CJK characters. Separators (space, _, ., brackets, ...) are dropped;
// letter/digit boundaries and lower→Upper case changes split words. Glued
// words ("rtparotid", "pgtvnx") are left whole here: the reader splits them
// with the lexicon.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roiname {

enum class TokenKind { word, number, op, cjk };

struct Token {
  TokenKind kind = TokenKind::word;
  std::string text;           // case-folded (NFKC + case fold); "+", "-", "&" for operators
  std::size_t length;         // code points of the raw text it covers
  double number = 0;          // value of a number token ("50.4" and "50,4" → 50.4)
  bool decimal = false;       // number written with a decimal point
  bool glued_before = false;  // no separator between this token and the previous one
  bool after_slash = false;   // a number written after "/" and a number ("66/33": fractions)
  bool fractions = false;     // a number followed by "#" ("5#": five fractions)
  bool percent = false;       // a number followed by "%" ("GTV_50%": a 4D phase or an isodose level)
};

// The tokens of `raw` (any UTF-8; invalid bytes are treated as separators).
std::vector<Token> tokenize(std::string_view raw);

// Total code points of `raw` that are not separators (what parts must explain).
std::size_t significant_length(const std::vector<Token>& tokens);

}  // namespace roiname
