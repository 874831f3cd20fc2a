// Cross-check with an independent reader: `roiname scan --format json` and
// pydicom (tests/dicom/pydicom_rois.py, run with /usr/bin/python3) must see
// the same ROIs in every shared RTSTRUCT.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace roiname {
namespace {

namespace fs = std::filesystem;
using roiname::testing::shell_quote;

TEST(PydicomCrossCheck, ScanJsonAgreesWithPydicomOnEverySharedRtstruct) {
  ROINAME_REQUIRE_SHARED();
  if (!fs::exists("/usr/bin/python3") ||
      roiname::testing::run_shell("/usr/bin/python3 -c 'import pydicom'").exit_code != 0)
    GTEST_SKIP() << "/usr/bin/python3 with pydicom (Debian python3-pydicom) not installed";
  const fs::path dicom = roiname::testing::shared_dir() / "data" / "dicom";
  const auto scan = roiname::testing::run_roiname("scan --format json -j 2 " + shell_quote(dicom.string()));
  ASSERT_EQ(scan.exit_code, 1) << "the shared data holds exactly one corrupted file";
  const auto ours = nlohmann::json::parse(scan.out);
  ASSERT_GE(ours["structure_sets"].size(), 20u);

  std::string files;
  for (const auto& set : ours["structure_sets"]) {
    files += ' ';
    files += shell_quote(set["file"].get<std::string>());
  }
  std::string command = "/usr/bin/python3 ";
  command += shell_quote(ROINAME_TESTS_DICOM_DIR "/pydicom_rois.py");
  command += files;
  const auto python = roiname::testing::run_shell(command);
  ASSERT_EQ(python.exit_code, 0) << python.err;
  const auto theirs = nlohmann::json::parse(python.out);

  std::size_t compared = 0;
  for (const auto& set : ours["structure_sets"]) {
    const std::string file = set["file"];
    SCOPED_TRACE(file);
    ASSERT_TRUE(theirs.contains(file));
    const auto& other = theirs[file];
    EXPECT_EQ(set["patient_id"], other["patient_id"]);
    EXPECT_EQ(set["label"], other["label"]);
    ASSERT_EQ(set["rois"].size(), other["rois"].size());
    for (std::size_t i = 0; i < set["rois"].size(); ++i) {
      const auto& a = set["rois"][i];
      const auto& b = other["rois"][i];
      EXPECT_EQ(a["number"], b["number"]);
      EXPECT_EQ(a["name"], b["name"]);
      EXPECT_EQ(a["interpreted_type"], b["interpreted_type"]) << a["name"];
      EXPECT_EQ(a["contour_count"], b["contour_count"]) << a["name"];
      ++compared;
    }
  }
  EXPECT_GE(compared, 141u);
}

}  // namespace
}  // namespace roiname
