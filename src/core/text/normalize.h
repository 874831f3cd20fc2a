// Text normalisation shared by the engine and the lexicon: every name and
// every lexicon term goes through the same functions, so that lexicon files
// can be written naturally (accents, capitals, any script).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roiname {

// Unicode NFKC + case folding (ICU). Invalid UTF-8 bytes become U+FFFD.
// ASCII input takes a fast path with the same result.
std::string fold_case(std::string_view text);

// Unicode NFKC only (keeps case, which the tokenizer needs for camelCase).
std::string nfkc(std::string_view text);

// `text` without combining accents (NFD, marks removed, NFC): "hörnerv" →
// "hornerv". Used as a second lookup key so that names typed without
// accents still match.
std::string strip_accents(std::string_view text);

// The code points of UTF-8 `text` as byte offsets of their starts (plus the
// end offset). Invalid sequences count one byte each.
std::vector<std::size_t> code_point_offsets(std::string_view text);

// True for CJK ideographs, kana and Hangul (words glued without spaces).
bool is_cjk(char32_t code_point);

// The code point starting at text[offset] (U+FFFD for an invalid sequence).
char32_t code_point_at(std::string_view text, std::size_t offset);

}  // namespace roiname
