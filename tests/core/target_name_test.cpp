// The TG-263 target grammar: table-driven cases from data/target_names.tsv,
// a seeded round-trip property over random component sets, styles, the
// 16-character rule and equivalence.
#include "core/nomenclature/target_name.h"

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace roiname {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) cells.push_back(cell);
  if (!line.empty() && line.back() == '\t') cells.push_back("");
  return cells;
}

struct GrammarCase {
  int line = 0;
  std::vector<std::string> cells;
};

std::vector<GrammarCase> read_cases() {
  std::ifstream in(testing::source_dir() / "tests/core/data/target_names.tsv");
  std::vector<GrammarCase> cases;
  std::string text;
  int line = 0;
  bool header = true;
  while (std::getline(in, text)) {
    ++line;
    if (text.starts_with('#')) continue;
    if (header) {
      header = false;
      continue;
    }
    cases.push_back({line, split_tabs(text)});
  }
  return cases;
}

std::string dose_cell(const TargetDose& dose) {
  switch (dose.kind) {
    case TargetDose::Kind::none:
      return "";
    case TargetDose::Kind::relative:
      return dose.relative;
    case TargetDose::Kind::absolute:
      return std::to_string(dose.centigray);
  }
  return "?";
}

TEST(TargetGrammar, TableOfNamesParsesAsStated) {
  const auto cases = read_cases();
  ASSERT_GT(cases.size(), 50u) << "tests/core/data/target_names.tsv not found or short";
  for (const auto& c : cases) {
    ASSERT_EQ(c.cells.size(), 13u) << "target_names.tsv line " << c.line
                                   << ": expected 13 TAB-separated cells";
    const std::string& name = c.cells[0];
    SCOPED_TRACE("target_names.tsv line " + std::to_string(c.line) + ": '" + name + "'");
    auto parsed = parse_target_name(name);
    if (c.cells[1] == "yes") {
      ASSERT_TRUE(parsed.ok()) << parsed.error().message;
      EXPECT_EQ(parsed->type, c.cells[2]);
      EXPECT_EQ(parsed->classifier, c.cells[3]);
      EXPECT_EQ(parsed->enumerator, c.cells[4]);
      EXPECT_EQ(parsed->modality, c.cells[5]);
      EXPECT_EQ(parsed->indicator, c.cells[6]);
      EXPECT_EQ(dose_cell(parsed->dose), c.cells[7]);
      EXPECT_EQ(parsed->dose.fractions ? std::to_string(*parsed->dose.fractions) : "", c.cells[8]);
      EXPECT_EQ(parsed->crop_mm ? std::to_string(*parsed->crop_mm) : "", c.cells[9]);
      EXPECT_EQ(parsed->qualifier, c.cells[10]);
      EXPECT_EQ(format_target_name(*parsed), c.cells[11]);
    } else {
      ASSERT_EQ(c.cells[1], "no");
      ASSERT_FALSE(parsed.ok()) << "parsed, but the table says it is invalid";
      EXPECT_TRUE(parsed.error().message.starts_with(c.cells[12])) << parsed.error().message;
    }
  }
}

TEST(TargetGrammar, DoseInGyBecomesCentigray) {
  auto target = parse_target_name("PTV_70Gy");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->dose.centigray, 7000);
  EXPECT_EQ(format_target_name(*target), "PTV_7000");
}

TEST(TargetGrammar, GrayStyleWritesPDecimals) {
  TargetName target;
  target.type = "PTV";
  target.dose.kind = TargetDose::Kind::absolute;
  for (auto [cgy, gy] : std::vector<std::pair<int, std::string>>{{7000, "PTV_70Gy"},
                                                                 {5040, "PTV_50p4Gy"},
                                                                 {5045, "PTV_50p45Gy"},
                                                                 {5005, "PTV_50p05Gy"},
                                                                 {180, "PTV_1p8Gy"}}) {
    target.dose.centigray = cgy;
    EXPECT_EQ(format_target_name(target, DoseStyle::gray), gy);
    auto back = parse_target_name(gy);
    ASSERT_TRUE(back.ok()) << gy;
    EXPECT_EQ(back->dose.centigray, cgy) << gy;
  }
}

TEST(TargetGrammar, RelativeStyleKeepsAbsoluteDosesInCentigray) {
  TargetName target;
  target.type = "CTV";
  target.dose.kind = TargetDose::Kind::relative;
  target.dose.relative = "High";
  EXPECT_EQ(format_target_name(target, DoseStyle::relative), "CTV_High");
  EXPECT_EQ(format_target_name(target, DoseStyle::gray), "CTV_High");
  target.dose = {TargetDose::Kind::absolute, 6000, "", std::nullopt};
  EXPECT_EQ(format_target_name(target, DoseStyle::relative), "CTV_6000");
}

TEST(TargetGrammar, LongNamesLoseUnderscoresFromTheLeft) {
  auto target = parse_target_name("PTVp1_CT1PT1_L_7000-03");
  ASSERT_TRUE(target.ok());
  // 22 characters: underscores go, from the left, until it fits or none is left.
  EXPECT_EQ(format_target_name(*target, DoseStyle::centigray, 21), "PTVp1CT1PT1_L_7000-03");
  EXPECT_EQ(format_target_name(*target, DoseStyle::centigray, 20), "PTVp1CT1PT1L_7000-03");
  EXPECT_EQ(format_target_name(*target), "PTVp1CT1PT1L7000-03");
  EXPECT_EQ(format_target_name(*target, DoseStyle::centigray, 100), "PTVp1_CT1PT1_L_7000-03");
}

TEST(TargetGrammar, EquivalenceComparesDoseInCentigray) {
  auto gray = parse_target_name("PTV_70Gy");
  auto centigray = parse_target_name("PTV_7000");
  ASSERT_TRUE(gray.ok() && centigray.ok());
  EXPECT_TRUE(targets_equivalent(*gray, *centigray));
}

TEST(TargetGrammar, EquivalenceSetsSideAndQualifierAside) {
  auto sided = parse_target_name("PTVn_L_5600^v2");
  auto plain = parse_target_name("PTVn_5600");
  ASSERT_TRUE(sided.ok() && plain.ok());
  EXPECT_TRUE(targets_equivalent(*sided, *plain));
  EXPECT_EQ(target_side(*sided), "L");
}

TEST(TargetGrammar, EquivalenceSeesEveryOtherComponent) {
  const std::vector<std::string> distinct = {
      "PTV_7000", "CTV_7000",   "PTVn_7000",   "PTV1_7000", "PTV_CT1_7000", "PTV_A_7000", "PTV_6000",
      "PTV_High", "PTV_7000x2", "PTV_7000-03", "PTV!_7000", "PTV",          "PTV_Low",    "PTV_A_Aorta_7000"};
  for (std::size_t i = 0; i < distinct.size(); ++i)
    for (std::size_t j = 0; j < distinct.size(); ++j) {
      auto a = parse_target_name(distinct[i]);
      auto b = parse_target_name(distinct[j]);
      ASSERT_TRUE(a.ok() && b.ok()) << distinct[i] << " " << distinct[j];
      EXPECT_EQ(targets_equivalent(*a, *b), i == j) << distinct[i] << " vs " << distinct[j];
    }
}

TEST(TargetGrammar, LocalSpellingsMapToTg263Meaning) {
  TargetSpellings chinese;
  chinese.types = {{"PGTV", "PTV"}, {"PCTV", "PTV"}};
  chinese.classifiers = {{"nx", "p"}, {"nd", "n"}};
  auto pgtv = parse_target_name("PGTVnx", chinese);
  ASSERT_TRUE(pgtv.ok()) << pgtv.error().message;
  EXPECT_EQ(format_target_name(*pgtv), "PTVp");
  auto pctv = parse_target_name("PCTV1", chinese);
  ASSERT_TRUE(pctv.ok());
  EXPECT_EQ(format_target_name(*pctv), "PTV1");
  auto nodal = parse_target_name("GTVnd", chinese);
  ASSERT_TRUE(nodal.ok());
  EXPECT_EQ(nodal->classifier, "n");
  EXPECT_FALSE(parse_target_name("GTVnx").ok());  // not TG-263 without the protocol
}

// Random valid component sets → format → parse → the same components.
TEST(TargetGrammar, RandomComponentSetsRoundTrip) {
  std::mt19937 random(263);  // fixed seed: deterministic
  auto pick = [&](const std::vector<std::string>& options) {
    return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(random)];
  };
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(random) < percent; };
  auto number = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
  const std::vector<std::string> types = {"GTV", "CTV", "ITV", "IGTV", "ICTV", "PTV", "PTV!"};
  const std::vector<std::string> classifiers = {"", "p", "n", "sb", "par", "v", "vas"};
  const std::vector<std::string> modalities = {"CT", "MR", "PT", "SPECT", "US", "CBCT"};
  const std::vector<std::string> words = {"L",     "R",     "A",   "Aorta", "LN",    "Neck",
                                          "Liver", "Node2", "Bed", "Sup",   "Boost", "T"};
  const std::vector<std::string> levels = {"High", "Mid", "Low", "Mid01", "Mid02"};
  const int rounds = 12000;
  int checked = 0;
  for (int i = 0; i < rounds; ++i) {
    TargetName target;
    target.type = pick(types);
    target.classifier = pick(classifiers);
    if (chance(40)) target.enumerator = std::to_string(number(1, 99));
    if (chance(20)) {
      const int count = number(1, 3);
      for (int m = 0; m < count; ++m) target.modality += pick(modalities) + std::to_string(number(1, 9));
    }
    if (chance(40)) {
      const int count = number(1, 3);
      for (int w = 0; w < count; ++w) target.indicator += (w ? "_" : "") + pick(words);
    }
    if (chance(70)) {
      if (chance(25)) {
        target.dose.kind = TargetDose::Kind::relative;
        target.dose.relative = pick(levels);
      } else {
        target.dose.kind = TargetDose::Kind::absolute;
        target.dose.centigray = number(1, 99999);
        if (chance(20)) target.dose.fractions = number(1, 40);
      }
    }
    if (chance(25)) target.crop_mm = number(0, 99);
    if (chance(15)) target.qualifier = pick(words) + std::to_string(number(0, 9));
    for (DoseStyle style : {DoseStyle::centigray, DoseStyle::gray, DoseStyle::relative}) {
      const std::string name = format_target_name(target, style, 1000);
      auto parsed = parse_target_name(name);
      ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.error().message;
      ASSERT_EQ(*parsed, target) << name;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 3 * rounds);
}

TEST(TargetGrammar, NeverThrowsOnOddInput) {
  for (const std::string& name :
       std::vector<std::string>{"PTV_99999999999Gy", "PTV_1p999999999Gy", "PTV_1x99999999", "PTV^^", "PTV-",
                                "PTV_\xff", "PTV!!", "PTV_-03", std::string("PTV\0_1", 6)})
    EXPECT_FALSE(parse_target_name(name).ok()) << name;
}

}  // namespace
}  // namespace roiname
