// The LLM stages against scripted replies: accepted answers, and for every
// kind of bad reply the offline fallback with needs_review and the reason.
#include <set>

#include <gtest/gtest.h>

#include "core/engine/naming_input.h"
#include "fake_openai_server.h"
#include "llm/llm_engine.h"

namespace roiname::llm {
namespace {

using nlohmann::json;
using roiname::testing::chat_completion;
using roiname::testing::FakeOpenAiServer;
using roiname::testing::http_error;
using roiname::testing::ScriptedReply;

LlmConfig test_config(const std::string& base_url) {
  LlmConfig config;
  config.base_url = base_url;
  config.model = "fake-model";
  config.api_key = "sk-stage-test";
  config.timeout_ms = 3000;
  config.max_retries = 2;
  config.backoff_initial_ms = 1;
  config.backoff_max_ms = 4;
  config.retry_after_max_ms = 10;
  return config;
}

// Names valid under the stand-in protocol of these tests.
NamingRules test_rules() {
  NamingRules rules;
  rules.check_name = [](const std::string& name, RoiClass) -> std::optional<std::string> {
    static const std::set<std::string> valid = {"PTV_7000",   "PTVp_7000", "Parotid_L", "Parotid_R",
                                                "SpinalCord", "Brainstem", "External",  "Glnd_Submand_L"};
    if (valid.contains(name)) return std::nullopt;
    return "not a TG-263 name";
  };
  rules.rules_text = "TG-263 names.";
  rules.site_names = [](const std::string&, const std::vector<std::string>&) {
    return std::vector<std::string>{"Brainstem", "SpinalCord"};
  };
  rules.candidates = [](const NamingInput&, std::size_t, const std::string&, const RoiDecision& offline) {
    return std::vector<std::string>{offline.standard_name};
  };
  return rules;
}

NamingInput test_input() { return naming_input_from_names({"PTV 70", "Lt Parotid", "cord", "BODY", "ring"}); }

RoiDecision offline_decision(int number, const std::string& raw, RoiClass roi_class, const std::string& name,
                             double confidence) {
  RoiDecision decision;
  decision.roi_number = number;
  decision.original_name = raw;
  decision.roi_class = roi_class;
  decision.standard_name = name;
  decision.confidence = confidence;
  decision.needs_review = confidence < 0.5;
  decision.reasons.push_back({"name", "test", "offline"});
  return decision;
}

std::vector<RoiDecision> offline_decisions() {
  return {offline_decision(1, "PTV 70", RoiClass::TV, "PTV_7000", 0.9),
          offline_decision(2, "Lt Parotid", RoiClass::OAR, "Parotid_L", 0.9),
          offline_decision(3, "cord", RoiClass::OAR, "unknown", 0.2),
          offline_decision(4, "BODY", RoiClass::DOSE, "External", 0.95),
          offline_decision(5, "ring", RoiClass::AUX, "ring", 0.9)};
}

const std::vector<std::size_t> kAll = {0, 1, 2, 3, 4};
const char* kClassesOk =
    R"({"rois":[{"id":1,"class":"TV"},{"id":2,"class":"OAR"},{"id":3,"class":"OAR"},{"id":4,"class":"DOSE"},{"id":5,"class":"AUX"}]})";

std::string names_reply(const std::string& ptv, const std::string& parotid, const std::string& cord) {
  return json{
      {"rois", {{{"id", 1}, {"name", ptv}}, {{"id", 2}, {"name", parotid}}, {{"id", 3}, {"name", cord}}}}}
      .dump();
}

bool has_reason(const RoiDecision& decision, const std::string& rule, const std::string& words) {
  for (const auto& reason : decision.reasons)
    if (reason.rule == rule && reason.detail.find(words) != std::string::npos) return true;
  return false;
}

struct StageRun {
  std::vector<RoiDecision> decisions;
  int requests = 0;
};

StageRun run_rois(FakeOpenAiServer& server, LlmConfig config = {}) {
  if (config.base_url.empty()) config = test_config(server.base_url());
  ChatClient client(config);
  StageRun run;
  run.decisions = llm_rois(client, test_input(), "head_neck", offline_decisions(), test_rules(), kAll);
  run.requests = server.request_count();
  return run;
}

TEST(LlmStages, CorrectRepliesNameEveryRoi) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.push(chat_completion(names_reply("PTVp_7000", "Parotid_L", "SpinalCord")));
  const auto run = run_rois(server);
  EXPECT_EQ(run.requests, 2);  // one per stage for the whole set
  EXPECT_EQ(run.decisions[0].standard_name, "PTVp_7000");
  EXPECT_EQ(run.decisions[2].standard_name, "SpinalCord");
  EXPECT_FALSE(run.decisions[2].needs_review);
  for (const auto& decision : run.decisions) EXPECT_EQ(decision.engine, "llm") << decision.original_name;
  EXPECT_EQ(run.decisions[3].standard_name, "External");  // DOSE keeps the offline name
  EXPECT_EQ(run.decisions[4].standard_name, "ring");
  // Only TV and OAR ROIs are sent to the naming stage, with their candidates.
  const std::string names_prompt = server.requests().at(1)["messages"][1]["content"];
  EXPECT_NE(names_prompt.find("\"cord\" OAR: unknown"), std::string::npos) << names_prompt;
  EXPECT_EQ(names_prompt.find("\"ring\""), std::string::npos);
}

TEST(LlmStages, ThinkBlocksAndProseAroundTheJsonAreFine) {
  FakeOpenAiServer server;
  server.push(chat_completion(std::string("<think>the cord is {\"id\":3}</think>Here you go: ") + kClassesOk,
                              "reasoning {\"rois\": []}"));
  server.push(
      chat_completion("Sure.\n```json\n" + names_reply("PTV_7000", "Parotid_L", "SpinalCord") + "\n```"));
  const auto run = run_rois(server);
  EXPECT_EQ(run.decisions[2].standard_name, "SpinalCord");
  EXPECT_EQ(run.decisions[2].engine, "llm");
}

TEST(LlmStages, MissingRoiIsRepairedOnce) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.push(chat_completion(R"({"rois":[{"id":1,"name":"PTV_7000"},{"id":2,"name":"Parotid_L"}]})"));
  server.push(chat_completion(names_reply("PTV_7000", "Parotid_L", "SpinalCord")));
  const auto run = run_rois(server);
  EXPECT_EQ(run.requests, 3);
  EXPECT_EQ(run.decisions[2].standard_name, "SpinalCord");
  // The repair request carried the problem.
  const auto repair = server.requests().at(2)["messages"];
  EXPECT_NE(repair.back()["content"].get<std::string>().find("id 3 was not answered"), std::string::npos);
}

TEST(LlmStages, MissingRoiTwiceFallsBackWithReview) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.push(chat_completion(R"({"rois":[{"id":1,"name":"PTV_7000"},{"id":2,"name":"Parotid_L"}]})"));
  server.push(chat_completion(R"({"rois":[{"id":1,"name":"PTV_7000"},{"id":2,"name":"Parotid_L"}]})"));
  const auto run = run_rois(server);
  EXPECT_EQ(run.requests, 3);  // one repair, no more
  const RoiDecision& cord = run.decisions[2];
  EXPECT_EQ(cord.standard_name, "unknown");
  EXPECT_TRUE(cord.needs_review);
  EXPECT_EQ(cord.engine, "rules");
  EXPECT_TRUE(has_reason(cord, "llm-fallback", "id 3 was not answered"));
  EXPECT_EQ(run.decisions[1].engine, "llm");  // the others were answered well
}

TEST(LlmStages, InventedNameFallsBack) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.set_handler(
      [](const json&) { return chat_completion(names_reply("PTV_7000", "Parotid_Left", "SpinalCord")); });
  const auto run = run_rois(server);
  const RoiDecision& parotid = run.decisions[1];
  EXPECT_EQ(parotid.standard_name, "Parotid_L");
  EXPECT_TRUE(parotid.needs_review);
  EXPECT_TRUE(has_reason(parotid, "llm-fallback", "\"Parotid_Left\" is not a valid name"));
}

TEST(LlmStages, OverLongNameFallsBack) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.set_handler([](const json&) {
    return chat_completion(names_reply("PTV_7000", "Parotid_L", "SpinalCord_PRV05_Extra"));
  });
  const auto run = run_rois(server);
  EXPECT_TRUE(run.decisions[2].needs_review);
  EXPECT_TRUE(has_reason(run.decisions[2], "llm-fallback", "longer than 16"));
}

TEST(LlmStages, DuplicateNamesFallBackForBoth) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.set_handler(
      [](const json&) { return chat_completion(names_reply("PTV_7000", "Parotid_L", "Parotid_L")); });
  const auto run = run_rois(server);
  for (int i : {1, 2}) {
    EXPECT_TRUE(run.decisions[i].needs_review);
    EXPECT_TRUE(has_reason(run.decisions[i], "llm-fallback", "given to several ROIs")) << i;
  }
  EXPECT_EQ(run.decisions[0].engine, "llm");
}

TEST(LlmStages, NameOfAnotherRoiIsRejected) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.set_handler(
      [](const json&) { return chat_completion(names_reply("External", "Parotid_L", "SpinalCord")); });
  const auto run = run_rois(server);
  EXPECT_EQ(run.decisions[0].standard_name, "PTV_7000");
  EXPECT_TRUE(has_reason(run.decisions[0], "llm-fallback", "already the name of another ROI"));
}

TEST(LlmStages, MalformedJsonFallsBackForEveryRoi) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) { return chat_completion(R"({"rois": [{"id": 1, "class": "TV"},)"); });
  const auto run = run_rois(server);
  EXPECT_EQ(run.requests, 2);  // classes + one repair; no names stage without classes
  for (const auto& decision : run.decisions) {
    EXPECT_EQ(decision.engine, "rules");
    EXPECT_TRUE(decision.needs_review);
    EXPECT_TRUE(has_reason(decision, "llm-fallback", "no usable JSON"));
  }
  EXPECT_EQ(run.decisions[1].standard_name, "Parotid_L");
}

TEST(LlmStages, InvalidClassFallsBack) {
  FakeOpenAiServer server;
  server.push(chat_completion(
      R"({"rois":[{"id":1,"class":"TARGET"},{"id":2,"class":"OAR"},{"id":3,"class":"OAR"},{"id":4,"class":"DOSE"},{"id":5,"class":"AUX"}]})"));
  server.push(chat_completion(
      R"({"rois":[{"id":1,"class":"TARGET"},{"id":2,"class":"OAR"},{"id":3,"class":"OAR"},{"id":4,"class":"DOSE"},{"id":5,"class":"AUX"}]})"));
  server.push(chat_completion(R"({"rois":[{"id":1,"name":"Parotid_L"},{"id":2,"name":"SpinalCord"}]})"));
  const auto run = run_rois(server);
  EXPECT_EQ(run.decisions[0].roi_class, RoiClass::TV);
  EXPECT_TRUE(has_reason(run.decisions[0], "llm-fallback", "is not TV, OAR, AUX or DOSE"));
  EXPECT_EQ(run.decisions[2].standard_name, "SpinalCord");
}

TEST(LlmStages, ServerErrorsFallBackWithTheReason) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) { return http_error(500, "boom"); });
  const auto run = run_rois(server);
  EXPECT_EQ(run.requests, 3);  // max_retries 2
  for (const auto& decision : run.decisions) {
    EXPECT_TRUE(decision.needs_review);
    EXPECT_TRUE(has_reason(decision, "llm-fallback", "HTTP 500"));
  }
}

TEST(LlmStages, RateLimitThenSuccess) {
  FakeOpenAiServer server;
  ScriptedReply limited = http_error(429, "slow down");
  limited.headers = {{"Retry-After", "2"}};
  server.push(limited);
  server.push(chat_completion(kClassesOk));
  server.push(chat_completion(names_reply("PTV_7000", "Parotid_L", "SpinalCord")));
  const auto run = run_rois(server);
  EXPECT_EQ(run.requests, 3);
  EXPECT_EQ(run.decisions[2].standard_name, "SpinalCord");
}

TEST(LlmStages, SlowServerFallsBack) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) {
    ScriptedReply slow = chat_completion(kClassesOk);
    slow.delay_ms = 500;
    return slow;
  });
  LlmConfig config = test_config(server.base_url());
  config.timeout_ms = 80;
  config.max_retries = 0;
  const auto run = run_rois(server, config);
  for (const auto& decision : run.decisions)
    EXPECT_TRUE(has_reason(decision, "llm-fallback", "LLM request failed"));
}

TEST(LlmStages, UnknownIsAcceptedButReviewed) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.push(chat_completion(names_reply("PTV_7000", "Parotid_L", "unknown")));
  const auto run = run_rois(server);
  EXPECT_EQ(run.decisions[2].standard_name, "unknown");
  EXPECT_TRUE(run.decisions[2].needs_review);
  EXPECT_EQ(run.decisions[2].engine, "llm");
}

// The offline engine had no name for an AUX ROI (its kept name was taken);
// the model agreeing on AUX does not make that name any less missing.
TEST(LlmStages, AgreedClassWithoutANameStillNeedsReview) {
  FakeOpenAiServer server;
  server.push(chat_completion(kClassesOk));
  server.push(chat_completion(names_reply("PTV_7000", "Parotid_L", "SpinalCord")));
  auto offline = offline_decisions();
  offline[4] = offline_decision(5, "ring", RoiClass::AUX, "unknown", 0.0);
  ChatClient client(test_config(server.base_url()));
  const auto decisions = llm_rois(client, test_input(), "head_neck", offline, test_rules(), kAll);
  EXPECT_EQ(decisions[4].roi_class, RoiClass::AUX);
  EXPECT_EQ(decisions[4].standard_name, "unknown");
  EXPECT_TRUE(decisions[4].needs_review);
}

TEST(LlmSite, AcceptsAListedSite) {
  FakeOpenAiServer server;
  server.push(chat_completion(R"({"site": "head_neck"})"));
  ChatClient client(test_config(server.base_url()));
  SiteDecision offline;
  const auto answer = llm_site(client, test_input(), offline);
  EXPECT_EQ(answer.decision.site, "head_neck");
  EXPECT_TRUE(answer.request_failure.empty());
}

TEST(LlmSite, InventedSiteKeepsTheOfflineOne) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) { return chat_completion(R"({"site": "neck area"})"); });
  ChatClient client(test_config(server.base_url()));
  SiteDecision offline;
  offline.site = "brain";
  const auto answer = llm_site(client, test_input(), offline);
  EXPECT_EQ(answer.decision.site, "brain");
  EXPECT_EQ(server.request_count(), 2);
  EXPECT_EQ(answer.decision.reasons.back().rule, "llm-fallback");
}

TEST(LlmSite, ConnectionRefusedIsReported) {
  LlmConfig config = test_config(roiname::testing::closed_port_url());
  ChatClient client(config);
  const auto answer = llm_site(client, test_input(), SiteDecision{});
  EXPECT_EQ(answer.decision.site, "unknown");
  EXPECT_FALSE(answer.request_failure.empty());
}

}  // namespace
}  // namespace roiname::llm
