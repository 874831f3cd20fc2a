#include "store/reply_cache.h"

#include <sqlite3.h>

#include <fmt/core.h>

namespace roiname::store {

namespace {

struct StatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) return nullptr;
  return Statement(statement);
}

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS llm_reply ("
    "  key TEXT PRIMARY KEY,"  // SHA-256 hex of endpoint, model, messages, parameters
    "  reply TEXT NOT NULL,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
    ");";

}  // namespace

Result<std::unique_ptr<ReplyCache>> ReplyCache::open(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  sqlite3* db = nullptr;
  const int opened =
      sqlite3_open_v2(path.string().c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (opened != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(opened);
    sqlite3_close(db);
    return Error{fmt::format("cannot open the LLM cache {}: {}", path.string(), message)};
  }
  sqlite3_busy_timeout(db, 5000);  // several roiname processes may share one cache
  char* error = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(db);
    return Error{fmt::format("{} is not a usable LLM cache: {}", path.string(), message)};
  }
  return std::unique_ptr<ReplyCache>(new ReplyCache(db));
}

ReplyCache::~ReplyCache() { sqlite3_close(db_); }

std::optional<std::string> ReplyCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  Statement statement = prepare(db_, "SELECT reply FROM llm_reply WHERE key = ?1");
  if (!statement) return std::nullopt;
  sqlite3_bind_text(statement.get(), 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(statement.get()) != SQLITE_ROW) return std::nullopt;
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
  const int bytes = sqlite3_column_bytes(statement.get(), 0);
  return std::string(text ? text : "", static_cast<size_t>(bytes));
}

Result<bool> ReplyCache::store(const std::string& key, const std::string& reply) {
  std::lock_guard lock(mutex_);
  Statement statement = prepare(db_, "INSERT OR REPLACE INTO llm_reply (key, reply) VALUES (?1, ?2)");
  if (!statement) return Error{fmt::format("LLM cache: {}", sqlite3_errmsg(db_))};
  sqlite3_bind_text(statement.get(), 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 2, reply.data(), static_cast<int>(reply.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(statement.get()) != SQLITE_DONE)
    return Error{fmt::format("LLM cache: {}", sqlite3_errmsg(db_))};
  return true;
}

long ReplyCache::size() {
  std::lock_guard lock(mutex_);
  Statement statement = prepare(db_, "SELECT COUNT(*) FROM llm_reply");
  if (!statement || sqlite3_step(statement.get()) != SQLITE_ROW) return 0;
  return static_cast<long>(sqlite3_column_int64(statement.get(), 0));
}

}  // namespace roiname::store
