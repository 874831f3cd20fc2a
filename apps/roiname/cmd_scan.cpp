// roiname scan PATH... : list every RT Structure Set under the given paths
// with its ROIs and whether its CT series is there.
#include <fmt/core.h>
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <thread>

#include "commands.h"
#include "dicom/scan.h"
#include "scan_output.h"

namespace roiname::cli {

namespace {

struct ScanOptionsCli {
  std::vector<std::string> paths;
  std::string format = "table";
  int threads = 0;  // 0: one per core
};

// "\rscanning 120/500 files" on stderr, at most ~10 times a second.
std::function<void(std::size_t, std::size_t)> terminal_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [last](std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - *last < std::chrono::milliseconds(100)) return;
    *last = now;
    fmt::print(stderr, "\rscanning {}/{} files{}", done, total, done == total ? "\r\033[K" : "");
    std::fflush(stderr);
  };
}

}  // namespace

Action define_scan(CLI::App& app) {
  auto options = std::make_shared<ScanOptionsCli>();
  app.add_option("PATH", options->paths, "DICOM files or folders (searched recursively, by content)")
      ->required()
      ->check(CLI::ExistingPath);
  app.add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->default_str("table");
  app.add_option("-j,--jobs", options->threads, "Threads reading files (default: one per core)")
      ->check(CLI::Range(1, 256));
  return [options] {
    dicom::ScanOptions scan_options;
    scan_options.threads = options->threads > 0
                               ? options->threads
                               : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    scan_options.progress = terminal_progress();
    const std::vector<std::filesystem::path> roots(options->paths.begin(), options->paths.end());
    const ScanFormat format = options->format == "json"  ? ScanFormat::json
                              : options->format == "csv" ? ScanFormat::csv
                                                         : ScanFormat::table;
    // Each structure set is printed as soon as it is read, in file order.
    ScanPrinter printer(format, stdout);
    printer.begin();
    const ScanSummary summary = dicom::scan_streaming(
        roots, scan_options, [&](ScannedStructureSet&& scanned) { printer.add(scanned); });
    printer.finish(summary);
    if (format == ScanFormat::csv) {
      // Keep stdout pure CSV: problems and the summary go to stderr.
      for (const auto& error : summary.errors)
        fmt::print(stderr, "error: {}: {}\n", error.file, error.message);
      fmt::print(stderr, "{}\n", format_scan_summary(summary));
    }
    return int{summary.error_count() > 0 ? kExitFailure : kExitOk};
  };
}

}  // namespace roiname::cli
