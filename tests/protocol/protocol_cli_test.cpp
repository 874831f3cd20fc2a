// End-to-end: `roiname validate` and `roiname protocol check|show|list`.
#include <nlohmann/json.hpp>

#include <fstream>

#include "support/test_support.h"

namespace roiname {
namespace {

using testing::run_roiname;
using testing::shell_quote;

TEST(ValidateCommand, ValidNamesExitZero) {
  const auto result = run_roiname("validate PTV_70Gy OpticNrv_PRV03_L 'Lung~_L'");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("PTV_7000"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("dose=7000cGy"), std::string::npos) << result.out;
}

TEST(ValidateCommand, InvalidNameSaysWhyAndExitsOne) {
  const auto result = run_roiname("validate Brainstem_L PTV_7000");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("has no side"), std::string::npos) << result.out;
}

TEST(ValidateCommand, JsonGivesTargetComponents) {
  const auto result = run_roiname("validate --format json PTVn_L_5600 'PTV 70' Parotid_L");
  EXPECT_EQ(result.exit_code, 1);
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["protocol"], "tg263");
  ASSERT_EQ(json["names"].size(), 3u);
  const auto& target = json["names"][0];
  EXPECT_EQ(target["valid"], true);
  EXPECT_EQ(target["kind"], "target");
  EXPECT_EQ(target["canonical"], "PTVn_L_5600");
  EXPECT_EQ(target["target"]["classifier"], "n");
  EXPECT_EQ(target["target"]["indicator"], "L");
  EXPECT_EQ(target["target"]["dose"]["centigray"], 5600);
  EXPECT_EQ(json["names"][1]["valid"], false);
  EXPECT_FALSE(json["names"][1]["problems"].empty());
  EXPECT_EQ(json["names"][2]["organ"]["side"], "L");
}

TEST(ValidateCommand, ProtocolByNameOrFile) {
  EXPECT_EQ(run_roiname("validate --protocol cn-nasopharynx PGTVnx GTVnd PCTV1 PTV-all").exit_code, 0);
  EXPECT_EQ(run_roiname("validate --protocol example-institution Lens_Left PTVtb_50Gy").exit_code, 0);
  testing::TempDir dir;
  const auto path = dir.path() / "p.yaml";
  std::ofstream(path) << "protocol: p\norgans:\n  names: {Lens_L: LensLeft}\n";
  EXPECT_EQ(run_roiname("validate --protocol " + shell_quote(path.string()) + " LensLeft").exit_code, 0);
  const auto missing = run_roiname("validate --protocol nowhere.yaml Brainstem");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("neither an embedded protocol"), std::string::npos) << missing.err;
}

TEST(ProtocolCommand, CheckReportsEveryProblemWithLines) {
  testing::TempDir dir;
  const auto path = dir.path() / "bad.yaml";
  std::ofstream(path) << "protocol: bad\nbase: tg264\norgans:\n  remove: [Nothing]\n";
  const auto result = run_roiname("protocol check " + shell_quote(path.string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find(path.string() + ":2: base must be"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(path.string() + ":4: organs.remove: 'Nothing'"), std::string::npos) << result.out;
}

TEST(ProtocolCommand, CheckPassesShippedProtocols) {
  for (const auto& file :
       {"tg263.yaml", "tg263-reverse.yaml", "example-institution.yaml", "cn-nasopharynx.yaml"}) {
    const auto path = testing::source_dir() / "data/protocols" / file;
    const auto result = run_roiname("protocol check " + shell_quote(path.string()));
    EXPECT_EQ(result.exit_code, 0) << file << "\n" << result.out << result.err;
    EXPECT_NE(result.out.find(": ok"), std::string::npos) << result.out;
  }
}

TEST(ProtocolCommand, ShowPrintsYamlThatChecksClean) {
  const auto shown = run_roiname("protocol show example-institution");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("Lens_L: Lens_Left"), std::string::npos) << shown.out;
  testing::TempDir dir;
  const auto path = dir.path() / "shown.yaml";
  std::ofstream(path) << shown.out;
  EXPECT_EQ(run_roiname("protocol check " + shell_quote(path.string())).exit_code, 0);
  EXPECT_NE(run_roiname("protocol show").out.find("protocol: tg263"), std::string::npos);
}

TEST(ProtocolCommand, ListNamesTheEmbeddedProtocols) {
  const auto result = run_roiname("protocol list");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* name : {"tg263", "tg263-reverse", "example-institution", "cn-nasopharynx"})
    EXPECT_NE(result.out.find(name), std::string::npos) << name;
  EXPECT_EQ(run_roiname("protocol").exit_code, 2);
}

}  // namespace
}  // namespace roiname
