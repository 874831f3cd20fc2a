// A chat-completions client for any OpenAI-compatible server (OpenAI,
// DeepSeek, vLLM, Ollama, llama.cpp): structured output with fallbacks,
// retries with backoff, a per-request deadline, a bound on requests in
// flight, an optional reply cache and an optional audit log of every
// exchange. Thread-safe: one client serves every structure set of a run.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "llm/llm_config.h"

namespace roiname::llm {

struct ChatMessage {
  std::string role;  // "system" or "user"
  std::string content;
};

struct ChatRequest {
  std::string purpose;  // "site", "classes", "names", … (log file names)
  std::vector<ChatMessage> messages;
  std::string schema_name;  // [a-z_]+, names the schema for json_schema mode
  nlohmann::json schema;    // JSON Schema of the reply object
};

struct ChatReply {
  std::string content;                   // the reply text, <think> blocks removed
  std::optional<nlohmann::json> object;  // its first JSON object, if any
  bool from_cache = false;
};

// Sums over every request the client sent (cache hits send none).
struct UsageTotals {
  long requests = 0;           // HTTP exchanges, retries included
  long cache_hits = 0;         // replies served from the cache
  long prompt_tokens = 0;      // from the server's "usage"
  long completion_tokens = 0;  // from the server's "usage"
  long prompt_chars = 0;       // characters of message content sent
  long failures = 0;           // complete() calls that returned an error
  long not_sent = 0;           // calls refused at once because the breaker was open
};

// The start of every error the open breaker gives (reports quote it).
inline constexpr std::string_view kNotAsked = "model not asked: ";

// Where replies are kept between runs. `key` is a SHA-256 hex digest of the
// endpoint, model, messages and parameters (never the API key). Either hook
// may be empty. They may be called from several threads at once.
struct ReplyCacheHooks {
  std::function<std::optional<std::string>(const std::string& key)> find;
  std::function<void(const std::string& key, const std::string& content)> store;
};

// How the client asks for JSON; it steps down when a server answers 400.
enum class ResponseFormat { json_schema, json_object, plain };

class ChatClient {
 public:
  // `log_dir`, when not empty, receives one JSON file per HTTP exchange
  // (request body, status, reply body; never the key), created on demand.
  explicit ChatClient(LlmConfig config, ReplyCacheHooks cache = {}, std::filesystem::path log_dir = {});
  ~ChatClient();
  ChatClient(const ChatClient&) = delete;
  ChatClient& operator=(const ChatClient&) = delete;

  // Sends the request (or answers it from the cache) and returns the reply.
  // Retries 429, 5xx and network errors with exponential backoff and jitter,
  // honouring Retry-After. Fails with a message (free of the key) when the
  // endpoint is invalid, the server refuses (other 4xx), the retries run
  // out, or the reply is not a chat completion. A reply without JSON is not
  // a failure: `object` is empty and the caller decides.
  //
  // Circuit breaker, for the life of the client (a whole run): after
  // `breaker_failures` network errors, timeouts or 5xx in a row, counted
  // over every attempt of every thread, or at once on 401, 403 or 404 (a
  // key, permission or endpoint problem that no retry fixes), no request is
  // sent again; every call, including retries under way, then fails with
  // the same message starting with kNotAsked. Any other HTTP reply resets
  // the count. Cache hits are still served. The breaker never closes.
  Result<ChatReply> complete(const ChatRequest& request);

  // The open breaker's message (starts with kNotAsked), if it opened.
  std::optional<std::string> breaker() const;

  UsageTotals usage() const;
  ResponseFormat response_format() const;
  const LlmConfig& config() const { return config_; }

  // The cache key of `request` under this client's configuration.
  std::string cache_key(const ChatRequest& request) const;

 private:
  struct State;
  LlmConfig config_;
  ReplyCacheHooks cache_;
  std::filesystem::path log_dir_;
  std::unique_ptr<State> state_;
};

}  // namespace roiname::llm
