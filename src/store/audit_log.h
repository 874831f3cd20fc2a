// The audit log of `roiname run`: an SQLite file (default
// OUT/roiname.sqlite) that keeps, for every run, when and how it ran, the
// inputs and outputs with their SHA-256, the new UIDs, and every ROI
// decision with its reasons. Runs accumulate; nothing is ever updated.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/run_record.h"

struct sqlite3;

namespace roiname::store {

// A query result as text: column names and rows.
struct AuditTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

class AuditLog {
 public:
  // Opens (creating when absent, with its folder and tables) the log at
  // `path`. Fails when it cannot be opened or is not a roiname audit log.
  static Result<std::unique_ptr<AuditLog>> open(const std::filesystem::path& path);
  // Opens an existing log read-only; fails when absent.
  static Result<std::unique_ptr<AuditLog>> open_existing(const std::filesystem::path& path);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Records a whole run in one transaction; returns its run id.
  Result<long> record(const RunRecord& run);

  // One row per run: id, started_at, finished_at, version, protocol, engine,
  // dry_run, structure_sets, rois, renamed, needs_review, contradictions,
  // errors, seconds, command_line.
  Result<AuditTable> runs();
  // The files of one run: kind (input/output), path, sha256,
  // sop_instance_uid, series_instance_uid, source (the input of an output).
  Result<AuditTable> files(long run_id);
  // Every ROI decision of one run, with its reasons (one per line).
  Result<AuditTable> decisions(long run_id);

 private:
  explicit AuditLog(sqlite3* db) : db_(db) {}
  Result<AuditTable> query(const std::string& sql, long run_id);
  sqlite3* db_;
};

// The command line with secrets removed: the value of any option whose name
// ends in "api-key" (given as "--api-key X" or "--api-key=X") becomes "***".
std::string command_line_without_secrets(const std::vector<std::string>& arguments);

}  // namespace roiname::store
