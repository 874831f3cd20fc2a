#include "llm/reply_text.h"

namespace roiname::llm {

using nlohmann::json;

std::string strip_think_blocks(std::string_view text) {
  static constexpr std::string_view kOpen = "<think>", kClose = "</think>";
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find(kOpen, pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    const size_t close = text.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) break;
    pos = close + kClose.size();
  }
  // Some servers send only the closing tag (the opening one was in the prompt).
  if (const size_t lone = out.find(kClose); lone != std::string::npos) out.erase(0, lone + kClose.size());
  return out;
}

namespace {

std::optional<json> parse_object(std::string_view text) {
  json parsed = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

// End (one past the closing brace) of the balanced object starting at
// `start`, or npos when the text ends first.
size_t balanced_object_end(std::string_view text, size_t start) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{')
      ++depth;
    else if (c == '}' && --depth == 0)
      return i + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<json> extract_first_json_object(std::string_view text) {
  if (auto whole = parse_object(text)) return whole;
  for (size_t start = text.find('{'); start != std::string_view::npos; start = text.find('{', start + 1)) {
    const size_t end = balanced_object_end(text, start);
    if (end == std::string_view::npos) continue;
    if (auto object = parse_object(text.substr(start, end - start))) return object;
  }
  return std::nullopt;
}

std::string redact(std::string_view text, std::string_view secret) {
  std::string out(text);
  if (secret.empty()) return out;
  for (size_t pos = out.find(secret); pos != std::string::npos; pos = out.find(secret, pos + 10))
    out.replace(pos, secret.size(), "[redacted]");
  return out;
}

}  // namespace roiname::llm
