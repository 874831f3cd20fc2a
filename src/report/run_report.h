// The reports of `roiname run`: report.json (schema in docs/report-json.md),
// report.csv (one row per ROI) and report.html (one self-contained page).
// Pure text from a RunRecord; writing files is write_text_file's job.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

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

// Writes `text` to `file` through a temporary file in the same folder,
// renamed into place. Fails with the reason.
Result<std::filesystem::path> write_text_file(const std::filesystem::path& file, const std::string& text);
// The same with the content written by `write` to a stream.
Result<std::filesystem::path> write_file_with(const std::filesystem::path& file,
                                              const std::function<void(std::ostream&)>& write);

// Base64 (RFC 4648, with padding) of `bytes`.
std::string base64(const std::string& bytes);

}  // namespace roiname::report
