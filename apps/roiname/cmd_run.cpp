// roiname run INPUT... --out DIR: the main job. Names every ROI of every
// structure set, checks laterality, writes renamed copies mirroring the
// input tree, the reports and the audit log.
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <fstream>

#include "commands.h"
#include "core/version.h"
#include "engine_options.h"
#include "pipeline/batch_runner.h"
#include "pipeline/structure_set_job.h"
#include "protocol/protocol_loader.h"
#include "report/run_report.h"
#include "store/audit_log.h"

namespace roiname::cli {
namespace {

namespace fs = std::filesystem;

struct RunCli {
  std::vector<std::string> inputs;
  std::string out;
  std::string protocol = "tg263";
  int threads = 1;
  bool dry_run = false;
  bool only_confident = false;
  bool set_interpreted_type = false;
  bool keep_series = false;
  bool allow_output_inside_input = false;
  bool no_laterality = false;
  bool no_progress = false;
  std::string audit;
  double review_threshold = EngineOptions{}.review_threshold;
  EngineCliOptions engine;
};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

// The process's own arguments (Linux), for the audit log.
std::vector<std::string> own_arguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::vector<std::string> arguments;
  for (std::string argument; std::getline(in, argument, '\0');) arguments.push_back(argument);
  return arguments;
}

// A progress bar with ETA on stderr, redrawn in place.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta =
        done == 0 ? 0 : elapsed / static_cast<double>(done) * static_cast<double>(total - done);
    const int width = 30;
    const int filled = static_cast<int>(width * done / total);
    fmt::print(stderr, "\r[{}{}] {}/{} structure sets, ETA {:.0f} s   ", std::string(filled, '#'),
               std::string(width - filled, '.'), done, total, eta);
    if (done == total) fmt::print(stderr, "\n");
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

// The audit log of one run, recorded as the run goes (one transaction).
// Opened on first use; the first problem is kept and reported at the end.
class AuditRecording {
 public:
  explicit AuditRecording(fs::path path) : path_(std::move(path)) {}
  void add(const StructureSetRecord& set) {
    if (start() && !problem_)
      if (auto problem = log_->add_set(set)) problem_ = problem;
  }
  Result<long> finish(const RunRecord& run, const RunTotals& totals) {
    if (!start() || problem_) return *problem_;
    return log_->finish_run(run, totals);
  }

 private:
  bool start() {
    if (log_ || problem_) return log_ != nullptr;
    auto opened = store::AuditLog::open(path_);
    if (!opened) {
      problem_ = opened.error();
      return false;
    }
    log_ = std::move(*opened);
    if (auto id = log_->begin_run(); !id) problem_ = id.error();
    return true;
  }
  fs::path path_;
  std::unique_ptr<store::AuditLog> log_;
  std::optional<Error> problem_;
};

}  // namespace

Action define_run(CLI::App& app) {
  auto cli = std::make_shared<RunCli>();
  app.add_option("INPUT", cli->inputs,
                 "DICOM files or folders (RTSTRUCTs and their CT, searched recursively)")
      ->required()
      ->check(CLI::ExistingPath);
  app.add_option("--out", cli->out,
                 "Output folder: renamed copies (mirroring the inputs), reports, audit log")
      ->required();
  app.add_option("--protocol", cli->protocol, "Naming protocol (name or YAML file); default tg263");
  app.add_option("-j,--jobs", cli->threads, "Structure sets processed in parallel")
      ->check(CLI::Range(1, 256));
  app.add_flag("--dry-run", cli->dry_run, "Write only the reports and the audit log, no copies");
  app.add_flag("--only-confident", cli->only_confident,
               "ROIs that need review keep their original names in the copy");
  app.add_flag(
      "--set-interpreted-type", cli->set_interpreted_type,
      "Also set RT ROI Interpreted Type from the class (GTV/CTV/PTV, ORGAN, CONTROL, EXTERNAL, ...)");
  app.add_flag("--keep-series", cli->keep_series,
               "Keep the source's Series Instance UID (default: a new series)");
  app.add_flag("--allow-output-inside-input", cli->allow_output_inside_input,
               "Allow an output folder inside an input folder (its files are never read as inputs)");
  app.add_flag("--no-laterality", cli->no_laterality, "Skip the laterality check (no contours or CT read)");
  app.add_flag("--no-progress", cli->no_progress, "No progress bar");
  app.add_option("--audit", cli->audit, "Audit log file (default OUT/roiname.sqlite)");
  app.add_option("--review-threshold", cli->review_threshold, "Flag for review under this confidence")
      ->check(CLI::Range(0.0, 1.0));
  add_engine_options(app, cli->engine);
  return [cli]() -> int {
    const auto started = std::chrono::steady_clock::now();
    const std::string started_at = utc_now();
    auto protocol = load_protocol(cli->protocol);
    if (!protocol) {
      fmt::print(stderr, "roiname run: {}\n", protocol.error().message);
      return kExitUsage;
    }
    EngineOptions engine_options;
    engine_options.review_threshold = cli->review_threshold;
    auto session = EngineSession::open(cli->engine, engine_options);
    if (!session) {
      fmt::print(stderr, "roiname run: {}\n", session.error().message);
      return kExitUsage;
    }

    pipeline::BatchSettings settings;
    settings.inputs.assign(cli->inputs.begin(), cli->inputs.end());
    settings.output_dir = cli->out;
    settings.allow_output_inside_input = cli->allow_output_inside_input;
    settings.threads = cli->threads;
    settings.job.engine = &(*session)->engine();
    settings.job.protocol = &*protocol;
    settings.job.dry_run = cli->dry_run;
    settings.job.only_confident = cli->only_confident;
    settings.job.set_interpreted_type = cli->set_interpreted_type;
    settings.job.keep_series = cli->keep_series;
    settings.job.laterality = !cli->no_laterality;
    settings.job.review_threshold = cli->review_threshold;
    auto bar = std::make_shared<ProgressBar>(!cli->no_progress && ::isatty(STDERR_FILENO) != 0);
    settings.progress = [bar](std::size_t done, std::size_t total) { bar->update(done, total); };

    // Each structure set's record goes to the reports and the audit log as
    // soon as it is done, then is dropped: memory stays flat however many
    // sets there are. Both are opened on the first record, after run_batch
    // has checked the output folder.
    const fs::path out = cli->out;
    const fs::path audit_path = cli->audit.empty() ? out / "roiname.sqlite" : fs::path(cli->audit);
    report::RunReportWriter reports(out);
    AuditRecording audit(audit_path);
    RunTotals t;
    std::vector<FileError> set_errors;
    int fallback_rois = 0, fallback_sets = 0;  // ROIs the LLM gave no usable answer for
    auto result = pipeline::run_batch(settings, [&](StructureSetRecord&& set) {
      t.add(set);
      const int fallbacks = pipeline::llm_fallback_rois(set);
      fallback_rois += fallbacks;
      fallback_sets += fallbacks > 0 ? 1 : 0;
      if (!set.error.empty()) set_errors.push_back({set.input_file, set.error});
      reports.add(set);  // a failure is reported by finish()
      audit.add(set);
    });
    if (!result) {
      fmt::print(stderr, "roiname run: {}\n", result.error().message);
      return kExitUsage;
    }
    RunRecord& run = *result;
    t.errors += static_cast<int>(run.file_errors.size());
    run.started_at = started_at;
    run.finished_at = utc_now();
    run.version = kVersion;
    run.protocol = protocol->name;
    run.engine = cli->engine.engine;
    run.command_line = store::command_line_without_secrets(own_arguments());
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    bool failed = false;
    for (const Error& problem : reports.finish(run, t)) {
      fmt::print(stderr, "roiname run: {}\n", problem.message);
      failed = true;
    }
    long run_id = 0;
    if (auto recorded = audit.finish(run, t))
      run_id = *recorded;
    else
      fmt::print(stderr, "roiname run: {}\n", recorded.error().message), failed = true;

    for (const auto& error : run.file_errors)
      fmt::print(stderr, "error: {}: {}\n", error.file, error.message);
    for (const auto& error : set_errors) fmt::print(stderr, "error: {}: {}\n", error.file, error.message);
    fmt::print(
        "structure sets: {}  ROIs: {}  renamed: {}  unchanged: {}  kept for review: {}  need review: {}  "
        "laterality "
        "contradictions: {}  errors: {}  time: {:.1f} s\n",
        t.structure_sets, t.rois, t.renamed, t.unchanged, t.kept_for_review, t.needs_review,
        t.laterality_contradictions, t.errors, run.seconds);
    fmt::print("report: {}\n", (out / "report.html").string());
    fmt::print("audit:  {} (run {})\n", audit_path.string(), run_id);
    if (fallback_rois > 0)
      fmt::print(stderr,
                 "warning: the LLM gave no usable answer for {} ROI(s) in {} structure set(s); their offline "
                 "answers were kept and flagged for review (reasons in the reports)\n",
                 fallback_rois, fallback_sets);
    if (const std::string breaker = (*session)->breaker_warning(); !breaker.empty())
      fmt::print(stderr, "{}\n", breaker);
    if (const std::string usage = (*session)->usage_summary(); !usage.empty())
      fmt::print(stderr, "{}\n", usage);
    return failed || t.errors > 0 ? kExitFailure : kExitOk;
  };
}

}  // namespace roiname::cli
