// roiname eval: accuracy of the rules engine on a labelled name list
// (NAMING.md §6). Each row is its own structure set; the site label is never
// shown to the engine.
#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "core/engine/evaluation.h"
#include "core/engine/rules_engine.h"
#include "core/nomenclature/protocol.h"
#include "engine_options.h"
#include "eval_names.h"
#include "protocol/protocol_loader.h"

namespace roiname::cli {
namespace {

struct EvalOptions {
  std::string file, protocol = "tg263", format = "table";
  double review_threshold = EngineOptions{}.review_threshold;
  bool show_errors = false;
  bool show_flagged = false;
  EngineCliOptions engine;
};

nlohmann::ordered_json figures_json(const EvalFigures& f) {
  return {{"rows", f.rows},
          {"class_accuracy", f.class_accuracy.share()},
          {"renaming_accuracy", f.renaming.share()},
          {"renaming_rows", f.renaming.total},
          {"target_accuracy", f.targets.share()},
          {"target_rows", f.targets.total},
          {"site_accuracy", f.site.share()},
          {"flagged_share", f.flagged_share()},
          {"errors", f.errors},
          {"errors_flagged_share", f.errors_flagged_share()}};
}

void print_figures(const std::string& label, const EvalFigures& f) {
  fmt::print("{:<22} {:>6.0f} {:>7.2f}% {:>8.2f}% {:>8.2f}% {:>6.2f}% {:>8.2f}% {:>8.2f}%\n", label, f.rows,
             100 * f.class_accuracy.share(), 100 * f.renaming.share(), 100 * f.targets.share(),
             100 * f.site.share(), 100 * f.flagged_share(), 100 * f.errors_flagged_share());
}

}  // namespace

Action define_eval(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  app.add_option("labelled_csv", options->file, "Labelled CSV (raw_name,site,class,standard_name,...)")
      ->required();
  app.add_option("--protocol", options->protocol, "Embedded protocol name or protocol file (default tg263)");
  app.add_option("--format", options->format, "Output: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  app.add_option("--review-threshold", options->review_threshold, "Flag for review under this confidence")
      ->check(CLI::Range(0.0, 1.0));
  app.add_flag("--errors", options->show_errors, "List every row counted as an error (table format)");
  app.add_flag("--flagged", options->show_flagged,
               "List every row answered right but flagged for review (table format)");
  add_engine_options(app, options->engine);
  return [options]() -> int {
    std::ifstream in(options->file, std::ios::binary);
    if (!in) {
      fmt::print(stderr, "roiname eval: cannot read {}\n", options->file);
      return kExitUsage;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto rows = parse_labelled_csv(buffer.str());
    if (!rows) {
      fmt::print(stderr, "roiname eval: {}\n", rows.error().message);
      return kExitUsage;
    }
    EngineOptions engine_options;
    engine_options.review_threshold = options->review_threshold;
    auto protocol = load_protocol(options->protocol);
    if (!protocol) {
      fmt::print(stderr, "roiname eval: {}\n", protocol.error().message);
      return kExitUsage;
    }
    auto session = EngineSession::open(options->engine, engine_options);
    if (!session) {
      fmt::print(stderr, "roiname eval: {}\n", session.error().message);
      return kExitUsage;
    }
    const NamingEngine& engine = (*session)->engine();
    EvalReport report = evaluate(
        *rows,
        [&](const std::vector<std::string>& names) {
          StructureSetDecision d = engine.decide(naming_input_from_names(names), *protocol);
          return std::make_pair(d.site, d.rois);
        },
        same_standard_name);
    if (const std::string breaker = (*session)->breaker_warning(); !breaker.empty())
      fmt::print(stderr, "{}\n", breaker);
    if (const std::string usage = (*session)->usage_summary(); !usage.empty())
      fmt::print(stderr, "{}\n", usage);

    if (options->format == "json") {
      nlohmann::ordered_json out;
      out["file"] = options->file;
      out["review_threshold"] = options->review_threshold;
      out["per_instance"] = figures_json(report.per_instance);
      out["per_unique_name"] = figures_json(report.per_unique);
      out["per_structure_set"] = {{"structure_sets", report.structure_sets.total},
                                  {"all_right_share", report.structure_sets.share()}};
      for (const auto& [source, f] : report.per_source) out["per_source"][source] = figures_json(f);
      for (const auto& [c, f] : report.per_class) out["per_class"][c] = figures_json(f);
      out["confusion"] = report.confusion;
      for (const CurvePoint& p : report.curve)
        out["curve"].push_back({{"threshold", p.threshold},
                                {"flagged_share", p.flagged_share},
                                {"errors_flagged_share", p.errors_flagged_share},
                                {"accuracy_unflagged", p.accuracy_unflagged}});
      fmt::print("{}\n", out.dump(2));
      return int{kExitOk};
    }
    fmt::print("{:<22} {:>6} {:>8} {:>9} {:>9} {:>7} {:>9} {:>9}\n", "", "rows", "class", "renaming",
               "targets", "site", "flagged", "err.flag");
    print_figures("per instance", report.per_instance);
    print_figures("per unique name", report.per_unique);
    for (const auto& [source, f] : report.per_source) print_figures("source " + source, f);
    for (const auto& [c, f] : report.per_class) print_figures("class " + c, f);
    fmt::print("\nper structure set: {:.0f} sets, {:.2f}% with every ROI right\n",
               report.structure_sets.total, 100 * report.structure_sets.share());
    fmt::print("\nconfusion (labelled → predicted):\n");
    for (const auto& [labelled, row] : report.confusion) {
      fmt::print("  {:<5}", labelled);
      for (const char* c : {"TV", "OAR", "AUX", "DOSE"}) {
        auto it = row.find(c);
        fmt::print(" {}:{:<5.0f}", c, it == row.end() ? 0.0 : it->second);
      }
      fmt::print("\n");
    }
    fmt::print(
        "\nreview threshold curve (per instance):\n  threshold flagged  errors-flagged  "
        "accuracy-unflagged\n");
    for (const CurvePoint& p : report.curve)
      fmt::print("  {:>8.2f} {:>7.1f}% {:>14.1f}% {:>18.2f}%\n", p.threshold, 100 * p.flagged_share,
                 100 * p.errors_flagged_share, 100 * p.accuracy_unflagged);
    auto list = [](std::string_view title, const std::vector<EvalReport::Miss>& rows) {
      fmt::print("\n{}:\n", title);
      for (const auto& miss : rows)
        fmt::print("  {} | want {} {} | got {} {} ({:.2f}{}) | {}\n", miss.label.raw_name,
                   to_string(miss.label.roi_class), miss.label.standard_name,
                   to_string(miss.decision.roi_class), miss.decision.standard_name, miss.decision.confidence,
                   miss.decision.needs_review ? " review" : "", miss.label.notes);
    };
    if (options->show_errors) list("errors", report.errors);
    if (options->show_flagged) list("right but flagged for review", report.flagged_right);
    return int{kExitOk};
  };
}

}  // namespace roiname::cli
