// The chat client against the scripted fake: formats, retries, deadlines,
// structured-output fallbacks, cache and log, and the key's confinement.
#include "llm/chat_client.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fake_openai_server.h"
#include "store/reply_cache.h"
#include "support/test_support.h"

namespace roiname::llm {
namespace {

using nlohmann::json;
using roiname::testing::chat_completion;
using roiname::testing::FakeOpenAiServer;
using roiname::testing::http_error;
using roiname::testing::ScriptedReply;

constexpr const char* kSecret = "sk-TEST-SECRET-4242-do-not-leak";

LlmConfig test_config(const std::string& base_url) {
  LlmConfig config;
  config.base_url = base_url;
  config.model = "fake-model";
  config.api_key = kSecret;
  config.timeout_ms = 3000;
  config.max_retries = 3;
  config.backoff_initial_ms = 1;
  config.backoff_max_ms = 5;
  config.retry_after_max_ms = 20;
  return config;
}

ChatRequest site_request() {
  ChatRequest request;
  request.purpose = "site";
  request.schema_name = "site";
  request.schema = {{"type", "object"},
                    {"properties", {{"site", {{"type", "string"}}}}},
                    {"required", {"site"}},
                    {"additionalProperties", false}};
  request.messages = {{"system", "Answer JSON."}, {"user", "ROIs: PTV 70, Lt Parotid"}};
  return request;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ChatClient, ParsesAPlainJsonReplyAndSumsUsage) {
  FakeOpenAiServer server;
  server.push(chat_completion(R"({"site": "head_neck"})", "", 120, 7));
  ChatClient client(test_config(server.base_url()));
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply) << reply.error().message;
  ASSERT_TRUE(reply->object);
  EXPECT_EQ((*reply->object)["site"], "head_neck");
  EXPECT_EQ(client.usage().requests, 1);
  EXPECT_EQ(client.usage().prompt_tokens, 120);
  EXPECT_EQ(client.usage().completion_tokens, 7);
  // The request: schema-constrained output, the model, the key in the header only.
  const json sent = server.requests().at(0);
  EXPECT_EQ(sent["model"], "fake-model");
  EXPECT_EQ(sent["response_format"]["type"], "json_schema");
  EXPECT_EQ(server.authorizations().at(0), std::string("Bearer ") + kSecret);
  EXPECT_EQ(sent.dump().find(kSecret), std::string::npos);
}

TEST(ChatClient, NoAuthorizationHeaderWithoutAKey) {
  FakeOpenAiServer server;
  server.push(chat_completion(R"({"site": "lung"})"));
  LlmConfig config = test_config(server.base_url());
  config.api_key.clear();
  ChatClient client(config);
  ASSERT_TRUE(client.complete(site_request()));
  EXPECT_EQ(server.authorizations().at(0), "");
}

TEST(ChatClient, BaseUrlWithV1Works) {
  FakeOpenAiServer server;
  server.push(chat_completion(R"({"site": "lung"})"));
  ChatClient client(test_config(server.base_url() + "/v1/"));
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ((*reply->object)["site"], "lung");
}

TEST(ChatClient, FindsJsonInsideProse) {
  FakeOpenAiServer server;
  server.push(
      chat_completion("Looking at the names, this is a lung case.\n{\"site\": \"lung\"}\nHope it helps."));
  ChatClient client(test_config(server.base_url()));
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply && reply->object);
  EXPECT_EQ((*reply->object)["site"], "lung");
}

TEST(ChatClient, StripsThinkBlocks) {
  FakeOpenAiServer server;
  server.push(chat_completion("<think>Maybe {\"site\": \"brain\"}? No.</think>\n{\"site\": \"breast\"}"));
  ChatClient client(test_config(server.base_url()));
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply && reply->object);
  EXPECT_EQ((*reply->object)["site"], "breast");
}

TEST(ChatClient, IgnoresReasoningContent) {
  FakeOpenAiServer server;
  server.push(chat_completion(R"({"site": "prostate"})", R"(I think {"site": "rectum"} is wrong)"));
  ChatClient client(test_config(server.base_url()));
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply && reply->object);
  EXPECT_EQ((*reply->object)["site"], "prostate");
}

TEST(ChatClient, MalformedJsonIsAReplyWithoutObject) {
  FakeOpenAiServer server;
  server.push(chat_completion(R"({"site": "lung",)"));
  ChatClient client(test_config(server.base_url()));
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_FALSE(reply->object);
}

TEST(ChatClient, RetriesA429HonouringRetryAfter) {
  FakeOpenAiServer server;
  ScriptedReply limited = http_error(429, "slow down");
  limited.headers = {{"Retry-After", "1"}};  // capped to 20 ms by the test config
  server.push(limited);
  server.push(chat_completion(R"({"site": "lung"})"));
  ChatClient client(test_config(server.base_url()));
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(server.request_count(), 2);
  EXPECT_EQ(client.usage().requests, 2);
}

TEST(ChatClient, Three500sThenSuccessWithinRetries) {
  FakeOpenAiServer server;
  for (int i = 0; i < 3; ++i) server.push(http_error(500));
  server.push(chat_completion(R"({"site": "lung"})"));
  LlmConfig config = test_config(server.base_url());
  config.breaker_failures = 4;  // the default 3 would stop before the fourth try
  ChatClient client(config);
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(server.request_count(), 4);
}

TEST(ChatClient, Three500sExhaustTwoRetries) {
  FakeOpenAiServer server;
  for (int i = 0; i < 3; ++i) server.push(http_error(500));
  LlmConfig config = test_config(server.base_url());
  config.max_retries = 2;
  ChatClient client(config);
  auto reply = client.complete(site_request());
  ASSERT_FALSE(reply);
  EXPECT_NE(reply.error().message.find("HTTP 500"), std::string::npos);
  EXPECT_EQ(server.request_count(), 3);
  EXPECT_EQ(client.usage().failures, 1);
}

TEST(ChatClient, SlowReplyHitsTheDeadline) {
  FakeOpenAiServer server;
  ScriptedReply slow = chat_completion(R"({"site": "lung"})");
  slow.delay_ms = 700;
  server.push(slow);
  server.push(slow);
  LlmConfig config = test_config(server.base_url());
  config.timeout_ms = 100;
  config.max_retries = 1;
  ChatClient client(config);
  auto reply = client.complete(site_request());
  ASSERT_FALSE(reply);
  EXPECT_NE(reply.error().message.find("network error"), std::string::npos) << reply.error().message;
  EXPECT_EQ(client.usage().requests, 2);
}

TEST(ChatClient, ConnectionRefusedFailsAfterRetries) {
  LlmConfig config = test_config(roiname::testing::closed_port_url());
  config.max_retries = 2;
  ChatClient client(config);
  auto reply = client.complete(site_request());
  ASSERT_FALSE(reply);
  EXPECT_NE(reply.error().message.find("network error"), std::string::npos) << reply.error().message;
  EXPECT_EQ(client.usage().requests, 3);
}

TEST(ChatClient, FallsBackFromJsonSchemaToJsonObjectToPlain) {
  FakeOpenAiServer server;
  server.push(http_error(400, "response_format json_schema unsupported"));
  server.push(http_error(400, "response_format unsupported"));
  server.push(chat_completion(R"({"site": "lung"})"));
  server.push(chat_completion(R"({"site": "brain"})"));
  ChatClient client(test_config(server.base_url()));
  auto reply = client.complete(site_request());
  ASSERT_TRUE(reply) << reply.error().message;
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0]["response_format"]["type"], "json_schema");
  EXPECT_EQ(sent[1]["response_format"]["type"], "json_object");
  EXPECT_FALSE(sent[2].contains("response_format"));
  // The client remembers: the next request goes out plain at once.
  ChatRequest other = site_request();
  other.messages.back().content += " and more";
  ASSERT_TRUE(client.complete(other));
  EXPECT_FALSE(server.requests().at(3).contains("response_format"));
  EXPECT_EQ(client.response_format(), ResponseFormat::plain);
}

TEST(ChatClient, RefusalIsAnErrorWithoutTheKeyEvenWhenTheServerEchoesIt) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) {
    return http_error(401, std::string("invalid key Bearer ") + kSecret);  // a careless proxy
  });
  ChatClient client(test_config(server.base_url()));
  auto reply = client.complete(site_request());
  ASSERT_FALSE(reply);
  EXPECT_NE(reply.error().message.find("401"), std::string::npos);
  EXPECT_EQ(reply.error().message.find(kSecret), std::string::npos);
  EXPECT_EQ(server.request_count(), 1);  // 401 is not retried
}

TEST(ChatClient, NotAChatCompletionIsAnError) {
  FakeOpenAiServer server;
  server.push(ScriptedReply{200, "<html>gateway</html>", {}, 0});
  ChatClient client(test_config(server.base_url()));
  EXPECT_FALSE(client.complete(site_request()));
}

TEST(ChatClient, CacheMakesTheRerunFreeAndHoldsNoKey) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) { return chat_completion(R"({"site": "lung"})"); });
  roiname::testing::TempDir dir;
  const auto db_path = dir.path() / "cache" / "llm.sqlite";
  for (int run = 0; run < 2; ++run) {
    auto cache = store::ReplyCache::open(db_path);
    ASSERT_TRUE(cache) << cache.error().message;
    store::ReplyCache& db = **cache;
    ReplyCacheHooks hooks{
        [&db](const std::string& key) { return db.find(key); },
        [&db](const std::string& key, const std::string& reply) { (void)db.store(key, reply); }};
    ChatClient client(test_config(server.base_url()), hooks);
    auto reply = client.complete(site_request());
    ASSERT_TRUE(reply && reply->object);
    EXPECT_EQ((*reply->object)["site"], "lung");
    EXPECT_EQ(reply->from_cache, run == 1);
    EXPECT_EQ(client.usage().cache_hits, run);
  }
  EXPECT_EQ(server.request_count(), 1);
  EXPECT_EQ(read_file(db_path).find(kSecret), std::string::npos);
}

TEST(ChatClient, CacheKeyDependsOnModelAndMessagesNotOnTheKey) {
  LlmConfig config = test_config("http://127.0.0.1:1");
  ChatClient a(config);
  config.api_key = "another-key";
  ChatClient b(config);
  EXPECT_EQ(a.cache_key(site_request()), b.cache_key(site_request()));
  config.model = "other-model";
  ChatClient c(config);
  EXPECT_NE(a.cache_key(site_request()), c.cache_key(site_request()));
  ChatRequest changed = site_request();
  changed.messages.back().content += "x";
  EXPECT_NE(a.cache_key(site_request()), a.cache_key(changed));
}

TEST(ChatClient, LlmLogHasEveryExchangeAndNoKey) {
  FakeOpenAiServer server;
  server.push(http_error(503, std::string("echo Authorization: Bearer ") + kSecret));
  server.push(chat_completion(R"({"site": "lung"})"));
  roiname::testing::TempDir dir;
  ChatClient client(test_config(server.base_url()), {}, dir.path() / "llm-log");
  ASSERT_TRUE(client.complete(site_request()));
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "llm-log")) {
    ++files;
    const std::string text = read_file(entry.path());
    EXPECT_EQ(text.find(kSecret), std::string::npos) << entry.path();
    const json logged = json::parse(text);
    EXPECT_EQ(logged["request"]["model"], "fake-model");
    EXPECT_TRUE(logged.contains("status"));
  }
  EXPECT_EQ(files, 2);
}

TEST(ChatClient, ConcurrentCallersShareOneClient) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) { return chat_completion(R"({"site": "lung"})"); });
  LlmConfig config = test_config(server.base_url());
  config.max_concurrent = 2;
  ChatClient client(config);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&client, &ok, i] {
      ChatRequest request = site_request();
      request.messages.back().content += std::to_string(i);
      if (auto reply = client.complete(request); reply && reply->object) ++ok;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 6);
  EXPECT_EQ(client.usage().requests, 6);
}

}  // namespace
}  // namespace roiname::llm
