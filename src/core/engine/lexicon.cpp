#include "core/engine/lexicon.h"

#include <algorithm>
#include <array>

#include "core/embedded_data.h"
#include "core/engine/catalog.h"
#include "core/engine/tokenizer.h"
#include "core/text/normalize.h"

namespace roiname {
namespace {

constexpr std::array<std::pair<SenseKind, std::string_view>, 15> kKindNames = {{
    {SenseKind::anatomy, "anatomy"},
    {SenseKind::side, "side"},
    {SenseKind::target, "target"},
    {SenseKind::classifier, "classifier"},
    {SenseKind::level, "level"},
    {SenseKind::unit, "unit"},
    {SenseKind::prv, "prv"},
    {SenseKind::partial, "partial"},
    {SenseKind::position, "position"},
    {SenseKind::helper, "helper"},
    {SenseKind::op, "operator"},
    {SenseKind::union_word, "union"},
    {SenseKind::dose_calc, "dose_calc"},
    {SenseKind::noise, "noise"},
    {SenseKind::indicator, "indicator"},
}};

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> fields(1);
  for (char c : line) {
    if (c == '\t')
      fields.emplace_back();
    else if (c != '\r')
      fields.back() += c;
  }
  return fields;
}

std::string sorted_words(std::string_view key) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= key.size()) {
    std::size_t end = key.find(' ', start);
    if (end == std::string_view::npos) end = key.size();
    words.emplace_back(key.substr(start, end - start));
    start = end + 1;
  }
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

int damerau_levenshtein(std::string_view a, std::string_view b, int limit) {
  const std::size_t n = a.size(), m = b.size();
  thread_local std::vector<int> d;  // (n+1)×(m+1), reused: no allocation per call
  d.assign((n + 1) * (m + 1), 0);
  auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
  for (std::size_t i = 0; i <= n; ++i) d[at(i, 0)] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[at(0, j)] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    int row_min = limit + 1;
    for (std::size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int value = std::min({d[at(i - 1, j)] + 1, d[at(i, j - 1)] + 1, d[at(i - 1, j - 1)] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        value = std::min(value, d[at(i - 2, j - 2)] + 1);
      d[at(i, j)] = value;
      row_min = std::min(row_min, value);
    }
    if (row_min > limit) return limit + 1;
  }
  return d[at(n, m)];
}

// Lower bound of the edit distance from letter counts: cheap pre-filter.
int letter_gap(std::string_view a, std::string_view b) {
  int counts[26] = {};
  for (char c : a) ++counts[(c - 'a') % 26];
  for (char c : b) --counts[(c - 'a') % 26];
  int plus = 0, minus = 0;
  for (int v : counts) (v > 0 ? plus : minus) += v > 0 ? v : -v;
  return std::max(plus, minus);
}

// The order of a sense among those of an ambiguous term, from its note:
// "ambiguous, preferred" 0, "ambiguous, secondary" 2, otherwise 1.
int ambiguity_rank(const std::vector<std::string>& fields) {
  if (fields.size() < 4 || fields[3].find("ambiguous") == std::string::npos) return 1;
  if (fields[3].find("preferred") != std::string::npos) return 0;
  return fields[3].find("secondary") != std::string::npos ? 2 : 1;
}

Result<bool> read_tsv(const std::string& file, const std::string& content, int kind_column,
                      SenseKind fixed_kind, std::vector<LexiconEntry>& out, std::vector<int>& ranks) {
  int line_number = 0;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    std::string_view line(content.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::vector<std::string> fields = split_tabs(line);
    if (line_number == 1 && (fields[0] == "term" || fields[0] == "root_or_term")) continue;
    if (fields.size() < 3 || fields[0].empty() || fields[1].empty())
      return Error{file + ":" + std::to_string(line_number) + ": expected at least 3 tab-separated columns"};
    LexiconEntry entry;
    entry.term = fields[0];
    entry.key = lexicon_key(fields[0]);
    if (entry.key.empty())
      return Error{file + ":" + std::to_string(line_number) + ": term has no letters or digits"};
    entry.sense.source = file + ":" + std::to_string(line_number);
    if (kind_column < 0) {
      entry.sense.kind = fixed_kind;
      entry.sense.value = fields[1];
      entry.sense.lang = fields[2];
    } else {
      if (!parse_sense_kind(fields[1], entry.sense.kind))
        return Error{file + ":" + std::to_string(line_number) + ": unknown kind '" + fields[1] + "'"};
      entry.sense.value = fields[2];
      entry.sense.lang = "cue";
    }
    entry.sense.site_decides = kind_column < 0 && fields.size() >= 4 && fields[3].starts_with("ambiguous:");
    entry.sense.standalone = entry.sense.kind == SenseKind::side && fields.size() >= 4 &&
                             fields[3].find("standalone") != std::string::npos;
    out.push_back(std::move(entry));
    ranks.push_back(kind_column < 0 ? ambiguity_rank(fields) : 1);
  }
  return true;
}

bool ends_with_side(std::string_view name) {
  return name.size() > 2 && (name.ends_with("_L") || name.ends_with("_R"));
}

}  // namespace

std::string_view to_string(SenseKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "noise";
}

bool parse_sense_kind(std::string_view text, SenseKind& kind) {
  for (const auto& [k, name] : kKindNames)
    if (name == text) {
      kind = k;
      return true;
    }
  return false;
}

std::string lexicon_key(std::string_view term) {
  std::string key;
  const std::vector<Token> tokens = tokenize(term);
  for (const Token& token : tokens) {
    // A hyphen joins words in terms ("sous-mandibulaire"); keys ignore it.
    if (token.kind == TokenKind::op && token.text == "-" && tokens.size() > 1) continue;
    if (!key.empty()) key += ' ';
    key += token.text;
  }
  return key;
}

void Lexicon::add(LexiconEntry entry, bool only_if_new, bool register_words) {
  if (only_if_new && by_key_.count(entry.key) != 0) return;
  auto& senses = by_key_[entry.key];
  bool duplicate = std::any_of(senses.begin(), senses.end(), [&](const Sense& s) {
    return s.kind == entry.sense.kind && s.value == entry.sense.value;
  });
  if (!duplicate) senses.push_back(entry.sense);
  std::string stripped = strip_accents(entry.key);
  if (stripped != entry.key) {
    auto& plain = by_key_[stripped];
    if (std::none_of(plain.begin(), plain.end(), [&](const Sense& s) {
          return s.kind == entry.sense.kind && s.value == entry.sense.value;
        }))
      plain.push_back(entry.sense);
  }
  std::size_t words = 1 + static_cast<std::size_t>(std::count(entry.key.begin(), entry.key.end(), ' '));
  if (words > 1) {
    auto& unordered = by_sorted_key_[sorted_words(stripped)];
    if (std::none_of(unordered.begin(), unordered.end(), [&](const Sense& s) {
          return s.kind == entry.sense.kind && s.value == entry.sense.value;
        }))
      unordered.push_back(entry.sense);
  }
  max_phrase_words_ = std::max(max_phrase_words_, words);
  for (const std::string& key : {entry.key, stripped}) {
    if (!register_words) break;
    std::size_t start = 0;
    while (start <= key.size()) {
      std::size_t end = key.find(' ', start);
      if (end == std::string::npos) end = key.size();
      words_.insert(key.substr(start, end - start));
      start = end + 1;
    }
  }
  entries_.push_back(std::move(entry));
}

Result<Lexicon> Lexicon::build(const LexiconSources& sources, const NameCatalog* catalog) {
  std::vector<LexiconEntry> loaded;
  std::vector<int> ranks;
  for (const auto& [file, content] : sources.anatomy)
    if (auto ok = read_tsv(file, content, -1, SenseKind::anatomy, loaded, ranks); !ok) return ok.error();
  for (const auto& [file, content] : sources.sides)
    if (auto ok = read_tsv(file, content, -1, SenseKind::side, loaded, ranks); !ok) return ok.error();
  for (const auto& [file, content] : sources.cues)
    if (auto ok = read_tsv(file, content, 1, SenseKind::noise, loaded, ranks); !ok) return ok.error();

  // Senses keep insertion order and the reader takes the first of the kind it
  // wants, so the preferred sense of an ambiguous term goes in first.
  std::vector<std::size_t> order(loaded.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
  Lexicon lexicon;
  for (std::size_t i : order) lexicon.add(std::move(loaded[i]), false);

  // Terms the TG-263 table itself teaches: its names read as words
  // ("OpticNrv" → "optic nrv") and its descriptions ("Lacrimal Gland Right").
  if (catalog != nullptr) {
    for (const CatalogRow& row : catalog->rows()) {
      if (row.target_type != "Anatomic") continue;
      std::string root = ends_with_side(row.name) ? row.name.substr(0, row.name.size() - 2) : row.name;
      // A sided row teaches its root only when the table also has the other
      // side or the side-less name (guards against misspelt rows).
      if (ends_with_side(row.name) && catalog->find(root) == nullptr &&
          (catalog->find(root + "_L") == nullptr || catalog->find(root + "_R") == nullptr))
        continue;
      Sense sense{SenseKind::anatomy, root, "tg263", "tg263:" + row.name};
      lexicon.add({root, lexicon_key(root), sense}, true);
      // Without its standard prefix the root still names the concept
      // ("Glnd_Submand" → "submand", "A_Carotid" → "carotid").
      for (std::string_view prefix : {"A_", "V_", "LN_", "CN_", "Glnd_", "Bone_", "Musc_", "Spc_", "Sinus_"})
        if (root.starts_with(prefix) && root.size() > prefix.size() + 3) {
          std::string rest = root.substr(prefix.size());
          lexicon.add({rest, lexicon_key(rest), sense}, true);
        }
      std::string description = lexicon_key(row.description);
      if (ends_with_side(row.name)) {
        std::string kept;
        std::size_t start = 0;
        while (start <= description.size()) {
          std::size_t end = description.find(' ', start);
          if (end == std::string::npos) end = description.size();
          std::string word = description.substr(start, end - start);
          if (word != "left" && word != "right") kept += (kept.empty() ? "" : " ") + word;
          start = end + 1;
        }
        description = kept;
      }
      // A one-word generic description ("Structure" of Strct) names no organ.
      const bool generic = description == "structure" || description == "structures";
      if (!description.empty() && !generic && std::count(description.begin(), description.end(), ' ') < 4)
        lexicon.add({row.description, description, sense}, true, false);
    }
  }

  for (const std::string& word : lexicon.words_) {
    bool ascii_letters = word.size() >= 4 &&
                         std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (ascii_letters) lexicon.fuzzy_words_.push_back(word);
  }
  std::sort(lexicon.fuzzy_words_.begin(), lexicon.fuzzy_words_.end());
  for (const std::string& word : lexicon.fuzzy_words_) {
    if (lexicon.by_length_.size() <= word.size()) lexicon.by_length_.resize(word.size() + 1);
    lexicon.by_length_[word.size()][static_cast<std::size_t>(word[0] - 'a')].push_back(&word);
  }
  for (const LexiconEntry& entry : lexicon.entries_) {
    const std::string& key = entry.key;
    const std::size_t spaces = static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '));
    const bool ascii =
        std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == ' '; });
    if (entry.sense.kind != SenseKind::anatomy || spaces < 1 || spaces > 2 || !ascii) continue;
    std::vector<std::string> words;
    for (std::size_t start = 0; start <= key.size();) {
      const std::size_t end = std::min(key.find(' ', start), key.size());
      words.push_back(key.substr(start, end - start));
      start = end + 1;
    }
    lexicon.phrases_by_initial_[static_cast<std::size_t>(key[0] - 'a')].push_back(std::move(words));
  }
  for (auto& phrases : lexicon.phrases_by_initial_) {
    std::sort(phrases.begin(), phrases.end());
    phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
  }
  return lexicon;
}

LexiconSources Lexicon::embedded_sources() {
  LexiconSources sources;
  for (const EmbeddedFile& file : embedded_files()) {
    if (!file.path.starts_with("lexicon/") || !file.path.ends_with(".tsv")) continue;
    std::string_view name = file.path.substr(8);
    auto pair = std::make_pair(std::string(file.path), std::string(file.content));
    if (name.starts_with("anatomy"))
      sources.anatomy.push_back(pair);
    else if (name.starts_with("sides"))
      sources.sides.push_back(pair);
    else if (name.starts_with("cues"))
      sources.cues.push_back(pair);
  }
  return sources;
}

const Lexicon& Lexicon::embedded() {
  static const Lexicon lexicon = [] {
    Result<Lexicon> built = build(embedded_sources(), &NameCatalog::tg263());
    // The embedded files are tested; a broken one still yields a usable (empty) lexicon.
    return built.ok() ? std::move(built).value() : Lexicon{};
  }();
  return lexicon;
}

std::string Lexicon::completion(std::string_view prefix) const {
  if (prefix.size() < 5) return {};
  auto it =
      std::lower_bound(fuzzy_words_.begin(), fuzzy_words_.end(), prefix,
                       [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
  // The completions with a meaning; the prefix abbreviates the shortest one
  // when every completion of another meaning is clearly longer ("prosta":
  // prostate, not prostatabett); otherwise it is ambiguous.
  std::vector<std::pair<std::string, const std::vector<Sense>*>> found;
  for (; it != fuzzy_words_.end() && it->starts_with(prefix); ++it)
    if (const std::vector<Sense>* senses = find(*it)) found.emplace_back(*it, senses);
  if (found.empty()) return {};
  const auto shortest = std::min_element(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first.size() < b.first.size() || (a.first.size() == b.first.size() && a.first < b.first);
  });
  const Sense& meaning = shortest->second->front();
  for (const auto& [word, senses] : found) {
    const bool same = senses->front().kind == meaning.kind && senses->front().value == meaning.value;
    if (!same && word.size() < shortest->first.size() + 3) return {};
  }
  return shortest->first;
}

namespace {

// True when `short_form` is `word` with one or more vowels left out, the
// first letter kept.
bool drops_only_vowels(std::string_view short_form, std::string_view word) {
  if (short_form.empty() || word.size() <= short_form.size() || short_form[0] != word[0]) return false;
  std::size_t i = 0;
  for (char c : word) {
    if (i < short_form.size() && short_form[i] == c)
      ++i;
    else if (std::string_view("aeiouy").find(c) == std::string_view::npos)
      return false;
  }
  return i == short_form.size();
}

}  // namespace

std::string Lexicon::without_vowels_of(std::string_view word) const {
  if (word.size() < 4 || word[0] < 'a' || word[0] > 'z') return {};
  // The shortest spelling decides ("prtd": parotid, not the plural parotidi).
  std::string found;
  const Sense* meaning = nullptr;
  for (std::size_t length = word.size() + 1;
       meaning == nullptr && length <= 2 * word.size() && length < by_length_.size(); ++length)
    for (const std::string* candidate : by_length_[length][static_cast<std::size_t>(word[0] - 'a')]) {
      if (!drops_only_vowels(word, *candidate)) continue;
      const std::vector<Sense>* senses = find(*candidate);
      if (senses == nullptr || senses->empty()) continue;
      const Sense& sense = senses->front();
      if (meaning != nullptr && (meaning->kind != sense.kind || meaning->value != sense.value)) return {};
      if (meaning == nullptr) found = *candidate;
      meaning = &sense;
    }
  return found;
}

std::string Lexicon::with_lost_letters(std::string_view word) const {
  const std::string plain = strip_accents(word);
  if (!std::all_of(plain.begin(), plain.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '?'; }))
    return {};
  // "ri??n": two marks may be the two UTF-8 bytes of one letter.
  std::vector<std::string> spellings = {plain};
  std::string single;
  for (std::size_t k = 0; k < plain.size(); ++k)
    if (!(plain[k] == '?' && k > 0 && plain[k - 1] == '?')) single.push_back(plain[k]);
  if (single != plain) spellings.push_back(single);
  std::string found;
  const Sense* meaning = nullptr;
  bool phrase_word = false;
  for (const std::string& spelling : spellings) {
    if (spelling.size() < 4 || spelling.size() >= by_length_.size()) continue;
    for (std::size_t initial = 0; initial < 26; ++initial) {
      if (spelling[0] != '?' && static_cast<std::size_t>(spelling[0] - 'a') != initial) continue;
      for (const std::string* candidate : by_length_[spelling.size()][initial]) {
        bool fits = true;
        for (std::size_t k = 0; fits && k < spelling.size(); ++k)
          fits = spelling[k] == '?' || spelling[k] == (*candidate)[k];
        if (!fits || *candidate == found) continue;
        const std::vector<Sense>* senses = find(*candidate);
        if (senses == nullptr || senses->empty()) {
          // A word known only in phrases ("f?morale" of "tete femorale"):
          // only when it is the one candidate.
          if (!found.empty()) return {};
          found = *candidate;
          phrase_word = true;
          continue;
        }
        if (phrase_word) return {};
        const Sense& sense = senses->front();
        if (meaning != nullptr && (meaning->kind != sense.kind || meaning->value != sense.value)) return {};
        if (meaning == nullptr) found = *candidate;
        meaning = &sense;
      }
    }
  }
  return found;
}

std::vector<std::string> Lexicon::abbreviated_phrase(const std::vector<std::string>& words) const {
  if (words.size() < 2 || words.front().empty() || words.front()[0] < 'a' || words.front()[0] > 'z')
    return {};
  // `short_form` keeps the first letter of `word` and some others, in order.
  const auto abbreviates = [](const std::string& short_form, const std::string& word) {
    if (short_form.size() > word.size() || short_form[0] != word[0]) return false;
    if (short_form.size() == 2) return word.starts_with(short_form);  // "ed" is no ethmoid
    std::size_t i = 0;
    for (char c : word)
      if (i < short_form.size() && short_form[i] == c) ++i;
    return i == short_form.size();
  };
  const std::vector<std::string>* found = nullptr;
  const Sense* meaning = nullptr;
  for (const std::vector<std::string>& phrase :
       phrases_by_initial_[static_cast<std::size_t>(words[0][0] - 'a')]) {
    if (phrase.size() != words.size()) continue;
    bool fits = true;
    for (std::size_t k = 0; fits && k < words.size(); ++k) fits = abbreviates(words[k], phrase[k]);
    if (!fits) continue;
    std::string key = phrase[0];
    for (std::size_t k = 1; k < phrase.size(); ++k) key += " " + phrase[k];
    const std::vector<Sense>* senses = find(key);
    if (senses == nullptr) continue;
    for (const Sense& sense : *senses) {
      if (sense.kind != SenseKind::anatomy) continue;
      // "inn ear": inner ear, not the union of both (inner ears).
      if (meaning != nullptr && sense.value + "s" == meaning->value)
        found = nullptr;
      else if (meaning != nullptr && meaning->value + "s" == sense.value)
        continue;
      else if (meaning != nullptr && sense.value != meaning->value)
        return {};
      meaning = &sense;
      if (found == nullptr) found = &phrase;
    }
  }
  return found == nullptr ? std::vector<std::string>{} : *found;
}

const std::vector<Sense>* Lexicon::find(std::string_view key) const {
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return &it->second;
  // "masséter" for the term "masseter": accents a term was written without.
  const bool ascii =
      std::all_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return nullptr;
  const std::string plain = strip_accents(key);
  if (plain == key) return nullptr;
  it = by_key_.find(std::string_view(plain));
  return it == by_key_.end() ? nullptr : &it->second;
}

const std::vector<Sense>* Lexicon::find_unordered(std::string_view key) const {
  auto it = by_sorted_key_.find(std::string_view(sorted_words(strip_accents(key))));
  return it == by_sorted_key_.end() ? nullptr : &it->second;
}

namespace {

// True when `word` is `candidate` with one doubled letter written once
// ("hipocampus") or one letter written twice ("bladdder").
bool doubled_letter_slip(std::string_view word, std::string_view candidate) {
  const auto dropped = [](std::string_view longer, std::string_view shorter) {
    if (longer.size() != shorter.size() + 1) return false;
    for (std::size_t i = 0; i + 1 < longer.size(); ++i)
      if (longer[i] == longer[i + 1] && shorter.substr(0, i) == longer.substr(0, i) &&
          shorter.substr(i) == longer.substr(i + 1))
        return true;
    return false;
  };
  return dropped(candidate, word) || dropped(word, candidate);
}

}  // namespace

std::string Lexicon::nearest_word(std::string_view word, int max_distance, int* distance, bool* tie,
                                  std::string_view before, std::string_view after, bool other_lengths) const {
  const auto in_phrase_here = [&](const std::string& candidate) {
    const auto phrase = [&](std::string key) {
      return find(key) != nullptr || find_unordered(key) != nullptr;
    };
    return (!before.empty() && phrase(std::string(before) + " " + candidate)) ||
           (!after.empty() && phrase(candidate + " " + std::string(after)));
  };
  std::string best;
  int best_distance = max_distance + 1;
  bool best_tie = false;
  const bool ascii =
      !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const std::size_t low = word.size() > static_cast<std::size_t>(max_distance)
                              ? word.size() - static_cast<std::size_t>(max_distance)
                              : 0;
  for (std::size_t length = low;
       ascii && length <= word.size() + static_cast<std::size_t>(max_distance) && length < by_length_.size();
       ++length) {
    if (other_lengths && length == word.size()) continue;
    for (const std::string* candidate_pointer :
         by_length_[length][static_cast<std::size_t>(word.empty() ? 0 : word[0] - 'a')]) {
      const std::string& candidate = *candidate_pointer;
      if (letter_gap(word, candidate) > max_distance) continue;
      int d = damerau_levenshtein(word, candidate, max_distance);
      if (d < best_distance) {
        best = candidate;
        best_distance = d;
        best_tie = false;
      } else if (d == best_distance && d <= max_distance) {
        // A tie matters only when the candidates mean different things. A
        // word known only inside phrases ("prostatc" of "urethra prostatc")
        // gives way to a word with a meaning of its own.
        const std::vector<Sense>* a = find(best);
        const std::vector<Sense>* b = find(candidate);
        if (b == nullptr && a != nullptr) continue;
        if (a == nullptr && b != nullptr) {
          best = candidate;
          continue;
        }
        // "seminal vesicals": vesicles (of the phrase here), not vesical.
        if (a == nullptr && b == nullptr && in_phrase_here(best) != in_phrase_here(candidate)) {
          if (in_phrase_here(candidate)) best = candidate;
          continue;
        }
        bool same = a != nullptr && b != nullptr && a->front().kind == b->front().kind &&
                    a->front().value == b->front().value;
        // "hipocampus": a doubled letter written once (or a letter written
        // twice) is the likeliest slip, so that candidate wins the tie.
        if (!same && d == 1 && doubled_letter_slip(word, best) != doubled_letter_slip(word, candidate)) {
          if (doubled_letter_slip(word, candidate)) {
            best = candidate;
            best_tie = false;
          }
          continue;
        }
        if (!same) best_tie = true;
      }
    }
  }
  if (distance != nullptr) *distance = best_distance;
  if (tie != nullptr) *tie = best_tie;
  return best_distance <= max_distance ? best : std::string();
}

}  // namespace roiname
