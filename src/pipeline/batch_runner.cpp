#include "pipeline/batch_runner.h"

#include <fmt/core.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "dicom/scan.h"

namespace roiname::pipeline {
namespace {

namespace fs = std::filesystem;

fs::path normal(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (ec) canonical = fs::absolute(path, ec).lexically_normal();
  return canonical;
}

// The absolute path as written (symbolic links kept): the tree to mirror.
fs::path as_written(const fs::path& path) {
  std::error_code ec;
  return fs::absolute(path, ec).lexically_normal();
}

// Whether `inner` is `outer` or lies below it (both normalised).
bool within(const fs::path& inner, const fs::path& outer) {
  const fs::path relative = inner.lexically_relative(outer);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

std::optional<std::string> output_dir_problem(const std::vector<fs::path>& inputs, const fs::path& output_dir,
                                              bool allow_inside_input) {
  const fs::path out = normal(output_dir);
  for (const fs::path& input : inputs) {
    const fs::path in = normal(input);
    if (out == in)
      return fmt::format("the output folder {} is the input {}", output_dir.string(), input.string());
    if (within(in, out))
      return fmt::format("the input {} lies inside the output folder {}", input.string(),
                         output_dir.string());
    if (within(out, in) && !allow_inside_input)
      return fmt::format(
          "the output folder {} lies inside the input {} (use --allow-output-inside-input to allow it; its "
          "files "
          "are then never read as inputs)",
          output_dir.string(), input.string());
  }
  return std::nullopt;
}

fs::path mirrored_path(const fs::path& file, const std::vector<fs::path>& inputs,
                       const fs::path& output_dir) {
  const fs::path absolute_file = as_written(file);
  for (const fs::path& input : inputs) {
    const fs::path root = as_written(input);
    if (absolute_file == root) return output_dir / root.filename();
    if (!within(absolute_file, root)) continue;
    const fs::path relative = absolute_file.lexically_relative(root);
    return inputs.size() == 1 ? output_dir / relative : output_dir / root.filename() / relative;
  }
  return output_dir / absolute_file.filename();
}

Result<RunRecord> run_batch(const BatchSettings& settings) {
  if (auto problem =
          output_dir_problem(settings.inputs, settings.output_dir, settings.allow_output_inside_input))
    return Error{*problem};
  const int threads = std::max(1, settings.threads);
  dicom::ScanOptions scan_options;
  scan_options.threads = threads;
  ScanResult scan = dicom::scan_paths(settings.inputs, scan_options);

  RunRecord record;
  record.output_dir = settings.output_dir.string();
  record.dry_run = settings.job.dry_run;
  record.only_confident = settings.job.only_confident;
  record.file_errors = scan.errors;

  // The jobs, in scan order; earlier outputs under the output folder are skipped.
  const fs::path out = normal(settings.output_dir);
  struct Job {
    const StructureSet* set;
    const ImageSeries* series;
    fs::path output_file;
    std::string error;  // set before the job runs: it is not processed
  };
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < scan.structure_sets.size(); ++i) {
    const StructureSet& set = scan.structure_sets[i];
    if (within(normal(set.file), out)) continue;
    const ImageSeries* series = nullptr;
    if (scan.image_links[i].match != ImageMatch::none)
      for (const auto& candidate : scan.image_series)
        if (candidate.series_instance_uid == scan.image_links[i].series_instance_uid) series = &candidate;
    jobs.push_back({&set, series, mirrored_path(set.file, settings.inputs, settings.output_dir), ""});
  }
  // Two inputs must never share one copy (the second would replace the first).
  std::map<fs::path, std::size_t> first_with_output;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const auto [it, inserted] = first_with_output.emplace(jobs[i].output_file, i);
    if (!inserted)
      jobs[i].error = fmt::format("its copy would go to {}, as that of {}", jobs[i].output_file.string(),
                                  jobs[it->second].set->file);
  }

  // A pool of workers taking the next job; each result lands in its own
  // slot, so the order is the scan order whatever the thread count.
  record.sets.resize(jobs.size());
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex progress_mutex;
  auto worker = [&] {
    for (std::size_t index = next++; index < jobs.size(); index = next++) {
      const Job& job = jobs[index];
      if (job.error.empty()) {
        record.sets[index] = process_structure_set(*job.set, job.series, job.output_file, settings.job);
      } else {
        record.sets[index].input_file = job.set->file;
        record.sets[index].error = job.error;
      }
      std::lock_guard lock(progress_mutex);
      ++done;
      if (settings.progress) settings.progress(done, jobs.size());
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min<int>(threads, static_cast<int>(jobs.size())); ++t) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
  return record;
}

}  // namespace roiname::pipeline
