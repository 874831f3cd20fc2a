// Printing a ScanResult as a table (for people), JSON (schema in
// docs/scan-json.md) or CSV (one row per ROI). Pure formatting: no DICOM.
// Written one structure set at a time, so output size never costs memory.
#pragma once

#include <cstdio>
#include <string>

#include "core/scan_result.h"

namespace roiname::cli {

// Human-readable listing: each structure set with its ROIs, warnings and
// errors, then the summary line.
void print_scan_table(const ScanResult& result, std::FILE* out);

// The `roiname.scan/1` JSON document, pretty-printed, newline-terminated.
void print_scan_json(const ScanResult& result, std::FILE* out);

// CSV with a header row, one row per ROI (a structure set without ROIs gets
// one row with empty ROI columns). Errors and the summary are not in it.
void print_scan_csv(const ScanResult& result, std::FILE* out);

// "N files read, N structure sets, N ROIs, N errors (...)".
std::string format_scan_summary(const ScanResult& result);

}  // namespace roiname::cli
