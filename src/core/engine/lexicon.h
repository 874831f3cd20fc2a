// The engine's vocabulary: words and phrases (any language) mapped to what
// they mean for naming: an anatomical root, a side, a target type, a helper
// mark, a dose word... Loaded from TSV files under data/lexicon/ (schema in
// docs/lexicon.md). Keys are normalised exactly like names (tokenizer +
// NFKC case fold), so files are written naturally.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"

namespace roiname {

class NameCatalog;

// Lets hash containers keyed by std::string be searched with a string_view
// (no allocation per lookup: the reader looks up many substrings).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

enum class SenseKind {
  anatomy,     // value: TG-263 root without side ("Parotid", "Lungs")
  side,        // value: L, R or B (both)
  target,      // value: type, optionally ",classifier" ("PTV", "GTV,n")
  classifier,  // value: p, n, sb, par, v, vas
  level,       // value: High, Mid, Low (relative dose level)
  unit,        // value: gy, cgy, mm, cm
  prv,         // planning organ-at-risk volume
  partial,     // partial organ (~)
  position,    // value: Sup, Inf, Mid, Ant, Post, Prox, Dist, Med, Lat
  helper,      // planning helper mark (z, opt, avoid, ring, shell ...) → AUX
  op,          // value: plus, minus, and
  union_word,  // "all", "total", "combined": union of several structures
  dose_calc,   // value: body, device, support, bolus, override, marker, ... → DOSE
  noise,       // words to ignore (initials, versions, "study", "new", ...)
  indicator,   // value: a target indicator ("Eval"): PTV_Eval_5040
};

std::string_view to_string(SenseKind kind);
// The kind spelled `text` (as in cues.tsv), or false.
bool parse_sense_kind(std::string_view text, SenseKind& kind);

struct Sense {
  SenseKind kind = SenseKind::noise;
  std::string value;
  std::string lang;           // en de nl ... abbr, "tg263" for terms derived from the table
  std::string source;         // "anatomy.tsv:12"
  bool site_decides = false;  // "ambiguous:" with no preferred sense: only a site chooses
  bool standalone = false;    // "standalone" note: a word of its own at an end of the name ("Parótida E")
};

struct LexiconEntry {
  std::string term;  // as written in the file
  std::string key;   // normalised key
  Sense sense;
};

// Where the lexicon comes from: contents of the TSV files (not paths).
struct LexiconSources {
  std::vector<std::pair<std::string, std::string>> anatomy;  // (file name, content)
  std::vector<std::pair<std::string, std::string>> sides;
  std::vector<std::pair<std::string, std::string>> cues;
};

// The normalised lookup key of a term or of a run of name words.
std::string lexicon_key(std::string_view term);

class Lexicon {
 public:
  // Builds from TSV contents. Fails on a malformed line (message names the
  // file and line). `catalog`, when given, adds terms derived from the
  // TG-263 names and descriptions for keys the files do not define.
  static Result<Lexicon> build(const LexiconSources& sources, const NameCatalog* catalog);

  // The lexicon built from every data/lexicon/*.tsv embedded in the binary
  // plus the TG-263 table (anatomy*.tsv, sides*.tsv, cues*.tsv).
  static const Lexicon& embedded();
  // The embedded sources (for tests and for --lexicon overrides).
  static LexiconSources embedded_sources();

  // Senses of a normalised key ("optic nerve"), or nullptr. Accent-free and
  // word-order-free keys of multi-word terms are also indexed.
  const std::vector<Sense>* find(std::string_view key) const;
  // Senses of a multi-word key whose words appear in another order.
  const std::vector<Sense>* find_unordered(std::string_view key) const;
  // True when `word` is a single-word key or a word of a multi-word key.
  bool knows_word(std::string_view word) const { return words_.find(word) != words_.end(); }
  // The closest known word within `max_distance` edits (Damerau–Levenshtein)
  // that starts with the same letter (ASCII words only),
  // or empty. The shortest, then alphabetically first, wins a tie (deterministic);
  // `tie` says whether another candidate at that distance means something else.
  // `before` and `after` are the words beside it: between two words known
  // only inside phrases, the one that makes a phrase with them wins.
  // `other_lengths` leaves out words as long as `word` (no changed letter).
  std::string nearest_word(std::string_view word, int max_distance, int* distance, bool* tie,
                           std::string_view before = {}, std::string_view after = {},
                           bool other_lengths = false) const;

  // The one known word that `prefix` (≥ 5 letters) abbreviates by
  // truncation, when the candidates all mean the same; or empty.
  std::string completion(std::string_view prefix) const;

  // The one known word (by meaning) that `word` (≥ 4 letters) writes with
  // vowels left out ("submandblr": submandibular, "prtd": parotid); or empty.
  std::string without_vowels_of(std::string_view word) const;

  // The one known word (by meaning) that `word` spells with each "?" one
  // lost letter ("est?mago": estomago, "l?vres": levres); accents of `word`
  // are ignored. Empty when none or several meanings fit.
  std::string with_lost_letters(std::string_view word) const;

  // The words of the one multi-word anatomy term (2 or 3 words) that
  // `words` abbreviate, each written with its first letter and some of its
  // letters in order, two letters only as its start ("pen blb": penile
  // bulb, "int aud cnl": internal auditory canal), when every such term
  // means the same; or empty.
  std::vector<std::string> abbreviated_phrase(const std::vector<std::string>& words) const;

  std::size_t max_phrase_words() const { return max_phrase_words_; }
  const std::vector<LexiconEntry>& entries() const { return entries_; }

 private:
  void add(LexiconEntry entry, bool only_if_new, bool register_words = true);

  std::vector<LexiconEntry> entries_;
  StringMap<std::vector<Sense>> by_key_;
  StringMap<std::vector<Sense>> by_sorted_key_;
  StringSet words_;
  std::vector<std::string> fuzzy_words_;  // sorted, ASCII, ≥ 4 letters
  // Fuzzy words by (length, first letter): a typo rarely hits the first letter.
  std::vector<std::array<std::vector<const std::string*>, 26>> by_length_;
  // ASCII anatomy terms of 2 or 3 words, split, by the first letter.
  std::array<std::vector<std::vector<std::string>>, 26> phrases_by_initial_;
  std::size_t max_phrase_words_ = 1;
};

}  // namespace roiname
