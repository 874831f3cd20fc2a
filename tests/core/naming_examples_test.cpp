// Every standard-name example of /work/shared/conventions/NAMING.md (§2, §3,
// §4), checked against the grammar and the default protocol as stated there.
// Raw spellings quoted there ("PTV 70", "GTV-1") are not standard names.
#include "core/nomenclature/protocol.h"

#include "support/test_support.h"

namespace roiname {
namespace {

NameValidity check(std::string_view name) { return validate_name(name, default_protocol()); }

TEST(NamingMd, Section2OrganExamplesAreValid) {
  for (const char* name :
       {"Brainstem", "Glnd_Submand_L", "Musc_Constrict_S", "Parotid_L", "Lungs", "Parotids", "Kidneys",
        "OpticNrv_PRV03_L", "SpinalCord_PRV05", "SpinalCord_PRV", "Lung~_L", "Brain~", "Lungs-GTV",
        "Brain-PTV", "Body-PTV", "Liver-GTV", "Skin", "Femur_Head_L"}) {
    const NameValidity v = check(name);
    EXPECT_TRUE(v.valid) << name << ": " << (v.problems.empty() ? "" : v.problems.front());
    EXPECT_EQ(v.kind, "organ") << name;
    EXPECT_EQ(v.canonical, name);
  }
}

TEST(NamingMd, Section2CompositionsHaveTheStatedParts) {
  auto prv = parse_organ_name("OpticNrv_PRV03_L", Tg263Table::embedded());
  ASSERT_TRUE(prv.ok());
  EXPECT_EQ(prv->root, "OpticNrv");
  EXPECT_EQ(prv->prv_margin_mm, 3);
  EXPECT_EQ(prv->side, "L");
  auto partial = parse_organ_name("Lung~_L", Tg263Table::embedded());
  ASSERT_TRUE(partial.ok());
  EXPECT_TRUE(partial->partial);
  EXPECT_EQ(partial->side, "L");
  auto no_margin = parse_organ_name("SpinalCord_PRV", Tg263Table::embedded());
  ASSERT_TRUE(no_margin.ok());
  EXPECT_TRUE(no_margin->prv);
  EXPECT_FALSE(no_margin->prv_margin_mm.has_value());
  EXPECT_FALSE(check("BrainStem").valid);  // exact capitalisation (§2)
}

TEST(NamingMd, Section3TargetExamplesParseAsStated) {
  struct Case {
    const char* name;
    const char* type;
    const char* classifier;
    const char* enumerator;
    const char* indicator;
    int centigray;
    const char* relative;
  };
  for (const Case& c :
       {Case{"PTV_7000", "PTV", "", "", "", 7000, ""}, Case{"CTVn_5400", "CTV", "n", "", "", 5400, ""},
        Case{"PTVn_L_5600", "PTV", "n", "", "L", 5600, ""}, Case{"PTV_5040", "PTV", "", "", "", 5040, ""},
        Case{"CTV_5400", "CTV", "", "", "", 5400, ""}, Case{"CTV_High", "CTV", "", "", "", 0, "High"},
        Case{"PTV_Low", "PTV", "", "", "", 0, "Low"}, Case{"GTV1", "GTV", "", "1", "", 0, ""},
        Case{"CTV2", "CTV", "", "2", "", 0, ""}, Case{"PTVp", "PTV", "p", "", "", 0, ""},
        Case{"PTVn", "PTV", "n", "", "", 0, ""}, Case{"PTVp1_7000", "PTV", "p", "1", "", 7000, ""}}) {
    const NameValidity v = check(c.name);
    ASSERT_TRUE(v.valid) << c.name;
    ASSERT_TRUE(v.target.has_value());
    EXPECT_EQ(v.kind, "target");
    EXPECT_EQ(v.target->type, c.type) << c.name;
    EXPECT_EQ(v.target->classifier, c.classifier) << c.name;
    EXPECT_EQ(v.target->enumerator, c.enumerator) << c.name;
    EXPECT_EQ(v.target->indicator, c.indicator) << c.name;
    EXPECT_EQ(v.target->dose.centigray, c.centigray) << c.name;
    EXPECT_EQ(v.target->dose.relative, c.relative) << c.name;
    EXPECT_EQ(v.canonical, c.name);
  }
}

TEST(NamingMd, Section3FractionationAndCrop) {
  const NameValidity fractions = check("PTV_2000x3");
  ASSERT_TRUE(fractions.valid);
  EXPECT_EQ(fractions.target->dose.centigray, 2000);
  EXPECT_EQ(fractions.target->dose.fractions, 3);
  const NameValidity crop = check("PTV_7000-03");
  ASSERT_TRUE(crop.valid);
  EXPECT_EQ(crop.target->crop_mm, 3);
  EXPECT_EQ(crop.canonical, "PTV_7000-03");
}

TEST(NamingMd, Section3GrayIsAStyleNotAnotherAnswer) {
  const NameValidity gray = check("PTV_70Gy");
  ASSERT_TRUE(gray.valid);
  EXPECT_EQ(gray.canonical, "PTV_7000");
  const NameValidity decimal = check("PTV_50p4Gy");
  ASSERT_TRUE(decimal.valid);
  EXPECT_EQ(decimal.canonical, "PTV_5040");
  EXPECT_EQ(format_target_name(*decimal.target, DoseStyle::gray), "PTV_50p4Gy");
  EXPECT_TRUE(targets_equivalent(*gray.target, *check("PTV_7000").target));
}

TEST(NamingMd, Section3SideIsKeptButNotCompared) {
  const NameValidity sided = check("PTVn_L_5600");
  const NameValidity plain = check("PTVn_5600");
  ASSERT_TRUE(sided.valid && plain.valid);
  EXPECT_EQ(sided.canonical, "PTVn_L_5600");
  EXPECT_TRUE(targets_equivalent(*sided.target, *plain.target));
}

TEST(NamingMd, Section4BodyIsExternalByDefault) {
  EXPECT_EQ(default_protocol().body_name, "External");
  EXPECT_EQ(check("External").kind, "dose");
  EXPECT_TRUE(check("Body").valid);
  EXPECT_EQ(protocol_aux_name("Ring_PTV", default_protocol()), "Ring_PTV");
}

TEST(NamingMd, RawSpellingsAreNotStandardNames) {
  for (const char* raw : {"PTV 70", "GTV-1", "ctv_hr", "PGTVnx", "Lt Parotid", "spinal cord prv 5mm",
                          "PTV_50.4Gy", "CTV 5400cGy", "BODY", "PTV_all"})
    EXPECT_FALSE(check(raw).valid) << raw;
}

}  // namespace
}  // namespace roiname
