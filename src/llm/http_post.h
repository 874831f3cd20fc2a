// One HTTP POST of a JSON body with libcurl: the only code in roiname that
// touches the network.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace roiname::llm {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::optional<double> retry_after_s;  // from a Retry-After header given in seconds
};

// POSTs `body` (JSON) to `url` with `Authorization: Bearer <bearer_token>`
// when the token is not empty, giving up after `timeout_ms`. Only http and
// https are allowed and redirects are not followed. Returns any HTTP status
// as a response; fails (with curl's description, never the headers) when no
// response arrived: refused, unreachable, timed out. Then `failure_kind`,
// when given, receives curl's short description alone ("Couldn't connect to
// server", "Timeout was reached"), without the details that vary by run.
Result<HttpResponse> http_post_json(const std::string& url, const std::string& body,
                                    const std::string& bearer_token, int timeout_ms,
                                    std::string* failure_kind = nullptr);

}  // namespace roiname::llm
