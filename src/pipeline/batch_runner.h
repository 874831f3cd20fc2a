// The batch runner of `roiname run`: indexes the files under the inputs
// (images, structure set locations), then reads each structure set and runs
// the structure-set job on a pool of threads, handing the records over in
// input order as they are done, so the output does not depend on -j and
// memory does not grow with the number of structure sets.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/run_record.h"
#include "pipeline/structure_set_job.h"

namespace roiname::pipeline {

struct BatchSettings {
  std::vector<std::filesystem::path> inputs;  // files or folders
  std::filesystem::path output_dir;
  bool allow_output_inside_input = false;
  int threads = 1;
  JobSettings job;
  // Called after each structure set with (done, total), never concurrently.
  std::function<void(std::size_t, std::size_t)> progress;
};

// Why the output folder cannot be used with these inputs (it is an input,
// lies inside one without allow_output_inside_input, or holds one), or
// nothing when it can.
std::optional<std::string> output_dir_problem(const std::vector<std::filesystem::path>& inputs,
                                              const std::filesystem::path& output_dir,
                                              bool allow_inside_input);

// Where the copy of `file` goes: the input tree mirrored under `output_dir`.
// One folder given: its contents go straight under output_dir; several
// inputs: each under its own name (a file input: output_dir/<file name>).
std::filesystem::path mirrored_path(const std::filesystem::path& file,
                                    const std::vector<std::filesystem::path>& inputs,
                                    const std::filesystem::path& output_dir);

// Runs the whole batch. `sink` receives each structure set's record in
// input order, never concurrently, as soon as it and those before it are
// done (a bounded number wait meanwhile). Returns the run without its sets:
// output folder, settings and the files that could not be read
// (file_errors, in file order). Fails only on an unusable output folder.
// Files under output_dir are never taken as inputs.
Result<RunRecord> run_batch(const BatchSettings& settings,
                            const std::function<void(StructureSetRecord&&)>& sink);
// The same with every record kept in RunRecord::sets.
Result<RunRecord> run_batch(const BatchSettings& settings);

}  // namespace roiname::pipeline
