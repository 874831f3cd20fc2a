// roiname rename PATH... : dry run of stages 1–3 over DICOM RT Structure
// Sets. Per structure set its site, and per ROI the old name, class, new
// name, confidence and review flag. Nothing is written.
#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "commands.h"
#include "core/engine/rules_engine.h"
#include "core/nomenclature/protocol.h"
#include "core/text/csv.h"
#include "dicom/scan.h"
#include "engine_options.h"
#include "protocol/protocol_loader.h"

namespace roiname::cli {
namespace {

struct RenameOptions {
  std::vector<std::string> paths;
  std::string protocol = "tg263", format = "table";
  double review_threshold = EngineOptions{}.review_threshold;
  int threads = 0;
  EngineCliOptions engine;
};

}  // namespace

Action define_rename(CLI::App& app) {
  auto options = std::make_shared<RenameOptions>();
  app.add_option("PATH", options->paths, "DICOM files or folders (searched recursively, by content)")
      ->required()
      ->check(CLI::ExistingPath);
  app.add_option("--protocol", options->protocol, "Embedded protocol name or protocol file (default tg263)");
  app.add_option("--format", options->format, "Output: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  app.add_option("--review-threshold", options->review_threshold, "Flag for review under this confidence")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("-j,--jobs", options->threads, "Threads (default: one per core)")->check(CLI::Range(1, 256));
  add_engine_options(app, options->engine);
  return [options]() -> int {
    auto protocol = load_protocol(options->protocol);
    if (!protocol) {
      fmt::print(stderr, "roiname rename: {}\n", protocol.error().message);
      return kExitUsage;
    }
    const int threads = options->threads > 0
                            ? options->threads
                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    dicom::ScanOptions scan_options;
    scan_options.threads = threads;
    const std::vector<std::filesystem::path> roots(options->paths.begin(), options->paths.end());
    const ScanResult scan = dicom::scan_paths(roots, scan_options);

    // Decide every structure set; results land in input order whatever the
    // thread count, so the output does not depend on -j.
    EngineOptions engine_options;
    engine_options.review_threshold = options->review_threshold;
    auto session = EngineSession::open(options->engine, engine_options);
    if (!session) {
      fmt::print(stderr, "roiname rename: {}\n", session.error().message);
      return kExitUsage;
    }
    const NamingEngine& engine = (*session)->engine();
    std::vector<StructureSetDecision> decisions(scan.structure_sets.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next++; i < decisions.size(); i = next++)
        decisions[i] = engine.decide(naming_input_from(scan.structure_sets[i]), *protocol);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads && static_cast<std::size_t>(t) < decisions.size(); ++t)
      pool.emplace_back(work);
    work();
    for (auto& thread : pool) thread.join();
    if (const std::string breaker = (*session)->breaker_warning(); !breaker.empty())
      fmt::print(stderr, "{}\n", breaker);
    if (const std::string usage = (*session)->usage_summary(); !usage.empty())
      fmt::print(stderr, "{}\n", usage);

    if (options->format == "json") {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < decisions.size(); ++i) {
        const StructureSet& set = scan.structure_sets[i];
        nlohmann::ordered_json rois = nlohmann::ordered_json::array();
        for (const RoiDecision& roi : decisions[i].rois)
          rois.push_back({{"number", roi.roi_number},
                          {"name", roi.original_name},
                          {"class", to_string(roi.roi_class)},
                          {"new_name", roi.standard_name},
                          {"confidence", roi.confidence},
                          {"needs_review", roi.needs_review}});
        out.push_back({{"file", set.file},
                       {"label", set.label},
                       {"site", decisions[i].site.site},
                       {"site_confidence", decisions[i].site.confidence},
                       {"rois", rois}});
      }
      fmt::print("{}\n",
                 nlohmann::ordered_json{{"protocol", protocol->name}, {"structure_sets", out}}.dump(2));
    } else if (options->format == "csv") {
      fmt::print("file,site,roi_number,name,class,new_name,confidence,needs_review\n");
      for (std::size_t i = 0; i < decisions.size(); ++i)
        for (const RoiDecision& roi : decisions[i].rois)
          fmt::print("{},{},{},{},{},{},{:.3f},{}\n", csv_field(scan.structure_sets[i].file),
                     decisions[i].site.site, roi.roi_number, csv_field(roi.original_name),
                     to_string(roi.roi_class), csv_field(roi.standard_name), roi.confidence,
                     roi.needs_review ? "yes" : "no");
    } else {
      for (std::size_t i = 0; i < decisions.size(); ++i) {
        fmt::print("{}  [{}]  site: {} ({:.2f})\n", scan.structure_sets[i].file, scan.structure_sets[i].label,
                   decisions[i].site.site, decisions[i].site.confidence);
        for (const RoiDecision& roi : decisions[i].rois)
          fmt::print("  {:>4} {:<28} {:<5} {:<18} {:>5.2f}  {}\n", roi.roi_number, roi.original_name,
                     to_string(roi.roi_class), roi.standard_name, roi.confidence,
                     roi.needs_review ? "REVIEW" : "");
      }
    }
    for (const auto& error : scan.errors) fmt::print(stderr, "error: {}: {}\n", error.file, error.message);
    return int{scan.errors.empty() ? kExitOk : kExitFailure};
  };
}

}  // namespace roiname::cli
