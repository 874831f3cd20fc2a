#include "core/engine/tokenizer.h"

#include <unicode/uchar.h>
#include <algorithm>

#include <cctype>
#include <charconv>

#include "core/text/normalize.h"

namespace roiname {
namespace {

enum class CharClass { lower, upper, other_letter, digit, cjk, op, separator };

// Operators typed outside ASCII: the minus sign and dashes that word
// processors put for "-", and the set symbols ("PTV∩Rectum").
char ascii_operator(char32_t c) {
  switch (c) {
    case U'+':
    case U'-':
    case U'&':
      return static_cast<char>(c);
    case 0x2212:  // minus sign
    case 0x2013:  // en dash
    case 0x2014:  // em dash
      return '-';
    case 0x2229:  // ∩
      return '&';
    case 0x222A:  // ∪
      return '+';
    default:
      return '\0';
  }
}

CharClass classify(char32_t c) {
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') return CharClass::lower;
    if (c >= 'A' && c <= 'Z') return CharClass::upper;
    if (c >= '0' && c <= '9') return CharClass::digit;
    if (c == '+' || c == '-' || c == '&') return CharClass::op;
    return CharClass::separator;
  }
  if (c == 0xFFFD) return CharClass::separator;
  if (ascii_operator(c) != '\0') return CharClass::op;
  if (is_cjk(c)) return CharClass::cjk;
  if (u_isupper(static_cast<UChar32>(c))) return CharClass::upper;
  if (u_islower(static_cast<UChar32>(c))) return CharClass::lower;
  if (u_isalpha(static_cast<UChar32>(c)) || u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK)
    return CharClass::other_letter;
  if (u_isdigit(static_cast<UChar32>(c))) return CharClass::digit;
  return CharClass::separator;
}

bool is_letter(CharClass c) {
  return c == CharClass::lower || c == CharClass::upper || c == CharClass::other_letter;
}

double parse_number(const std::string& digits) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  (void)ptr;
  return ec == std::errc() ? value : 0.0;
}

// A "[", "]" or ";" between two letters is a slip of the finger (the keys
// sit beside p, o and l: "op[tic"), not a separator: it is dropped.
std::string without_stray_keys(std::string text) {
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if ((c == '[' || c == ']' || c == ';') && std::isalpha(static_cast<unsigned char>(text[i - 1])) &&
        std::isalpha(static_cast<unsigned char>(text[i + 1])))
      text.erase(i--, 1);
  }
  return text;
}

// "10Gy×5", "2.12Gy*33": a multiplication sign or star between a dose and a
// count is the x of fractionation ("*Parotid" elsewhere stays a mark).
std::string with_times_as_x(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.compare(at, 2, "\xC3\x97") == 0) {  // U+00D7, set apart: "Gy×5" is not the word "gyx"
      out.append(" x ");
      ++at;
      continue;
    }
    const bool star_between = text[at] == '*' && at > 0 && at + 1 < text.size() &&
                              (std::isdigit(static_cast<unsigned char>(text[at - 1])) ||
                               text[at - 1] == 'y' || text[at - 1] == 'Y') &&
                              std::isdigit(static_cast<unsigned char>(text[at + 1]));
    // "1.8Gyx28": an x glued between a dose in Gy and a count is the x of
    // fractionation, not the end of a word "gyx".
    const bool x_after_gy = (text[at] == 'x' || text[at] == 'X') && at >= 3 && at + 1 < text.size() &&
                            (text[at - 1] == 'y' || text[at - 1] == 'Y') &&
                            (text[at - 2] == 'g' || text[at - 2] == 'G') &&
                            (std::isdigit(static_cast<unsigned char>(text[at - 3])) || text[at - 3] == 'c') &&
                            std::isdigit(static_cast<unsigned char>(text[at + 1]));
    if (star_between || x_after_gy)
      out.append(" x ");
    else
      out.push_back(text[at]);
  }
  return out;
}

// "PTV_n°2": the French and Italian number sign n° is "no", not the nodal
// classifier n (nº folds to "no" under NFKC already).
std::string with_number_sign(std::string text) {
  for (std::size_t at = text.find("\xC2\xB0"); at != std::string::npos; at = text.find("\xC2\xB0", at + 1)) {
    const bool n_before = at > 0 && (text[at - 1] == 'n' || text[at - 1] == 'N') &&
                          (at == 1 || !std::isalpha(static_cast<unsigned char>(text[at - 2])));
    if (n_before) text.replace(at, 2, "o ");
  }
  return text;
}

// "cGy" is one unit word, not "c" and "Gy" split at the case change.
std::string with_cgy_folded(std::string text) {
  for (std::size_t at = text.find("cG"); at != std::string::npos; at = text.find("cG", at + 1))
    if (at + 2 < text.size() && (text[at + 2] == 'y' || text[at + 2] == 'Y')) text.replace(at + 1, 2, "gy");
  return text;
}

// Catalan "l·l" (cristal·lí, medul·la) is one double l, not two words.
std::string with_geminate_l_joined(std::string text) {
  static constexpr std::string_view kMiddleDot = "\xC2\xB7";
  for (std::size_t at = text.find(kMiddleDot); at != std::string::npos; at = text.find(kMiddleDot, at + 1)) {
    const bool l_before = at > 0 && (text[at - 1] == 'l' || text[at - 1] == 'L');
    const bool l_after = at + 2 < text.size() && (text[at + 2] == 'l' || text[at + 2] == 'L');
    if (l_before && l_after) text.erase(at, kMiddleDot.size());
  }
  return text;
}

// The Windows-1252 byte of a code point that is not Latin-1 (0x80–0x9F), or 0.
unsigned char windows_1252_byte(char32_t c) {
  static constexpr std::pair<char32_t, unsigned char> kTable[] = {
      {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
      {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
      {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95},
      {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
      {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}};
  for (const auto& [code_point, byte] : kTable)
    if (code_point == c) return byte;
  return 0;
}

// "RÃ¼ckenmark", "ParÃ³tida": a UTF-8 name read as Latin-1 or Windows-1252
// and saved again. When every code point is one byte of those charsets and
// the bytes are valid UTF-8 with a character beyond ASCII, the bytes are the
// name ("Rückenmark"). A name really written in Latin letters with accents
// is no valid UTF-8 that way ("Rückenmark" gives a lone 0xFC) and stays.
std::string without_mojibake(std::string_view text) {
  // Every misread lead byte (0xC2–0xEF) became U+00C2–U+00EF, written C3 82
  // to C3 AF: without that pair (ASCII, Chinese, Cyrillic, most accented
  // names) there is nothing to repair.
  bool misread_lead = false;
  for (std::size_t i = 0; i + 1 < text.size() && !misread_lead; ++i)
    misread_lead = static_cast<unsigned char>(text[i]) == 0xC3 &&
                   static_cast<unsigned char>(text[i + 1]) >= 0x82 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0xAF;
  if (!misread_lead) return std::string(text);
  std::string bytes;
  bytes.reserve(text.size());
  bool beyond_ascii = false;
  const std::vector<std::size_t> offsets = code_point_offsets(text);
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
    const char32_t c = code_point_at(text, offsets[i]);
    if (c < 0x80) {
      bytes.push_back(static_cast<char>(c));
      continue;
    }
    beyond_ascii = true;
    const unsigned char byte = c <= 0xFF ? static_cast<unsigned char>(c) : windows_1252_byte(c);
    if (byte == 0) return std::string(text);
    bytes.push_back(static_cast<char>(byte));
  }
  if (!beyond_ascii) return std::string(text);
  const std::vector<std::size_t> repaired = code_point_offsets(bytes);
  for (std::size_t i = 0; i + 1 < repaired.size(); ++i)
    if (code_point_at(bytes, repaired[i]) == 0xFFFD) return std::string(text);
  return bytes;
}

// U+FFFD (a letter lost to a charset) written as "?".
std::string with_question_marks(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.compare(at, 3, "\xEF\xBF\xBD") == 0) {
      out.push_back('?');
      at += 2;
    } else {
      out.push_back(text[at]);
    }
  }
  return out;
}

}  // namespace

std::vector<Token> tokenize(std::string_view raw) {
  const std::string text = with_times_as_x(with_cgy_folded(
      with_geminate_l_joined(without_stray_keys(with_number_sign(nfkc(without_mojibake(raw)))))));
  const std::vector<std::size_t> offsets = code_point_offsets(text);
  const std::size_t count = offsets.size() - 1;
  std::vector<char32_t> cps(count);
  std::vector<CharClass> classes(count);
  for (std::size_t i = 0; i < count; ++i) {
    cps[i] = code_point_at(text, offsets[i]);
    classes[i] = classify(cps[i]);
  }
  // "Luftr�hre", "Est?mago", "?tero", "Ri??n": a letter the charset could
  // not carry, written as "?" or U+FFFD (one or two, for its UTF-8 bytes)
  // before a letter, at the start of a word or inside one, stays in the word
  // as "?" (the reader looks for the one word it can be, else splits there).
  const auto lost = [&](std::size_t k) { return cps[k] == '?' || cps[k] == 0xFFFD; };
  for (std::size_t i = 0; i < count; ++i) {
    if (!lost(i) || (i > 0 && !is_letter(classes[i - 1]) && classes[i - 1] != CharClass::separator)) continue;
    std::size_t end = i + 1;
    if (end < count && lost(end)) ++end;
    if (end < count && is_letter(classes[end]))
      for (std::size_t k = i; k < end; ++k) classes[k] = CharClass::other_letter;
    i = end - 1;
  }

  std::vector<Token> tokens;
  bool glued = false;
  std::size_t i = 0;
  while (i < count) {
    CharClass c = classes[i];
    if (c == CharClass::separator) {
      glued = false;
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    Token token;
    token.glued_before = glued && !tokens.empty();
    if (c == CharClass::op) {
      token.kind = TokenKind::op;
      token.text = std::string(1, ascii_operator(cps[i]));
    } else if (c == CharClass::digit) {
      // Digits, with one decimal point or comma between digits.
      bool decimal = false;
      while (j < count) {
        if (classes[j] == CharClass::digit) {
          ++j;
        } else if (!decimal && (cps[j] == '.' || cps[j] == ',' || cps[j] == 'p' || cps[j] == 'P') &&
                   j + 1 < count && classes[j + 1] == CharClass::digit &&
                   ((cps[j] != 'p' && cps[j] != 'P') || j + 2 >= count ||
                    classes[j + 2] != CharClass::digit || j + 3 >= count ||
                    classes[j + 3] != CharClass::digit)) {
          // "50.4", "50,4" and TG-263's "50p4" (one or two decimals after p).
          decimal = true;
          ++j;
        } else {
          break;
        }
      }
      std::string digits;
      for (std::size_t k = i; k < j; ++k)
        digits += (cps[k] == ',' || cps[k] == 'p' || cps[k] == 'P') ? '.' : static_cast<char>(cps[k]);
      // "66/33", "24Gy/3": after a dose, a number behind "/" counts fractions.
      token.after_slash = i >= 2 && cps[i - 1] == '/' &&
                          (classes[i - 2] == CharClass::digit || cps[i - 2] == 'y' || cps[i - 2] == 'Y');
      token.fractions = j < count && cps[j] == '#';  // "26Gy_5#": the UK mark for fractions
      token.percent = j < count && cps[j] == '%';
      token.kind = TokenKind::number;
      token.text = digits;
      token.number = parse_number(digits);
      token.decimal = decimal;
    } else if (c == CharClass::cjk) {
      while (j < count && classes[j] == CharClass::cjk) ++j;
      token.kind = TokenKind::cjk;
      token.text = fold_case(std::string_view(text).substr(offsets[i], offsets[j] - offsets[i]));
    } else {
      // A word ends at a non-letter or at a lower→Upper change (camelCase).
      while (j < count && is_letter(classes[j]) &&
             !(classes[j] == CharClass::upper && classes[j - 1] == CharClass::lower))
        ++j;
      token.kind = TokenKind::word;
      token.text = fold_case(std::string_view(text).substr(offsets[i], offsets[j] - offsets[i]));
      if (token.text.find("\xEF\xBF\xBD") != std::string::npos) token.text = with_question_marks(token.text);
    }
    token.length = j - i;
    tokens.push_back(std::move(token));
    glued = true;
    i = j;
  }
  return tokens;
}

std::size_t significant_length(const std::vector<Token>& tokens) {
  std::size_t total = 0;
  for (const Token& token : tokens) total += token.length;
  return total;
}

}  // namespace roiname
