#include "engine_options.h"

#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>

#include "core/engine/rules_engine.h"
#include "llm/chat_client.h"
#include "llm/llm_engine.h"
#include "store/reply_cache.h"

namespace roiname::cli {

namespace {

std::filesystem::path default_cache_path() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "roiname" / "llm-cache.sqlite";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "roiname" / "llm-cache.sqlite";
  return {};
}

template <class T>
void add_optional(CLI::App& app, const std::string& flag, std::optional<T>& target, const std::string& help) {
  app.add_option_function<T>(
      flag, [&target](const T& value) { target = value; }, help);
}

}  // namespace

void add_engine_options(CLI::App& app, EngineCliOptions& options) {
  app.add_option("--engine", options.engine,
                 "Naming engine: rules (offline, default), llm, or hybrid (LLM only where rules are unsure)")
      ->check(CLI::IsMember({"rules", "llm", "hybrid"}));
  app.add_option("--llm-config", options.llm_config_file, "LLM settings file (JSON; see docs/llm.md)");
  add_optional(app, "--llm-base-url", options.llm.base_url,
               "OpenAI-compatible base URL (else ROINAME_BASE_URL, OPENAI_BASE_URL)");
  add_optional(app, "--llm-model", options.llm.model, "Model name (else ROINAME_MODEL)");
  add_optional(
      app, "--llm-api-key-env", options.llm.api_key_env,
      "Name of the environment variable holding the API key (default ROINAME_API_KEY, OPENAI_API_KEY)");
  add_optional(app, "--llm-temperature", options.llm.temperature, "Sampling temperature (default 0)");
  add_optional(app, "--llm-timeout", options.llm.timeout_s, "Per-request deadline in seconds (default 120)");
  add_optional(app, "--llm-max-concurrent", options.llm.max_concurrent,
               "Requests in flight at once (default 4)");
  add_optional(app, "--llm-max-retries", options.llm.max_retries,
               "Retries on 429/5xx/network errors (default 3)");
  add_optional(app, "--llm-breaker-failures", options.llm.breaker_failures,
               "Network errors, timeouts and 5xx in a row after which the model is not asked again in this "
               "run (default 3; 0: never)");
  app.add_option("--llm-cache", options.llm_cache, "LLM reply cache (SQLite; default ~/.cache/roiname/)");
  app.add_flag("--no-llm-cache", options.no_llm_cache, "Do not read or write the LLM reply cache");
  app.add_option("--llm-log", options.llm_log_dir,
                 "Write every LLM request and reply as JSON into this folder");
}

struct EngineSession::Parts {
  std::unique_ptr<store::ReplyCache> cache;
  std::shared_ptr<llm::ChatClient> client;
  std::unique_ptr<NamingEngine> engine;
};

EngineSession::EngineSession(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
EngineSession::~EngineSession() = default;

const NamingEngine& EngineSession::engine() const { return *parts_->engine; }

Result<std::unique_ptr<EngineSession>> EngineSession::open(const EngineCliOptions& options,
                                                           const EngineOptions& engine_options) {
  auto parts = std::make_unique<Parts>();
  if (options.engine == "rules") {
    parts->engine = std::make_unique<RulesEngine>(engine_options);
    return std::unique_ptr<EngineSession>(new EngineSession(std::move(parts)));
  }

  auto config = llm::resolve_llm_config(options.llm, options.llm_config_file, llm::process_environment());
  if (!config) return config.error();

  llm::ReplyCacheHooks hooks;
  const std::filesystem::path cache_path =
      options.llm_cache.empty() ? default_cache_path() : std::filesystem::path(options.llm_cache);
  if (!options.no_llm_cache && !cache_path.empty()) {
    auto cache = store::ReplyCache::open(cache_path);
    if (!cache) return cache.error();
    parts->cache = std::move(cache).value();
    store::ReplyCache* db = parts->cache.get();
    hooks.find = [db](const std::string& key) { return db->find(key); };
    hooks.store = [db](const std::string& key, const std::string& reply) {
      if (auto stored = db->store(key, reply); !stored)
        fmt::print(stderr, "roiname: warning: {}\n", stored.error().message);
    };
  }
  parts->client = std::make_shared<llm::ChatClient>(*config, hooks, options.llm_log_dir);
  const auto mode = options.engine == "llm" ? llm::EngineMode::llm : llm::EngineMode::hybrid;
  parts->engine = llm::make_llm_engine(mode, parts->client, std::make_unique<RulesEngine>(engine_options), {},
                                       engine_options);
  return std::unique_ptr<EngineSession>(new EngineSession(std::move(parts)));
}

std::string EngineSession::usage_summary() const {
  if (!parts_->client) return {};
  const llm::UsageTotals usage = parts_->client->usage();
  return fmt::format(
      "llm: {} request(s), {} from cache, {} failed call(s), {} prompt + {} completion tokens, {} prompt "
      "chars",
      usage.requests, usage.cache_hits, usage.failures, usage.prompt_tokens, usage.completion_tokens,
      usage.prompt_chars);
}

std::string EngineSession::breaker_warning() const {
  if (!parts_->client) return {};
  const auto reason = parts_->client->breaker();
  if (!reason) return {};
  const long not_sent = parts_->client->usage().not_sent;
  if (not_sent == 0) return fmt::format("warning: {}", *reason);
  return fmt::format("warning: {} ({} later call(s) not sent)", *reason, not_sent);
}

}  // namespace roiname::cli
