// SHA-256 through OpenSSL's libcrypto (EVP), for cache keys.
#pragma once

#include <string>
#include <string_view>

namespace roiname::llm {

// The SHA-256 digest of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace roiname::llm
