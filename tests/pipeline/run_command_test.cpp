// `roiname run` and `roiname audit` end to end, on the bundled examples and
// on fixtures: copies mirror the inputs, inputs stay untouched, reports and
// audit agree, -j does not change the output, the safety refusals hold.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dicom/fixtures/fixture_writer.h"
#include "dicom/rtstruct_reader.h"
#include "support/test_support.h"

namespace roiname {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using roiname::testing::run_roiname;
using roiname::testing::shell_quote;
using roiname::testing::TempDir;

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::map<std::string, std::string> tree_bytes(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) files[fs::relative(entry.path(), root).string()] = file_bytes(entry.path());
  return files;
}

fs::path examples() { return roiname::testing::source_dir() / "examples"; }

json read_json(const fs::path& file) { return json::parse(file_bytes(file)); }

// Blanks what legitimately differs between two runs: times, new UIDs, the
// output folder and hashes of copies (they hold the new UIDs).
void blank_run_specific(json& value, const std::string& out_dir) {
  if (value.is_object()) {
    for (auto& [key, item] : value.items()) {
      if (key == "started_at" || key == "finished_at" || key == "seconds" || key == "command_line" ||
          key == "new_sop_instance_uid" || key == "new_series_instance_uid" || key == "output_sha256")
        item = nullptr;
      else
        blank_run_specific(item, out_dir);
    }
  } else if (value.is_array()) {
    for (auto& item : value) blank_run_specific(item, out_dir);
  } else if (value.is_string()) {
    std::string text = value.get<std::string>();
    if (text.rfind(out_dir, 0) == 0) value = "OUT" + text.substr(out_dir.size());
  }
}

TEST(RunCommand, ExamplesGiveCopiesReportsAndAuditWithoutTouchingInputs) {
  TempDir dir;
  const auto before = tree_bytes(examples());
  const fs::path out = dir.path() / "out";
  const auto result =
      run_roiname("run " + shell_quote(examples().string()) + " --out " + shell_quote(out.string()));
  ASSERT_LE(result.exit_code, 1) << result.err;
  EXPECT_EQ(tree_bytes(examples()), before) << "an input changed";
  EXPECT_NE(result.out.find("report: " + (out / "report.html").string()), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("structure sets: 6"), std::string::npos) << result.out;

  const json report = read_json(out / "report.json");
  ASSERT_EQ(report["structure_sets"].size(), 6u);
  int rois = 0;
  for (const auto& set : report["structure_sets"]) {
    ASSERT_TRUE(set["error"].is_null()) << set["error"];
    const fs::path input = set["input_file"].get<std::string>();
    const fs::path copy = set["output_file"].get<std::string>();
    // The input tree mirrored under out/.
    EXPECT_EQ(fs::relative(copy, out), fs::relative(input, examples()));
    auto written = dicom::read_structure_set(copy);
    ASSERT_TRUE(written.ok()) << written.error().message;
    ASSERT_EQ(written->rois.size(), set["rois"].size());
    for (std::size_t i = 0; i < written->rois.size(); ++i) {
      EXPECT_EQ(written->rois[i].name, set["rois"][i]["written"].get<std::string>());
      EXPECT_NE(written->rois[i].name, "unknown");
    }
    EXPECT_EQ(written->sop_instance_uid, set["new_sop_instance_uid"].get<std::string>());
    rois += static_cast<int>(set["rois"].size());
  }
  EXPECT_EQ(report["totals"]["rois"], rois);
  EXPECT_GT(report["totals"]["renamed"].get<int>(), 0);

  // CSV: header + one row per ROI.
  const std::string csv = file_bytes(out / "report.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), rois + 1);

  // The audit log holds the run, its files and every decision.
  const auto runs = run_roiname("audit " + shell_quote((out / "roiname.sqlite").string()) + " --format json");
  ASSERT_EQ(runs.exit_code, 0) << runs.err;
  const json listed = json::parse(runs.out);
  ASSERT_EQ(listed["runs"].size(), 1u);
  EXPECT_EQ(listed["runs"][0]["rois"], std::to_string(rois));
  EXPECT_EQ(listed["runs"][0]["command_line"].get<std::string>().find("run "),
            listed["runs"][0]["command_line"].get<std::string>().find("run "));
  const auto decisions =
      run_roiname("audit " + shell_quote((out / "roiname.sqlite").string()) + " --run 1 --format json");
  ASSERT_EQ(decisions.exit_code, 0) << decisions.err;
  const json one = json::parse(decisions.out);
  EXPECT_EQ(one["decisions"].size(), static_cast<std::size_t>(rois));
  EXPECT_EQ(one["files"].size(), 12u);  // 6 inputs, 6 outputs
  for (const auto& file : one["files"]) EXPECT_EQ(file["sha256"].get<std::string>().size(), 64u);
  const auto table = run_roiname("audit " + shell_quote((out / "roiname.sqlite").string()) + " --run 1");
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("# decisions"), std::string::npos);
  EXPECT_EQ(run_roiname("audit " + shell_quote((out / "roiname.sqlite").string()) + " --run 99").exit_code,
            1);
}

TEST(RunCommand, OneAndTwoThreadsGiveTheSameReports) {
  TempDir dir;
  const fs::path one = dir.path() / "one", two = dir.path() / "two";
  ASSERT_LE(
      run_roiname("run " + shell_quote(examples().string()) + " --out " + shell_quote(one.string()) + " -j1")
          .exit_code,
      1);
  ASSERT_LE(
      run_roiname("run " + shell_quote(examples().string()) + " --out " + shell_quote(two.string()) + " -j 2")
          .exit_code,
      1);
  json a = read_json(one / "report.json"), b = read_json(two / "report.json");
  blank_run_specific(a, one.string());
  blank_run_specific(b, two.string());
  EXPECT_EQ(a.dump(1), b.dump(1));
  std::string csv_a = file_bytes(one / "report.csv"), csv_b = file_bytes(two / "report.csv");
  for (std::size_t at; (at = csv_a.find(one.string())) != std::string::npos;)
    csv_a.replace(at, one.string().size(), "OUT");
  for (std::size_t at; (at = csv_b.find(two.string())) != std::string::npos;)
    csv_b.replace(at, two.string().size(), "OUT");
  EXPECT_EQ(csv_a, csv_b);
}

TEST(RunCommand, DryRunWritesNoCopies) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto result = run_roiname("run " + shell_quote(examples().string()) + " --out " +
                                  shell_quote(out.string()) + " --dry-run");
  ASSERT_LE(result.exit_code, 1) << result.err;
  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(out))
    files.insert(fs::relative(entry.path(), out).string());
  EXPECT_EQ(files, (std::set<std::string>{"report.csv", "report.html", "report.json", "roiname.sqlite"}));
  const json report = read_json(out / "report.json");
  EXPECT_TRUE(report["run"]["dry_run"].get<bool>());
  EXPECT_TRUE(report["structure_sets"][0]["output_file"].is_null());
}

// A square contour from x0 to x1 (mm) on three slices.
std::vector<Contour> box(double x0, double x1) {
  std::vector<Contour> contours;
  for (double z : {0.0, 5.0, 10.0})
    contours.push_back({"CLOSED_PLANAR", {{x0, -20, z}, {x1, -20, z}, {x1, 20, z}, {x0, 20, z}}});
  return contours;
}

// A structure set with a body (External, x -100..100) and the given ROIs,
// each drawn on the patient's right (x -60..-40).
fs::path write_fixture(const fs::path& file, const std::vector<std::string>& names) {
  dicom::fixtures::RtstructFixture fixture;
  dicom::fixtures::FixtureRoi body;
  body.number = 1;
  body.name = "BODY";
  body.interpreted_type = "EXTERNAL";
  body.contours = box(-100, 100);
  fixture.rois.push_back(body);
  int number = 2;
  for (const auto& name : names) {
    dicom::fixtures::FixtureRoi roi;
    roi.number = number++;
    roi.name = name;
    roi.contours = box(-60, -40);
    fixture.rois.push_back(roi);
  }
  fs::create_directories(file.parent_path());
  EXPECT_TRUE(dicom::fixtures::write_rtstruct(fixture, file).ok());
  return file;
}

// Clinics write Latin-1 without declaring it: such names are renamed, the
// original lands in ROI Description as it was, and the copy stays undeclared.
TEST(RunCommand, UndeclaredLatin1NamesAreRenamed) {
  TempDir dir;
  dicom::fixtures::RtstructFixture fixture;
  fixture.specific_character_set = "";  // written byte for byte
  fixture.patient_name = "M\xFCller^Anna";
  int number = 1;
  for (const std::string name : {"R\xFC"
                                 "ckenmark",
                                 "H\xF6"
                                 "rnerv li"}) {
    dicom::fixtures::FixtureRoi roi;
    roi.number = number++;
    roi.name = name;
    roi.contours = box(-10, 10);
    fixture.rois.push_back(roi);
  }
  const fs::path input = dir.path() / "in" / "rs.dcm";
  ASSERT_TRUE(dicom::fixtures::write_rtstruct(fixture, input).ok());
  const fs::path out = dir.path() / "out";
  const auto result = run_roiname("run " + shell_quote(input.string()) + " --out " +
                                  shell_quote(out.string()) + " --no-progress");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const json set = read_json(out / "report.json")["structure_sets"][0];
  EXPECT_TRUE(set["error"].is_null()) << set["error"];
  EXPECT_EQ(set["rois"][0]["old"],
            "R\xC3\xBC"
            "ckenmark");
  EXPECT_EQ(set["rois"][0]["written"], "SpinalCord");
  auto copy = dicom::read_structure_set(out / "rs.dcm");
  ASSERT_TRUE(copy.ok()) << copy.error().message;
  EXPECT_EQ(copy->rois[0].name, "SpinalCord");
  EXPECT_EQ(copy->rois[0].description,
            "R\xC3\xBC"
            "ckenmark");
  EXPECT_EQ(copy->rois[1].description,
            "H\xC3\xB6"
            "rnerv li");
  EXPECT_EQ(copy->specific_character_set, "");
  const std::string bytes = file_bytes(out / "rs.dcm");
  EXPECT_NE(bytes.find("M\xFCller^Anna"), std::string::npos);  // untouched
}

TEST(RunCommand, OutputInsideInputIsRefusedUnlessAllowed) {
  TempDir dir;
  const fs::path input = dir.path() / "in";
  write_fixture(input / "a" / "rs.dcm", {"Lt Parotid", "spinal cord"});
  const auto before = tree_bytes(input);
  const auto refused =
      run_roiname("run " + shell_quote(input.string()) + " --out " + shell_quote((input / "out").string()));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("inside the input"), std::string::npos) << refused.err;
  EXPECT_EQ(
      run_roiname("run " + shell_quote(input.string()) + " --out " + shell_quote(input.string())).exit_code,
      2);
  EXPECT_EQ(tree_bytes(input), before);

  const std::string allowed = "run " + shell_quote(input.string()) + " --out " +
                              shell_quote((input / "out").string()) + " --allow-output-inside-input";
  ASSERT_LE(run_roiname(allowed).exit_code, 1);
  // A second run does not take the first run's copies as inputs.
  ASSERT_LE(run_roiname(allowed).exit_code, 1);
  const json report = read_json(input / "out" / "report.json");
  EXPECT_EQ(report["structure_sets"].size(), 1u);
  EXPECT_TRUE(fs::exists(input / "out" / "a" / "rs.dcm"));
}

TEST(RunCommand, OnlyConfidentKeepsReviewNamesInTheCopy) {
  TempDir dir;
  const fs::path input = write_fixture(dir.path() / "in" / "rs.dcm",
                                       {"Lt Parotid", "spinal cord", "zz blob 7", "PTV 70", "Lung R"});
  // "Lt Parotid" lies on the right: a laterality contradiction, so it needs review.
  for (const bool only_confident : {false, true}) {
    const fs::path out = dir.path() / (only_confident ? "confident" : "all");
    const auto result = run_roiname("run " + shell_quote(input.string()) + " --out " +
                                    shell_quote(out.string()) + (only_confident ? " --only-confident" : ""));
    ASSERT_LE(result.exit_code, 1) << result.err;
    const json report = read_json(out / "report.json");
    auto copy = dicom::read_structure_set(out / "rs.dcm");
    ASSERT_TRUE(copy.ok());
    for (std::size_t i = 0; i < copy->rois.size(); ++i) {
      const json& roi = report["structure_sets"][0]["rois"][i];
      EXPECT_EQ(copy->rois[i].name, roi["written"].get<std::string>());
      const bool proposes_other = roi["new"] != roi["old"];
      std::string expected = "unchanged";
      if (proposes_other)
        expected = roi["new"] == "unknown" || (only_confident && roi["needs_review"].get<bool>())
                       ? "kept_for_review"
                       : "renamed";
      EXPECT_EQ(roi["action"], expected) << roi["old"];
      if (expected != "renamed") {
        EXPECT_EQ(copy->rois[i].name, roi["old"].get<std::string>());
      }
    }
    EXPECT_EQ(report["run"]["only_confident"].get<bool>(), only_confident);
    const json& parotid = report["structure_sets"][0]["rois"][1];
    EXPECT_EQ(parotid["laterality"]["verdict"], "contradicts");
    EXPECT_TRUE(parotid["needs_review"].get<bool>());
    EXPECT_EQ(parotid["action"], only_confident ? "kept_for_review" : "renamed");
    EXPECT_EQ(report["structure_sets"][0]["rois"][5]["laterality"]["verdict"], "consistent");  // Lung R
  }
}

TEST(RunCommand, InterpretedTypeAndSeriesOnRequest) {
  TempDir dir;
  const fs::path input = write_fixture(dir.path() / "in" / "rs.dcm", {"PTV 70", "spinal cord"});
  const fs::path out = dir.path() / "out";
  ASSERT_LE(run_roiname("run " + shell_quote(input.string()) + " --out " + shell_quote(out.string()) +
                        " --set-interpreted-type --keep-series")
                .exit_code,
            1);
  auto source = dicom::read_structure_set(input);
  auto copy = dicom::read_structure_set(out / "rs.dcm");
  ASSERT_TRUE(source.ok() && copy.ok());
  EXPECT_EQ(copy->series_instance_uid, source->series_instance_uid);
  EXPECT_NE(copy->sop_instance_uid, source->sop_instance_uid);
  EXPECT_EQ(copy->rois[1].name, "PTV_7000");
  EXPECT_EQ(copy->rois[1].interpreted_type, "PTV");
  EXPECT_EQ(copy->rois[1].description, "PTV 70");
  EXPECT_EQ(copy->rois[2].interpreted_type, "ORGAN");
  EXPECT_EQ(copy->rois[0].interpreted_type, "EXTERNAL");
}

// A paired organ named without side takes the side its contour lies on;
// one spanning both sides keeps the plural, confirmed.
TEST(RunCommand, PairedOrganWithoutSideIsPlacedByItsContour) {
  TempDir dir;
  dicom::fixtures::RtstructFixture fixture;
  auto add = [&](int number, const std::string& name, const std::string& type, double x0, double x1) {
    dicom::fixtures::FixtureRoi roi;
    roi.number = number;
    roi.name = name;
    roi.interpreted_type = type;
    roi.contours = box(x0, x1);
    fixture.rois.push_back(roi);
  };
  add(1, "BODY", "EXTERNAL", -100, 100);
  add(2, "Parotid", "ORGAN", 40, 60);    // patient's left (+x)
  add(3, "Cochlea", "ORGAN", -60, -40);  // patient's right
  add(4, "Kidney", "ORGAN", -50, 50);    // both sides
  const fs::path input = dir.path() / "in" / "rs.dcm";
  fs::create_directories(input.parent_path());
  ASSERT_TRUE(dicom::fixtures::write_rtstruct(fixture, input).ok());
  const fs::path out = dir.path() / "out";
  const auto result =
      run_roiname("run " + shell_quote(input.string()) + " --out " + shell_quote(out.string()));
  ASSERT_LE(result.exit_code, 1) << result.err;
  const json rois = read_json(out / "report.json")["structure_sets"][0]["rois"];
  EXPECT_EQ(rois[1]["new"], "Parotid_L");
  EXPECT_EQ(rois[2]["new"], "Cochlea_R");
  EXPECT_EQ(rois[3]["new"], "Kidneys");
  for (int i : {1, 2, 3}) EXPECT_FALSE(rois[i]["needs_review"].get<bool>()) << rois[i]["old"];
  // Names only (no contours read): the side is a guess and goes to review.
  const auto dry = run_roiname("rename " + shell_quote(input.string()) + " --format json");
  ASSERT_LE(dry.exit_code, 1) << dry.err;
  EXPECT_NE(dry.out.find("Parotids"), std::string::npos) << dry.out;
  // Every decision explains itself, in the dry run too.
  const json dry_rois = json::parse(dry.out)["structure_sets"][0]["rois"];
  for (const json& roi : dry_rois) EXPECT_FALSE(roi["reasons"].empty()) << roi["name"];
  const auto table = run_roiname("rename " + shell_quote(input.string()) + " --reasons");
  EXPECT_NE(table.out.find("name/plural-without-side"), std::string::npos) << table.out;
}

}  // namespace
}  // namespace roiname
