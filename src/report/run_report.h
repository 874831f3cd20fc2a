// The reports of `roiname run`: report.json (schema in docs/report-json.md),
// report.csv (one row per ROI) and report.html (one self-contained page).
// Pure text from a RunRecord; writing files is write_text_file's job.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/run_record.h"

namespace roiname::report {

// report.json: {"schema": "roiname-run-report/1", "run": {...}, "totals":
// {...}, "structure_sets": [...], "file_errors": [...]}. Deterministic for
// the same record (keys in a fixed order); images are not included.
std::string run_report_json(const RunRecord& run);
// The same, written to `out` one structure set at a time.
void write_run_report_json(const RunRecord& run, std::ostream& out);

// report.csv: a header and one row per ROI (RFC 4180 quoting).
std::string run_report_csv(const RunRecord& run);

// report.html: totals, then per structure set a table of changes (review
// items first, changed names highlighted), laterality verdicts with their
// PNG slices embedded as data: URIs, and notes. No external resources.
std::string run_report_html(const RunRecord& run);
// The same, written to `out` one structure set at a time.
void write_run_report_html(const RunRecord& run, std::ostream& out);

// The three reports written while a run goes on: each structure set's part
// is appended to a spool file in the output folder as soon as its record
// is ready (records are dropped after that), and finish() writes
// report.json, report.csv and report.html, whose beginning (totals, file
// errors) is known only at the end, around the spooled parts. The files
// are byte for byte those of write_run_report_json / run_report_csv /
// write_run_report_html for the same run with all its sets.
class RunReportWriter {
 public:
  explicit RunReportWriter(std::filesystem::path output_dir);
  ~RunReportWriter();  // removes the spool files
  RunReportWriter(const RunReportWriter&) = delete;
  RunReportWriter& operator=(const RunReportWriter&) = delete;

  // Appends one structure set (in input order). Fails when the spool
  // cannot be written; later calls then do nothing.
  std::optional<Error> add(const StructureSetRecord& set);
  // Writes the three reports for `run` (its sets empty; they were added)
  // with `totals` over every set added and the file errors. Returns the
  // problems, one per report that could not be written.
  std::vector<Error> finish(const RunRecord& run, const RunTotals& totals);

 private:
  struct Spool;
  std::filesystem::path output_dir_;
  std::vector<std::unique_ptr<Spool>> spools_;  // json, csv, html
  std::size_t sets_ = 0;
  std::optional<Error> failure_;
};

// Writes `text` to `file` through a temporary file in the same folder,
// renamed into place. Fails with the reason.
Result<std::filesystem::path> write_text_file(const std::filesystem::path& file, const std::string& text);
// The same with the content written by `write` to a stream.
Result<std::filesystem::path> write_file_with(const std::filesystem::path& file,
                                              const std::function<void(std::ostream&)>& write);

// Base64 (RFC 4648, with padding) of `bytes`.
std::string base64(const std::string& bytes);

}  // namespace roiname::report
