// Scanning files and folders in two passes, so that memory does not grow
// with the number of structure sets:
//
//   1. index_files: every file is sniffed; DICOM files are read only up to
//      what tells what they are (RTSTRUCTs stop before their ROI
//      sequences, images before Pixel Data). Images go into the image index;
//      structure sets are only located.
//   2. Each structure set is read names-only, linked to the now complete
//      image index and handed over at once, in file order.
//
// Results never depend on the number of threads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/scan_result.h"

namespace roiname::dicom {

struct ScanOptions {
  int threads = 1;  // worker threads reading files (at least 1)
  // Called with (files done, files total), from worker threads but never
  // concurrently. A structure set's file is done when pass 2 has read it.
  // May be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

// What pass 1 found.
struct ScanIndex {
  // Counts and image series of the whole scan; errors of pass 1 (folders
  // that could not be read, then files in file order). The structure set
  // counts stay zero until pass 2 adds to a copy.
  ScanSummary summary;
  // File order, as reached from the roots. Strings, not paths: a
  // std::filesystem::path also keeps its components, several times the
  // memory, and this list grows with the corpus.
  std::vector<std::string> structure_set_files;
  // Positions in the file list, to put pass 2's errors in file order:
  // one per structure set file, and one per entry of summary.errors
  // (folder errors 0, file i at i + 1).
  std::vector<std::size_t> structure_set_positions;
  std::vector<std::size_t> error_positions;
};

// Pass 1 over `roots` (files or folders, recursively). Never fails as a
// whole: unreadable roots and bad files become errors, non-DICOM files are
// counted in non_dicom_skipped. options.progress counts only the files
// that are not structure sets. (An exception from a worker thread is a bug;
// it is rethrown here after all threads have stopped.)
ScanIndex index_files(const std::vector<std::filesystem::path>& roots, const ScanOptions& options = {});

// Pass 2 for one file: structure set `k` of `index`, read names-only and
// linked to the image index. Fails as read_structure_set() does.
Result<ScannedStructureSet> read_indexed_structure_set(const ScanIndex& index, std::size_t k);

// index.summary.errors and the errors of the structure sets that failed in
// pass 2, given as (k, error) with k increasing, merged in file order.
std::vector<FileError> errors_in_file_order(const ScanIndex& index,
                                            std::vector<std::pair<std::size_t, FileError>> set_errors);

// Both passes: `sink` receives every structure set in file order, never
// concurrently, as soon as it and those before it are read (pass 2 runs on
// options.threads threads with a bounded number of sets waiting). Returns
// the summary, with every structure set counted and errors in file order.
ScanSummary scan_streaming(const std::vector<std::filesystem::path>& roots, const ScanOptions& options,
                           const std::function<void(ScannedStructureSet&&)>& sink);

// Both passes with every structure set kept: for tests and commands that
// need them all at once. Structure sets, links and errors follow the file
// order of list_files().
ScanResult scan_paths(const std::vector<std::filesystem::path>& roots, const ScanOptions& options = {});

}  // namespace roiname::dicom
