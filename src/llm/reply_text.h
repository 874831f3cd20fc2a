// Turning the text of a model's reply into a JSON object. Replies are
// untrusted: they may wrap the JSON in prose or code fences, carry a
// reasoning block, or hold no JSON at all.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace roiname::llm {

// The text with every <think>…</think> block removed (reasoning models put
// their chain of thought there). An unclosed <think> drops the rest.
std::string strip_think_blocks(std::string_view text);

// The first JSON object in `text`: the whole text when it parses as an
// object, else the first balanced {…} span (a scan aware of strings and
// escapes) that parses as an object. Nothing when there is none.
std::optional<nlohmann::json> extract_first_json_object(std::string_view text);

// `text` with every occurrence of `secret` replaced by "[redacted]"
// (nothing replaced when `secret` is empty). Used on anything that came back
// from a server before it is shown or written, in case a proxy echoes headers.
std::string redact(std::string_view text, std::string_view secret);

}  // namespace roiname::llm
