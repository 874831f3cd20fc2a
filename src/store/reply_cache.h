// The LLM reply cache: an SQLite file mapping a request's cache key (a
// SHA-256 hex digest computed by the LLM client from endpoint, model,
// messages and parameters, never the API key) to the reply text, so that a
// rerun of the same input sends no request.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"

struct sqlite3;

namespace roiname::store {

class ReplyCache {
 public:
  // Opens (creating when absent, with its parent folder) the cache at
  // `path`. Fails with a message when the file cannot be opened or is not
  // a roiname cache.
  static Result<std::unique_ptr<ReplyCache>> open(const std::filesystem::path& path);
  ~ReplyCache();
  ReplyCache(const ReplyCache&) = delete;
  ReplyCache& operator=(const ReplyCache&) = delete;

  // The reply stored under `key`, or nothing. Thread-safe.
  std::optional<std::string> find(const std::string& key);

  // Stores (or replaces) the reply under `key`. Thread-safe. Fails with
  // SQLite's message, which the caller may show as a warning: a cache that
  // cannot be written costs requests, not correctness.
  Result<bool> store(const std::string& key, const std::string& reply);

  // Number of stored replies.
  long size();

 private:
  explicit ReplyCache(sqlite3* db) : db_(db) {}
  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace roiname::store
