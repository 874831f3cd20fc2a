#include "llm/llm_config.h"

#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace roiname::llm {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ChatCompletionsUrl, AcceptsBaseWithOrWithoutV1) {
  EXPECT_EQ(*chat_completions_url("http://h:1"), "http://h:1/v1/chat/completions");
  EXPECT_EQ(*chat_completions_url("http://h:1/"), "http://h:1/v1/chat/completions");
  EXPECT_EQ(*chat_completions_url("https://api.x.com/v1"), "https://api.x.com/v1/chat/completions");
  EXPECT_EQ(*chat_completions_url("https://api.x.com/v1/"), "https://api.x.com/v1/chat/completions");
  EXPECT_FALSE(chat_completions_url("ftp://h/v1"));
  EXPECT_FALSE(chat_completions_url("h:1"));
}

TEST(ResolveLlmConfig, RoinameVariablesBeatOpenAiOnes) {
  auto config = resolve_llm_config({}, {},
                                   fake_env({{"ROINAME_BASE_URL", "http://a"},
                                             {"OPENAI_BASE_URL", "http://b"},
                                             {"ROINAME_MODEL", "m"},
                                             {"OPENAI_API_KEY", "k2"},
                                             {"ROINAME_API_KEY", "k1"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->base_url, "http://a");
  EXPECT_EQ(config->api_key, "k1");
}

TEST(ResolveLlmConfig, OpenAiVariablesAreTheFallback) {
  auto config = resolve_llm_config(
      {}, {}, fake_env({{"OPENAI_BASE_URL", "http://b"}, {"ROINAME_MODEL", "m"}, {"OPENAI_API_KEY", "k2"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->base_url, "http://b");
  EXPECT_EQ(config->api_key, "k2");
}

TEST(ResolveLlmConfig, FlagsWinOverEnvironmentWhichWinsOverFile) {
  roiname::testing::TempDir dir;
  const auto file = dir.path() / "llm.json";
  std::ofstream(file) << R"({"base_url": "http://file", "model": "file-model", "timeout_s": 7,
                            "max_retries": 5, "temperature": 0.5})";
  LlmOverrides flags;
  flags.model = "flag-model";
  flags.max_retries = 1;
  auto config =
      resolve_llm_config(flags, file, fake_env({{"ROINAME_MODEL", "env-model"}, {"ROINAME_TIMEOUT_S", "9"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->base_url, "http://file");
  EXPECT_EQ(config->model, "flag-model");
  EXPECT_EQ(config->timeout_ms, 9000);
  EXPECT_EQ(config->max_retries, 1);
  EXPECT_DOUBLE_EQ(config->temperature, 0.5);
}

TEST(ResolveLlmConfig, BreakerFailuresFromFlagEnvironmentOrFile) {
  roiname::testing::TempDir dir;
  const auto file = dir.path() / "llm.json";
  std::ofstream(file) << R"({"base_url": "http://file", "model": "m", "breaker_failures": 5})";
  auto from_file = resolve_llm_config({}, file, fake_env({}));
  ASSERT_TRUE(from_file) << from_file.error().message;
  EXPECT_EQ(from_file->breaker_failures, 5);
  auto from_env = resolve_llm_config({}, file, fake_env({{"ROINAME_BREAKER_FAILURES", "0"}}));
  ASSERT_TRUE(from_env) << from_env.error().message;
  EXPECT_EQ(from_env->breaker_failures, 0);  // never opens
  LlmOverrides flags;
  flags.breaker_failures = 2;
  auto from_flag = resolve_llm_config(flags, file, fake_env({{"ROINAME_BREAKER_FAILURES", "0"}}));
  ASSERT_TRUE(from_flag) << from_flag.error().message;
  EXPECT_EQ(from_flag->breaker_failures, 2);
  EXPECT_EQ(resolve_llm_config({}, {}, fake_env({{"ROINAME_BASE_URL", "http://a"}, {"ROINAME_MODEL", "m"}}))
                ->breaker_failures,
            3);
  EXPECT_FALSE(resolve_llm_config({}, file, fake_env({{"ROINAME_BREAKER_FAILURES", "-1"}})));
}

TEST(ResolveLlmConfig, RefusesAKeyInTheFileAndUnknownKeys) {
  roiname::testing::TempDir dir;
  const auto file = dir.path() / "llm.json";
  std::ofstream(file) << R"({"base_url": "http://x", "model": "m", "api_key": "sk-in-file"})";
  auto config = resolve_llm_config({}, file, fake_env({}));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message.find("sk-in-file"), std::string::npos);
  std::ofstream(file) << R"({"base_url": "http://x", "model": "m", "modle": "typo"})";
  EXPECT_FALSE(resolve_llm_config({}, file, fake_env({})));
}

TEST(ResolveLlmConfig, KeyFromANamedVariable) {
  LlmOverrides flags;
  flags.api_key_env = "MY_KEY";
  auto config = resolve_llm_config(
      flags, {}, fake_env({{"ROINAME_BASE_URL", "http://a"}, {"ROINAME_MODEL", "m"}, {"MY_KEY", "k3"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->api_key, "k3");
  flags.api_key_env = "UNSET_KEY";
  EXPECT_FALSE(
      resolve_llm_config(flags, {}, fake_env({{"ROINAME_BASE_URL", "http://a"}, {"ROINAME_MODEL", "m"}})));
}

TEST(ResolveLlmConfig, MissingEndpointOrModelOrBadNumbersFail) {
  EXPECT_FALSE(resolve_llm_config({}, {}, fake_env({{"ROINAME_MODEL", "m"}})));
  EXPECT_FALSE(resolve_llm_config({}, {}, fake_env({{"ROINAME_BASE_URL", "http://a"}})));
  EXPECT_FALSE(resolve_llm_config(
      {}, {},
      fake_env({{"ROINAME_BASE_URL", "http://a"}, {"ROINAME_MODEL", "m"}, {"ROINAME_TIMEOUT_S", "x"}})));
  LlmOverrides flags;
  flags.temperature = 7;
  EXPECT_FALSE(
      resolve_llm_config(flags, {}, fake_env({{"ROINAME_BASE_URL", "http://a"}, {"ROINAME_MODEL", "m"}})));
}

TEST(Describe, NeverShowsTheKey) {
  const LlmConfig config{.base_url = "http://a", .model = "m", .api_key = "sk-very-secret"};
  const std::string text = describe(config);
  EXPECT_EQ(text.find("sk-very-secret"), std::string::npos);
  EXPECT_NE(text.find("key: set"), std::string::npos);
}

}  // namespace
}  // namespace roiname::llm
