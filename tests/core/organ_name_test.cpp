// Organ names: table names and their compositions (NAMING.md §2).
#include "core/nomenclature/organ_name.h"

#include <random>
#include <sstream>

#include "core/embedded_data.h"
#include "support/test_support.h"

namespace roiname {
namespace {

const Tg263Table& table() { return Tg263Table::embedded(); }

TEST(OrganName, EveryTableNameIsValidAndFormatsBackToItself) {
  for (const auto& row : table().rows()) {
    if (row.placeholder) continue;
    auto organ = parse_organ_name(row.primary_name, table());
    ASSERT_TRUE(organ.ok()) << row.primary_name << ": " << organ.error().message;
    EXPECT_EQ(format_organ_name(*organ), row.primary_name);
  }
}

TEST(OrganName, EveryReverseOrderNameIsValidAndFormatsBackToItself) {
  for (const auto& row : table().rows()) {
    if (row.placeholder || row.reverse_order_name.size() > 16) continue;
    auto organ = parse_reverse_organ_name(row.reverse_order_name, table());
    ASSERT_TRUE(organ.ok()) << row.reverse_order_name << ": " << organ.error().message;
    EXPECT_EQ(format_organ_name(*organ), row.primary_name) << row.reverse_order_name;
    auto reverse = format_reverse_organ_name(*organ, table());
    ASSERT_TRUE(reverse.ok()) << reverse.error().message;
    EXPECT_EQ(*reverse, row.reverse_order_name);
  }
}

TEST(OrganName, CompositionsOfNamingMdParse) {
  struct Case {
    const char* name;
    const char* root;
    bool partial;
    std::optional<int> margin;
    bool prv;
    const char* side;
  };
  for (const Case& c : {Case{"OpticNrv_PRV03_L", "OpticNrv", false, 3, true, "L"},
                        Case{"SpinalCord_PRV05", "SpinalCord", false, 5, true, ""},
                        Case{"SpinalCord_PRV", "SpinalCord", false, std::nullopt, true, ""},
                        Case{"Lung~_L", "Lung", true, std::nullopt, false, "L"},
                        Case{"Brain~", "Brain", true, std::nullopt, false, ""},
                        Case{"Parotid_L", "Parotid", false, std::nullopt, false, "L"},
                        Case{"Glnd_Submand_R", "Glnd_Submand", false, std::nullopt, false, "R"},
                        Case{"Brainstem", "Brainstem", false, std::nullopt, false, ""},
                        Case{"Parotid~_PRV04_R", "Parotid", true, 4, true, "R"}}) {
    auto organ = parse_organ_name(c.name, table());
    ASSERT_TRUE(organ.ok()) << c.name << ": " << organ.error().message;
    EXPECT_EQ(organ->root, c.root) << c.name;
    EXPECT_EQ(organ->partial, c.partial) << c.name;
    EXPECT_EQ(organ->prv_margin_mm, c.margin) << c.name;
    EXPECT_EQ(organ->prv, c.prv) << c.name;
    EXPECT_EQ(organ->side, c.side) << c.name;
    EXPECT_EQ(format_organ_name(*organ), c.name);
  }
}

// Random compositions of random table names → format → parse → same parts.
TEST(OrganName, RandomCompositionsRoundTrip) {
  std::mt19937 random(2018);  // fixed seed: deterministic
  const auto& rows = table().rows();
  int checked = 0;
  for (int i = 0; i < 10000; ++i) {
    const Tg263Row& row = rows[std::uniform_int_distribution<std::size_t>(0, rows.size() - 1)(random)];
    if (row.placeholder) continue;
    auto organ = parse_organ_name(row.primary_name, table());
    ASSERT_TRUE(organ.ok()) << row.primary_name;
    if (row.target_type == "Anatomic") {
      organ->partial = std::uniform_int_distribution<int>(0, 3)(random) == 0;
      if (std::uniform_int_distribution<int>(0, 2)(random) == 0) {
        organ->prv = true;
        if (std::uniform_int_distribution<int>(0, 3)(random) > 0)
          organ->prv_margin_mm = std::uniform_int_distribution<int>(0, 99)(random);
      }
    }
    if (std::uniform_int_distribution<int>(0, 4)(random) == 0)
      organ->qualifier = std::string(1, 'Q').append(std::to_string(i % 10));
    const std::string name = format_organ_name(*organ);
    auto parsed = parse_organ_name(name, table(), 64);
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.error().message;
    EXPECT_EQ(*parsed, *organ) << name;
    ++checked;
  }
  EXPECT_GT(checked, 9000);
}

TEST(OrganName, QualifierFollowsACaret) {
  auto organ = parse_organ_name("Heart^Ext", table());
  ASSERT_TRUE(organ.ok()) << organ.error().message;
  EXPECT_EQ(organ->root, "Heart");
  EXPECT_EQ(organ->qualifier, "Ext");
  EXPECT_EQ(format_organ_name(*organ), "Heart^Ext");
}

TEST(OrganName, PlaceholderRowsAcceptDigits) {
  EXPECT_TRUE(parse_organ_name("Bolus_05mm", table()).ok());
  EXPECT_TRUE(parse_organ_name("E-PTV_5000", table()).ok());
  EXPECT_FALSE(parse_organ_name("Bolus_xxmm", table()).ok());
  EXPECT_FALSE(parse_organ_name("Brainstem_PRVxx", table()).ok());
}

TEST(OrganName, SideComposesOntoPairedStructuresListedWithoutSide) {
  // NAMING.md §2: laterality is a suffix; the table lists the pulmonary
  // arteries and the mandible only without side.
  for (std::string_view name :
       {"A_Pulmonary_L", "V_Pulmonary_R", "Bone_Mandible_L", "Rib_PRV05_R", "Tonsil~_L"}) {
    auto organ = parse_organ_name(name, table());
    ASSERT_TRUE(organ.ok()) << name << ": " << organ.error().message;
    EXPECT_EQ(format_organ_name(*organ), name);
  }
  auto reverse = parse_reverse_organ_name("L_Pulmonary_A", table());
  ASSERT_TRUE(reverse.ok()) << reverse.error().message;
  EXPECT_EQ(reverse->root, "A_Pulmonary");
  EXPECT_EQ(reverse->side, "L");
  auto reverse_name = format_reverse_organ_name(*reverse, table());
  ASSERT_TRUE(reverse_name.ok());
  EXPECT_EQ(*reverse_name, "L_Pulmonary_A");
  // The table lists the right internal iliac nodes misspelt (LN_lliac_Int_R):
  // the missing side composes from the other one.
  EXPECT_TRUE(parse_organ_name("LN_Iliac_Int_R", table()).ok());
  // Implanted cardiac devices take a PRV; other non-anatomic rows do not.
  EXPECT_TRUE(parse_organ_name("Pacemaker_PRV05", table()).ok());
  EXPECT_FALSE(parse_organ_name("Pacemaker~", table()).ok());
  // Midline structures take no side.
  EXPECT_FALSE(parse_organ_name("Esophagus_L", table()).ok());
  EXPECT_TRUE(side_composes_on("A_Pulmonary"));
  EXPECT_FALSE(side_composes_on("Brainstem"));
}

// The first column of an embedded data/nomenclature list, comments skipped.
std::vector<std::string> listed_roots(std::string_view file) {
  const auto text = embedded_file(file);
  std::vector<std::string> roots;
  if (!text) return roots;
  std::istringstream lines{std::string(*text)};
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line.front() != '#') roots.push_back(line.substr(0, line.find('\t')));
  return roots;
}

TEST(OrganName, SidedRootsListOnlySidelessTableRows) {
  const std::vector<std::string> roots = listed_roots("nomenclature/sided_roots.tsv");
  EXPECT_GT(roots.size(), 0u);
  for (const std::string& root : roots) {
    const auto* row = table().find(root);
    ASSERT_NE(row, nullptr) << root << " is not a table name";
    EXPECT_EQ(row->target_type, "Anatomic") << root;
    EXPECT_EQ(table().find(root + "_L"), nullptr) << root << " has sided rows already";
    EXPECT_TRUE(side_composes_on(root)) << root;
  }
}

// The organs the engine treats as almost never the site of a target
// (rules.cpp) each name some rows of the table.
TEST(OrganName, RarelyTreatedRootsAreTableRoots) {
  const std::vector<std::string> roots = listed_roots("nomenclature/rarely_treated.tsv");
  EXPECT_GT(roots.size(), 20u);
  for (const std::string& root : roots) {
    const bool names_rows =
        std::any_of(table().rows().begin(), table().rows().end(), [&](const Tg263Row& row) {
          return row.primary_name == root || row.primary_name.starts_with(root + "_");
        });
    EXPECT_TRUE(names_rows) << root << " names no table row";
  }
}

TEST(OrganName, InvalidNamesSayWhy) {
  auto why = [](std::string_view name) {
    auto organ = parse_organ_name(name, table());
    EXPECT_FALSE(organ.ok()) << name;
    return organ.ok() ? std::string() : organ.error().message;
  };
  EXPECT_NE(why("Brainstem_L").find("has no side"), std::string::npos);
  EXPECT_NE(why("Parotid").find("needs a side"), std::string::npos);
  EXPECT_NE(why("BrainStem").find("is written 'Brainstem'"), std::string::npos);
  EXPECT_NE(why("SpinalCord_PRV5").find("two digits"), std::string::npos);
  EXPECT_NE(why("Parotid_L_PRV05").find("'Parotid_PRV05_L'"), std::string::npos);
  EXPECT_NE(why("Lung_L~").find("'Lung~_L'"), std::string::npos);
  EXPECT_NE(why("Eye_L_PRV_PRV").find("not a table name"), std::string::npos);
  EXPECT_NE(why("Lungs-GTV~").find("cannot take"), std::string::npos);
  EXPECT_NE(why("Bolus_PRV05").find("cannot take"), std::string::npos);
  EXPECT_NE(why("Spinal Cord").find("space"), std::string::npos);
  EXPECT_NE(why("Musc_Constrict_S_PRV05_L").find("characters"), std::string::npos);
  EXPECT_NE(why("").find("empty"), std::string::npos);
  EXPECT_NE(why("Heart^").find("after '^'"), std::string::npos);
  EXPECT_NE(why("~_L").find("no organ"), std::string::npos);
  EXPECT_NE(why("Bolus_xxmm").find("is a pattern"), std::string::npos);
}

TEST(OrganName, ReverseOrderCompositions) {
  auto organ = parse_reverse_organ_name("L_PRV03_OpticNrv", table());
  ASSERT_TRUE(organ.ok()) << organ.error().message;
  EXPECT_EQ(format_organ_name(*organ), "OpticNrv_PRV03_L");
  auto cord = parse_reverse_organ_name("PRV05_SpinalCord", table());
  ASSERT_TRUE(cord.ok()) << cord.error().message;
  EXPECT_EQ(format_organ_name(*cord), "SpinalCord_PRV05");
  auto sided = parse_organ_name("Glnd_Submand_L", table());
  ASSERT_TRUE(sided.ok());
  sided->prv = true;
  sided->prv_margin_mm = 3;
  EXPECT_EQ(*format_reverse_organ_name(*sided, table()), "L_PRV03_Submand_Glnd");
  EXPECT_FALSE(parse_reverse_organ_name("Parotid_L", table()).ok());
}

}  // namespace
}  // namespace roiname
