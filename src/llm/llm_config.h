// Where and how to reach an OpenAI-compatible chat endpoint. Values come
// from, in order of precedence: command-line flags, the environment, a JSON
// config file, built-in defaults. The API key comes only from the
// environment (never from a flag, which `ps` would show, nor from a config
// file, which gets shared): it is held here and sent in one HTTP header,
// and nothing else in roiname prints, logs or caches it.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/result.h"

namespace roiname::llm {

struct LlmConfig {
  std::string base_url;  // as given, e.g. "http://127.0.0.1:8080" or "https://api.x.com/v1"
  std::string model;
  std::string api_key;  // empty for local servers without authentication; never print
  double temperature = 0.0;
  int timeout_ms = 120000;         // per request deadline
  int max_concurrent = 4;          // requests in flight at once, across threads
  int max_retries = 3;             // extra attempts after a 429, 5xx or network error
  int backoff_initial_ms = 1000;   // first retry waits about this long, doubling
  int backoff_max_ms = 30000;      // ceiling of one wait
  int retry_after_max_ms = 60000;  // ceiling applied to a server's Retry-After
  // Network errors, timeouts and 5xx in a row (across every request and
  // thread) after which the model is not asked again in this process; 0: never.
  int breaker_failures = 3;
};

// Values set explicitly on the command line; unset ones defer to the
// environment, then the config file.
struct LlmOverrides {
  std::optional<std::string> base_url;
  std::optional<std::string> model;
  std::optional<std::string> api_key_env;  // name of the variable holding the key
  std::optional<double> temperature;
  std::optional<double> timeout_s;
  std::optional<int> max_concurrent;
  std::optional<int> max_retries;
  std::optional<int> breaker_failures;
};

// Reads an environment variable; tests pass their own.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup process_environment();

// Resolves the configuration. `config_file` (JSON, keys documented in
// docs/llm.md) may be empty. Fails with a message when the file is
// unreadable or has unknown keys or an "api_key", when the base URL or
// model is missing, or when a number is out of range.
Result<LlmConfig> resolve_llm_config(const LlmOverrides& flags, const std::filesystem::path& config_file,
                                     const EnvLookup& env);

// The chat completions URL for a base URL given with or without "/v1"
// (and with or without a trailing slash). Fails unless http:// or https://.
Result<std::string> chat_completions_url(const std::string& base_url);

// A one-line description for --verbose output: endpoint, model, limits,
// and whether a key is set ("key: set"), never the key itself.
std::string describe(const LlmConfig& config);

}  // namespace roiname::llm
