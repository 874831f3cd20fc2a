// End-to-end: the roiname binary's `scan` subcommand, its formats and exit codes.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "dicom/fixtures/fixture_writer.h"
#include "support/test_support.h"

namespace roiname {
namespace {

namespace fs = std::filesystem;
using roiname::testing::run_roiname;
using roiname::testing::shell_quote;

std::string examples() { return shell_quote((roiname::testing::source_dir() / "examples").string()); }

TEST(ScanCli, ExamplesScanCleanlyWithExitZero) {
  const auto run = run_roiname("scan " + examples());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("6 structure sets, 93 ROIs, 0 errors"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Tumor Bed Block"), std::string::npos);
  EXPECT_TRUE(run.err.empty()) << run.err;  // no progress on a non-terminal stderr
}

TEST(ScanCli, JsonFollowsTheDocumentedSchema) {
  const auto run = run_roiname("scan --format json " + examples());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["schema"], "roiname.scan/1");
  ASSERT_EQ(doc["structure_sets"].size(), 6u);
  const auto& set = doc["structure_sets"][0];
  for (const char* key : {"file", "patient_id", "label", "frame_of_reference_uid", "ct", "rois", "issues"})
    EXPECT_TRUE(set.contains(key)) << key;
  EXPECT_TRUE(set["ct"].contains("found"));
  EXPECT_TRUE(set["ct"].contains("slices"));
  const auto& roi = set["rois"][0];
  for (const char* key : {"number", "name", "interpreted_type", "contour_count"})
    EXPECT_TRUE(roi.contains(key)) << key;
  EXPECT_EQ(doc["summary"]["structure_sets"], 6);
  EXPECT_EQ(doc["summary"]["rois"], 93);
  EXPECT_EQ(doc["summary"]["errors"], 0);
  EXPECT_EQ(doc["summary"]["non_dicom_skipped"], 2);  // the NOTICE.md files
}

TEST(ScanCli, ThreadCountDoesNotChangeTheOutput) {
  for (const char* format : {"json", "table", "csv"}) {
    const auto one = run_roiname(std::string("scan -j 1 --format ") + format + " " + examples());
    const auto two = run_roiname(std::string("scan -j 3 --format ") + format + " " + examples());
    EXPECT_EQ(one.out, two.out) << format;
  }
}

TEST(ScanCli, CsvHasOneRowPerRoi) {
  const auto run = run_roiname("scan --format csv " + examples());
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind(
                "file,patient_id,label,frame_of_reference_uid,ct_found,ct_slices,roi_number,roi_name,", 0),
            0u);
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 94);
  EXPECT_NE(run.err.find("93 ROIs"), std::string::npos);  // summary on stderr
}

TEST(ScanCli, FailedFileGivesExitOneAndSaysWhy) {
  roiname::testing::TempDir tmp;
  dicom::fixtures::RtstructFixture fixture;
  fixture.rois = {{}};
  fixture.rois[0].name = "BODY";
  ASSERT_TRUE(dicom::fixtures::write_rtstruct(fixture, tmp.path() / "good.dcm").ok());
  std::ifstream in(tmp.path() / "good.dcm", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(tmp.path() / "broken.dcm", std::ios::binary) << bytes.substr(0, bytes.size() - 40);
  const auto run = run_roiname("scan " + shell_quote(tmp.path().string()));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("error: " + (tmp.path() / "broken.dcm").string()), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1 structure sets, 1 ROIs, 1 error"), std::string::npos) << run.out;
}

TEST(ScanCli, CorruptedRealFileGivesExitOne) {
  ROINAME_REQUIRE_SHARED();
  const fs::path folder = roiname::testing::shared_dir() / "data" / "dicom" /
                          "slicerrt-eclipse-prostate-phantom" / "corrupted-crlf";
  const auto run = run_roiname("scan --format json " + shell_quote(folder.string()));
  EXPECT_EQ(run.exit_code, 1);
  const auto doc = nlohmann::json::parse(run.out);
  ASSERT_EQ(doc["errors"].size(), 1u);
  EXPECT_NE(doc["errors"][0]["message"].get<std::string>().find("corrupted"), std::string::npos);
}

TEST(ScanCli, UsageErrorsGiveExitTwo) {
  EXPECT_EQ(run_roiname("scan").exit_code, 2);
  EXPECT_EQ(run_roiname("scan --format xml " + examples()).exit_code, 2);
  EXPECT_EQ(run_roiname("scan /no/such/folder/anywhere").exit_code, 2);
  EXPECT_EQ(run_roiname("scan -j 0 " + examples()).exit_code, 2);
}

}  // namespace
}  // namespace roiname
