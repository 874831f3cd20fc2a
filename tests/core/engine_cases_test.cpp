// The rules engine on table-driven cases: one CSV per rule family
// (tests/core/data/engine_cases/) and one per language
// (tests/core/data/lexicon_cases/, written with the lexicon). Each row is
// raw_name,class,standard_name[,note]; "unknown" means the engine must send
// the ROI to review.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/engine/catalog.h"
#include "core/engine/rules_engine.h"
#include "core/nomenclature/protocol.h"
#include "core/nomenclature/target_name.h"
#include "support/test_support.h"

namespace roiname {
namespace {

struct Case {
  std::string file, raw_name, roi_class, standard_name;
  int line = 0;
};

std::vector<Case> read_cases(const std::filesystem::path& folder) {
  std::vector<Case> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (number == 1 || line.empty()) continue;
      std::vector<std::string> fields = split_csv_line(line);
      if (fields.size() < 3) continue;
      cases.push_back({path.filename().string(), fields[0], fields[1], fields[2], number});
    }
  }
  return cases;
}

bool same_name(const std::string& roi_class, const std::string& expected, const std::string& got) {
  if (roi_class == "TV") {
    auto a = parse_target_name(expected);
    auto b = parse_target_name(got);
    if (a.ok() && b.ok()) return targets_equivalent(*a, *b);
  }
  return expected == got;
}

// Failures as readable lines; empty when every case passes.
std::vector<std::string> failures(const std::vector<Case>& cases) {
  RulesEngine engine;
  std::vector<std::string> out;
  for (const Case& c : cases) {
    RoiDecision d = engine.decide(naming_input_from_names({c.raw_name}), default_protocol()).rois.front();
    bool ok = std::string(to_string(d.roi_class)) == c.roi_class &&
              (c.standard_name == "unknown" ? d.needs_review
                                            : same_name(c.roi_class, c.standard_name, d.standard_name));
    if (!ok)
      out.push_back(c.file + ":" + std::to_string(c.line) + " '" + c.raw_name + "': want " + c.roi_class +
                    " " + c.standard_name + ", got " + std::string(to_string(d.roi_class)) + " " +
                    d.standard_name);
  }
  return out;
}

TEST(EngineCases, EveryRuleCasePasses) {
  auto cases = read_cases(testing::source_dir() / "tests/core/data/engine_cases");
  ASSERT_GT(cases.size(), 50u);
  auto failed = failures(cases);
  for (const auto& f : failed) ADD_FAILURE() << f;
}

TEST(EngineCases, LanguageCasesPassAtLeast95PercentPerLanguage) {
  const auto folder = testing::source_dir() / "tests/core/data/lexicon_cases";
  if (!std::filesystem::exists(folder)) GTEST_SKIP() << "no lexicon cases";
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".csv") continue;
    std::vector<Case> cases;
    for (const Case& c : read_cases(folder))
      if (c.file == entry.path().filename().string()) cases.push_back(c);
    auto failed = failures(cases);
    double pass =
        cases.empty() ? 1.0 : 1.0 - static_cast<double>(failed.size()) / static_cast<double>(cases.size());
    std::string detail;
    for (const auto& f : failed) detail += "\n  " + f;
    EXPECT_GE(pass, 0.95) << entry.path().filename() << detail;
  }
}

// Every name the engine gives a target or an organ in the case tables is a
// valid name under the default protocol (≤ 16 characters, table rows,
// target grammar) or the honest "unknown".
TEST(EngineCases, EveryStandardNameGivenIsValid) {
  RulesEngine engine;
  std::vector<Case> cases = read_cases(testing::source_dir() / "tests/core/data/engine_cases");
  const std::vector<Case> language = read_cases(testing::source_dir() / "tests/core/data/lexicon_cases");
  cases.insert(cases.end(), language.begin(), language.end());
  ASSERT_GT(cases.size(), 500u);
  for (const Case& c : cases) {
    RoiDecision d = engine.decide(naming_input_from_names({c.raw_name}), default_protocol()).rois.front();
    if ((d.roi_class != RoiClass::TV && d.roi_class != RoiClass::OAR) || d.standard_name == "unknown")
      continue;
    const NameValidity validity = validate_name(d.standard_name, default_protocol());
    EXPECT_TRUE(validity.valid) << c.raw_name << " → " << d.standard_name;
    EXPECT_LE(d.standard_name.size(), 16u) << c.raw_name;
  }
}

TEST(EngineCases, DecisionsCarryReasonsAndBoundedConfidence) {
  RulesEngine engine;
  auto set =
      engine.decide(naming_input_from_names({"Lt Parotid", "PTV 70", "xyzzy", "BODY"}), default_protocol());
  ASSERT_EQ(set.rois.size(), 4u);
  for (const RoiDecision& d : set.rois) {
    EXPECT_FALSE(d.reasons.empty()) << d.original_name;
    EXPECT_GE(d.confidence, 0.0);
    EXPECT_LE(d.confidence, 1.0);
    EXPECT_EQ(d.engine, "rules");
  }
  EXPECT_TRUE(set.rois[2].needs_review) << "an unexplained name goes to review";
}

TEST(EngineSetRules, NumberedTargetsContinueTheirCountPastNine) {
  RulesEngine engine;
  std::vector<std::string> names;
  for (int i = 1; i <= 11; ++i) names.push_back("PTV_" + std::to_string(i));
  names.push_back("GTV_1");
  names.push_back("GTV_10");  // GTV 2 to 9 missing: 10 Gy
  auto set = engine.decide(naming_input_from_names(names), default_protocol());
  EXPECT_EQ(set.rois[8].standard_name, "PTV9");
  EXPECT_EQ(set.rois[9].standard_name, "PTV10");
  EXPECT_EQ(set.rois[10].standard_name, "PTV11");
  EXPECT_EQ(set.rois[12].standard_name, "GTV_1000");
  // Alone, or beside a dose level, the number is a dose.
  auto alone = engine.decide(naming_input_from_names({"PTV_1", "PTV_2", "PTV_45"}), default_protocol());
  EXPECT_EQ(alone.rois[2].standard_name, "PTV_4500");
}

TEST(EngineSetRules, NamesAreUniqueIgnoringCase) {
  RulesEngine engine;
  auto set =
      engine.decide(naming_input_from_names({"Lt Parotid", "parotid left", "L parotid"}), default_protocol());
  int kept = 0;
  for (const RoiDecision& d : set.rois) kept += d.standard_name == "Parotid_L" ? 1 : 0;
  EXPECT_EQ(kept, 1);
  // Equally sure: the ROI already named so keeps the name.
  auto named = engine.decide(naming_input_from_names({"Femoral Head L", "Femur_Head_L"}), default_protocol());
  EXPECT_EQ(named.rois[1].standard_name, "Femur_Head_L");
  EXPECT_EQ(named.rois[0].standard_name, "unknown");
}

TEST(EngineSetRules, SkinTypedExternalIsTheBodyOutline) {
  RulesEngine engine;
  NamingInput input = naming_input_from_names({"SKIN", "Skin", "Parotid_L"});
  input.rois[0].interpreted_type = "EXTERNAL";
  input.rois[1].interpreted_type = "ORGAN";
  auto set = engine.decide(input, default_protocol());
  EXPECT_EQ(set.rois[0].roi_class, RoiClass::DOSE);
  EXPECT_EQ(set.rois[0].standard_name, "External");
  EXPECT_EQ(set.rois[1].roi_class, RoiClass::OAR);
  EXPECT_EQ(set.rois[1].standard_name, "Skin");
}

TEST(EngineSetRules, SeedRuleMakesUnmatchedPtvAuxInNasopharynx) {
  RulesEngine engine;
  NamingInput input = naming_input_from_names({"GTVnx", "CTV1", "PTV1", "PTV2", "Brainstem"});
  input.site_hint = "nasopharynx";
  auto set = engine.decide(input, default_protocol());
  EXPECT_EQ(set.rois[2].roi_class, RoiClass::TV) << "PTV1 has CTV1";
  EXPECT_EQ(set.rois[3].roi_class, RoiClass::AUX) << "PTV2 has no CTV2/GTV2";
  input.site_hint = "head_neck";
  EXPECT_EQ(engine.decide(input, default_protocol()).rois[3].roi_class, RoiClass::TV);
  // The same suffix leaves doses and sides aside: PGTVnx70 grows from
  // GTVnx, PGTVnd from GTVnd_L and GTVnd_R, PTV_Breast_L_4005 from
  // CTV_Breast_L.
  NamingInput npc = naming_input_from_names({"GTVnx", "GTVnd_L", "GTVnd_R", "PGTVnx70", "PGTVnd", "PTV3"});
  npc.site_hint = "nasopharynx";
  auto npc_set = engine.decide(npc, default_protocol());
  EXPECT_EQ(npc_set.rois[3].roi_class, RoiClass::TV);
  EXPECT_EQ(npc_set.rois[4].roi_class, RoiClass::TV);
  EXPECT_EQ(npc_set.rois[5].roi_class, RoiClass::AUX);
  NamingInput breast = naming_input_from_names({"CTV_Breast_L", "PTV_Breast_L_4005", "Heart"});
  breast.site_hint = "breast";
  EXPECT_EQ(engine.decide(breast, default_protocol()).rois[1].roi_class, RoiClass::TV);
}

TEST(EngineSetRules, SiteHintWinsAndNamesGiveASite) {
  RulesEngine engine;
  auto set = engine.decide(naming_input_from_names({"Prostate", "Rectum", "Bladder", "Femur_Head_L"}),
                           default_protocol());
  EXPECT_EQ(set.site.site, "prostate");
  auto hn = engine.decide(naming_input_from_names({"Parotid_L", "Parotid_R", "SpinalCord", "Brainstem"}),
                          default_protocol());
  EXPECT_EQ(hn.site.site, "head_neck");
  // A Chinese nasopharynx set: the nx hints name the sub-site among many
  // general head-and-neck organs.
  auto npc =
      engine.decide(naming_input_from_names({"GTVnx", "GTVnd_L", "PGTVnx", "PCTV1", "Brainstem", "SpinalCord",
                                             "Parotid_L", "Parotid_R", "Lens_L", "Lens_R"}),
                    default_protocol());
  EXPECT_EQ(npc.site.site, "nasopharynx");
  // Brain metastases: the optic apparatus leans to head and neck organ by
  // organ, but a plan without any head-and-neck-only organ is a brain plan.
  auto mets =
      engine.decide(naming_input_from_names({"Whole Brain", "Brainstem", "GTV_1", "GTV_2", "Eye_L", "Eye_R",
                                             "Lens_L", "Lens_R", "OpticNrv_L", "OpticNrv_R", "Chiasm"}),
                    default_protocol());
  EXPECT_EQ(mets.site.site, "brain");
  auto orbit_and_parotid = engine.decide(naming_input_from_names({"Brainstem", "Eye_L", "Eye_R", "Lens_L",
                                                                  "OpticNrv_L", "Parotid_L", "PTV_6000"}),
                                         default_protocol());
  EXPECT_EQ(orbit_and_parotid.site.site, "head_neck");
}

// Whole structure sets of sites whose own organ is the target, so that the
// organs at risk are shared with neighbouring sites (probe round 10).
TEST(EngineSetRules, AbdomenSpineAndNodalHintsGiveTheSite) {
  RulesEngine engine;
  auto site_of = [&](std::vector<std::string> names) {
    return engine.decide(naming_input_from_names(names), default_protocol()).site.site;
  };
  // Liver SBRT: the liver outweighs the stomach, duodenum and kidneys that
  // every upper-abdominal plan contours.
  EXPECT_EQ(site_of({"GTV", "PTV", "Liver", "Liver-GTV", "Stomach", "Duodenum", "Kidney_L", "Kidney_R",
                     "SpinalCord"}),
            "liver");
  // Gastric lymphoma: the stomach named in the target, spleen and kidneys.
  EXPECT_EQ(
      site_of({"CTV_Stomach", "PTV_30", "Liver", "Kidney_L", "Kidney_R", "Heart", "Spleen", "SpinalCord"}),
      "stomach");
  // Spine SBRT: the treated vertebra in the target names (PTV_T8 → ^T08).
  EXPECT_EQ(site_of({"GTV_T8", "PTV_T8", "SpinalCord", "SpinalCord_PRV02", "Esophagus", "Lungs", "Heart"}),
            "spine_bone");
  // Para-aortic nodes (seminoma): an abdominal nodal target.
  EXPECT_EQ(site_of({"CTV_PA", "PTV_20", "Kidney_L", "Kidney_R", "Bowel", "Liver", "SpinalCord"}),
            "abdomen_other");
  // GTVnd is the Chinese nodal GTV of every site, not a head-and-neck hint.
  std::string cervix = site_of({"GTVnd", "CTV", "PGTVnd", "PTV", "Bladder", "Rectum", "Small intestine",
                                "Colon", "Femoral head L", "Femoral head R"});
  EXPECT_NE(cervix, "head_neck");
  EXPECT_NE(cervix, "nasopharynx");
  // A nasopharynx set written without nx words (Hong Kong / UK style): the
  // temporal lobes are contoured for nasopharynx plans, not for oropharynx.
  EXPECT_EQ(
      site_of({"GTV_P", "GTV_N", "CTV_70", "PTV_70", "Brainstem", "SpinalCord", "Parotid_L", "Parotid_R",
               "Temporal Lobe L", "Temporal Lobe R", "Cochlea_L", "Cochlea_R", "Mandible", "Larynx"}),
      "nasopharynx");
  EXPECT_EQ(site_of({"GTVp", "CTV_7000", "PTV_7000", "Brainstem", "SpinalCord", "Parotid_L", "Parotid_R",
                     "Glnd_Submand_L", "Cavity_Oral", "Larynx", "Musc_Constrict", "Cochlea_L", "Cochlea_R"}),
            "head_neck");
  // Rectal cancer: the rectum is the target, not an organ at risk; the
  // mesorectum names the site (en, and de written whole: not meso + Rektum).
  EXPECT_EQ(site_of({"GTV", "CTV_Mesorectum", "CTV_45", "PTV_45", "Bladder", "Small Bowel", "Femoral Head Lt",
                     "Femoral Head Rt"}),
            "rectum");
  EXPECT_EQ(site_of({"GTV", "CTV Mesorektum", "PTV 50.4", "Blase", "Dünndarm", "Hüftkopf li", "Hüftkopf re"}),
            "rectum");
  // The bladder named in the targets is the site; as an ROI of its own in a
  // plan it is an organ at risk of every pelvic plan.
  EXPECT_EQ(
      site_of({"GTV_Bladder", "CTV_Bladder", "PTV_64", "Rectum", "Bowel", "Femur_Head_L", "Femur_Head_R"}),
      "bladder");
  // A pelvic plan with the bladder at risk but no rectum anywhere treats the
  // rectum (targets by number only; probe round 18).
  EXPECT_EQ(site_of({"GTV", "CTV1", "CTV2", "PTV1", "PTV2", "Bladder", "Bowel_Small", "Femur_Head_L",
                     "Femur_Head_R", "Body"}),
            "rectum");
  EXPECT_EQ(site_of({"GTV_P", "CTV_E", "PTV_E", "Bladder", "SmallBowel_Loops", "Belly_Board", "FemoralHeads",
                     "Sacrum", "Body"}),
            "rectum");
  // The same with the organs swapped: a bladder plan (plan of the day).
  EXPECT_EQ(site_of({"CTV_Small", "CTV_Medium", "CTV_Large", "PTV_Small", "PTV_Medium", "PTV_Large", "Rectum",
                     "SmallBowel", "Femur_L", "Femur_R", "Body"}),
            "bladder");
  // A woman's rectal plan: the uterus and vagina as organs at risk, no
  // rectum; named in the targets they are the cervix plan's.
  EXPECT_EQ(site_of({"GTV", "CTV", "PTV", "Bladder", "Uterus", "Vagina", "Ovary_L", "Ovary_R", "SmallBowel",
                     "FemoralHead_L", "FemoralHead_R", "Body"}),
            "rectum");
  EXPECT_EQ(site_of({"CTV_Uterus", "GTV_Cervix", "PTV_45", "Bladder", "Bowel", "Femur_Head_L", "Femur_Head_R",
                     "Body"}),
            "cervix");
  // A rectum written in a name not read as the rectum still counts as
  // contoured: not a rectal plan.
  EXPECT_NE(site_of({"GTV", "CTV", "PTV", "Bladder", "Bowel", "Femur_Head_L", "Femur_Head_R",
                     "Rectum_Sigmoid", "Body"}),
            "rectum");
  // ... but not when an organ names another pelvic site.
  EXPECT_EQ(site_of({"CTV", "PTV", "Prostate", "SeminalVes", "Bladder", "Femur_Head_L", "Femur_Head_R"}),
            "prostate");
  // The oesophagus named in the targets is the site, though the larynx,
  // thyroid and trachea of a cervical oesophagus plan lean to head and neck.
  EXPECT_EQ(site_of({"GTV_Eso", "CTV_Eso", "PTV_Eso", "Larynx", "Thyroid", "Trachea", "SpinalCord", "Lung_L",
                     "Lung_R", "BrachialPlex_L", "BrachialPlex_R", "Body"}),
            "esophagus");
  // "fossa" alone is the supraclavicular fossa as often as the prostate's.
  EXPECT_EQ(site_of({"CTV_mama_D", "PTV_mama_D", "CTV_fossa_SC", "PTV_fossa_SC", "Coracao", "Pulmao_D",
                     "Pulmao_E", "Mama_E", "Medula", "Corpo"}),
            "breast");
  // Organs every pelvic plan has and nothing else: the region, not the
  // alphabetically first of prostate, rectum and cervix.
  EXPECT_EQ(site_of({"GTV", "CTV", "PTV", "Bladder", "Rectum", "Femur_Head_L", "Femur_Head_R"}),
            "pelvis_other");
  // A target named after a bone of the trunk is a spine or bone plan, though
  // its organs at risk are the abdomen's or the thorax's.
  EXPECT_EQ(site_of({"PTV T10-L2", "Cord", "Kidneys", "Bowel", "Liver", "BODY"}), "spine_bone");
  EXPECT_EQ(site_of({"CTV_Sacrum", "PTV_8Gy", "Bladder", "Rectum", "Bowel", "CaudaEquina", "External"}),
            "spine_bone");
  // A limb named in a target, in any language, is an extremity plan.
  EXPECT_EQ(site_of({"GTV bras", "CTV", "PTV", "Humerus D", "Peau", "Contour externe"}), "extremity");
  EXPECT_EQ(site_of({"CTV_pie", "PTV_pie", "Hueso", "Piel", "Cuerpo"}), "extremity");
  // A word naming the treatment beats organs that many sites contour.
  EXPECT_EQ(site_of({"PTV_TBI", "Lung_L", "Lung_R", "Lungs", "Kidney_L", "Kidney_R", "Lens_L", "Lens_R"}),
            "whole_body");
}

TEST(EngineSetRules, AmbiguousAbbreviationTakesTheSenseOfTheSite) {
  RulesEngine engine;
  auto heart =
      engine.decide(naming_input_from_names({"LCA", "RCA", "Heart", "LAD", "Lungs"}), default_protocol());
  EXPECT_EQ(heart.rois[0].standard_name, "A_Coronary_L");
  EXPECT_EQ(heart.rois[1].standard_name, "A_Coronary_R");
  auto neck = engine.decide(naming_input_from_names({"LCA", "RCA", "Parotid_L", "Parotid_R", "Larynx"}),
                            default_protocol());
  EXPECT_EQ(neck.rois[0].standard_name, "A_Carotid_L");
  EXPECT_EQ(neck.rois[1].standard_name, "A_Carotid_R");
  NamingInput liver = naming_input_from_names({"PV", "Liver", "Duodenum"});
  liver.site_hint = "liver";
  EXPECT_EQ(engine.decide(liver, default_protocol()).rois[0].standard_name, "V_Portal");
  EXPECT_FALSE(heart.rois[1].needs_review);
  // Alone, such a word cannot tell the site it needs: a guess, for review.
  auto alone = engine.decide(naming_input_from_names({"RCA", "Vena cava"}), default_protocol());
  EXPECT_TRUE(alone.rois[0].needs_review);
  EXPECT_TRUE(alone.rois[1].needs_review);
  auto chest = engine.decide(naming_input_from_names({"Vena cava", "Lung_L", "Lung_R", "Heart", "Esophagus"}),
                             default_protocol());
  EXPECT_EQ(chest.rois[0].standard_name, "V_Venacava_S");
}

TEST(EngineSetRules, ContralateralOrganTakesTheSideOppositeTheTargets) {
  RulesEngine engine;
  auto lung =
      engine.decide(naming_input_from_names({"GTV_L", "PTV_L_6000", "Lung_Contra", "Ipsi lung", "Heart"}),
                    default_protocol());
  EXPECT_EQ(lung.rois[2].standard_name, "Lung_R");
  EXPECT_EQ(lung.rois[3].standard_name, "Lung_L");
  auto breast = engine.decide(naming_input_from_names({"CTV_Breast_R", "Breast_Contra"}), default_protocol());
  EXPECT_EQ(breast.rois[1].standard_name, "Breast_L");
  // No target names a side: the side cannot be known from names.
  auto unknown = engine.decide(naming_input_from_names({"GTV", "Contra Lung"}), default_protocol());
  EXPECT_EQ(unknown.rois[1].standard_name, "unknown");
  EXPECT_TRUE(unknown.rois[1].needs_review);
}

TEST(EngineSetRules, ChineseNasopharynxSetKeepsItsPlanningTargets) {
  RulesEngine engine;
  auto set = engine.decide(naming_input_from_names({"GTVnx", "GTVnd", "GTVrpn", "CTV1", "PGTVnx", "PGTVnd",
                                                    "PGTVrpn", "PCTV1", "PTV2", "Brainstem", "Parotid L"}),
                           default_protocol());
  EXPECT_EQ(set.site.site, "nasopharynx");
  // PGTVnx grows from GTVnx: same suffix once read (PTVp / GTVp), a target.
  EXPECT_EQ(set.rois[4].roi_class, RoiClass::TV);
  EXPECT_EQ(set.rois[4].standard_name, "PTVp");
  EXPECT_EQ(set.rois[6].standard_name, "PTVn^RP");
  EXPECT_EQ(set.rois[2].standard_name, "GTVn^RP") << "distinct from GTVnd's GTVn";
  EXPECT_EQ(set.rois[7].roi_class, RoiClass::TV);
  EXPECT_EQ(set.rois[8].roi_class, RoiClass::AUX) << "PTV2 has no CTV2/GTV2 (seed rule)";
}

}  // namespace

TEST(EngineSetRules, LettersAfterTheTypeKeepTargetsApart) {
  RulesEngine engine;
  auto anal = engine.decide(naming_input_from_names({"CTVA_4140", "CTVB_4140", "PTV_C"}), default_protocol());
  EXPECT_EQ(anal.rois[0].standard_name, "CTV_4140^A");
  EXPECT_EQ(anal.rois[1].standard_name, "CTV_4140^B");
  EXPECT_EQ(anal.rois[2].standard_name, "PTV^C");
}

}  // namespace roiname
