#include "core/laterality/side_words.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/embedded_data.h"
#include "core/engine/lexicon.h"

namespace roiname {
namespace {

struct SideWord {
  std::string word;          // normalised (lexicon_key)
  std::optional<Side> side;  // nothing: "both" (bilat, beidseits, 双侧)
  std::string mirror;        // the same word for the other side, as written in the lexicon
};

struct RawSideWord {
  std::string term;
  char side;  // L, R, B
  std::string lang;
  int index;  // order among the words of its language and side
};

// The word of the other side that corresponds to `word`: by position when
// the language lists as many words for each side (de: links/rechts,
// li/re, ...), else the one of closest length, then closest position.
std::string find_mirror(const RawSideWord& word, const std::vector<RawSideWord>& all) {
  const char other = word.side == 'L' ? 'R' : 'L';
  std::vector<const RawSideWord*> candidates;
  int same_side = 0;
  for (const RawSideWord& w : all) {
    if (w.lang != word.lang) continue;
    if (w.side == other) candidates.push_back(&w);
    if (w.side == word.side) ++same_side;
  }
  if (candidates.empty()) return {};
  if (static_cast<int>(candidates.size()) == same_side) return candidates[word.index]->term;
  const RawSideWord* best = candidates.front();
  auto cost = [&](const RawSideWord* w) {
    return std::pair{std::abs(static_cast<int>(w->term.size()) - static_cast<int>(word.term.size())),
                     std::abs(w->index - word.index)};
  };
  for (const RawSideWord* w : candidates)
    if (cost(w) < cost(best)) best = w;
  return best->term;
}

// The side words of data/lexicon/sides.tsv (header `term side lang note`,
// `#` comments), owned by the engine's lexicon.
std::vector<SideWord> load_side_words() {
  std::vector<RawSideWord> raw;
  const std::optional<std::string_view> content = embedded_file("lexicon/sides.tsv");
  if (!content) return {};
  std::map<std::pair<std::string, char>, int> counts;
  std::size_t start = 0;
  bool header = true;
  while (start < content->size()) {
    std::size_t end = content->find('\n', start);
    if (end == std::string_view::npos) end = content->size();
    std::string_view line = content->substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string_view> fields;
    for (std::size_t from = 0;;) {
      const std::size_t tab = line.find('\t', from);
      fields.push_back(
          line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
      if (tab == std::string_view::npos) break;
      from = tab + 1;
    }
    if (fields.size() < 3 || fields[1].size() != 1) continue;
    const char side = fields[1].front();
    if (side != 'L' && side != 'R' && side != 'B') continue;
    const std::string lang(fields[2]);
    raw.push_back({std::string(fields[0]), side, lang, counts[{lang, side}]++});
  }
  std::vector<SideWord> words;
  for (const RawSideWord& w : raw) {
    SideWord word{lexicon_key(w.term), {}, ""};
    if (w.side != 'B') {
      word.side = w.side == 'L' ? Side::left : Side::right;
      word.mirror = find_mirror(w, raw);
    }
    if (!word.word.empty() &&
        std::none_of(words.begin(), words.end(), [&](const SideWord& u) { return u.word == word.word; }))
      words.push_back(std::move(word));
  }
  return words;
}

const std::vector<SideWord>& side_words() {
  static const std::vector<SideWord> words = load_side_words();
  return words;
}

const SideWord* find_word(std::string_view token) {
  const std::string key = lexicon_key(token);
  for (const SideWord& w : side_words())
    if (w.word == key) return &w;
  return nullptr;
}

enum class CharKind { separator, lower, upper, digit, other_letter, ideograph };

struct CodePoint {
  std::size_t offset;
  std::size_t length;
  char32_t value;
  CharKind kind;
};

std::vector<CodePoint> decode(std::string_view text) {
  std::vector<CodePoint> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xE  ? 3
                         : (byte >> 3) == 0x1E ? 4
                                               : 1;
    if (i + length > text.size()) length = 1;
    char32_t value = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k)
      value = (value << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    CharKind kind;
    if (value < 0x80) {
      const char c = static_cast<char>(value);
      kind = std::islower(static_cast<unsigned char>(c))   ? CharKind::lower
             : std::isupper(static_cast<unsigned char>(c)) ? CharKind::upper
             : std::isdigit(static_cast<unsigned char>(c)) ? CharKind::digit
                                                           : CharKind::separator;
    } else if ((value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF)) {
      kind = CharKind::ideograph;
    } else if (value >= 0xC0 && value <= 0xDE && value != 0xD7) {
      kind = CharKind::upper;  // Latin-1 capitals (Ä, Ö, ...)
    } else if (value >= 0xDF && value <= 0x24F) {
      kind = CharKind::lower;
    } else {
      kind = CharKind::other_letter;
    }
    out.push_back({i, length, value, kind});
    i += length;
  }
  return out;
}

bool is_letter(CharKind kind) {
  return kind == CharKind::lower || kind == CharKind::upper || kind == CharKind::other_letter;
}

// Lower-cases ASCII and the Latin-1 capitals (Ä → ä) of a UTF-8 word.
std::string lower_word(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0xC3 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) next += 0x20;
      out += static_cast<char>(byte);
      out += static_cast<char>(next);
      ++i;
    } else {
      out += static_cast<char>(std::tolower(byte));
    }
  }
  return out;
}

enum class Edge { hard, case_change, digit };

struct Token {
  std::size_t offset;
  std::size_t length;
  std::size_t letters;  // code points
  Edge before;
  Edge after;
  bool ideograph;
};

// Words of a name: runs of letters split at separators, digits, lower→upper
// changes (`ParotidL`), before the last capital of a capital run followed by
// a lower-case letter (`LTParotid`), and around each CJK ideograph.
std::vector<Token> tokenize(std::string_view name) {
  const std::vector<CodePoint> cps = decode(name);
  std::vector<Token> tokens;
  std::size_t i = 0;
  auto edge_before = [&](std::size_t index) {
    if (index == 0) return Edge::hard;
    const CharKind previous = cps[index - 1].kind;
    if (previous == CharKind::digit) return Edge::digit;
    if (is_letter(previous) || previous == CharKind::ideograph) return Edge::case_change;
    return Edge::hard;
  };
  auto edge_after = [&](std::size_t index) {  // index: first code point after the token
    if (index >= cps.size()) return Edge::hard;
    const CharKind next = cps[index].kind;
    if (next == CharKind::digit) return Edge::digit;
    if (is_letter(next) || next == CharKind::ideograph) return Edge::case_change;
    return Edge::hard;
  };
  while (i < cps.size()) {
    if (cps[i].kind == CharKind::ideograph) {
      tokens.push_back({cps[i].offset, cps[i].length, 1, edge_before(i), edge_after(i + 1), true});
      ++i;
      continue;
    }
    if (!is_letter(cps[i].kind)) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < cps.size() && is_letter(cps[end].kind)) {
      const CharKind previous = cps[end - 1].kind, current = cps[end].kind;
      if (previous == CharKind::lower && current == CharKind::upper) break;
      if (previous == CharKind::upper && current == CharKind::upper && end + 1 < cps.size() &&
          cps[end + 1].kind == CharKind::lower && end > i)
        break;
      ++end;
    }
    const std::size_t offset = cps[i].offset;
    const std::size_t stop = end < cps.size() ? cps[end].offset : name.size();
    tokens.push_back({offset, stop - offset, end - i, edge_before(i), edge_after(end), false});
    i = end;
  }
  return tokens;
}

// Whether a side word of this size may stand where the token stands.
bool readable_as_side(const Token& token) {
  if (token.ideograph) return true;
  auto allowed = [&](Edge edge) {
    if (token.letters == 1) return edge == Edge::hard;
    if (token.letters == 2) return edge != Edge::digit;
    return true;
  };
  return allowed(token.before) && allowed(token.after);
}

struct Found {
  SideMention mention;  // side unset for "both" words
  bool both = false;
  const SideWord* word;
  std::size_t letters;
};

std::vector<Found> find_mentions(std::string_view name) {
  std::vector<Found> found;
  for (const Token& token : tokenize(name)) {
    const SideWord* word = find_word(name.substr(token.offset, token.length));
    if (word == nullptr || !readable_as_side(token)) continue;
    found.push_back(
        {{word->side.value_or(Side::left), token.offset, token.length}, !word->side, word, token.letters});
  }
  return found;
}

std::optional<Found> single_mention(std::string_view name) {
  const std::vector<Found> found = find_mentions(name);
  if (found.empty()) return {};
  int one_letter = 0;
  for (const Found& f : found) {
    if (f.both || f.mention.side != found.front().mention.side) return {};  // both sides: no single side
    if (f.letters == 1 && !(f.word->word == "左" || f.word->word == "右")) ++one_letter;
  }
  if (one_letter > 1) return {};
  return found.front();
}

// Gives `replacement` the case pattern of `original` (UPPER, Title, lower).
std::string match_case(std::string_view original, const std::string& replacement) {
  bool any_lower = false, any_upper = false;
  for (char c : original) {
    any_lower |= std::islower(static_cast<unsigned char>(c)) != 0;
    any_upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  std::string out = replacement;
  if (any_upper && !any_lower) {
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // Latin-1 lower-case letters (ö → Ö) sit at 0xC3 0xA0..0xBE.
    for (std::size_t i = 0; i + 1 < out.size(); ++i)
      if (static_cast<unsigned char>(out[i]) == 0xC3 && static_cast<unsigned char>(out[i + 1]) >= 0xA0 &&
          static_cast<unsigned char>(out[i + 1]) != 0xB7)
        out[i + 1] = static_cast<char>(static_cast<unsigned char>(out[i + 1]) - 0x20);
  } else if (any_upper && !original.empty() && std::isupper(static_cast<unsigned char>(original.front()))) {
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  }
  return out;
}

}  // namespace

std::string_view to_string(Side side) { return side == Side::left ? "left" : "right"; }
Side opposite(Side side) { return side == Side::left ? Side::right : Side::left; }

std::optional<SideMention> stated_side(std::string_view name) {
  const std::optional<Found> found = single_mention(name);
  if (!found) return {};
  return found->mention;
}

std::optional<std::string> mirrored_name(std::string_view name) {
  const std::optional<Found> found = single_mention(name);
  if (!found) return {};
  const std::string_view word = name.substr(found->mention.offset, found->mention.length);
  std::string out(name.substr(0, found->mention.offset));
  out += match_case(word, found->word->mirror);
  out += name.substr(found->mention.offset + found->mention.length);
  return out;
}

std::string side_free_key(std::string_view name) {
  std::string without(name);
  if (const std::optional<Found> found = single_mention(name))
    without.erase(found->mention.offset, found->mention.length);
  std::string key;
  for (char c : lower_word(without))
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) key += c;
  return key;
}

}  // namespace roiname
