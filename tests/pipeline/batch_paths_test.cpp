#include <gtest/gtest.h>

#include <fstream>

#include "pipeline/batch_runner.h"
#include "pipeline/interpreted_type.h"
#include "support/test_support.h"

namespace roiname::pipeline {
namespace {

namespace fs = std::filesystem;

TEST(BatchPaths, OneFolderIsMirroredStraightUnderTheOutput) {
  EXPECT_EQ(mirrored_path("/data/in/p1/rs.dcm", {"/data/in"}, "/out"), fs::path("/out/p1/rs.dcm"));
  EXPECT_EQ(mirrored_path("/data/in/p1/rs.dcm", {"/data/in/"}, "/out"), fs::path("/out/p1/rs.dcm"));
}

TEST(BatchPaths, SeveralInputsEachGetTheirOwnFolder) {
  const std::vector<fs::path> inputs = {"/data/a", "/data/b", "/data/c/rs.dcm"};
  EXPECT_EQ(mirrored_path("/data/a/x/rs.dcm", inputs, "/out"), fs::path("/out/a/x/rs.dcm"));
  EXPECT_EQ(mirrored_path("/data/b/rs.dcm", inputs, "/out"), fs::path("/out/b/rs.dcm"));
  EXPECT_EQ(mirrored_path("/data/c/rs.dcm", inputs, "/out"), fs::path("/out/rs.dcm"));
}

TEST(BatchPaths, SymbolicLinksAreMirroredAsWritten) {
  roiname::testing::TempDir dir;
  fs::create_directories(dir.path() / "real");
  fs::create_directories(dir.path() / "in" / "p1");
  std::ofstream(dir.path() / "real" / "file.dcm") << "x";
  fs::create_symlink(dir.path() / "real" / "file.dcm", dir.path() / "in" / "p1" / "rs.dcm");
  EXPECT_EQ(mirrored_path(dir.path() / "in" / "p1" / "rs.dcm", {dir.path() / "in"}, "/out"),
            fs::path("/out/p1/rs.dcm"));
}

TEST(BatchPaths, OutputFolderProblems) {
  roiname::testing::TempDir dir;
  const fs::path in = dir.path() / "in";
  fs::create_directories(in);
  EXPECT_TRUE(output_dir_problem({in}, in, true).has_value());
  EXPECT_TRUE(output_dir_problem({in}, in / "out", false).has_value());
  EXPECT_FALSE(output_dir_problem({in}, in / "out", true).has_value());
  EXPECT_TRUE(output_dir_problem({in / "sub"}, in, true).has_value());  // the output holds an input
  EXPECT_FALSE(output_dir_problem({in}, dir.path() / "out", false).has_value());
  EXPECT_FALSE(output_dir_problem({in}, dir.path() / "in2", false).has_value());  // a sibling, not inside
}

TEST(InterpretedType, FollowsClassAndName) {
  auto type = [](RoiClass c, std::string name) {
    RoiDecision d;
    d.roi_class = c;
    d.standard_name = std::move(name);
    return interpreted_type_for(d);
  };
  EXPECT_EQ(type(RoiClass::TV, "PTV_7000"), "PTV");
  EXPECT_EQ(type(RoiClass::TV, "GTVp"), "GTV");
  EXPECT_EQ(type(RoiClass::TV, "ITV"), "CTV");
  EXPECT_EQ(type(RoiClass::OAR, "Parotid_L"), "ORGAN");
  EXPECT_EQ(type(RoiClass::AUX, "z_Ring"), "CONTROL");
  EXPECT_EQ(type(RoiClass::DOSE, "External"), "EXTERNAL");
  EXPECT_EQ(type(RoiClass::DOSE, "Bolus_5mm"), "BOLUS");
  EXPECT_EQ(type(RoiClass::DOSE, "Artefact"), std::nullopt);
  EXPECT_EQ(type(RoiClass::OAR, "unknown"), std::nullopt);
}

}  // namespace
}  // namespace roiname::pipeline
