#include "report/run_report.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "report/png_writer.h"
#include "support/test_support.h"

namespace roiname::report {
namespace {

RunRecord sample_run() {
  RunRecord run;
  run.version = "0.1.0";
  run.engine = "rules";
  StructureSetRecord set;
  set.input_file = "in/rs.dcm";
  set.site.site = "head_neck";
  RoiRecord renamed;
  renamed.decision.roi_number = 1;
  renamed.decision.original_name = "Lt Parotid";
  renamed.decision.standard_name = "Parotid_L";
  renamed.decision.roi_class = RoiClass::OAR;
  renamed.decision.needs_review = false;
  renamed.written_name = "Parotid_L";
  renamed.action = RoiAction::renamed;
  LateralityVerdict verdict;
  verdict.roi_number = 1;
  verdict.roi_name = "Lt Parotid";
  verdict.status = LateralityStatus::contradicts;
  verdict.reason = "centroid 40 mm right of the midline";
  renamed.laterality = verdict;
  RgbImage image{2, 2, std::vector<std::uint8_t>(12, 128)};
  renamed.image_png = *encode_png(image);
  RoiRecord odd;
  odd.decision.roi_number = 2;
  odd.decision.original_name = "<b>x</b>";
  odd.decision.standard_name = "unknown";
  odd.decision.needs_review = true;
  odd.written_name = "<b>x</b>";
  odd.action = RoiAction::kept_for_review;
  set.rois = {renamed, odd};
  run.sets.push_back(set);
  return run;
}

TEST(RunReport, JsonFollowsTheSchema) {
  const auto json = nlohmann::json::parse(run_report_json(sample_run()));
  EXPECT_EQ(json["schema"], "roiname-run-report/1");
  EXPECT_EQ(json["totals"]["renamed"], 1);
  EXPECT_EQ(json["totals"]["laterality_contradictions"], 1);
  const auto& roi = json["structure_sets"][0]["rois"][0];
  EXPECT_EQ(roi["old"], "Lt Parotid");
  EXPECT_EQ(roi["new"], "Parotid_L");
  EXPECT_EQ(roi["class"], "OAR");
  EXPECT_EQ(roi["site"], "head_neck");
  EXPECT_EQ(roi["laterality"]["verdict"], "contradicts");
  EXPECT_TRUE(json["structure_sets"][0]["rois"][1]["laterality"].is_null());
}

TEST(RunReport, CsvHasOneRowPerRoi) {
  const std::string csv = run_report_csv(sample_run());
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
  EXPECT_NE(csv.find("Lt Parotid,Parotid_L,Parotid_L,renamed,OAR"), std::string::npos);
}

TEST(RunReport, HtmlEscapesNamesPutsReviewFirstAndEmbedsImages) {
  const std::string html = run_report_html(sample_run());
  EXPECT_EQ(html.find("<b>x</b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
  EXPECT_LT(html.find("data-roi=\"2\""), html.find("data-roi=\"1\""));
  EXPECT_NE(html.find("src=\"data:image/png;base64,iVBORw0KGgo"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // nothing external
}

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(RunReport, StreamingWriterWritesTheSameBytesAsTheWholeRun) {
  // Three sets (one failed) and file errors; then a run with no set at all.
  RunRecord run = sample_run();
  run.started_at = "2026-01-01T00:00:00Z";
  run.seconds = 12.5;
  StructureSetRecord second = run.sets[0];
  second.input_file = "in/b/rs.dcm";
  second.rois.pop_back();
  StructureSetRecord failed;
  failed.input_file = "in/c/rs.dcm";
  failed.error = "cannot write the copy";
  run.sets.push_back(second);
  run.sets.push_back(failed);
  run.file_errors = {{"in/x.dcm", "cannot parse DICOM"}, {"in/y.dcm", "no SOP Class UID"}};
  RunRecord empty = run;
  empty.sets.clear();
  empty.file_errors.clear();
  for (const RunRecord& whole : {run, empty}) {
    roiname::testing::TempDir dir;
    const std::filesystem::path out = dir.path() / "out";
    RunRecord head = whole;
    head.sets.clear();
    {
      RunReportWriter writer(out);
      for (const StructureSetRecord& set : whole.sets) EXPECT_FALSE(writer.add(set).has_value());
      EXPECT_TRUE(writer.finish(head, whole.totals()).empty());
    }
    EXPECT_EQ(file_text(out / "report.json"), run_report_json(whole));
    EXPECT_EQ(file_text(out / "report.csv"), run_report_csv(whole));
    EXPECT_EQ(file_text(out / "report.html"), run_report_html(whole));
    // Nothing else is left in the output folder (the spool files are gone).
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(out)) ++entries;
    EXPECT_EQ(entries, 3u);
  }
}

TEST(RunReport, Base64) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}

TEST(RunReport, EncodePngRejectsMalformedImages) {
  RgbImage bad{3, 3, std::vector<std::uint8_t>(5)};
  EXPECT_FALSE(encode_png(bad).ok());
}

}  // namespace
}  // namespace roiname::report
