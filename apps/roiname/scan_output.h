// Printing a scan as a table (for people), JSON (schema in
// docs/scan-json.md) or CSV (one row per ROI). Pure formatting: no DICOM.
// Written one structure set at a time as the scan hands them over, so
// output size never costs memory.
#pragma once

#include <cstdio>
#include <string>

#include "core/scan_result.h"

namespace roiname::cli {

enum class ScanFormat { table, json, csv };

// Streams one scan's listing to `out`: begin(), add() per structure set in
// file order, then finish() with the summary.
//  - table: each structure set with its ROIs, warnings and errors, then the
//    errors and the summary line;
//  - json: the `roiname.scan/1` document, pretty-printed, newline-terminated;
//  - csv: a header row and one row per ROI (a structure set without ROIs
//    gets one row with empty ROI columns); errors and the summary are not in it.
class ScanPrinter {
 public:
  ScanPrinter(ScanFormat format, std::FILE* out) : format_(format), out_(out) {}
  void begin();
  void add(const ScannedStructureSet& scanned);
  void finish(const ScanSummary& summary);

 private:
  ScanFormat format_;
  std::FILE* out_;
  std::size_t sets_ = 0;
};

// "N files read, N structure sets, N ROIs, N errors (...)".
std::string format_scan_summary(const ScanSummary& summary);

}  // namespace roiname::cli
