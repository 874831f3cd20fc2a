#include "llm/chat_client.h"

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <random>

#include <fmt/core.h>

#include "llm/http_post.h"
#include "llm/reply_text.h"
#include "llm/sha256.h"

namespace roiname::llm {

using nlohmann::json;

// Mutable state shared by the threads using one client.
struct ChatClient::State {
  std::mutex mutex;
  std::condition_variable slot_freed;
  std::condition_variable breaker_opened;  // wakes retries waiting out a backoff
  int in_flight = 0;
  int failures_in_row = 0;     // network errors, timeouts and 5xx since the last other reply
  std::string breaker_reason;  // set once, when the breaker opens; never cleared
  UsageTotals usage;
  std::atomic<int> format{static_cast<int>(ResponseFormat::json_schema)};
};

namespace {

json messages_json(const ChatRequest& request) {
  json messages = json::array();
  for (const auto& message : request.messages)
    messages.push_back({{"role", message.role}, {"content", message.content}});
  return messages;
}

json request_body(const LlmConfig& config, const ChatRequest& request, ResponseFormat format) {
  json body = {
      {"model", config.model}, {"messages", messages_json(request)}, {"temperature", config.temperature}};
  if (format == ResponseFormat::json_schema)
    body["response_format"] = {
        {"type", "json_schema"},
        {"json_schema", {{"name", request.schema_name}, {"schema", request.schema}, {"strict", true}}}};
  else if (format == ResponseFormat::json_object)
    body["response_format"] = {{"type", "json_object"}};
  return body;
}

// The assistant's text: a string, or the text parts of a content array.
std::optional<std::string> message_content(const json& reply) {
  if (!reply.is_object() || !reply.contains("choices") || !reply["choices"].is_array() ||
      reply["choices"].empty())
    return std::nullopt;
  const json& choice = reply["choices"][0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object())
    return std::nullopt;
  const json& message = choice["message"];  // "reasoning_content" is ignored on purpose
  if (!message.contains("content") || message["content"].is_null()) return std::string();
  const json& content = message["content"];
  if (content.is_string()) return content.get<std::string>();
  if (!content.is_array()) return std::nullopt;
  std::string text;
  for (const auto& part : content)
    if (part.is_object() && part.contains("text") && part["text"].is_string())
      text += part["text"].get<std::string>();
  return text;
}

long usage_count(const json& reply, const char* field) {
  if (!reply.contains("usage") || !reply["usage"].is_object()) return 0;
  const json& usage = reply["usage"];
  if (!usage.contains(field) || !usage[field].is_number_integer()) return 0;
  return std::max<long>(0, usage[field].get<long>());
}

int backoff_ms(const LlmConfig& config, int attempt, const std::optional<double>& retry_after_s) {
  if (retry_after_s)
    return static_cast<int>(std::min<double>(*retry_after_s * 1000.0, config.retry_after_max_ms));
  double delay = config.backoff_initial_ms;
  for (int i = 0; i < attempt && delay < config.backoff_max_ms; ++i) delay *= 2;
  delay = std::min<double>(delay, config.backoff_max_ms);
  thread_local std::mt19937 random{std::random_device{}()};
  // "Equal jitter": between half and all of the delay, so clients spread out.
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return static_cast<int>(delay * jitter(random));
}

std::string snippet(const std::string& text, const std::string& secret) {
  std::string cut = redact(text, secret);
  if (cut.size() > 300) cut = cut.substr(0, 300) + "…";
  for (char& c : cut)
    if (c == '\n' || c == '\r') c = ' ';
  return cut;
}

// 401, 403 and 404 say the key, the permission or the endpoint/model is
// wrong: every later request would get the same answer.
std::optional<std::string> hopeless_refusal(long status) {
  if (status == 401 || status == 403)
    return std::string(
        "check the API key (ROINAME_API_KEY, OPENAI_API_KEY or the variable named by "
        "--llm-api-key-env)");
  if (status == 404) return std::string("check --llm-base-url and --llm-model");
  return std::nullopt;
}

}  // namespace

ChatClient::ChatClient(LlmConfig config, ReplyCacheHooks cache, std::filesystem::path log_dir)
    : config_(std::move(config)),
      cache_(std::move(cache)),
      log_dir_(std::move(log_dir)),
      state_(std::make_unique<State>()) {}

ChatClient::~ChatClient() = default;

UsageTotals ChatClient::usage() const {
  std::lock_guard lock(state_->mutex);
  return state_->usage;
}

std::optional<std::string> ChatClient::breaker() const {
  std::lock_guard lock(state_->mutex);
  if (state_->breaker_reason.empty()) return std::nullopt;
  return state_->breaker_reason;
}

ResponseFormat ChatClient::response_format() const {
  return static_cast<ResponseFormat>(state_->format.load());
}

std::string ChatClient::cache_key(const ChatRequest& request) const {
  auto url = chat_completions_url(config_.base_url);
  const json material = {{"endpoint", url ? *url : config_.base_url}, {"model", config_.model},
                         {"messages", messages_json(request)},        {"temperature", config_.temperature},
                         {"schema_name", request.schema_name},        {"schema", request.schema}};
  return sha256_hex(material.dump());
}

Result<ChatReply> ChatClient::complete(const ChatRequest& request) {
  auto fail = [this](std::string message) -> Result<ChatReply> {
    std::lock_guard lock(state_->mutex);
    ++state_->usage.failures;
    return Error{std::move(message)};
  };
  auto url = chat_completions_url(config_.base_url);
  if (!url) return fail(url.error().message);

  const std::string key = cache_key(request);
  if (cache_.find) {
    if (auto cached = cache_.find(key)) {
      std::lock_guard lock(state_->mutex);
      ++state_->usage.cache_hits;
      return ChatReply{*cached, extract_first_json_object(*cached), true};
    }
  }

  long chars = 0;
  for (const auto& message : request.messages) chars += static_cast<long>(message.content.size());

  // Opens the breaker (the first reason wins) and fails with its message.
  auto open_breaker = [this](const std::string& reason) -> Result<ChatReply> {
    std::string message;
    {
      std::lock_guard lock(state_->mutex);
      if (state_->breaker_reason.empty()) state_->breaker_reason = reason;
      message = state_->breaker_reason;
      ++state_->usage.failures;
    }
    state_->breaker_opened.notify_all();
    state_->slot_freed.notify_all();
    return Error{std::move(message)};
  };

  int retries = 0, exchange = 0;
  for (;;) {
    const auto format = static_cast<ResponseFormat>(state_->format.load());
    const std::string body = request_body(config_, request, format).dump();

    // Wait for a free slot, then send, unless the breaker is open.
    {
      std::unique_lock lock(state_->mutex);
      state_->slot_freed.wait(lock, [&] {
        return state_->in_flight < config_.max_concurrent || !state_->breaker_reason.empty();
      });
      if (!state_->breaker_reason.empty()) {
        ++state_->usage.failures;
        if (exchange == 0) ++state_->usage.not_sent;
        return Error{state_->breaker_reason};
      }
      ++state_->in_flight;
      ++state_->usage.requests;
      state_->usage.prompt_chars += chars;
    }
    std::string failure_kind;
    auto response = http_post_json(*url, body, config_.api_key, config_.timeout_ms, &failure_kind);
    // The breaker counts network errors, timeouts and 5xx in a row; any
    // other reply shows a live server. The count changes in the same step
    // that frees the slot, so a waiting request sees the breaker open
    // before it can send.
    const bool transport_failure = !response || response->status >= 500;
    bool open = false;
    {
      std::lock_guard lock(state_->mutex);
      --state_->in_flight;
      if (transport_failure) {
        ++state_->failures_in_row;
        open = !state_->breaker_reason.empty() ||
               (config_.breaker_failures > 0 && state_->failures_in_row >= config_.breaker_failures);
        if (open && state_->breaker_reason.empty())
          state_->breaker_reason = fmt::format(
              "{}the LLM server failed {} times in a row (last: {}); no more requests are sent in this run",
              kNotAsked, config_.breaker_failures,
              !response ? "network error: " + failure_kind : fmt::format("HTTP {}", response->status));
      } else {
        state_->failures_in_row = 0;
      }
    }
    state_->slot_freed.notify_one();
    ++exchange;

    if (!log_dir_.empty()) {
      // The body holds no key (that travels in a header); replies are
      // redacted in case a proxy echoes headers back.
      json entry = {{"purpose", request.purpose},
                    {"endpoint", *url},
                    {"exchange", exchange},
                    {"cache_key", key},
                    {"request", json::parse(body)}};
      if (response) {
        entry["status"] = response->status;
        json reply = json::parse(redact(response->body, config_.api_key), nullptr, false);
        entry["reply"] = reply.is_discarded() ? json(redact(response->body, config_.api_key)) : reply;
      } else {
        entry["error"] = redact(response.error().message, config_.api_key);
      }
      std::error_code ec;
      std::filesystem::create_directories(log_dir_, ec);
      std::ofstream out(log_dir_ / fmt::format("{}-{}-{}.json", request.purpose, key.substr(0, 16), exchange),
                        std::ios::binary);
      out << entry.dump(2) << '\n';
    }

    if (open) return open_breaker({});  // the reason was set above
    if (response) {
      if (auto advice = hopeless_refusal(response->status))
        return open_breaker(fmt::format(
            "{}the LLM server refused the request (HTTP {}: {}); no more requests are sent in this run; {}",
            kNotAsked, response->status, snippet(response->body, config_.api_key), *advice));
    }

    std::optional<double> retry_after;
    std::string problem;
    if (!response) {
      problem = fmt::format("network error: {}", redact(response.error().message, config_.api_key));
    } else if (response->status == 200) {
      const json reply = json::parse(response->body, nullptr, false);
      auto content = message_content(reply);
      if (!content)
        return fail(fmt::format("the LLM server's reply is not a chat completion: {}",
                                snippet(response->body, config_.api_key)));
      {
        std::lock_guard lock(state_->mutex);
        state_->usage.prompt_tokens += usage_count(reply, "prompt_tokens");
        state_->usage.completion_tokens += usage_count(reply, "completion_tokens");
      }
      ChatReply result{strip_think_blocks(*content), std::nullopt, false};
      result.object = extract_first_json_object(result.content);
      if (result.object && cache_.store) cache_.store(key, result.content);
      return result;
    } else if (response->status == 400 && format != ResponseFormat::plain) {
      // Probably the response_format this server does not support: step down.
      int expected = static_cast<int>(format);
      state_->format.compare_exchange_strong(expected, static_cast<int>(format) + 1);
      continue;
    } else if (response->status == 429 || response->status >= 500) {
      problem = fmt::format("HTTP {}: {}", response->status, snippet(response->body, config_.api_key));
      retry_after = response->retry_after_s;
    } else {
      return fail(fmt::format("the LLM server refused the request (HTTP {}): {}", response->status,
                              snippet(response->body, config_.api_key)));
    }

    if (retries >= config_.max_retries)
      return fail(fmt::format("LLM request failed after {} attempt(s): {}", retries + 1, problem));
    {
      // Wait out the backoff, or less if the breaker opens meanwhile (the
      // slot wait then returns its message).
      std::unique_lock lock(state_->mutex);
      state_->breaker_opened.wait_for(lock,
                                      std::chrono::milliseconds(backoff_ms(config_, retries, retry_after)),
                                      [&] { return !state_->breaker_reason.empty(); });
    }
    ++retries;
  }
}

}  // namespace roiname::llm
