// roiname run --engine llm|hybrid end to end against the fake server on the
// bundled dicompyler example: which engine decided each ROI, valid written
// names, a garbage reply falling back to rules, and the API key kept out of
// reports, audit log, copies and console output.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fake_openai_server.h"
#include "support/test_support.h"

namespace roiname::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kSecret = "sk-RUN-SECRET-4b1d0c-never-shown";

const std::map<std::string, ModelAnswer> kAnswers = {
    {"Heart", {"OAR", "Heart"}},
    {"Lt Lung", {"OAR", "Lung_L"}},
};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path example() { return source_dir() / "examples" / "dicompyler-core-example"; }

CommandResult run(const std::string& base_url, const fs::path& out, const std::string& engine) {
  return run_shell(std::string("ROINAME_API_KEY=") + kSecret + " " + shell_quote(ROINAME_BINARY) + " run " +
                   shell_quote(example().string()) + " --out " + shell_quote(out.string()) + " --engine " +
                   engine + " --llm-base-url " + base_url +
                   " --llm-model fake-model --llm-max-retries 0 --no-llm-cache --no-progress");
}

// The key appears in no file under `root` and in neither console stream.
void expect_no_secret(const fs::path& root, const CommandResult& result) {
  EXPECT_EQ(result.out.find(kSecret), std::string::npos);
  EXPECT_EQ(result.err.find(kSecret), std::string::npos);
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) {
      ++files;
      EXPECT_EQ(read_bytes(entry.path()).find(kSecret), std::string::npos) << entry.path();
    }
  EXPECT_TRUE(fs::exists(root / "out" / "roiname.sqlite"));
  EXPECT_GE(files, 4);  // copy, three reports, audit log
}

const json& only_set(const json& report) {
  EXPECT_EQ(report["structure_sets"].size(), 1u);
  return report["structure_sets"][0];
}

const json* roi_named(const json& set, const std::string& original) {
  for (const auto& roi : set["rois"])
    if (roi["old"] == original) return &roi;
  return nullptr;
}

TEST(RunWithLlm, LlmAndHybridRecordTheDecidingEngineAndWriteValidNames) {
  for (const std::string engine : {"llm", "hybrid"}) {
    SCOPED_TRACE(engine);
    FakeOpenAiServer server;
    server.set_handler(stage_answering_handler(kAnswers, "breast"));
    TempDir dir;
    const fs::path out = dir.path() / "out";
    const CommandResult result = run(server.base_url(), out, engine);
    ASSERT_LE(result.exit_code, 1) << result.err;
    const json report = json::parse(read_bytes(out / "report.json"));
    const json& set = only_set(report);
    ASSERT_TRUE(set["error"].is_null()) << set["error"];
    int by_llm = 0;
    for (const auto& roi : set["rois"]) {
      const std::string decided_by = roi["engine"];
      EXPECT_TRUE(decided_by == "llm" || decided_by == "rules") << roi.dump();
      by_llm += decided_by == "llm";
    }
    if (engine == "llm") {
      EXPECT_GE(by_llm, 1) << set.dump();
      EXPECT_GE(server.request_count(), 1);
    }
    const json* lung = roi_named(set, "Lt Lung");
    ASSERT_NE(lung, nullptr);
    EXPECT_EQ((*lung)["written"], "Lung_L");
    // Every name the run changed must be valid (unknown ROIs keep theirs).
    std::string changed;
    for (const auto& roi : set["rois"]) {
      const std::string written = roi["written"];
      if (written != roi["old"].get<std::string>()) {
        changed += ' ';
        changed += shell_quote(written);
      }
    }
    if (!changed.empty()) {
      const CommandResult valid = run_roiname("validate" + changed);
      EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    }
    expect_no_secret(dir.path(), result);
  }
}

TEST(RunWithLlm, GarbageRepliesFallBackToRulesWithReview) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) { return chat_completion("this is not json {{{"); });
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const CommandResult result = run(server.base_url(), out, "llm");
  ASSERT_LE(result.exit_code, 1) << result.err;
  const json set = only_set(json::parse(read_bytes(out / "report.json")));
  const json* lung = roi_named(set, "Lt Lung");
  ASSERT_NE(lung, nullptr);
  EXPECT_EQ((*lung)["engine"], "rules") << lung->dump();
  EXPECT_TRUE((*lung)["needs_review"].get<bool>()) << lung->dump();
  EXPECT_EQ((*lung)["written"], "Lung_L");
  for (const auto& roi : set["rois"]) EXPECT_EQ(roi["engine"], "rules") << roi.dump();
  expect_no_secret(dir.path(), result);
}

}  // namespace
}  // namespace roiname::testing
