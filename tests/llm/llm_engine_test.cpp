// The llm and hybrid engines over the real rules engine and the TG-263
// protocol, against a fake model that answers from a table.
#include "llm/llm_engine.h"

#include <gtest/gtest.h>

#include "core/engine/rules_engine.h"
#include "core/nomenclature/protocol.h"
#include "fake_openai_server.h"

namespace roiname::llm {
namespace {

using roiname::testing::FakeOpenAiServer;
using roiname::testing::ModelAnswer;

LlmConfig test_config(const std::string& base_url) {
  LlmConfig config;
  config.base_url = base_url;
  config.model = "fake-model";
  config.timeout_ms = 3000;
  config.max_retries = 1;
  config.backoff_initial_ms = 1;
  config.backoff_max_ms = 2;
  return config;
}

const std::map<std::string, ModelAnswer> kAnswers = {
    {"PTV 70", {"TV", "PTV_7000"}},        {"Lt Parotid", {"OAR", "Parotid_L"}},
    {"Brain Stem", {"OAR", "Brainstem"}},  {"BODY", {"DOSE", "External"}},
    {"xq7 zz", {"OAR", "Glnd_Submand_L"}},  // the model "knows" a local code the rules cannot read
};

NamingInput test_input() {
  return naming_input_from_names({"PTV 70", "Lt Parotid", "Brain Stem", "BODY", "xq7 zz"});
}

TEST(LlmEngine, AsksEveryStageOnceForTheWholeSet) {
  FakeOpenAiServer server;
  server.set_handler(roiname::testing::stage_answering_handler(kAnswers, "head_neck"));
  auto client = std::make_shared<ChatClient>(test_config(server.base_url()));
  auto engine = make_llm_engine(EngineMode::llm, client, std::make_unique<RulesEngine>(), {});
  EXPECT_EQ(engine->engine_name(), "llm");
  const StructureSetDecision decision = engine->decide(test_input(), default_protocol());
  EXPECT_EQ(server.request_count(), 3);
  EXPECT_EQ(decision.site.site, "head_neck");
  ASSERT_EQ(decision.rois.size(), 5u);
  EXPECT_EQ(decision.rois[0].standard_name, "PTV_7000");
  EXPECT_EQ(decision.rois[1].standard_name, "Parotid_L");
  EXPECT_EQ(decision.rois[4].standard_name, "Glnd_Submand_L");
  for (const auto& roi : decision.rois) EXPECT_EQ(roi.engine, "llm") << roi.original_name;
}

TEST(HybridEngine, SendsOnlyWhatTheRulesAreUnsureOf) {
  FakeOpenAiServer server;
  server.set_handler(roiname::testing::stage_answering_handler(kAnswers, "head_neck"));
  auto client = std::make_shared<ChatClient>(test_config(server.base_url()));
  auto engine = make_llm_engine(EngineMode::hybrid, client, std::make_unique<RulesEngine>(), {});
  const StructureSetDecision decision = engine->decide(test_input(), default_protocol());
  EXPECT_EQ(decision.rois[4].standard_name, "Glnd_Submand_L");
  EXPECT_EQ(decision.rois[4].engine, "llm");
  EXPECT_EQ(decision.rois[1].engine, "rules");  // "Lt Parotid" is plain for the rules
  EXPECT_EQ(decision.rois[1].standard_name, "Parotid_L");
  // The class and name prompts list only the uncertain ROIs.
  for (const auto& request : server.requests()) {
    const std::string user = request["messages"][1]["content"];
    if (request["messages"][0]["content"].get<std::string>().starts_with("Classify")) {
      EXPECT_EQ(user.find("Lt Parotid"), std::string::npos) << user;
    }
  }
}

TEST(HybridEngine, ServerDownKeepsTheRulesAnswers) {
  LlmConfig config = test_config(roiname::testing::closed_port_url());
  auto client = std::make_shared<ChatClient>(config);
  auto engine = make_llm_engine(EngineMode::llm, client, std::make_unique<RulesEngine>(), {});
  const StructureSetDecision decision = engine->decide(test_input(), default_protocol());
  EXPECT_EQ(decision.rois[1].standard_name, "Parotid_L");
  for (const auto& roi : decision.rois) {
    EXPECT_EQ(roi.engine, "rules");
    EXPECT_TRUE(roi.needs_review);
  }
  EXPECT_EQ(client->usage().requests, 2);  // the site request and its one retry, nothing more
}

}  // namespace
}  // namespace roiname::llm
