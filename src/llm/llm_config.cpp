#include "llm/llm_config.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace roiname::llm {

namespace {

using nlohmann::json;

// The settings a config file may hold; anything else is a typo to report.
const std::set<std::string>& known_file_keys() {
  static const std::set<std::string> keys = {
      "base_url",         "model",       "api_key_env",        "temperature",    "timeout_s",
      "max_concurrent",   "max_retries", "backoff_initial_ms", "backoff_max_ms", "retry_after_max_ms",
      "breaker_failures",
  };
  return keys;
}

std::optional<std::string> non_empty(const std::optional<std::string>& text) {
  if (text && !text->empty()) return text;
  return std::nullopt;
}

Result<json> read_config_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{fmt::format("cannot read LLM config file {}", path.string())};
  std::stringstream buffer;
  buffer << in.rdbuf();
  json parsed = json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object())
    return Error{fmt::format("LLM config file {} is not a JSON object", path.string())};
  for (const auto& [key, value] : parsed.items()) {
    if (key == "api_key")
      return Error{
          fmt::format("LLM config file {}: \"api_key\" is not read from files; set ROINAME_API_KEY "
                      "(or name another variable with \"api_key_env\")",
                      path.string())};
    if (!known_file_keys().contains(key))
      return Error{fmt::format("LLM config file {}: unknown key \"{}\"", path.string(), key)};
  }
  return parsed;
}

// Reads a typed value from the config file, if present and of the right type.
template <class T>
Result<std::optional<T>> file_value(const json& file, const char* key) {
  if (!file.contains(key)) return std::optional<T>{};
  const json& value = file.at(key);
  if constexpr (std::is_same_v<T, std::string>) {
    if (!value.is_string()) return Error{fmt::format("LLM config: \"{}\" must be a string", key)};
  } else {
    if (!value.is_number()) return Error{fmt::format("LLM config: \"{}\" must be a number", key)};
  }
  return std::optional<T>{value.get<T>()};
}

Result<double> parse_number(const std::string& text, const char* what) {
  try {
    size_t used = 0;
    const double number = std::stod(text, &used);
    if (used == text.size()) return number;
  } catch (const std::exception&) {
  }
  return Error{fmt::format("{} must be a number, got \"{}\"", what, text)};
}

}  // namespace

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

Result<std::string> chat_completions_url(const std::string& base_url) {
  std::string base = base_url;
  if (!base.starts_with("http://") && !base.starts_with("https://"))
    return Error{fmt::format("LLM base URL must start with http:// or https://, got \"{}\"", base_url)};
  while (base.ends_with('/')) base.pop_back();
  if (base.ends_with("/chat/completions")) return base;
  if (!base.ends_with("/v1")) base += "/v1";
  return base + "/chat/completions";
}

Result<LlmConfig> resolve_llm_config(const LlmOverrides& flags, const std::filesystem::path& config_file,
                                     const EnvLookup& env) {
  json file = json::object();
  if (!config_file.empty()) {
    auto parsed = read_config_file(config_file);
    if (!parsed) return parsed.error();
    file = std::move(parsed).value();
  }

  LlmConfig config;
  // Strings: flag, then ROINAME_*, then OPENAI_*, then the file.
  auto file_base = file_value<std::string>(file, "base_url");
  auto file_model = file_value<std::string>(file, "model");
  auto file_key_env = file_value<std::string>(file, "api_key_env");
  for (const auto* check : {&file_base, &file_model, &file_key_env})
    if (!*check) return check->error();

  auto base = non_empty(flags.base_url);
  if (!base) base = non_empty(env("ROINAME_BASE_URL"));
  if (!base) base = non_empty(env("OPENAI_BASE_URL"));
  if (!base) base = non_empty(file_base.value());
  if (!base)
    return Error{
        "no LLM endpoint: set --llm-base-url, ROINAME_BASE_URL or OPENAI_BASE_URL, "
        "or \"base_url\" in the LLM config file"};
  config.base_url = *base;
  if (auto url = chat_completions_url(config.base_url); !url) return url.error();

  auto model = non_empty(flags.model);
  if (!model) model = non_empty(env("ROINAME_MODEL"));
  if (!model) model = non_empty(file_model.value());
  if (!model) return Error{"no LLM model: set --llm-model or ROINAME_MODEL, or \"model\" in the config file"};
  config.model = *model;

  // The key: from the variable named by flag or file, else the defaults.
  auto key_env = non_empty(flags.api_key_env);
  if (!key_env) key_env = non_empty(file_key_env.value());
  if (key_env) {
    auto key = env(*key_env);
    if (!key || key->empty())
      return Error{fmt::format("the API key variable {} is not set or empty", *key_env)};
    config.api_key = *key;
  } else if (auto key = non_empty(env("ROINAME_API_KEY"))) {
    config.api_key = *key;
  } else if (auto key = non_empty(env("OPENAI_API_KEY"))) {
    config.api_key = *key;
  }

  // Numbers: flag, then ROINAME_* variable, then the file.
  struct NumberSetting {
    const char* file_key;
    const char* env_name;
    std::optional<double> flag;
    double minimum, maximum;
    double scale;  // file/flag unit to the config's unit
    std::function<void(double)> apply;
  };
  const std::vector<NumberSetting> settings = {
      {"temperature", "ROINAME_TEMPERATURE", flags.temperature, 0, 2, 1,
       [&](double v) { config.temperature = v; }},
      {"timeout_s", "ROINAME_TIMEOUT_S", flags.timeout_s, 0.001, 3600, 1000,
       [&](double v) { config.timeout_ms = static_cast<int>(v); }},
      {"max_concurrent", "ROINAME_MAX_CONCURRENT", flags.max_concurrent, 1, 256, 1,
       [&](double v) { config.max_concurrent = static_cast<int>(v); }},
      {"max_retries", "ROINAME_MAX_RETRIES", flags.max_retries, 0, 20, 1,
       [&](double v) { config.max_retries = static_cast<int>(v); }},
      {"breaker_failures", "ROINAME_BREAKER_FAILURES", flags.breaker_failures, 0, 1000, 1,
       [&](double v) { config.breaker_failures = static_cast<int>(v); }},
      {"backoff_initial_ms", nullptr, std::nullopt, 0, 600000, 1,
       [&](double v) { config.backoff_initial_ms = static_cast<int>(v); }},
      {"backoff_max_ms", nullptr, std::nullopt, 0, 600000, 1,
       [&](double v) { config.backoff_max_ms = static_cast<int>(v); }},
      {"retry_after_max_ms", nullptr, std::nullopt, 0, 3600000, 1,
       [&](double v) { config.retry_after_max_ms = static_cast<int>(v); }},
  };
  for (const auto& setting : settings) {
    std::optional<double> value = setting.flag;
    if (!value && setting.env_name) {
      if (auto text = non_empty(env(setting.env_name))) {
        auto number = parse_number(*text, setting.env_name);
        if (!number) return number.error();
        value = *number;
      }
    }
    if (!value) {
      auto from_file = file_value<double>(file, setting.file_key);
      if (!from_file) return from_file.error();
      value = from_file.value();
    }
    if (!value) continue;
    if (*value < setting.minimum || *value > setting.maximum)
      return Error{fmt::format("LLM setting {} = {} is outside [{}, {}]", setting.file_key, *value,
                               setting.minimum, setting.maximum)};
    setting.apply(*value * setting.scale);
  }
  return config;
}

std::string describe(const LlmConfig& config) {
  auto url = chat_completions_url(config.base_url);
  return fmt::format(
      "endpoint {}, model {}, key: {}, temperature {}, timeout {} s, {} concurrent, {} retries, breaker "
      "after {} failures in a row",
      url ? *url : config.base_url, config.model, config.api_key.empty() ? "none" : "set", config.temperature,
      config.timeout_ms / 1000.0, config.max_concurrent, config.max_retries, config.breaker_failures);
}

}  // namespace roiname::llm
