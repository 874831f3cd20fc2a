// The run-wide circuit breaker of the chat client: network errors, timeouts
// and 5xx in a row stop every later request; 401/403/404 stop them at once;
// any other reply resets the count; it is shared by threads. End to end, a
// `roiname run` over five structure sets against a dead port or a server
// refusing the key sends at most K requests (one for the refusal), flags
// every ROI with the breaker's reason, and gives the same report with -j1
// and -j2.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "dicom/fixtures/fixture_writer.h"
#include "fake_openai_server.h"
#include "llm/chat_client.h"
#include "support/test_support.h"

namespace roiname::llm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using roiname::testing::chat_completion;
using roiname::testing::closed_port_url;
using roiname::testing::CommandResult;
using roiname::testing::FakeOpenAiServer;
using roiname::testing::http_error;
using roiname::testing::ScriptedReply;
using roiname::testing::shell_quote;
using roiname::testing::TempDir;

constexpr const char* kSecret = "sk-BREAKER-SECRET-77e1-never-shown";

LlmConfig test_config(const std::string& base_url, int breaker_failures, int max_retries) {
  LlmConfig config;
  config.base_url = base_url;
  config.model = "fake-model";
  config.api_key = kSecret;
  config.timeout_ms = 2000;
  config.max_retries = max_retries;
  config.backoff_initial_ms = 1;
  config.backoff_max_ms = 5;
  config.breaker_failures = breaker_failures;
  return config;
}

ChatRequest request(int n) {
  ChatRequest request;
  request.purpose = "site";
  request.schema_name = "site";
  request.schema = {{"type", "object"}};
  request.messages = {{"user", "ROIs of set " + std::to_string(n)}};
  return request;
}

bool starts_not_asked(const std::string& message) { return message.starts_with(kNotAsked); }

TEST(Breaker, OpensAfterKFailedAttemptsEvenWithinOneRequestsRetries) {
  ChatClient client(test_config(closed_port_url(), 3, 10));
  auto first = client.complete(request(1));
  ASSERT_FALSE(first);
  EXPECT_TRUE(starts_not_asked(first.error().message)) << first.error().message;
  EXPECT_NE(first.error().message.find("failed 3 times in a row"), std::string::npos);
  EXPECT_NE(first.error().message.find("network error"), std::string::npos);
  EXPECT_EQ(client.usage().requests, 3);  // not the 11 attempts the retries allow

  auto second = client.complete(request(2));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().message, first.error().message);  // one reason for the whole run
  EXPECT_EQ(client.usage().requests, 3);
  EXPECT_EQ(client.usage().not_sent, 1);
  EXPECT_EQ(client.usage().failures, 2);
  ASSERT_TRUE(client.breaker());
  EXPECT_EQ(*client.breaker(), first.error().message);
}

TEST(Breaker, CountsFailuresAcrossRequests) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) { return http_error(503, "overloaded"); });
  ChatClient client(test_config(server.base_url(), 3, 0));
  for (int n = 1; n <= 2; ++n) {
    auto reply = client.complete(request(n));
    ASSERT_FALSE(reply);
    EXPECT_FALSE(starts_not_asked(reply.error().message)) << reply.error().message;
    EXPECT_FALSE(client.breaker());
  }
  auto third = client.complete(request(3));
  ASSERT_FALSE(third);
  EXPECT_TRUE(starts_not_asked(third.error().message)) << third.error().message;
  EXPECT_NE(third.error().message.find("HTTP 503"), std::string::npos);
  for (int n = 4; n <= 6; ++n) EXPECT_FALSE(client.complete(request(n)));
  EXPECT_EQ(server.request_count(), 3);
  EXPECT_EQ(client.usage().not_sent, 3);
}

TEST(Breaker, AnyOtherReplyResetsTheCount) {
  FakeOpenAiServer server;
  // Three tries per request (K = 3): two 5xx, then a reply from a live
  // server (429, a 400 making the client step down its format, a reply that
  // is not a chat completion); each resets the count.
  for (const ScriptedReply& reply :
       {http_error(500), http_error(502), http_error(429),                                // request 1
        http_error(500), http_error(500), http_error(400, "no json_schema here"),         // request 2 …
        chat_completion(R"({"site": "lung"})"),                                           // … answered
        http_error(500), http_error(500), ScriptedReply{200, "<html>no</html>", {}, 0}})  // request 3
    server.push(reply);
  ChatClient client(test_config(server.base_url(), 3, 2));
  EXPECT_FALSE(client.complete(request(1)));
  EXPECT_TRUE(client.complete(request(2)));
  EXPECT_FALSE(client.complete(request(3)));
  EXPECT_FALSE(client.breaker()) << *client.breaker();
  EXPECT_EQ(server.request_count(), 10);
  // Two more failures do not open it; a third in a row does.
  server.set_handler([](const json&) { return http_error(500); });
  auto last = client.complete(request(4));
  ASSERT_FALSE(last);
  EXPECT_TRUE(starts_not_asked(last.error().message)) << last.error().message;
  EXPECT_EQ(server.request_count(), 13);
}

TEST(Breaker, RefusedKeyOpensAtOnceWithoutTheKey) {
  for (const int status : {401, 403, 404}) {
    SCOPED_TRACE(status);
    FakeOpenAiServer server;
    server.set_handler(
        [status](const json&) { return http_error(status, std::string("bad key Bearer ") + kSecret); });
    ChatClient client(test_config(server.base_url(), 3, 5));
    auto first = client.complete(request(1));
    ASSERT_FALSE(first);
    const std::string& message = first.error().message;
    EXPECT_TRUE(starts_not_asked(message)) << message;
    EXPECT_NE(message.find("HTTP " + std::to_string(status)), std::string::npos) << message;
    EXPECT_NE(message.find(status == 404 ? "--llm-model" : "API key"), std::string::npos) << message;
    EXPECT_EQ(message.find(kSecret), std::string::npos);
    EXPECT_FALSE(client.complete(request(2)));
    EXPECT_EQ(server.request_count(), 1);
  }
}

TEST(Breaker, ZeroNeverOpens) {
  ChatClient client(test_config(closed_port_url(), 0, 0));
  for (int n = 1; n <= 5; ++n) {
    auto reply = client.complete(request(n));
    ASSERT_FALSE(reply);
    EXPECT_FALSE(starts_not_asked(reply.error().message));
  }
  EXPECT_EQ(client.usage().requests, 5);
  EXPECT_FALSE(client.breaker());
}

// Threads sharing a client: each gets the same message, and no more than the
// requests already in flight when it opened are added to K.
TEST(Breaker, ThreadsShareOneBreaker) {
  LlmConfig config = test_config(closed_port_url(), 3, 5);
  config.max_concurrent = 2;
  ChatClient client(config);
  std::vector<std::thread> threads;
  std::vector<std::string> messages(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&client, &messages, i] {
      auto reply = client.complete(request(i));
      messages[i] = reply ? "ok" : reply.error().message;
    });
  for (auto& thread : threads) thread.join();
  const std::set<std::string> distinct(messages.begin(), messages.end());
  ASSERT_EQ(distinct.size(), 1u) << *distinct.begin();
  EXPECT_TRUE(starts_not_asked(*distinct.begin()));
  EXPECT_GE(client.usage().requests, 3);
  EXPECT_LE(client.usage().requests, 3 + config.max_concurrent - 1);
  EXPECT_EQ(client.usage().failures, 8);
}

// ---- roiname run end to end ------------------------------------------------------

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Five structure sets of three ROIs under `dir`/in.
fs::path five_sets(const fs::path& dir) {
  const std::vector<std::string> names = {"Lt Parotid", "PTV 70", "zz blob 7"};
  for (int s = 1; s <= 5; ++s) {
    dicom::fixtures::RtstructFixture fixture;
    fixture.sop_instance_uid = "1.2.826.0.1.3680043.10.1403.90" + std::to_string(s);
    int number = 1;
    for (const auto& name : names) {
      dicom::fixtures::FixtureRoi roi;
      roi.number = number++;
      roi.name = name;
      roi.contours = {{"CLOSED_PLANAR", {{-10, -20, 0}, {10, -20, 0}, {10, 20, 0}, {-10, 20, 0}}}};
      fixture.rois.push_back(roi);
    }
    const fs::path file = dir / "in" / ("set" + std::to_string(s)) / "rs.dcm";
    fs::create_directories(file.parent_path());
    EXPECT_TRUE(dicom::fixtures::write_rtstruct(fixture, file).ok());
  }
  return dir / "in";
}

// Default retries (3), fast backoff from a config file, a short deadline.
CommandResult run_batch(const fs::path& input, const std::string& base_url, const fs::path& root,
                        const std::string& engine, const std::string& extra,
                        const std::string& timeout_s = "1") {
  const fs::path config = root / "llm.json";
  fs::create_directories(root);
  std::ofstream(config) << R"({"backoff_initial_ms": 1, "backoff_max_ms": 5})";
  return roiname::testing::run_shell(
      std::string("ROINAME_API_KEY=") + kSecret + " " + shell_quote(ROINAME_BINARY) + " run " +
      shell_quote(input.string()) + " --out " + shell_quote((root / "out").string()) + " --engine " + engine +
      " --llm-base-url " + base_url + " --llm-model fake-model --llm-config " + shell_quote(config.string()) +
      " --llm-timeout " + timeout_s + " --no-llm-cache --no-progress --no-laterality --llm-log " +
      shell_quote((root / "log").string()) + " " + extra);
}

// HTTP attempts, from the usage line on stderr ("llm: 3 request(s), …").
// (Log files would undercount: the five sets send identical requests.)
int requests_sent(const CommandResult& result) {
  const std::string marker = "llm: ";
  const auto at = result.err.find(marker);
  if (at == std::string::npos) return -1;
  return std::stoi(result.err.substr(at + marker.size()));
}

void expect_no_secret(const fs::path& root, const CommandResult& result) {
  EXPECT_EQ(result.out.find(kSecret), std::string::npos);
  EXPECT_EQ(result.err.find(kSecret), std::string::npos);
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(read_bytes(entry.path()).find(kSecret), std::string::npos) << entry.path();
    }
  }
}

// Every ROI the engine asks about keeps the offline answer, flagged, with
// the breaker's reason; returns the ROIs of every set (for comparing runs).
json check_all_flagged(const fs::path& out, const std::string& engine, const std::string& words) {
  const json report = json::parse(read_bytes(out / "report.json"));
  EXPECT_EQ(report["structure_sets"].size(), 5u);
  EXPECT_EQ(report["totals"]["errors"], 0);
  json rois = json::array();
  for (const auto& set : report["structure_sets"]) {
    EXPECT_TRUE(set["error"].is_null()) << set["error"];
    for (const auto& roi : set["rois"]) {
      rois.push_back(roi);
      EXPECT_EQ(roi["engine"], "rules") << roi.dump();
      if (engine == "hybrid" && roi["old"] != "zz blob 7") continue;  // hybrid asks only the unsure
      EXPECT_TRUE(roi["needs_review"].get<bool>()) << roi.dump();
      bool flagged = false;
      for (const auto& reason : roi["reasons"]) {
        const std::string detail = reason["detail"];
        flagged = flagged || (reason["rule"] == "llm-fallback" &&
                              detail.find("model not asked: ") != std::string::npos &&
                              detail.find(words) != std::string::npos);
      }
      EXPECT_TRUE(flagged) << roi.dump();
    }
  }
  return rois;
}

TEST(BreakerRun, DeadPortStopsAfterKAttemptsAndFlagsEveryRoi) {
  TempDir dir;
  const fs::path input = five_sets(dir.path());
  const std::string dead = closed_port_url();
  for (const std::string engine : {"llm", "hybrid"}) {
    SCOPED_TRACE(engine);
    const fs::path root = dir.path() / engine;
    const CommandResult result = run_batch(input, dead, root, engine, "--llm-breaker-failures 2");
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;  // documented: the batch goes on
    check_all_flagged(root / "out", engine, "failed 2 times in a row");
    EXPECT_EQ(requests_sent(result), 2) << result.err;
    EXPECT_NE(result.err.find("warning: model not asked: the LLM server failed 2 times in a row"),
              std::string::npos)
        << result.err;
    expect_no_secret(root, result);
  }
}

TEST(BreakerRun, SilentServerStopsAfterKDeadlines) {
  TempDir dir;
  const fs::path input = five_sets(dir.path());
  FakeOpenAiServer server;
  ScriptedReply silent = chat_completion(R"({"site": "head_neck"})");
  silent.delay_ms = 1000;  // longer than the 0.2 s deadline
  server.set_handler([&](const json&) { return silent; });
  const fs::path root = dir.path() / "silent";
  const CommandResult result = run_batch(input, server.base_url(), root, "llm", "", "0.2");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  check_all_flagged(root / "out", "llm",
                    "failed 3 times in a row (last: network error: Timeout was reached)");
  EXPECT_EQ(requests_sent(result), 3) << result.err;
}

// The breaker may open at a different moment with -j2, but every call fails
// either way: the reports (answers and reasons) are the same.
TEST(BreakerRun, DeadPortGivesTheSameReportWithOneOrTwoWorkers) {
  TempDir dir;
  const fs::path input = five_sets(dir.path());
  const std::string dead = closed_port_url();
  json rois_by_jobs[2];
  for (int jobs = 1; jobs <= 2; ++jobs) {
    const fs::path root = dir.path() / ("j" + std::to_string(jobs));
    const CommandResult result = run_batch(input, dead, root, "llm", "-j " + std::to_string(jobs));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    rois_by_jobs[jobs - 1] = check_all_flagged(root / "out", "llm", "failed 3 times in a row");
    EXPECT_GE(requests_sent(result), 3) << result.err;
    EXPECT_LE(requests_sent(result), 3 + jobs - 1) << result.err;  // attempts in flight when it opened
  }
  EXPECT_EQ(rois_by_jobs[0], rois_by_jobs[1]);
}

TEST(BreakerRun, RefusedKeyStopsAtOnceWithAClearMessage) {
  TempDir dir;
  const fs::path input = five_sets(dir.path());
  FakeOpenAiServer server;
  server.set_handler(
      [](const json&) { return http_error(401, std::string("invalid key Bearer ") + kSecret); });
  const fs::path root = dir.path() / "refused";
  const CommandResult result = run_batch(input, server.base_url(), root, "llm", "-j 1");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(server.request_count(), 1);  // with -j N, up to N already under way
  check_all_flagged(root / "out", "llm", "refused the request (HTTP 401");
  EXPECT_NE(result.err.find("warning: model not asked: the LLM server refused the request (HTTP 401"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("check the API key"), std::string::npos) << result.err;
  expect_no_secret(root, result);
}

}  // namespace
}  // namespace roiname::llm
