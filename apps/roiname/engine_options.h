// The --engine option and the LLM settings shared by every command that
// names ROIs (classify, later rename/run): declared once here, so that the
// commands only add two lines. The LLM client, its cache and its log live
// in an EngineSession for the duration of the command.
#pragma once

#include <memory>
#include <string>

#include "core/engine/stages.h"
#include "core/result.h"
#include "llm/llm_config.h"

namespace CLI {
class App;
}

namespace roiname::cli {

struct EngineCliOptions {
  std::string engine = "rules";  // rules | llm | hybrid
  std::string llm_config_file;
  llm::LlmOverrides llm;
  std::string llm_cache;  // SQLite file; empty: the default under ~/.cache
  bool no_llm_cache = false;
  std::string llm_log_dir;
};

// Declares --engine, --llm-config, --llm-base-url, --llm-model,
// --llm-api-key-env, --llm-temperature, --llm-timeout, --llm-max-concurrent,
// --llm-max-retries, --llm-breaker-failures, --llm-cache, --no-llm-cache and --llm-log on `app`.
void add_engine_options(CLI::App& app, EngineCliOptions& options);

class EngineSession {
 public:
  // The engine the options ask for. Fails with a message for the user when
  // the LLM configuration is incomplete or the cache cannot be opened.
  static Result<std::unique_ptr<EngineSession>> open(const EngineCliOptions& options,
                                                     const EngineOptions& engine_options);
  ~EngineSession();

  const NamingEngine& engine() const;

  // One line about LLM use ("llm: 3 requests, 0 from cache, …"), or empty
  // with the rules engine. Never contains the API key.
  std::string usage_summary() const;

  // One "warning:" line when the LLM client's circuit breaker opened (the
  // server failed too often in a row, or refused the key), else empty.
  // Never contains the API key.
  std::string breaker_warning() const;

 private:
  struct Parts;
  explicit EngineSession(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace roiname::cli
