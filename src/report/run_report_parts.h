// Internal to src/report: the reports of a run cut into the part before
// the structure sets, one part per structure set and the part after, so
// that whole-run writers and the streaming RunReportWriter write the same
// bytes.
#pragma once

#include <string>

#include "core/run_record.h"

namespace roiname::report::parts {

// report.json: everything up to and including `"structure_sets": [`.
std::string json_head(const RunRecord& run, const RunTotals& totals);
// One structure set, preceded by its separator (`first`: no comma).
std::string json_set(const StructureSetRecord& set, bool first);
// The closing bracket of the sets, the file errors and the end.
std::string json_tail(const RunRecord& run, bool any_sets);

std::string csv_header();
std::string csv_rows(const StructureSetRecord& set);

// report.html: head, totals and file errors; one section per set; the end.
std::string html_head(const RunRecord& run, const RunTotals& totals);
std::string html_set(const StructureSetRecord& set);
std::string html_tail();

}  // namespace roiname::report::parts
