// The audit log of `roiname run`: an SQLite file (default
// OUT/roiname.sqlite) that keeps, for every run, when and how it ran, the
// inputs and outputs with their SHA-256, the new UIDs, and every ROI
// decision with its reasons. Runs accumulate; a recorded run is never
// changed.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
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

  // Records a whole run in one transaction; returns its run id. The same
  // as begin_run, add_set for each of run.sets, finish_run.
  Result<long> record(const RunRecord& run);

  // Recording a run as it goes, in one transaction that finish_run
  // commits, so that a run is in the log whole or not at all (other
  // writers of the same file wait meanwhile). begin_run returns the run's
  // id; add_set records one structure set; finish_run records `run`'s
  // header, `totals` and file errors (its sets are not looked at). After
  // a failure the transaction is rolled back and later calls fail.
  Result<long> begin_run();
  std::optional<Error> add_set(const StructureSetRecord& set);
  Result<long> finish_run(const RunRecord& run, const RunTotals& totals);

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
  Error fail_run();  // rolls back the open run
  sqlite3* db_;
  long open_run_ = 0;  // id of the run being recorded, 0 when none
};

// The command line with secrets removed: the value of any option whose name
// ends in "api-key" (given as "--api-key X" or "--api-key=X") becomes "***".
std::string command_line_without_secrets(const std::vector<std::string>& arguments);

}  // namespace roiname::store
