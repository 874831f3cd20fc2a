#include "pipeline/batch_runner.h"

#include <fmt/core.h>

#include <map>
#include <optional>

#include "core/ordered_parallel.h"
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

Result<RunRecord> run_batch(const BatchSettings& settings,
                            const std::function<void(StructureSetRecord&&)>& sink) {
  if (auto problem =
          output_dir_problem(settings.inputs, settings.output_dir, settings.allow_output_inside_input))
    return Error{*problem};
  const int threads = std::max(1, settings.threads);
  dicom::ScanOptions scan_options;
  scan_options.threads = threads;
  const dicom::ScanIndex index = dicom::index_files(settings.inputs, scan_options);

  RunRecord record;
  record.output_dir = settings.output_dir.string();
  record.dry_run = settings.job.dry_run;
  record.only_confident = settings.job.only_confident;

  // The jobs, in file order; earlier outputs under the output folder are skipped.
  const fs::path out = normal(settings.output_dir);
  struct Job {
    std::size_t set;          // index in index.structure_set_files
    std::string output_file;  // a string: paths also keep their components
    std::string error;        // set before the job runs: it is not processed
  };
  std::vector<Job> jobs;
  for (std::size_t k = 0; k < index.structure_set_files.size(); ++k) {
    const fs::path file = index.structure_set_files[k];
    if (within(normal(file), out)) continue;
    jobs.push_back({k, mirrored_path(file, settings.inputs, settings.output_dir).string(), ""});
  }
  {
    // Two inputs must never share one copy (the second would replace the first).
    std::map<fs::path, std::size_t> first_with_output;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const auto [it, inserted] = first_with_output.emplace(fs::path(jobs[i].output_file), i);
      if (!inserted)
        jobs[i].error = fmt::format("its copy would go to {}, as that of {}", jobs[i].output_file,
                                    index.structure_set_files[jobs[it->second].set]);
    }
  }

  // Each worker reads a structure set names-only and runs its job; records
  // reach the sink in job order whatever the thread count. A set that
  // cannot be read is a file error, as in `roiname scan`.
  struct Outcome {
    std::optional<StructureSetRecord> record;
    std::optional<FileError> unreadable;
  };
  std::vector<std::pair<std::size_t, FileError>> set_errors;
  std::size_t done = 0;
  ordered_parallel<Outcome>(
      jobs.size(), threads, 2 * static_cast<std::size_t>(threads),
      [&](std::size_t i) -> Outcome {
        const Job& job = jobs[i];
        auto scanned = dicom::read_indexed_structure_set(index, job.set);
        if (!scanned)
          return {std::nullopt, FileError{index.structure_set_files[job.set], scanned.error().message}};
        StructureSetRecord result;
        if (!job.error.empty()) {
          result.input_file = scanned->set.file;
          result.error = job.error;
          return {std::move(result), std::nullopt};
        }
        const ImageSeries* series = nullptr;
        if (scanned->link.match != ImageMatch::none)
          for (const auto& candidate : index.summary.image_series)
            if (candidate.series_instance_uid == scanned->link.series_instance_uid) series = &candidate;
        return {process_structure_set(scanned->set, series, job.output_file, settings.job), std::nullopt};
      },
      [&](std::size_t i, Outcome&& outcome) {
        if (outcome.unreadable)
          set_errors.push_back({jobs[i].set, std::move(*outcome.unreadable)});
        else
          sink(std::move(*outcome.record));
        ++done;
        if (settings.progress) settings.progress(done, jobs.size());
      });
  record.file_errors = dicom::errors_in_file_order(index, std::move(set_errors));
  return record;
}

Result<RunRecord> run_batch(const BatchSettings& settings) {
  std::vector<StructureSetRecord> sets;
  auto record = run_batch(settings, [&](StructureSetRecord&& set) { sets.push_back(std::move(set)); });
  if (record) record->sets = std::move(sets);
  return record;
}

}  // namespace roiname::pipeline
