// roiname classify --engine llm|hybrid end to end against the fake server:
// answers, the cache across runs, and the API key kept out of every output.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fake_openai_server.h"
#include "support/test_support.h"

namespace roiname::testing {
namespace {

using nlohmann::json;

constexpr const char* kSecret = "sk-CLI-SECRET-7f3a9e-never-shown";

const std::map<std::string, ModelAnswer> kAnswers = {
    {"PTV 70", {"TV", "PTV_7000"}},
    {"Lt Parotid", {"OAR", "Parotid_L"}},
    {"xq7 zz", {"OAR", "Glnd_Submand_L"}},
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CommandResult classify(const FakeOpenAiServer& server, const TempDir& dir, const std::string& engine) {
  return run_shell(
      std::string("ROINAME_API_KEY=") + kSecret + " " + shell_quote(ROINAME_BINARY) + " classify --engine " +
      engine + " --llm-base-url " + server.base_url() + " --llm-model fake-model --llm-cache " +
      shell_quote((dir.path() / "cache.sqlite").string()) + " --llm-log " +
      shell_quote((dir.path() / "log").string()) + " --format json 'PTV 70' 'Lt Parotid' 'xq7 zz'");
}

TEST(ClassifyWithLlm, NamesFromTheModelAndARerunFromTheCache) {
  FakeOpenAiServer server;
  server.set_handler(stage_answering_handler(kAnswers, "head_neck"));
  TempDir dir;
  const CommandResult first = classify(server, dir, "llm");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const json out = json::parse(first.out);
  EXPECT_EQ(out["site"]["site"], "head_neck");
  EXPECT_EQ(out["rois"][2]["standard_name"], "Glnd_Submand_L");
  EXPECT_EQ(out["rois"][2]["engine"], "llm");
  EXPECT_NE(first.err.find("llm: 3 request(s)"), std::string::npos) << first.err;
  const int requests = server.request_count();
  EXPECT_EQ(requests, 3);

  const CommandResult second = classify(server, dir, "llm");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(server.request_count(), requests);  // the rerun sent nothing
  EXPECT_EQ(second.out, first.out);
  EXPECT_NE(second.err.find("3 from cache"), std::string::npos) << second.err;

  // The key: sent to the server, and nowhere else.
  EXPECT_EQ(server.authorizations().at(0), std::string("Bearer ") + kSecret);
  for (const auto* text : {&first.out, &first.err, &second.out, &second.err})
    EXPECT_EQ(text->find(kSecret), std::string::npos);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path()))
    if (entry.is_regular_file()) {
      EXPECT_EQ(read_file(entry.path()).find(kSecret), std::string::npos) << entry.path();
    }
  EXPECT_GE(std::distance(std::filesystem::directory_iterator(dir.path() / "log"), {}), 3);
}

TEST(ClassifyWithLlm, HybridAsksOnlyForTheUncertainRoi) {
  FakeOpenAiServer server;
  server.set_handler(stage_answering_handler(kAnswers, "head_neck"));
  TempDir dir;
  const CommandResult result = classify(server, dir, "hybrid");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json out = json::parse(result.out);
  EXPECT_EQ(out["rois"][1]["engine"], "rules");
  EXPECT_EQ(out["rois"][2]["engine"], "llm");
  EXPECT_EQ(out["rois"][2]["standard_name"], "Glnd_Submand_L");
}

TEST(ClassifyWithLlm, ServerDownFallsBackAndSaysWhy) {
  TempDir dir;
  const CommandResult result =
      run_shell(std::string("ROINAME_API_KEY=") + kSecret + " " + shell_quote(ROINAME_BINARY) +
                " classify --engine llm --llm-base-url " + closed_port_url() +
                " --llm-model m --llm-max-retries 0 --no-llm-cache --format json 'PTV 70' 'Lt Parotid'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json out = json::parse(result.out);
  EXPECT_EQ(out["rois"][1]["standard_name"], "Parotid_L");
  EXPECT_EQ(out["rois"][1]["engine"], "rules");
  EXPECT_TRUE(out["rois"][1]["needs_review"].get<bool>());
  EXPECT_NE(result.out.find("LLM request failed"), std::string::npos);
  EXPECT_EQ(result.out.find(kSecret), std::string::npos);
  EXPECT_EQ(result.err.find(kSecret), std::string::npos);
}

TEST(EvalWithLlm, ScoresTheLlmEngine) {
  FakeOpenAiServer server;
  server.set_handler(stage_answering_handler(kAnswers, "head_neck"));
  TempDir dir;
  const auto csv = dir.path() / "labels.csv";
  std::ofstream(csv) << "raw_name,site,class,standard_name,notes,source\n"
                        "xq7 zz,head_neck,OAR,Glnd_Submand_L,,test\n"
                        "Lt Parotid,head_neck,OAR,Parotid_L,,test\n";
  const CommandResult result =
      run_shell(std::string("ROINAME_API_KEY=") + kSecret + " " + shell_quote(ROINAME_BINARY) + " eval " +
                shell_quote(csv.string()) + " --engine llm --llm-base-url " + server.base_url() +
                " --llm-model m --no-llm-cache --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json out = json::parse(result.out);
  EXPECT_DOUBLE_EQ(out["per_instance"]["renaming_accuracy"].get<double>(), 1.0);
  EXPECT_EQ(server.request_count(), 6);  // one set per row, three stages each
  EXPECT_EQ(result.err.find(kSecret), std::string::npos);
}

TEST(ClassifyWithLlm, MissingModelIsAUsageError) {
  const CommandResult result =
      run_shell("env -u ROINAME_MODEL " + shell_quote(ROINAME_BINARY) +
                " classify --engine llm --llm-base-url http://127.0.0.1:9 --no-llm-cache x");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no LLM model"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace roiname::testing
