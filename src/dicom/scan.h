// One pass over files and folders: every DICOM file is read once (name-only),
// RT Structure Sets are read into StructureSet, images are indexed, the rest
// is counted. The result does not depend on the number of threads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/scan_result.h"

namespace roiname::dicom {

struct ScanOptions {
  int threads = 1;  // worker threads reading files (at least 1)
  // Called after each file with (files done, files total), from worker
  // threads but never concurrently. May be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

// Scans `roots` (files or folders, recursively). Never fails as a whole:
// unreadable roots and bad files become ScanResult::errors, non-DICOM files
// are counted in non_dicom_skipped. (An exception from a worker thread is a
// bug; it is rethrown here after all threads have stopped.) Structure sets, links and errors follow
// the file order of list_files().
ScanResult scan_paths(const std::vector<std::filesystem::path>& roots, const ScanOptions& options = {});

}  // namespace roiname::dicom
