// Invariants of the engine's vocabulary (data/lexicon/sides.tsv, cues.tsv,
// compound_targets.tsv) and of the normaliser and tokenizer it relies on.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "core/embedded_data.h"
#include "core/engine/catalog.h"
#include "core/engine/lexicon.h"
#include "core/engine/reader.h"
#include "core/engine/rules_engine.h"
#include "core/engine/tokenizer.h"
#include "core/nomenclature/protocol.h"
#include "core/nomenclature/target_name.h"
#include "core/text/normalize.h"

namespace roiname {
namespace {

TEST(Normalize, FoldsCaseAndCompatibilityForms) {
  EXPECT_EQ(fold_case("PTV_70"), "ptv_70");
  EXPECT_EQ(fold_case("ＰＴＶ７０"), "ptv70");  // full-width forms (NFKC)
  EXPECT_EQ(fold_case("RÜCKENMARK"), "rückenmark");
  EXPECT_EQ(strip_accents("hörnerv"), "hornerv");
  EXPECT_EQ(strip_accents("glándula"), "glandula");
}

TEST(Tokenizer, SplitsSeparatorsCaseChangesAndDigits) {
  auto texts = [](std::string_view raw) {
    std::vector<std::string> out;
    for (const Token& t : tokenize(raw)) out.push_back(t.text);
    return out;
  };
  EXPECT_EQ(texts("z_Lt Parotid PRV 3mm"),
            (std::vector<std::string>{"z", "lt", "parotid", "prv", "3", "mm"}));
  EXPECT_EQ(texts("OpticNerve_L"), (std::vector<std::string>{"optic", "nerve", "l"}));
  EXPECT_EQ(texts("PTV_50.4Gy"), (std::vector<std::string>{"ptv", "50.4", "gy"}));
  EXPECT_EQ(texts("PTV70+PTV60"), (std::vector<std::string>{"ptv", "70", "+", "ptv", "60"}));
  EXPECT_EQ(texts("左腮腺"), (std::vector<std::string>{"左腮腺"}));
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize("\xff\xfe").empty()) << "invalid UTF-8 is a separator, not a crash";
}

TEST(Reader, ReadsTheDesignExamples) {
  const Lexicon& lexicon = Lexicon::embedded();
  Reading r = read_name("z_Lt Parotid PRV 3mm", lexicon);
  std::vector<SenseKind> kinds;
  for (const Part& p : r.parts)
    if (p.type == Part::Type::sense) kinds.push_back(p.sense.kind);
  EXPECT_EQ(kinds, (std::vector<SenseKind>{SenseKind::helper, SenseKind::side, SenseKind::anatomy,
                                           SenseKind::prv, SenseKind::unit}));
  EXPECT_DOUBLE_EQ(r.coverage(), 1.0);
  Reading glued = read_name("prv05lacrimal", lexicon);
  EXPECT_EQ(glued.parts.front().sense.kind, SenseKind::prv);
}

TEST(LexiconFiles, EmbeddedLexiconBuilds) {
  Result<Lexicon> built = Lexicon::build(Lexicon::embedded_sources(), &NameCatalog::tg263());
  ASSERT_TRUE(built.ok()) << built.error().message;
  EXPECT_GT(built->entries().size(), 1000u);
}

TEST(LexiconFiles, MalformedLineIsAnErrorWithItsLine) {
  LexiconSources sources;
  sources.cues.push_back({"cues.tsv", "term\tkind\tvalue\tnote\nfoo\tnot_a_kind\tx\t\n"});
  Result<Lexicon> built = Lexicon::build(sources, nullptr);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.error().message.find("cues.tsv:2"), std::string::npos);
}

// Sides and cues: one meaning per (term, kind), valid values per kind.
TEST(LexiconFiles, SideAndCueEntriesAreUniqueAndValid) {
  LexiconSources sources = Lexicon::embedded_sources();
  LexiconSources only;
  only.sides = sources.sides;
  only.cues = sources.cues;
  Result<Lexicon> built = Lexicon::build(only, nullptr);
  ASSERT_TRUE(built.ok()) << built.error().message;
  std::map<std::pair<std::string, SenseKind>, std::string> seen;
  std::set<std::pair<std::string, SenseKind>> written;
  const std::set<std::string> classifiers = {"p", "n", "sb", "par", "v", "vas"};
  const std::set<std::string> levels = {"High", "Mid", "Low"};
  const std::set<std::string> units = {"gy", "cgy", "mm", "cm", "cc", "fx"};
  for (const LexiconEntry& e : built->entries()) {
    SCOPED_TRACE(e.sense.source + " '" + e.term + "'");
    auto [it, inserted] = seen.emplace(std::make_pair(e.key, e.sense.kind), e.sense.value);
    EXPECT_TRUE(inserted || it->second == e.sense.value) << "same term and kind with two values: shadowed";
    // A second row written the same is a leftover of a merge (spellings that
    // fold alike, außen/aussen, are fine).
    EXPECT_TRUE(written.insert({e.term, e.sense.kind}).second) << "the same term and kind twice";
    switch (e.sense.kind) {
      case SenseKind::side:
        EXPECT_TRUE(e.sense.value == "L" || e.sense.value == "R" || e.sense.value == "B" ||
                    e.sense.value == "C" || e.sense.value == "I");
        break;
      case SenseKind::classifier:
        EXPECT_TRUE(classifiers.count(e.sense.value));
        break;
      case SenseKind::level:
        EXPECT_TRUE(levels.count(e.sense.value));
        break;
      case SenseKind::unit:
        EXPECT_TRUE(units.count(e.sense.value));
        break;
      case SenseKind::target: {
        std::string type = e.sense.value;
        if (type.starts_with("?")) type.erase(0, 1);
        std::string name = type.substr(0, type.find(',')) +
                           (type.find(',') == std::string::npos ? "" : type.substr(type.find(',') + 1));
        EXPECT_TRUE(parse_target_name(name).ok()) << name;
        break;
      }
      case SenseKind::anatomy: {
        // Cue anatomy entries are prefixes completed by a number (VB_C + 2).
        const auto& rows = NameCatalog::tg263().rows();
        EXPECT_TRUE(std::any_of(rows.begin(), rows.end(),
                                [&](const CatalogRow& row) { return row.name.starts_with(e.sense.value); }));
        break;
      }
      default:
        break;
    }
  }
}

TEST(LexiconFiles, EveryAnatomyRootIsATableNameOrComposition) {
  const Protocol& protocol = default_protocol();
  for (const LexiconEntry& e : Lexicon::embedded().entries()) {
    if (e.sense.kind != SenseKind::anatomy || e.sense.lang == "cue") continue;
    if (e.sense.value == "-") {
      // Anatomy TG-263 has no name for: only from anatomy_unnamed.tsv.
      EXPECT_TRUE(e.sense.source.starts_with("lexicon/anatomy_unnamed.tsv")) << e.sense.source;
      continue;
    }
    const bool known = NameCatalog::tg263().find(e.sense.value) != nullptr ||
                       NameCatalog::tg263().find(e.sense.value + "_L") != nullptr ||
                       validate_name(e.sense.value, protocol).valid;
    EXPECT_TRUE(known) << e.sense.source << ": " << e.sense.value;
  }
}

TEST(LexiconFiles, UnnamedAnatomyIsNotNamedElsewhere) {
  // A term of anatomy_unnamed.tsv must not also map to a TG-263 root: the
  // file is for what the table lacks.
  const Lexicon& lexicon = Lexicon::embedded();
  int unnamed = 0;
  for (const LexiconEntry& e : lexicon.entries()) {
    if (e.sense.value != "-") continue;
    ++unnamed;
    const std::vector<Sense>* senses = lexicon.find(e.key);
    ASSERT_NE(senses, nullptr) << e.term;
    for (const Sense& sense : *senses)
      EXPECT_FALSE(sense.kind == SenseKind::anatomy && sense.value != "-")
          << e.term << " is also " << sense.value << " (" << sense.source << ")";
  }
  EXPECT_GT(unnamed, 10);
  auto pleura = RulesEngine().decide(naming_input_from_names({"L-pleura"}), default_protocol());
  EXPECT_EQ(pleura.rois[0].roi_class, RoiClass::OAR);
  EXPECT_EQ(pleura.rois[0].standard_name, "unknown");
  EXPECT_TRUE(pleura.rois[0].needs_review);
}

TEST(LexiconFiles, CompoundTargetRootsExist) {
  std::string_view text = embedded_file("lexicon/compound_targets.tsv").value_or("");
  ASSERT_FALSE(text.empty());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line[0] == '#' || line.starts_with("roots\t")) continue;
    std::string roots = line.substr(0, line.find('\t'));
    for (std::size_t from = 0; from <= roots.size();) {
      std::size_t plus = roots.find('+', from);
      if (plus == std::string::npos) plus = roots.size();
      EXPECT_NE(NameCatalog::tg263().find(roots.substr(from, plus - from)), nullptr) << line;
      from = plus + 1;
    }
  }
}

// Same input → same output, whatever the thread it runs on.
TEST(Determinism, SameDecisionsOnOneAndEightThreads) {
  const std::vector<std::string> names = {"Lt Parotid", "PTV 70",      "z_ring",    "rtparotid",
                                          "左腮腺",     "Lunge links", "PGTVnd",    "Brrainstem",
                                          "BODY",       "xyzzy",       "Lungs-GTV", "CTV_HR"};
  auto run = [&](std::size_t i) {
    RulesEngine engine;
    auto d = engine.decide(naming_input_from_names({names[i]}), default_protocol()).rois.front();
    return d.standard_name + "|" + std::string(to_string(d.roi_class)) + "|" + std::to_string(d.confidence) +
           "|" + std::to_string(d.reasons.size());
  };
  std::vector<std::string> sequential(names.size()), parallel(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) sequential[i] = run(i);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < names.size(); i += 8) parallel[i] = run(i);
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sequential, parallel);
  EXPECT_EQ(sequential, [&] {
    std::vector<std::string> again(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) again[i] = run(i);
    return again;
  }());
}

}  // namespace
}  // namespace roiname
