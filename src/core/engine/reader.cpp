#include "core/engine/reader.h"

#include <algorithm>
#include <array>
#include <limits>

#include "core/engine/context.h"
#include "core/engine/tokenizer.h"
#include "core/nomenclature/organ_name.h"
#include "core/text/normalize.h"

namespace roiname {
namespace {

// A word (or operator, or number) after glued words were split.
struct Unit {
  Token token;  // text replaced by the lexicon word for split/fuzzy words
  std::size_t token_index = 0;
  bool glued_before = false;
  bool fuzzy = false;
  bool known = false;  // the lexicon knows the text
};

constexpr std::array<SenseKind, 15> kTargetPreference = {
    SenseKind::target,     SenseKind::classifier, SenseKind::level,    SenseKind::unit,
    SenseKind::side,       SenseKind::prv,        SenseKind::helper,   SenseKind::op,
    SenseKind::union_word, SenseKind::dose_calc,  SenseKind::position, SenseKind::partial,
    SenseKind::indicator,  SenseKind::anatomy,    SenseKind::noise};
// Beside an organ a word that is noise or a target classifier is noise
// ("carotid vessel"; in a target, "CTV_Vessel", it is the vascular classifier).
constexpr std::array<SenseKind, 15> kOrganPreference = {
    SenseKind::anatomy,    SenseKind::side,      SenseKind::unit,     SenseKind::prv,
    SenseKind::partial,    SenseKind::position,  SenseKind::helper,   SenseKind::op,
    SenseKind::union_word, SenseKind::dose_calc, SenseKind::target,   SenseKind::noise,
    SenseKind::classifier, SenseKind::level,     SenseKind::indicator};

// Neither target nor organ: a lone "external" is the body outline.
constexpr std::array<SenseKind, 15> kPlainPreference = {
    SenseKind::dose_calc,  SenseKind::anatomy, SenseKind::side,     SenseKind::helper,     SenseKind::unit,
    SenseKind::prv,        SenseKind::partial, SenseKind::op,       SenseKind::union_word, SenseKind::target,
    SenseKind::classifier, SenseKind::level,   SenseKind::position, SenseKind::indicator,  SenseKind::noise};

bool has_senses(const Lexicon& lexicon, std::string_view text) { return lexicon.find(text) != nullptr; }

// Senses a word can have when glued to another: not those that only stand
// alone ("e", "i": sides of their own at an end of a name).
bool glued_side(const Lexicon& lexicon, std::string_view text) {
  const std::vector<Sense>* senses = lexicon.find(text);
  return senses != nullptr && std::any_of(senses->begin(), senses->end(), [](const Sense& sense) {
           return sense.kind == SenseKind::side && !sense.standalone;
         });
}

bool has_glued_senses(const Lexicon& lexicon, std::string_view text) {
  const std::vector<Sense>* senses = lexicon.find(text);
  return senses != nullptr &&
         std::any_of(senses->begin(), senses->end(), [](const Sense& sense) { return !sense.standalone; });
}

// A short word with a letter doubled ("hiip": a target or organ word of 3
// letters), of 3 letters two adjacent letters swapped ("gvt": a target type
// only; other 3-letter words are too often initials), or of 4 letters two
// letters swapped or one dropped ("haed", "bowl": organ words): the one word
// it spells, or empty.
std::string short_typo(const std::string& word, const Lexicon& lexicon, std::string_view before,
                       std::string_view after) {
  std::vector<std::pair<std::string, bool>> candidates;  // word, target only
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {
    if (word[i] == word[i + 1]) {
      if (word.size() == 4) candidates.emplace_back(word.substr(0, i) + word.substr(i + 1), false);
    } else if (word.size() == 3) {
      std::string swapped = word;
      std::swap(swapped[i], swapped[i + 1]);
      candidates.emplace_back(swapped, i == 0);  // the first letter kept: also a PRV or level word
    }
  }
  if (word.size() == 4) {
    // A dropped letter in a 4-letter word ("bowl": bowel), anatomy only.
    bool tie = false;
    std::string longer = lexicon.nearest_word(word, 1, nullptr, &tie);
    if (!tie && longer.size() == 5) candidates.emplace_back(longer, false);
    // Two adjacent letters swapped ("haed": head).
    for (std::size_t i = 0; i + 1 < word.size(); ++i) {
      if (word[i] == word[i + 1]) continue;
      std::string swapped = word;
      std::swap(swapped[i], swapped[i + 1]);
      candidates.emplace_back(swapped, false);
    }
  }
  std::string found;
  const Sense* meaning = nullptr;
  for (const auto& [candidate, target_only] : candidates) {
    const std::vector<Sense>* senses = lexicon.find(candidate);
    // "femoral haed": a word known only in a phrase counts with its phrase.
    if ((senses == nullptr || senses->empty()) && !before.empty())
      senses = lexicon.find(std::string(before) + " " + candidate);
    if ((senses == nullptr || senses->empty()) && !after.empty())
      senses = lexicon.find(candidate + " " + std::string(after));
    if (senses == nullptr || senses->empty()) continue;
    const Sense& sense = senses->front();
    // "pvr", "lwo", "hihg": a PRV or dose-level word; of 4 letters also an
    // organ, a side ("lfet", "rigt") or a classifier ("bedd", "noed").
    const bool short_word_kind =
        sense.kind == SenseKind::target || sense.kind == SenseKind::prv || sense.kind == SenseKind::level;
    const bool word_of_four = sense.kind == SenseKind::anatomy || sense.kind == SenseKind::side ||
                              sense.kind == SenseKind::classifier;
    if (target_only && sense.kind != SenseKind::target) continue;
    if (!short_word_kind && (word.size() == 3 || !word_of_four)) continue;
    if (meaning != nullptr && (meaning->kind != sense.kind || meaning->value != sense.value)) return {};
    if (meaning == nullptr) found = candidate;
    meaning = &sense;
  }
  return found;
}

// Splits a glued word into lexicon words covering every code point; the
// fewest pieces win. Single-letter pieces only at the ends (glued sides).
std::vector<std::string> split_glued(std::string_view word, const Lexicon& lexicon, bool allow_gaps) {
  const std::vector<std::size_t> offsets = code_point_offsets(word);
  const std::size_t n = offsets.size() - 1;
  if (n < 2 || n > 48) return {};
  constexpr int kInf = std::numeric_limits<int>::max() / 4;
  // cost = 100 × uncovered code points + 2 × pieces + single letters
  std::vector<int> best(n + 1, kInf);
  std::vector<std::size_t> from(n + 1, 0);
  std::vector<bool> gap(n + 1, false);
  best[0] = 0;
  // Target words take a glued side even when short ("gtvnl", "ptvr"): the
  // word starts with a target term of the lexicon.
  bool target_word = false;
  for (std::size_t k = 3; k < n && k <= 5 && !target_word; ++k) {
    const std::vector<Sense>* senses = lexicon.find(word.substr(offsets[0], offsets[k]));
    target_word = senses != nullptr && std::any_of(senses->begin(), senses->end(), [](const Sense& sense) {
                    return sense.kind == SenseKind::target;
                  });
  }
  const std::size_t min_for_end_letter = target_word ? 4 : 6;
  for (std::size_t i = 0; i < n; ++i) {
    if (best[i] >= kInf) continue;
    if (allow_gaps && best[i] + 100 < best[i + 1]) {
      best[i + 1] = best[i] + 100;
      from[i + 1] = i;
      gap[i + 1] = true;
    }
    for (std::size_t j = i + 1; j <= n && j <= i + 24; ++j) {
      if (i == 0 && j == n) continue;  // the whole word is not a split
      std::size_t pieces = j - i;
      const bool cjk = is_cjk(code_point_at(word, offsets[i]));
      // A single letter is a glued side at either end of a longer word
      // ("Lcochlea", "breastr"), never inside one.
      std::string_view piece = word.substr(offsets[i], offsets[j] - offsets[i]);
      // Only l and r: a French g/d glued to a target is more often a
      // classifier letter or initials ("PTVPG": prostate gland).
      const std::size_t min_for_end = (piece == "l" || piece == "r") ? min_for_end_letter : 6;
      if (pieces == 1 && !cjk && ((i != 0 && j != n) || (i == 0 && n < 4) || (j == n && n < min_for_end)))
        continue;
      if (!has_senses(lexicon, piece) && !lexicon.knows_word(piece)) continue;
      if (has_senses(lexicon, piece) && !has_glued_senses(lexicon, piece))
        continue;  // "e" (pt esquerdo) is never glued: "superiore" is not superior + e
      // A glued single letter is a side, nothing else ("canal" is not c + anal,
      // "thigh" not t + high).
      if (pieces == 1 && !cjk && !glued_side(lexicon, piece)) continue;
      int cost = best[i] + 2 + (pieces == 1 && !cjk ? 1 : 0);
      if (cost < best[j]) {
        best[j] = cost;
        from[j] = i;
        gap[j] = false;
      }
    }
  }
  if (best[n] >= kInf || (!allow_gaps && best[n] >= 100)) return {};
  std::vector<std::string> pieces;
  int short_pieces = 0;
  bool target_piece = false;
  for (std::size_t j = n; j > 0; j = from[j]) {
    std::string_view piece = word.substr(offsets[from[j]], offsets[j] - offsets[from[j]]);
    const std::vector<Sense>* senses = lexicon.find(piece);
    // Noise words ("the", "of") do not start glued words, and a word made
    // of several one- or two-letter abbreviations is not a reading.
    if (!gap[j] && from[j] == 0 && senses != nullptr && senses->front().kind == SenseKind::noise &&
        senses->size() == 1)
      return {};
    if (!gap[j] && j - from[j] <= 2 && !is_cjk(code_point_at(word, offsets[from[j]]))) ++short_pieces;
    target_piece =
        target_piece || (!gap[j] && senses != nullptr && senses->front().kind == SenseKind::target);
  }
  // Beside a target word, a glued side and a classifier may both be short
  // ("lctvnrp": l + ctvn + rp).
  if (short_pieces > (target_piece ? 2 : 1)) return {};
  for (std::size_t j = n; j > 0; j = from[j]) {
    std::string piece(word.substr(offsets[from[j]], offsets[j] - offsets[from[j]]));
    pieces.push_back(gap[j] ? "\x01" + piece : piece);  // \x01 marks an unexplained code point
  }
  std::reverse(pieces.begin(), pieces.end());
  return pieces;
}

// "Kidney_Lt_Cortex", "Optic L Nerve": a side word written inside a
// two-word anatomy term moves after it, so that the term matches.
std::vector<Unit> side_after_phrase(std::vector<Unit> units, const Lexicon& lexicon) {
  const auto only_side = [&](const Unit& unit) {
    const std::vector<Sense>* senses = lexicon.find(unit.token.text);
    return senses != nullptr && std::all_of(senses->begin(), senses->end(),
                                            [](const Sense& sense) { return sense.kind == SenseKind::side; });
  };
  for (std::size_t i = 0; i + 2 < units.size(); ++i) {
    if (units[i].token.kind != TokenKind::word || units[i + 2].token.kind != TokenKind::word) continue;
    if (!only_side(units[i + 1]) || lexicon.find(units[i].token.text) == nullptr) continue;
    const std::vector<Sense>* term = lexicon.find(units[i].token.text + " " + units[i + 2].token.text);
    if (term == nullptr || term->front().kind != SenseKind::anatomy) continue;
    std::swap(units[i + 1], units[i + 2]);
  }
  return units;
}

// The senses of a multi-word anatomy term written in another word order
// ("nerve optic"); cue phrases keep their order ("GTV I" is not iGTV).
const std::vector<Sense>* anatomy_in_any_order(const Lexicon& lexicon, std::string_view key) {
  const std::vector<Sense>* senses = lexicon.find_unordered(key);
  if (senses == nullptr) return nullptr;
  const bool anatomy = std::all_of(senses->begin(), senses->end(),
                                   [](const Sense& sense) { return sense.kind == SenseKind::anatomy; });
  return anatomy ? senses : nullptr;
}

// True when keys `a` and `b` sit side by side in a row of a QWERTY keyboard
// (a slip of the finger: "rectun" for rectum).
bool keys_side_by_side(char a, char b) {
  for (std::string_view row : {"qwertyuiop", "asdfghjkl", "zxcvbnm"}) {
    const std::size_t i = row.find(a), j = row.find(b);
    if (i != std::string_view::npos && j != std::string_view::npos && (i + 1 == j || j + 1 == i)) return true;
  }
  return false;
}

// True when `a` and `b` have the same length and differ in one letter only,
// other than a vowel for a vowel (cognate spellings: "carena", "scapola").
bool one_letter_changed(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto vowel = [](char c) { return std::string_view("aeiouy").find(c) != std::string_view::npos; };
  std::size_t differences = 0;
  bool typo_like = true;  // vowel for vowel, or a key beside the right one ("rectun")
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) {
      ++differences;
      typo_like = typo_like && ((vowel(a[i]) && vowel(b[i])) || keys_side_by_side(a[i], b[i]));
    }
  return differences == 1 && !typo_like;
}

std::string depluralise(std::string_view word) {
  if (word.size() > 4 && word.ends_with("es")) return std::string(word.substr(0, word.size() - 2));
  if (word.size() > 3 && word.ends_with("s") && !word.ends_with("ss"))
    return std::string(word.substr(0, word.size() - 1));
  return {};
}

// "HoF", "SubMan", "OCav": a case change inside an abbreviation is not a
// word boundary when the word written whole is a lexicon term and a piece
// alone is not.
std::vector<Token> rejoin_case_splits(std::vector<Token> tokens, const Lexicon& lexicon) {
  for (std::size_t t = 0; t + 1 < tokens.size(); ++t) {
    Token& first = tokens[t];
    const Token& second = tokens[t + 1];
    if (first.kind != TokenKind::word || second.kind != TokenKind::word || !second.glued_before) continue;
    if (has_glued_senses(lexicon, first.text) && has_glued_senses(lexicon, second.text)) continue;
    const std::string whole = first.text + second.text;
    if (!has_senses(lexicon, whole)) continue;
    first.text = whole;
    first.length += second.length;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(t) + 1);
    --t;  // the joined word may join the next piece too
  }
  return tokens;
}

// "ji sui", "shi jiao cha", "nao gan": an organ word written in syllables
// apart (pinyin) is that word, when a syllable is no word at all. A syllable
// that means something is an organ word ("gan"), never a side or a mark
// ("submandibula r" keeps its side).
std::vector<Token> join_syllables(std::vector<Token> tokens, const Lexicon& lexicon) {
  const auto syllable = [&](const Token& token) {
    if (token.kind != TokenKind::word || token.text.size() < 2) return false;
    const std::vector<Sense>* senses = lexicon.find(token.text);
    return senses == nullptr || std::all_of(senses->begin(), senses->end(), [](const Sense& sense) {
             return sense.kind == SenseKind::anatomy;
           });
  };
  const auto unknown = [&](const Token& token) {
    return !has_senses(lexicon, token.text) && !lexicon.knows_word(token.text);
  };
  if (std::none_of(tokens.begin(), tokens.end(), unknown)) return tokens;
  std::vector<char> is_syllable, is_unknown;  // looked up once per token
  for (const Token& token : tokens) {
    is_syllable.push_back(syllable(token));
    is_unknown.push_back(unknown(token));
  }
  std::vector<Token> out;
  for (std::size_t t = 0; t < tokens.size();) {
    std::size_t taken = 1;
    for (std::size_t count = std::min<std::size_t>(4, tokens.size() - t); count >= 2; --count) {
      std::string whole;
      bool words = true, unknown_piece = false;
      for (std::size_t k = t; words && k < t + count; ++k) {
        words = is_syllable[k] != 0;
        unknown_piece = unknown_piece || is_unknown[k] != 0;
        whole += tokens[k].text;
      }
      if (!words || !unknown_piece) continue;
      const std::vector<Sense>* senses = lexicon.find(whole);
      if (senses == nullptr || senses->empty() || senses->front().kind != SenseKind::anatomy) continue;
      for (std::size_t k = t + 1; k < t + count; ++k) tokens[t].length += tokens[k].length;
      tokens[t].text = whole;
      taken = count;
      break;
    }
    out.push_back(std::move(tokens[t]));
    t += taken;
  }
  return out;
}

// The lexicon word `word` is a typo of: within one edit (< 8 letters, and
// then not any changed letter: "corner" is no typo of "cornea", "lesson"
// none of "lesion") or two (≥ 8 letters). Empty when there is none; `tie`
// says that another candidate at that distance means something else.
std::string typo_of(const Lexicon& lexicon, std::string_view word, int& distance, bool& tie,
                    std::string_view before = {}, std::string_view after = {}) {
  std::string nearest = lexicon.nearest_word(word, word.size() >= 8 ? 2 : 1, &distance, &tie, before, after);
  // "uretha": no typo of "uretra" (a changed letter), but of "urethra".
  if (!nearest.empty() && word.size() < 8 && one_letter_changed(word, nearest))
    nearest = lexicon.nearest_word(word, 1, &distance, &tie, before, after, true);
  return nearest;
}

// "constrastoverride", "spinalcrodprv": a glued word of two lexicon words,
// one of them misspelt. Returns the two words spelt right, or nothing. The
// misspelt one must be unambiguous and a typo-like edit away.
std::vector<std::string> split_with_one_typo(const std::string& word, const Lexicon& lexicon) {
  const auto corrected = [&](const std::string& piece) -> std::string {
    if (piece.size() < 5) return {};
    int distance = 0;
    bool tie = false;
    std::string nearest = typo_of(lexicon, piece, distance, tie);
    if (nearest.empty() || tie || distance == 0 || !has_senses(lexicon, nearest)) return {};
    return nearest;
  };
  for (std::size_t k = 2; k + 2 <= word.size(); ++k) {
    const std::string left = word.substr(0, k), right = word.substr(k);
    if (has_senses(lexicon, right))
      if (std::string spelt = corrected(left); !spelt.empty()) return {spelt, right};
    if (has_senses(lexicon, left))
      if (std::string spelt = corrected(right); !spelt.empty()) return {left, spelt};
  }
  return {};
}

// The pieces of a glued word become units of their own; a piece marked
// with '\x01' is an unexplained gap.
void push_pieces(std::vector<Unit>& units, const Unit& whole, const std::vector<std::string>& pieces) {
  bool first = true;
  for (const std::string& piece : pieces) {
    Unit sub = whole;
    const bool gap = piece[0] == '\x01';
    sub.token.text = gap ? piece.substr(1) : piece;
    sub.token.length = code_point_offsets(sub.token.text).size() - 1;
    sub.known = !gap;
    sub.glued_before = first ? whole.token.glued_before : true;
    first = false;
    units.push_back(sub);
  }
}

std::vector<Unit> expand(const std::vector<Token>& tokens, const Lexicon& lexicon, Reading& reading) {
  std::vector<Unit> units;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    Unit unit{token, t, token.glued_before, false, false};
    if (token.kind == TokenKind::number) {
      units.push_back(unit);
      continue;
    }
    if (has_senses(lexicon, token.text) || token.kind == TokenKind::op) {
      unit.known = true;
      units.push_back(unit);
      continue;
    }
    // A word known only inside longer terms ("optic" of "optic nerve") is
    // kept whole unless it splits into words that each mean something.
    const bool part_of_phrase = lexicon.knows_word(token.text);
    std::vector<std::string> pieces = split_glued(token.text, lexicon, token.kind == TokenKind::cjk);

    if (part_of_phrase && !pieces.empty() &&
        std::any_of(pieces.begin(), pieces.end(),
                    [&](const std::string& p) { return !has_senses(lexicon, p); }))
      pieces.clear();
    // "urethral bulb": a word that starts a phrase with the next word stays
    // whole, though it would split into words of its own (urethra + l).
    if (part_of_phrase && !pieces.empty() && t + 1 < tokens.size() &&
        (has_senses(lexicon, token.text + " " + tokens[t + 1].text) ||
         lexicon.find_unordered(token.text + " " + tokens[t + 1].text) != nullptr))
      pieces.clear();
    // "natal cleft": likewise a word that ends a phrase with the word before
    // it (not c + left).
    // A hyphen between the words does not part them ("para-aortale").
    const std::size_t word_before = t >= 2 && tokens[t - 1].text == "-" ? t - 2 : t - 1;
    const std::string with_before = t > 0 ? tokens[word_before].text + " " + token.text : "";
    if (part_of_phrase && !pieces.empty() && t > 0 &&
        (has_senses(lexicon, with_before) || lexicon.find_unordered(with_before) != nullptr ||
         (t + 1 < tokens.size() && has_senses(lexicon, with_before + " " + tokens[t + 1].text))))
      pieces.clear();
    // "cricophar", "blader": a piece that is only a word of phrases ("crico",
    // "blade") and makes no phrase with the piece or word beside it is no
    // reading; a misspelling or a truncation may be (cricopharyngeus,
    // bladder). "prvspinal cord" keeps spinal for the next word.
    const auto makes_phrase = [&](const std::string& first, const std::string& second) {
      return has_senses(lexicon, first + " " + second) ||
             lexicon.find_unordered(first + " " + second) != nullptr;
    };
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      const std::string& piece = pieces[k];
      if (piece[0] == '\x01' || has_senses(lexicon, piece)) continue;
      const bool with_before =
          k > 0 ? makes_phrase(pieces[k - 1], piece) : t > 0 && makes_phrase(tokens[t - 1].text, piece);
      const bool with_after = k + 1 < pieces.size()
                                  ? makes_phrase(piece, pieces[k + 1])
                                  : t + 1 < tokens.size() && makes_phrase(piece, tokens[t + 1].text);
      if (!with_before && !with_after) {
        pieces.clear();
        break;
      }
    }
    if (part_of_phrase && pieces.empty()) {
      unit.known = true;
      units.push_back(unit);
      continue;
    }
    // "partotid": one letter too many in a long word is that word, not
    // three glued pieces (par + tot + id).
    if (pieces.size() >= 3 && token.text.size() >= 7 &&
        std::all_of(token.text.begin(), token.text.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      int distance = 0;
      bool tie = false;
      const std::string nearest = typo_of(lexicon, token.text, distance, tie);
      if (!nearest.empty() && !tie && distance == 1 && has_senses(lexicon, nearest)) {
        ++reading.fuzzy_words;
        unit.token.text = nearest;
        unit.fuzzy = true;
        unit.known = true;
        units.push_back(unit);
        continue;
      }
    }
    if (!pieces.empty()) {
      ++reading.split_words;
      push_pieces(units, unit, pieces);
      continue;
    }
    std::string singular = depluralise(token.text);
    if (!singular.empty() && has_senses(lexicon, singular)) {
      units.push_back(unit);  // phrase matching tries the singular
      continue;
    }
    // "pvr": a PRV, target or level word with two letters swapped is read
    // below as that typo, not as an abbreviation with a glued side (pv + r).
    bool short_typo_of_mark = false;
    if (token.kind == TokenKind::word && token.text.size() == 3) {
      const std::string spelt = short_typo(token.text, lexicon, "", "");
      const std::vector<Sense>* senses = spelt.empty() ? nullptr : lexicon.find(spelt);
      short_typo_of_mark =
          senses != nullptr && !senses->empty() && senses->front().kind != SenseKind::anatomy;
    }
    // "TMJL", "TLR": a short organ abbreviation with a side letter glued at
    // its end (too short for the glued split above).
    // (Not when the abbreviation starts with a side letter itself: "rvr".)
    if (!short_typo_of_mark && token.kind == TokenKind::word && token.text.size() >= 3 &&
        token.text.size() <= 5 && (token.text.back() == 'l' || token.text.back() == 'r') &&
        token.text[0] != 'l' && token.text[0] != 'r') {
      const std::string abbreviation = token.text.substr(0, token.text.size() - 1);
      const std::vector<Sense>* senses = lexicon.find(abbreviation);
      if (senses != nullptr && senses->front().kind == SenseKind::anatomy) {
        ++reading.split_words;
        push_pieces(units, unit, {abbreviation, token.text.substr(token.text.size() - 1)});
        continue;
      }
    }
    // "LON", "RSMG", "LTFH": a side (l, r, lt, rt) glued before a short
    // organ abbreviation with one meaning.
    const std::size_t side_length =
        token.text.size() >= 4 && token.text[1] == 't' && (token.text[0] == 'l' || token.text[0] == 'r') ? 2
                                                                                                         : 1;
    if (!short_typo_of_mark && token.kind == TokenKind::word && token.text.size() >= 3 &&
        token.text.size() <= 4 + side_length && (token.text[0] == 'l' || token.text[0] == 'r')) {
      const std::string abbreviation = token.text.substr(side_length);
      const std::vector<Sense>* senses = lexicon.find(abbreviation);
      if (senses != nullptr && senses->size() == 1 && senses->front().kind == SenseKind::anatomy) {
        ++reading.split_words;
        push_pieces(units, unit, {token.text.substr(0, side_length), abbreviation});
        continue;
      }
    }
    const bool ascii =
        std::all_of(token.text.begin(), token.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (ascii && token.text.size() >= 5) {
      int distance = 0;
      bool tie = false;
      std::string nearest =
          typo_of(lexicon, token.text, distance, tie, t > 0 ? std::string_view(tokens[t - 1].text) : "",
                  t + 1 < tokens.size() ? std::string_view(tokens[t + 1].text) : "");
      if (nearest.empty() || tie) nearest = lexicon.completion(token.text);  // truncated word: "submandib"
      if (nearest.empty()) nearest = lexicon.without_vowels_of(token.text);  // "submandblr"
      if (!nearest.empty()) {
        ++reading.fuzzy_words;
        unit.token.text = nearest;
        unit.fuzzy = true;
        unit.known = true;
      }
    }
    if (ascii && (token.text.size() == 3 || token.text.size() == 4)) {
      if (std::string spelt =
              short_typo(token.text, lexicon, t > 0 ? std::string_view(tokens[t - 1].text) : "",
                         t + 1 < tokens.size() ? std::string_view(tokens[t + 1].text) : "");
          !spelt.empty()) {
        reading.fuzzy_words += 2;  // short words are easily something else: less sure
        unit.token.text = spelt;
        unit.fuzzy = true;
        unit.known = true;
      } else if (std::string full = lexicon.without_vowels_of(token.text); !full.empty()) {
        reading.fuzzy_words += 2;  // "prtd": parotid
        unit.token.text = full;
        unit.fuzzy = true;
        unit.known = true;
      }
    }
    if (!unit.known && token.kind == TokenKind::word) {
      // A known word with unexplained letters glued after it ("larynxgsl"):
      // keep the word when it explains half the token or more.
      std::vector<std::string> partial = split_glued(token.text, lexicon, true);
      std::size_t explained = 0, longest = 0;
      // Unexplained letters only after the known pieces (initials, versions).
      bool known_seen = false, gap_after_known = false, gap_inside = false;
      for (const std::string& piece : partial) {
        if (piece[0] == '\x01') {
          gap_after_known = known_seen;
          gap_inside = gap_inside || !known_seen;  // a prefix gap changes the word ("epi|glottis")
        } else {
          gap_inside = gap_inside || gap_after_known;
          known_seen = true;
          explained += piece.size();
          longest = std::max(longest, piece.size());
        }
      }
      // A target type followed by initials ("gtvsjj" 65) counts as a known word.
      const std::vector<Sense>* first_sense =
          partial.empty() || partial.front()[0] == '\x01' ? nullptr : lexicon.find(partial.front());
      const bool target_first = first_sense != nullptr && first_sense->front().kind == SenseKind::target &&
                                partial.front().size() >= 3 && token.text.size() - explained <= 3;
      if (!gap_inside && (longest >= 5 || target_first) && explained * 2 >= token.text.size()) {
        ++reading.split_words;
        push_pieces(units, unit, partial);
        continue;
      }
    }
    if (!unit.known && token.kind == TokenKind::word && ascii && token.text.size() >= 7) {
      std::vector<std::string> words = split_with_one_typo(token.text, lexicon);
      if (!words.empty()) {
        ++reading.split_words;
        ++reading.fuzzy_words;
        for (std::size_t k = 0; k < words.size(); ++k) {
          Unit sub = unit;
          sub.token.text = words[k];
          sub.token.length = k == 0 ? words[0].size() : token.text.size() - words[0].size();
          sub.known = true;
          sub.fuzzy = true;
          sub.glued_before = k == 0 ? token.glued_before : true;
          units.push_back(sub);
        }
        continue;
      }
    }
    units.push_back(unit);
  }
  return units;
}

// "Pen Blb", "Int Aud Cnl", "Bld Wall": two or three words of an anatomy
// term each cut short, at least one of them unknown alone, are that term
// when it is the only one they can shorten. Words that mean a target, side
// or number part are not taken for anatomy.
std::vector<Unit> spell_out_abbreviated_phrases(std::vector<Unit> units, const Lexicon& lexicon,
                                                Reading& reading) {
  const auto usable = [&](const Unit& unit) {
    const std::string& text = unit.token.text;
    if (unit.token.kind != TokenKind::word || text.size() < 2 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      return false;
    const std::vector<Sense>* senses = lexicon.find(text);
    if (senses == nullptr) return true;
    return std::all_of(senses->begin(), senses->end(), [](const Sense& sense) {
      return sense.kind == SenseKind::anatomy || sense.kind == SenseKind::position ||
             sense.kind == SenseKind::level || sense.kind == SenseKind::helper ||
             sense.kind == SenseKind::noise;
    });
  };
  if (std::all_of(units.begin(), units.end(), [](const Unit& unit) { return unit.known; })) return units;
  std::vector<char> usable_at;  // looked up once per unit
  for (const Unit& unit : units) usable_at.push_back(usable(unit));
  for (std::size_t i = 0; i < units.size(); ++i)
    for (std::size_t count : {std::size_t{3}, std::size_t{2}}) {
      if (i + count > units.size()) continue;
      std::vector<std::string> words;
      bool unknown = false, fits = true;
      for (std::size_t k = i; fits && k < i + count; ++k) {
        fits = usable_at[k] != 0 && (k == i || !units[k].glued_before);
        unknown = unknown || !units[k].known;
        words.push_back(units[k].token.text);
      }
      std::size_t letters = 0;
      for (const std::string& word : words) letters += word.size();
      if (!fits || !unknown || letters < 5) continue;  // "sp pr" is too short to tell
      const std::vector<std::string> phrase = lexicon.abbreviated_phrase(words);
      if (phrase.empty()) continue;
      for (std::size_t k = 0; k < count; ++k) {
        units[i + k].token.text = phrase[k];
        units[i + k].known = true;
        units[i + k].fuzzy = true;
      }
      ++reading.fuzzy_words;
      i += count - 1;
      break;
    }
  return units;
}

const Sense& choose(const std::vector<Sense>& senses, bool target_context, bool anatomy_context) {
  const auto& order = target_context    ? kTargetPreference
                      : anatomy_context ? kOrganPreference
                                        : kPlainPreference;
  for (SenseKind kind : order)
    for (const Sense& sense : senses)
      if (sense.kind == kind) {
        if (!target_context || kind != SenseKind::anatomy || senses.size() == 1) return sense;
        // "PTV_PA", "PTV-SC": targets are named after nodal regions, not
        // vessels or the cord (para-aortic, supraclavicular nodes).
        if (!sense.value.starts_with("LN_"))
          for (const Sense& nodes : senses)
            if (nodes.kind == SenseKind::anatomy && nodes.value.starts_with("LN_")) return nodes;
        // "CTV_PB": nor after an organ almost never treated when the word
        // can name a site (prostate bed, not penile bulb).
        if (rarely_treated(sense.value))
          for (const Sense& site : senses)
            if (site.kind == SenseKind::anatomy && !rarely_treated(site.value)) return site;
        return sense;
      }
  return senses.front();
}

// "est?mago", "luftr?hre": a word with a lost letter is the one lexicon
// word it can be (one fuzzy word); else the "?" parts it like a separator.
std::vector<Token> with_lost_letters_read(std::vector<Token> tokens, const Lexicon& lexicon,
                                          Reading& reading) {
  std::vector<Token> out;
  for (Token& token : tokens) {
    if (token.kind != TokenKind::word || token.text.find('?') == std::string::npos) {
      out.push_back(std::move(token));
      continue;
    }
    if (std::string spelt = lexicon.with_lost_letters(token.text); !spelt.empty()) {
      ++reading.fuzzy_words;
      token.text = spelt;
      out.push_back(std::move(token));
      continue;
    }
    std::size_t start = 0;
    bool first = true;
    while (start <= token.text.size()) {
      std::size_t end = token.text.find('?', start);
      if (end == std::string::npos) end = token.text.size();
      if (end > start) {
        Token part = token;
        part.text = token.text.substr(start, end - start);
        part.length = code_point_offsets(part.text).size() - 1;
        part.glued_before = first && token.glued_before;
        out.push_back(std::move(part));
        first = false;
      }
      start = end + 1;
    }
  }
  return out;
}

}  // namespace

Reading read_name(std::string_view raw, const Lexicon& lexicon) {
  Reading reading;
  const std::vector<Token> tokens = join_syllables(
      rejoin_case_splits(with_lost_letters_read(tokenize(raw), lexicon, reading), lexicon), lexicon);
  reading.total_length = significant_length(tokens);
  const std::vector<Unit> units = side_after_phrase(
      spell_out_abbreviated_phrases(expand(tokens, lexicon, reading), lexicon, reading), lexicon);

  // Longest multi-word match first, within runs of words.
  struct Match {
    std::size_t first, count;
    const std::vector<Sense>* senses;
    bool plural;
  };
  std::vector<Match> matches;
  // One look at the words: a target word forbids digit phrases, a vertebra,
  // axilla or rib word allows a word and a number to be one ("T12 vertebra",
  // "Axilla L1", "CTV_Rib7": a vertebra, an axillary level, a rib).
  bool digit_phrases = true, vertebra_context = false;
  for (const Unit& unit : units) {
    if (unit.token.text.starts_with("vertebr")) vertebra_context = true;  // vertebra, vertebral (body)
    const std::vector<Sense>* senses = lexicon.find(unit.token.text);
    if (senses == nullptr) continue;
    for (const Sense& sense : *senses) {
      if (sense.kind == SenseKind::target) digit_phrases = false;
      if (sense.kind == SenseKind::anatomy &&
          (sense.value == "VB" || sense.value == "LN_Ax" ||
           sense.value == "Rib" ||  // "CTV_Rib7_L": rib 7
                                    // "CTV BWK 8": a word (not a letter) for one region's vertebrae
           (sense.value.size() == 4 && sense.value.starts_with("VB_") && unit.token.kind == TokenKind::word &&
            unit.token.text.size() >= 3)))
        vertebra_context = true;
    }
  }
  for (std::size_t i = 0; i < units.size();) {
    const Unit& unit = units[i];
    if (unit.token.kind == TokenKind::number) {
      matches.push_back({i, 1, nullptr, false});
      ++i;
      continue;
    }
    // Phrases may hold operators ("h&n"); numbers only in names without a
    // target word ("level 1a", "CN 7", "T12"), where a number is not a dose
    // or an enumerator, and only as an exact key.
    std::size_t run_end = i;
    // "PTV_Vertebra_T12": a vertebra word lets a target name hold one too.
    while (run_end < units.size() &&
           (digit_phrases || vertebra_context || units[run_end].token.kind != TokenKind::number) &&
           run_end - i < lexicon.max_phrase_words())
      ++run_end;
    Match found{i, 1, nullptr, false};
    for (std::size_t end = run_end; end > i; --end) {
      if (end - i > 1 && units[end - 1].token.kind == TokenKind::op)
        continue;  // a phrase never ends in an operator
      std::string key;
      for (std::size_t k = i; k < end; ++k) {
        if (k > i && units[k].token.kind == TokenKind::op && units[k].token.text == "-")
          continue;  // joins words
        key += (key.empty() ? "" : " ") + units[k].token.text;
      }
      bool has_number = false;
      std::size_t letters = 0;
      for (std::size_t k = i; k < end; ++k) {
        has_number = has_number || units[k].token.kind == TokenKind::number;
        if (units[k].token.kind == TokenKind::word) letters += units[k].token.length;
      }
      const std::vector<Sense>* senses = lexicon.find(key);
      if (has_number) {
        // A single letter and a number ("T1", "S2") is too often a tumour
        // stage, a shell or a version to be read as a vertebra, unless the
        // name says vertebra ("T12 vertebra", "L1 vertebral body").
        if (letters < 2 && !vertebra_context) continue;
        if (senses != nullptr) {
          found = {i, end - i, senses, false};
          break;
        }
        continue;
      }
      if (senses == nullptr && end - i > 1) senses = anatomy_in_any_order(lexicon, key);
      bool plural = false;
      if (senses == nullptr) {
        std::string singular = depluralise(units[end - 1].token.text);
        if (!singular.empty()) {
          std::string singular_key = key.substr(0, key.size() - units[end - 1].token.text.size()) + singular;
          senses = lexicon.find(singular_key);
          if (senses == nullptr && end - i > 1) senses = anatomy_in_any_order(lexicon, singular_key);
          plural = senses != nullptr;
        }
      }
      if (senses == nullptr && end - i > 1) {
        // "ext iliac artery": TG-263's reverse forms write vessels a and v.
        const std::string& last = units[end - 1].token.text;
        const char* letter = last == "artery" || last == "arteries" ? "a"
                             : last == "vein" || last == "veins"    ? "v"
                                                                    : nullptr;
        if (letter != nullptr) {
          const std::string vessel_key = key.substr(0, key.size() - last.size()) + letter;
          senses = lexicon.find(vessel_key);
          if (senses == nullptr) senses = anatomy_in_any_order(lexicon, vessel_key);
        }
      }
      if (senses != nullptr) {
        found = {i, end - i, senses, plural};
        break;
      }
    }
    matches.push_back(found);
    i += found.count;
  }

  for (const Match& match : matches)
    if (match.senses != nullptr)
      for (const Sense& sense : *match.senses)
        if (sense.kind == SenseKind::target && match.senses->size() == 1) reading.target_context = true;
  if (!reading.target_context)
    for (const Match& match : matches)
      if (match.senses != nullptr && match.senses->front().kind == SenseKind::target)
        reading.target_context = true;

  bool anatomy_context = false;
  for (const Match& match : matches)
    if (match.senses != nullptr)
      for (const Sense& sense : *match.senses)
        if (sense.kind == SenseKind::anatomy) anatomy_context = true;

  for (const Match& match : matches) {
    Part part;
    const Unit& first = units[match.first];
    part.token = first.token_index;
    part.glued_before = first.glued_before;
    part.after_slash = first.token.after_slash;
    if (first.token.fractions) part.unit = "fx";
    if (first.token.percent) part.unit = "%";
    for (std::size_t k = match.first; k < match.first + match.count; ++k) {
      part.text += (k == match.first ? "" : " ") + units[k].token.text;
      part.length += units[k].token.length;
      part.fuzzy = part.fuzzy || units[k].fuzzy;
    }
    if (first.token.kind == TokenKind::number) {
      part.type = Part::Type::number;
      part.number = first.token.number;
      part.decimal = first.token.decimal;
    } else if (match.senses != nullptr) {
      part.type = Part::Type::sense;
      part.sense = choose(*match.senses, reading.target_context, anatomy_context);
      for (const Sense& sense : *match.senses) {
        if (sense.kind == part.sense.kind && sense.value == part.sense.value) continue;
        part.others.push_back(sense);
        if (sense.kind == part.sense.kind && sense.value != part.sense.value) ++reading.ambiguous_parts;
      }
      part.plural = match.plural;
    } else {
      part.type = Part::Type::unknown;
    }
    reading.parts.push_back(std::move(part));
  }

  read_in_context(reading, raw, lexicon);
  for (const Part& part : reading.parts)
    if (part.type != Part::Type::unknown) reading.explained_length += part.length;
  return reading;
}

}  // namespace roiname
