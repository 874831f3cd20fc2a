// Invariants of the shipped TG-263 table and of the CSV reader.
#include "core/nomenclature/tg263_table.h"

#include <set>

#include "support/test_support.h"

namespace roiname {
namespace {

// The documented errata (docs/tg263-errata.md): reverse-order names longer
// than 16 characters.
const std::set<std::string> kLongReverseNames = {"L_Trachbronchs_LN", "R_Trachbronchs_LN"};

TEST(Tg263Table, Has717Rows) { EXPECT_EQ(Tg263Table::embedded().rows().size(), 717u); }

TEST(Tg263Table, PrimaryNamesAreUniqueIgnoringCase) {
  std::set<std::string> seen;
  for (const auto& row : Tg263Table::embedded().rows())
    EXPECT_TRUE(seen.insert(ascii_lower(row.primary_name)).second) << row.primary_name;
}

TEST(Tg263Table, ReverseOrderNamesAreUnique) {
  std::set<std::string> seen;
  for (const auto& row : Tg263Table::embedded().rows())
    EXPECT_TRUE(seen.insert(row.reverse_order_name).second) << row.reverse_order_name;
}

TEST(Tg263Table, NamesHaveAtMost16CharactersExceptListedErrata) {
  for (const auto& row : Tg263Table::embedded().rows()) {
    EXPECT_LE(row.primary_name.size(), 16u) << row.primary_name;
    if (!kLongReverseNames.contains(row.reverse_order_name)) {
      EXPECT_LE(row.reverse_order_name.size(), 16u) << row.reverse_order_name;
    }
  }
  for (const auto& name : kLongReverseNames) EXPECT_EQ(name.size(), 17u);
}

TEST(Tg263Table, NamesHaveNoSpaces) {
  for (const auto& row : Tg263Table::embedded().rows()) {
    EXPECT_EQ(row.primary_name.find(' '), std::string::npos) << row.primary_name;
    EXPECT_EQ(row.reverse_order_name.find(' '), std::string::npos) << row.reverse_order_name;
  }
}

TEST(Tg263Table, CategorySpellingsAreNormalised) {
  const std::set<std::string> types = {"Anatomic", "PRV", "Derived", "Non_Anatomic", "Target", "Surgical"};
  const std::set<std::string> groups = {"Head and Neck", "Thorax", "Abdomen", "Pelvis", "Body", "Limb", ""};
  int empty_groups = 0;
  for (const auto& row : Tg263Table::embedded().rows()) {
    EXPECT_TRUE(types.contains(row.target_type)) << row.primary_name << ": " << row.target_type;
    EXPECT_TRUE(groups.contains(row.anatomic_group)) << row.primary_name << ": " << row.anatomic_group;
    empty_groups += row.anatomic_group.empty();
  }
  EXPECT_EQ(empty_groups, 1);
}

TEST(Tg263Table, ErrataAreReportedAsCorrections) {
  const auto& corrections = Tg263Table::embedded().corrections();
  auto count = [&](std::string_view what) {
    return std::count_if(corrections.begin(), corrections.end(),
                         [&](const std::string& c) { return c.find(what) != std::string::npos; });
  };
  EXPECT_EQ(count("'Non-Anatomic'"), 6);
  EXPECT_EQ(count("'Limbs'"), 17);
  EXPECT_EQ(count("N Characters"), 5);
}

TEST(Tg263Table, FindsExactlyAndIgnoringCase) {
  const auto& table = Tg263Table::embedded();
  const Tg263Row* brainstem = table.find("Brainstem");
  ASSERT_NE(brainstem, nullptr);
  EXPECT_EQ(brainstem->target_type, "Anatomic");
  EXPECT_EQ(table.find("BrainStem"), nullptr);
  EXPECT_EQ(table.find_ignoring_case("BRAINSTEM"), brainstem);
  const Tg263Row* parotid = table.find("Parotid_L");
  ASSERT_NE(parotid, nullptr);
  EXPECT_EQ(parotid->reverse_order_name, "L_Parotid");
  EXPECT_EQ(table.find_reverse("L_Parotid"), parotid);
  EXPECT_TRUE(parotid->fma_id.has_value());
}

TEST(Tg263Table, PlaceholderRowsArePatterns) {
  const auto& table = Tg263Table::embedded();
  std::set<std::string> placeholders;
  for (const auto& row : table.rows())
    if (row.placeholder) placeholders.insert(row.primary_name);
  EXPECT_EQ(placeholders.size(), 16u);
  EXPECT_TRUE(placeholders.contains("Bolus_xxmm"));
  EXPECT_TRUE(placeholders.contains("E-PTV_Ev05_xxxx"));
  EXPECT_TRUE(placeholders.contains("SpinalCanal_PRVx"));
  EXPECT_FALSE(placeholders.contains("LN_Ax_L"));  // "Ax" is an abbreviation, not a placeholder
  ASSERT_NE(table.match_placeholder("Bolus_05mm"), nullptr);
  EXPECT_EQ(table.match_placeholder("Bolus_05mm")->primary_name, "Bolus_xxmm");
  EXPECT_EQ(table.match_placeholder("Bolus_5mm"), nullptr);
  EXPECT_EQ(table.match_placeholder("E-PTV_5000")->primary_name, "E-PTV_xxxx");
  EXPECT_EQ(table.match_placeholder("Brainstem_PRV03")->primary_name, "Brainstem_PRVxx");
  EXPECT_EQ(table.match_reverse_placeholder("05mm_Bolus")->primary_name, "Bolus_xxmm");
}

TEST(Tg263Csv, QuotedFieldsAndCrLfAreRead) {
  auto table = Tg263Table::parse_csv(
      "TG263-Primary Name,Description,FMAID\r\nA_One,\"with, comma and \"\"quote\"\"\",12\r\nB_Two ,,\r\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows().size(), 2u);
  EXPECT_EQ(table->rows()[0].description, "with, comma and \"quote\"");
  EXPECT_EQ(table->rows()[0].fma_id, 12);
  EXPECT_EQ(table->rows()[1].primary_name, "B_Two");
  EXPECT_EQ(table->rows()[1].line, 3);
}

TEST(Tg263Csv, ErrorsGiveTheLine) {
  auto expect_error = [](std::string_view csv, std::string_view message) {
    auto table = Tg263Table::parse_csv(csv);
    ASSERT_FALSE(table.ok()) << csv;
    EXPECT_NE(table.error().message.find(message), std::string::npos) << table.error().message;
  };
  expect_error("", "line 1: no header");
  expect_error("Name\nA\n", "line 1: no column 'TG263-Primary Name'");
  expect_error("TG263-Primary Name,FMAID\nA,1\nB\n", "line 3: 1 fields");
  expect_error("TG263-Primary Name,FMAID\nA,1\nB,x\n", "line 3: FMAID 'x'");
  expect_error("TG263-Primary Name\nA\n\"B\n", "line 3: quoted field not closed");
  expect_error("TG263-Primary Name\nAbc\nABC\n", "line 3: primary name 'ABC' repeats 'Abc'");
  expect_error("TG263-Primary Name,FMAID\n,1\n", "line 2: empty primary name");
}

}  // namespace
}  // namespace roiname
