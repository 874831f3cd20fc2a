#include "store/audit_log.h"

#include <fmt/core.h>
#include <sqlite3.h>

namespace roiname::store {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS roiname_audit_meta(key TEXT PRIMARY KEY, value TEXT);
INSERT OR IGNORE INTO roiname_audit_meta VALUES('schema', '1');
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY, started_at TEXT, finished_at TEXT, version TEXT, protocol TEXT, engine TEXT,
  command_line TEXT, output_dir TEXT, dry_run INTEGER, only_confident INTEGER, seconds REAL,
  structure_sets INTEGER, rois INTEGER, renamed INTEGER, needs_review INTEGER, contradictions INTEGER,
  errors INTEGER);
CREATE TABLE IF NOT EXISTS inputs(run_id INTEGER REFERENCES runs(id), path TEXT, sha256 TEXT, error TEXT);
CREATE TABLE IF NOT EXISTS outputs(run_id INTEGER REFERENCES runs(id), path TEXT, sha256 TEXT,
  sop_instance_uid TEXT, series_instance_uid TEXT, source TEXT);
CREATE TABLE IF NOT EXISTS decisions(run_id INTEGER REFERENCES runs(id), input TEXT, roi_number INTEGER,
  old_name TEXT, new_name TEXT, written_name TEXT, action TEXT, class TEXT, site TEXT, confidence REAL,
  needs_review INTEGER, engine TEXT, laterality TEXT, reasons TEXT);
)sql";

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr); }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return statement_ != nullptr; }
  Statement& text(int index, const std::string& value) {
    sqlite3_bind_text(statement_, index, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& integer(int index, long long value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
  }
  Statement& real(int index, double value) {
    sqlite3_bind_double(statement_, index, value);
    return *this;
  }
  // Runs an insert; true when it succeeded. Resets for the next use.
  bool run() {
    const int rc = sqlite3_step(statement_);
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    return rc == SQLITE_DONE;
  }
  sqlite3_stmt* get() { return statement_; }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

Result<std::unique_ptr<AuditLog>> fail(sqlite3* db, const std::filesystem::path& path) {
  std::string message = fmt::format("cannot open the audit log {}: {}", path.string(), sqlite3_errmsg(db));
  sqlite3_close(db);
  return Error{message};
}

}  // namespace

Result<std::unique_ptr<AuditLog>> AuditLog::open(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    return fail(db, path);
  sqlite3_busy_timeout(db, 5000);
  // A run is one transaction that grows with its structure sets: a small
  // page cache (pages spill to the file) keeps memory flat.
  sqlite3_exec(db, "PRAGMA cache_size = -256", nullptr, nullptr, nullptr);
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK) return fail(db, path);
  return std::unique_ptr<AuditLog>(new AuditLog(db));
}

Result<std::unique_ptr<AuditLog>> AuditLog::open_existing(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return fail(db, path);
  Statement check(db, "SELECT value FROM roiname_audit_meta WHERE key = 'schema'");
  if (!check.ok() || sqlite3_step(check.get()) != SQLITE_ROW) {
    sqlite3_close(db);
    return Error{fmt::format("{} is not a roiname audit log", path.string())};
  }
  return std::unique_ptr<AuditLog>(new AuditLog(db));
}

AuditLog::~AuditLog() { sqlite3_close(db_); }

Result<long> AuditLog::record(const RunRecord& run) {
  auto id = begin_run();
  if (!id) return id;
  for (const StructureSetRecord& set : run.sets)
    if (auto problem = add_set(set)) return *problem;
  return finish_run(run, run.totals());
}

Error AuditLog::fail_run() {
  Error error{fmt::format("cannot write the audit log: {}", sqlite3_errmsg(db_))};
  if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  open_run_ = 0;  // later add_set / finish_run calls fail
  return error;
}

Result<long> AuditLog::begin_run() {
  if (open_run_ > 0) return Error{"cannot write the audit log: a run is already being recorded"};
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return fail_run();
  // The row is completed by finish_run, in the same transaction: no one
  // ever sees it unfinished.
  Statement insert_run(db_, "INSERT INTO runs(started_at) VALUES('')");
  if (!insert_run.ok() || !insert_run.run()) return fail_run();
  open_run_ = static_cast<long>(sqlite3_last_insert_rowid(db_));
  return open_run_;
}

std::optional<Error> AuditLog::add_set(const StructureSetRecord& set) {
  if (open_run_ <= 0) return Error{"cannot write the audit log: no run is being recorded"};
  const long run_id = open_run_;
  Statement input(db_, "INSERT INTO inputs VALUES(?,?,?,?)");
  Statement output(db_, "INSERT INTO outputs VALUES(?,?,?,?,?,?)");
  Statement decision(db_, "INSERT INTO decisions VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!input.ok() || !output.ok() || !decision.ok()) return fail_run();
  if (!input.integer(1, run_id).text(2, set.input_file).text(3, set.input_sha256).text(4, set.error).run())
    return fail_run();
  if (!set.output_file.empty() && !output.integer(1, run_id)
                                       .text(2, set.output_file)
                                       .text(3, set.output_sha256)
                                       .text(4, set.new_sop_instance_uid)
                                       .text(5, set.new_series_instance_uid)
                                       .text(6, set.input_file)
                                       .run())
    return fail_run();
  for (const RoiRecord& roi : set.rois) {
    const RoiDecision& d = roi.decision;
    const std::string reasons = joined_reasons(d.reasons, "\n");
    const std::string laterality =
        roi.laterality ? std::string(to_string(roi.laterality->status)) + ": " + roi.laterality->reason : "";
    if (!decision.integer(1, run_id)
             .text(2, set.input_file)
             .integer(3, d.roi_number)
             .text(4, d.original_name)
             .text(5, d.standard_name)
             .text(6, roi.written_name)
             .text(7, std::string(to_string(roi.action)))
             .text(8, std::string(to_string(d.roi_class)))
             .text(9, set.site.site)
             .real(10, d.confidence)
             .integer(11, d.needs_review)
             .text(12, d.engine)
             .text(13, laterality)
             .text(14, reasons)
             .run())
      return fail_run();
  }
  return std::nullopt;
}

Result<long> AuditLog::finish_run(const RunRecord& run, const RunTotals& totals) {
  if (open_run_ <= 0) return Error{"cannot write the audit log: no run is being recorded"};
  const long run_id = open_run_;
  Statement update_run(
      db_,
      "UPDATE runs SET started_at = ?, finished_at = ?, version = ?, protocol = ?, engine = ?, command_line "
      "= ?, output_dir = ?, dry_run = ?, only_confident = ?, seconds = ?, structure_sets = ?, rois = ?, "
      "renamed = ?, needs_review = ?, contradictions = ?, errors = ? WHERE id = ?");
  if (!update_run.ok() || !update_run.text(1, run.started_at)
                               .text(2, run.finished_at)
                               .text(3, run.version)
                               .text(4, run.protocol)
                               .text(5, run.engine)
                               .text(6, run.command_line)
                               .text(7, run.output_dir)
                               .integer(8, run.dry_run)
                               .integer(9, run.only_confident)
                               .real(10, run.seconds)
                               .integer(11, totals.structure_sets)
                               .integer(12, totals.rois)
                               .integer(13, totals.renamed)
                               .integer(14, totals.needs_review)
                               .integer(15, totals.laterality_contradictions)
                               .integer(16, totals.errors)
                               .integer(17, run_id)
                               .run())
    return fail_run();
  Statement input(db_, "INSERT INTO inputs VALUES(?,?,?,?)");
  if (!input.ok()) return fail_run();
  for (const auto& file_error : run.file_errors)
    if (!input.integer(1, run_id).text(2, file_error.file).text(3, "").text(4, file_error.message).run())
      return fail_run();
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail_run();
  open_run_ = 0;
  return run_id;
}

Result<AuditTable> AuditLog::query(const std::string& sql, long run_id) {
  Statement statement(db_, sql.c_str());
  if (!statement.ok()) return Error{fmt::format("cannot read the audit log: {}", sqlite3_errmsg(db_))};
  if (run_id >= 0) statement.integer(1, run_id);
  AuditTable table;
  const int columns = sqlite3_column_count(statement.get());
  for (int c = 0; c < columns; ++c) table.columns.emplace_back(sqlite3_column_name(statement.get(), c));
  int rc = 0;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < columns; ++c) {
      const auto* value = sqlite3_column_text(statement.get(), c);
      row.emplace_back(value ? reinterpret_cast<const char*>(value) : "");
    }
    table.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return Error{fmt::format("cannot read the audit log: {}", sqlite3_errmsg(db_))};
  return table;
}

Result<AuditTable> AuditLog::runs() {
  return query(
      "SELECT id, started_at, finished_at, version, protocol, engine, dry_run, structure_sets, rois, "
      "renamed, "
      "needs_review, contradictions, errors, printf('%.2f', seconds) AS seconds, command_line FROM runs "
      "ORDER BY id",
      -1);
}

Result<AuditTable> AuditLog::files(long run_id) {
  return query(
      "SELECT 'input' AS kind, path, sha256, '' AS sop_instance_uid, '' AS series_instance_uid, '' AS "
      "source, error "
      "FROM inputs WHERE run_id = ?1 UNION ALL SELECT 'output', path, sha256, sop_instance_uid, "
      "series_instance_uid, "
      "source, '' FROM outputs WHERE run_id = ?1",
      run_id);
}

Result<AuditTable> AuditLog::decisions(long run_id) {
  return query(
      "SELECT input, roi_number, old_name, new_name, written_name, action, class, site, printf('%.2f', "
      "confidence) AS "
      "confidence, needs_review, engine, laterality, reasons FROM decisions WHERE run_id = ?1 ORDER BY rowid",
      run_id);
}

std::string command_line_without_secrets(const std::vector<std::string>& arguments) {
  auto is_secret_option = [](const std::string& name) {
    const std::string_view key = "api-key";
    return name.rfind("--", 0) == 0 && name.size() >= key.size() &&
           name.compare(name.size() - key.size(), key.size(), key) == 0;
  };
  std::string out;
  bool hide_next = false;
  for (const std::string& argument : arguments) {
    std::string shown = argument;
    if (hide_next) {
      shown = "***";
      hide_next = false;
    } else if (const auto equals = argument.find('='); equals != std::string::npos) {
      if (is_secret_option(argument.substr(0, equals))) shown = argument.substr(0, equals) + "=***";
    } else if (is_secret_option(argument)) {
      hide_next = true;
    }
    if (!out.empty()) out += ' ';
    out += shown.find_first_of(" \t'\"") == std::string::npos ? shown : "'" + shown + "'";
  }
  return out;
}

}  // namespace roiname::store
