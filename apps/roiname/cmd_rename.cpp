// roiname rename PATH... : dry run of stages 1–3 over DICOM RT Structure
// Sets. Per structure set its site, and per ROI the old name, class, new
// name, confidence and review flag. Nothing is written.
#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "commands.h"
#include "core/engine/rules_engine.h"
#include "core/nomenclature/protocol.h"
#include "core/ordered_parallel.h"
#include "core/text/csv.h"
#include "core/text/indent.h"
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
  bool reasons = false;
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
  app.add_flag("--reasons", options->reasons,
               "Show the reasons of every decision (table format; json has them always)");
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
    EngineOptions engine_options;
    engine_options.review_threshold = options->review_threshold;
    auto session = EngineSession::open(options->engine, engine_options);
    if (!session) {
      fmt::print(stderr, "roiname rename: {}\n", session.error().message);
      return kExitUsage;
    }
    const NamingEngine& engine = (*session)->engine();

    // Pass 1 indexes the files; then each structure set is read and decided
    // on the worker threads and printed at once, in file order: the output
    // does not depend on -j and nothing per set is kept once printed.
    dicom::ScanOptions scan_options;
    scan_options.threads = threads;
    const std::vector<std::filesystem::path> roots(options->paths.begin(), options->paths.end());
    const dicom::ScanIndex index = dicom::index_files(roots, scan_options);
    struct Decided {
      Result<ScannedStructureSet> scanned;
      StructureSetDecision decision;
    };
    std::vector<std::pair<std::size_t, FileError>> set_errors;
    bool first = true;
    if (options->format == "json")
      fmt::print("{{\n  \"protocol\": {},\n  \"structure_sets\": [", nlohmann::json(protocol->name).dump());
    else if (options->format == "csv")
      fmt::print("file,site,roi_number,name,class,new_name,confidence,needs_review\n");
    const auto print = [&](const StructureSet& set, const StructureSetDecision& decision) {
      if (options->format == "json") {
        nlohmann::ordered_json rois = nlohmann::ordered_json::array();
        for (const RoiDecision& roi : decision.rois) {
          nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
          for (const Reason& r : roi.reasons)
            reasons.push_back({{"stage", r.stage}, {"rule", r.rule}, {"detail", r.detail}});
          rois.push_back({{"number", roi.roi_number},
                          {"name", roi.original_name},
                          {"class", to_string(roi.roi_class)},
                          {"new_name", roi.standard_name},
                          {"confidence", roi.confidence},
                          {"needs_review", roi.needs_review},
                          {"reasons", reasons}});
        }
        const nlohmann::ordered_json item{{"file", set.file},
                                          {"label", set.label},
                                          {"site", decision.site.site},
                                          {"site_confidence", decision.site.confidence},
                                          {"rois", rois}};
        // As the whole document's dump(2) would indent it: four spaces.
        fmt::print("{}\n    {}", first ? "" : ",", indent_following_lines(item.dump(2), 4));
      } else if (options->format == "csv") {
        for (const RoiDecision& roi : decision.rois)
          fmt::print("{},{},{},{},{},{},{:.3f},{}\n", csv_field(set.file), decision.site.site, roi.roi_number,
                     csv_field(roi.original_name), to_string(roi.roi_class), csv_field(roi.standard_name),
                     roi.confidence, roi.needs_review ? "yes" : "no");
      } else {
        fmt::print("{}  [{}]  site: {} ({:.2f})\n", set.file, set.label, decision.site.site,
                   decision.site.confidence);
        for (const RoiDecision& roi : decision.rois) {
          fmt::print("  {:>4} {:<28} {:<5} {:<18} {:>5.2f}  {}\n", roi.roi_number, roi.original_name,
                     to_string(roi.roi_class), roi.standard_name, roi.confidence,
                     roi.needs_review ? "REVIEW" : "");
          if (options->reasons)
            for (const Reason& r : roi.reasons) fmt::print("         {}/{}: {}\n", r.stage, r.rule, r.detail);
        }
      }
      first = false;
    };
    ordered_parallel<Decided>(
        index.structure_set_files.size(), threads, 4 * static_cast<std::size_t>(threads),
        [&](std::size_t k) {
          Decided decided{dicom::read_indexed_structure_set(index, k), {}};
          if (decided.scanned)
            decided.decision = engine.decide(naming_input_from(decided.scanned->set), *protocol);
          return decided;
        },
        [&](std::size_t k, Decided&& decided) {
          if (decided.scanned)
            print(decided.scanned->set, decided.decision);
          else
            set_errors.push_back({k, {index.structure_set_files[k], decided.scanned.error().message}});
        });
    if (options->format == "json") fmt::print("{}]\n}}\n", first ? "" : "\n  ");
    if (const std::string breaker = (*session)->breaker_warning(); !breaker.empty())
      fmt::print(stderr, "{}\n", breaker);
    if (const std::string usage = (*session)->usage_summary(); !usage.empty())
      fmt::print(stderr, "{}\n", usage);
    const std::vector<FileError> errors = dicom::errors_in_file_order(index, std::move(set_errors));
    for (const auto& error : errors) fmt::print(stderr, "error: {}: {}\n", error.file, error.message);
    return int{errors.empty() ? kExitOk : kExitFailure};
  };
}

}  // namespace roiname::cli
