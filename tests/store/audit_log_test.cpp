#include "store/audit_log.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace roiname::store {
namespace {

RunRecord sample_run() {
  RunRecord run;
  run.started_at = "2026-01-01T00:00:00Z";
  run.version = "0.1.0";
  run.protocol = "tg263";
  run.engine = "rules";
  run.command_line = "roiname run in --out out";
  StructureSetRecord set;
  set.input_file = "in/rs.dcm";
  set.input_sha256 = std::string(64, 'a');
  set.output_file = "out/rs.dcm";
  set.output_sha256 = std::string(64, 'b');
  set.new_sop_instance_uid = "1.2.3";
  set.new_series_instance_uid = "1.2.4";
  RoiRecord roi;
  roi.decision.roi_number = 1;
  roi.decision.original_name = "spinal cord";
  roi.decision.standard_name = "SpinalCord";
  roi.decision.roi_class = RoiClass::OAR;
  roi.decision.reasons = {{"name", "lexicon", "spinal cord"}, {"class", "organ", ""}};
  roi.written_name = "SpinalCord";
  roi.action = RoiAction::renamed;
  set.rois.push_back(roi);
  run.sets.push_back(set);
  run.file_errors.push_back({"in/bad.dcm", "not DICOM"});
  return run;
}

TEST(AuditLog, RecordsRunsFilesAndDecisions) {
  roiname::testing::TempDir dir;
  const auto path = dir.path() / "sub" / "roiname.sqlite";
  {
    auto log = AuditLog::open(path);
    ASSERT_TRUE(log.ok()) << log.error().message;
    auto first = (*log)->record(sample_run());
    auto second = (*log)->record(sample_run());
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(*first, 1);
    EXPECT_EQ(*second, 2);
  }
  auto log = AuditLog::open_existing(path);
  ASSERT_TRUE(log.ok()) << log.error().message;
  auto runs = (*log)->runs();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->rows.size(), 2u);
  EXPECT_EQ(runs->rows[0][5], "rules");
  auto files = (*log)->files(1);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->rows.size(), 3u);  // good input, bad input, output
  EXPECT_EQ(files->rows[2][0], "output");
  EXPECT_EQ(files->rows[2][3], "1.2.3");
  auto decisions = (*log)->decisions(1);
  ASSERT_TRUE(decisions.ok());
  ASSERT_EQ(decisions->rows.size(), 1u);
  EXPECT_EQ(decisions->rows[0][2], "spinal cord");
  EXPECT_EQ(decisions->rows[0][4], "SpinalCord");
  EXPECT_EQ(decisions->rows[0].back(), "name:lexicon spinal cord\nclass:organ");
}

TEST(AuditLog, ARunRecordedSetBySetAppearsOnlyWhenFinished) {
  roiname::testing::TempDir dir;
  const auto path = dir.path() / "roiname.sqlite";
  const RunRecord run = sample_run();
  auto log = AuditLog::open(path);
  ASSERT_TRUE(log.ok()) << log.error().message;
  auto id = (*log)->begin_run();
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_FALSE((*log)->begin_run().ok());  // one run at a time
  EXPECT_FALSE((*log)->add_set(run.sets[0]).has_value());
  {
    auto reader = AuditLog::open_existing(path);
    ASSERT_TRUE(reader.ok());
    auto runs = (*reader)->runs();
    ASSERT_TRUE(runs.ok());
    EXPECT_TRUE(runs->rows.empty());  // not committed yet
  }
  RunRecord head = run;
  head.sets.clear();
  auto finished = (*log)->finish_run(head, run.totals());
  ASSERT_TRUE(finished.ok()) << finished.error().message;
  EXPECT_EQ(*finished, *id);
  EXPECT_TRUE((*log)->add_set(run.sets[0]).has_value());  // the run is closed: an error
  auto runs = (*log)->runs();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->rows.size(), 1u);
  EXPECT_EQ(runs->rows[0][1], "2026-01-01T00:00:00Z");
  EXPECT_EQ(runs->rows[0][7], "1");   // structure sets
  EXPECT_EQ(runs->rows[0][12], "1");  // errors: the file error
  auto files = (*log)->files(*id);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->rows.size(), 3u);
}

TEST(AuditLog, OpenExistingRefusesOtherFiles) {
  roiname::testing::TempDir dir;
  EXPECT_FALSE(AuditLog::open_existing(dir.path() / "absent.sqlite").ok());
}

TEST(AuditLog, CommandLineHidesApiKeys) {
  EXPECT_EQ(command_line_without_secrets({"roiname", "run", "--api-key", "sk-123", "--out", "a b"}),
            "roiname run --api-key *** --out 'a b'");
  EXPECT_EQ(command_line_without_secrets({"roiname", "--llm-api-key=sk-9", "x"}),
            "roiname --llm-api-key=*** x");
  EXPECT_EQ(command_line_without_secrets({"roiname", "--llm-api-key-env", "KEY"}),
            "roiname --llm-api-key-env KEY");
}

}  // namespace
}  // namespace roiname::store
