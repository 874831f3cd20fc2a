// RunReportWriter: the reports of a run written one structure set at a time
// (see run_report.h).
#include <fmt/core.h>
#include <unistd.h>

#include <fstream>

#include "report/run_report.h"
#include "report/run_report_parts.h"

namespace roiname::report {

namespace fs = std::filesystem;

// One report's structure set parts, waiting in a file for the head.
struct RunReportWriter::Spool {
  fs::path path;
  std::ofstream stream;
};

namespace {

constexpr const char* kReports[] = {"report.json", "report.csv", "report.html"};

}  // namespace

RunReportWriter::RunReportWriter(fs::path output_dir) : output_dir_(std::move(output_dir)) {}

RunReportWriter::~RunReportWriter() {
  std::error_code ec;
  for (const auto& spool : spools_) {
    spool->stream.close();
    fs::remove(spool->path, ec);
  }
}

std::optional<Error> RunReportWriter::add(const StructureSetRecord& set) {
  if (failure_) return failure_;
  if (spools_.empty()) {
    // Opened on the first set, so that nothing is created before the run
    // has checked its output folder.
    std::error_code ec;
    fs::create_directories(output_dir_, ec);
    for (const char* name : kReports) {
      auto spool = std::make_unique<Spool>();
      spool->path = output_dir_ / fmt::format(".{}.sets-{}", name, ::getpid());
      spool->stream.open(spool->path, std::ios::binary | std::ios::trunc);
      spools_.push_back(std::move(spool));
    }
  }
  spools_[0]->stream << parts::json_set(set, sets_ == 0);
  spools_[1]->stream << parts::csv_rows(set);
  spools_[2]->stream << parts::html_set(set);
  ++sets_;
  for (const auto& spool : spools_)
    if (!spool->stream) failure_ = Error{"cannot write the report spool file " + spool->path.string()};
  return failure_;
}

std::vector<Error> RunReportWriter::finish(const RunRecord& run, const RunTotals& totals) {
  std::vector<Error> problems;
  const std::string heads[] = {parts::json_head(run, totals), parts::csv_header(),
                               parts::html_head(run, totals)};
  const std::string tails[] = {parts::json_tail(run, sets_ > 0), "", parts::html_tail()};
  for (auto& spool : spools_) spool->stream.close();
  for (std::size_t r = 0; r < 3; ++r) {
    const fs::path file = output_dir_ / kReports[r];
    if (failure_) {
      problems.push_back(Error{"cannot write " + file.string() + ": " + failure_->message});
      continue;
    }
    auto written = write_file_with(file, [&](std::ostream& out) {
      out << heads[r];
      if (!spools_.empty()) {
        std::ifstream in(spools_[r]->path, std::ios::binary);
        if (in.peek() != std::ifstream::traits_type::eof()) out << in.rdbuf();
        if (!in) out.setstate(std::ios::failbit);
      }
      out << tails[r];
    });
    if (!written) problems.push_back(written.error());
  }
  return problems;
}

}  // namespace roiname::report
