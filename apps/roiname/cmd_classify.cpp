// roiname classify: class and standard name of bare ROI names, read as one
// structure set, with the rules engine.
#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "core/engine/rules_engine.h"
#include "core/nomenclature/protocol.h"
#include "core/text/csv.h"
#include "engine_options.h"
#include "protocol/protocol_loader.h"

namespace roiname::cli {
namespace {

struct ClassifyOptions {
  std::vector<std::string> names;
  std::string names_file, site, protocol = "tg263", format = "table";
  double review_threshold = EngineOptions{}.review_threshold;
  bool reasons = false;
  EngineCliOptions engine;
};

}  // namespace

Action define_classify(CLI::App& app) {
  auto options = std::make_shared<ClassifyOptions>();
  app.add_option("names", options->names, "ROI names (one structure set)");
  app.add_option("--names-file", options->names_file, "File with one ROI name per line");
  app.add_option("--site", options->site, "Site of the set (skips stage 1), e.g. head_neck");
  app.add_option("--protocol", options->protocol, "Embedded protocol name or protocol file (default tg263)");
  app.add_option("--format", options->format, "Output: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  app.add_option("--review-threshold", options->review_threshold, "Flag for review under this confidence")
      ->check(CLI::Range(0.0, 1.0));
  app.add_flag("--reasons", options->reasons, "Show the reasons of every decision (table format)");
  add_engine_options(app, options->engine);
  return [options]() -> int {
    std::vector<std::string> names = options->names;
    if (!options->names_file.empty()) {
      std::ifstream in(options->names_file);
      if (!in) {
        fmt::print(stderr, "roiname classify: cannot read {}\n", options->names_file);
        return kExitUsage;
      }
      for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) names.push_back(line);
      }
    }
    if (names.empty()) {
      fmt::print(stderr, "roiname classify: give names or --names-file\n");
      return kExitUsage;
    }
    NamingInput input = naming_input_from_names(names);
    if (!options->site.empty()) input.site_hint = options->site;
    EngineOptions engine_options;
    engine_options.review_threshold = options->review_threshold;
    auto protocol = load_protocol(options->protocol);
    if (!protocol) {
      fmt::print(stderr, "roiname classify: {}\n", protocol.error().message);
      return kExitUsage;
    }
    auto session = EngineSession::open(options->engine, engine_options);
    if (!session) {
      fmt::print(stderr, "roiname classify: {}\n", session.error().message);
      return kExitUsage;
    }
    StructureSetDecision decision = (*session)->engine().decide(input, *protocol);
    if (const std::string breaker = (*session)->breaker_warning(); !breaker.empty())
      fmt::print(stderr, "{}\n", breaker);
    if (const std::string usage = (*session)->usage_summary(); !usage.empty())
      fmt::print(stderr, "{}\n", usage);

    if (options->format == "json") {
      nlohmann::ordered_json out;
      out["site"] = {{"site", decision.site.site}, {"confidence", decision.site.confidence}};
      out["rois"] = nlohmann::ordered_json::array();
      for (const RoiDecision& roi : decision.rois) {
        nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
        for (const Reason& r : roi.reasons)
          reasons.push_back({{"stage", r.stage}, {"rule", r.rule}, {"detail", r.detail}});
        out["rois"].push_back({{"number", roi.roi_number},
                               {"name", roi.original_name},
                               {"class", to_string(roi.roi_class)},
                               {"standard_name", roi.standard_name},
                               {"confidence", roi.confidence},
                               {"needs_review", roi.needs_review},
                               {"engine", roi.engine},
                               {"reasons", reasons}});
      }
      fmt::print("{}\n", out.dump(2));
    } else if (options->format == "csv") {
      fmt::print("name,class,standard_name,confidence,needs_review\n");
      for (const RoiDecision& roi : decision.rois)
        fmt::print("{},{},{},{:.3f},{}\n", csv_field(roi.original_name), to_string(roi.roi_class),
                   csv_field(roi.standard_name), roi.confidence, roi.needs_review ? "yes" : "no");
    } else {
      fmt::print("site: {} ({:.2f})\n", decision.site.site, decision.site.confidence);
      fmt::print("{:<28} {:<5} {:<18} {:>5}  {}\n", "name", "class", "standard name", "conf", "review");
      for (const RoiDecision& roi : decision.rois) {
        fmt::print("{:<28} {:<5} {:<18} {:>5.2f}  {}\n", roi.original_name, to_string(roi.roi_class),
                   roi.standard_name, roi.confidence, roi.needs_review ? "REVIEW" : "");
        if (options->reasons)
          for (const Reason& r : roi.reasons) fmt::print("    {}/{}: {}\n", r.stage, r.rule, r.detail);
      }
    }
    return int{kExitOk};
  };
}

}  // namespace roiname::cli
