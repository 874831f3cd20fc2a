#include "dicom/scan.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "dicom/dataset_access.h"
#include "dicom/discovery.h"
#include "dicom/image_index.h"
#include "dicom/readers_detail.h"
#include "dicom/rtstruct_reader.h"

namespace roiname::dicom {

namespace {

enum class Kind { not_dicom, structure_set, image, other_dicom, error };

struct FileOutcome {
  Kind kind = Kind::not_dicom;
  std::optional<StructureSet> structure_set;
  std::optional<IndexedImage> image;
  std::string error;
  // The structure set's referenced image UIDs as digests: hundreds of UIDs
  // per file would otherwise make memory grow with the corpus.
  std::vector<std::uint64_t> referenced_image_digests;
};

FileOutcome failed(std::string message) {
  return {Kind::error, std::nullopt, std::nullopt, std::move(message), {}};
}

// Reads one file once and decides what it is.
FileOutcome read_one(const std::filesystem::path& path) {
  const FileContent content = sniff_file(path);
  if (content == FileContent::unreadable) return failed("cannot open the file for reading");
  if (content == FileContent::not_dicom) return {};
  auto loaded = detail::load_file(path, detail::LoadDepth::short_values);
  if (!loaded) return failed(loaded.error().message);
  DcmFileFormat& file = **loaded;
  const std::string sop_class = detail::sop_class_uid(file);
  const std::string modality = detail::text(*file.getDataset(), DCM_Modality);
  // Every DICOM object has a SOP Class UID; without one the content is not usable.
  if (sop_class.empty() && modality.empty())
    return failed("no SOP Class UID or Modality: not a usable DICOM object");
  if (sop_class == kRtStructureSetStorage) {
    auto set = detail::structure_set_from(file, path.string());
    if (!set) return failed(set.error().message);
    FileOutcome outcome{Kind::structure_set, std::move(set).value(), std::nullopt, {}, {}};
    std::vector<std::string>& uids = outcome.structure_set->referenced_image_uids;
    for (const std::string& uid : uids) outcome.referenced_image_digests.push_back(uid_digest(uid));
    std::vector<std::string>().swap(uids);
    return outcome;
  }
  if (modality == "RTSTRUCT")
    return failed("Modality is RTSTRUCT but the SOP Class UID is '" + sop_class +
                  "', not RT Structure Set Storage; not read");
  if (detail::is_indexed_image(sop_class, modality)) {
    auto image = detail::image_from(file, path.string());
    if (!image) return failed(image.error().message);
    return {Kind::image, std::nullopt, std::move(image).value(), {}, {}};
  }
  return {Kind::other_dicom, std::nullopt, std::nullopt, {}, {}};
}

}  // namespace

ScanResult scan_paths(const std::vector<std::filesystem::path>& roots, const ScanOptions& options) {
  FileList list = list_files(roots);
  const std::size_t total = list.files.size();
  std::vector<FileOutcome> outcomes(total);

  // Workers take the next file index; each writes only its own slot, so the
  // assembly below sees the same order whatever the thread count.
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex progress_mutex;
  std::exception_ptr unexpected;  // a bug in a worker: rethrown below for main to report
  const auto work = [&] {
    try {
      for (std::size_t i = next++; i < total; i = next++) {
        outcomes[i] = read_one(list.files[i]);
        const std::size_t finished = ++done;
        // DCMTK's thousands of short-lived allocations per file, interleaved
        // with the few that we keep, fragment the heap: give freed pages
        // back now and then so memory stays flat over large batches.
        if (finished % 8 == 0) malloc_trim(0);
        if (options.progress) {
          std::lock_guard lock(progress_mutex);
          options.progress(finished, total);
        }
      }
    } catch (...) {
      std::lock_guard lock(progress_mutex);
      if (!unexpected) unexpected = std::current_exception();
      next = total;  // stop the other workers early
    }
  };
  const int thread_count =
      std::clamp<int>(options.threads, 1, static_cast<int>(std::max<std::size_t>(total, 1)));
  std::vector<std::thread> workers;
  for (int t = 1; t < thread_count; ++t) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  if (unexpected) std::rethrow_exception(unexpected);

  ScanResult result;
  result.errors = std::move(list.errors);
  result.files_seen = static_cast<int>(total);
  std::vector<IndexedImage> images;
  std::vector<std::vector<std::uint64_t>> digests;  // parallel to result.structure_sets
  for (std::size_t i = 0; i < total; ++i) {
    FileOutcome& outcome = outcomes[i];
    if (outcome.kind != Kind::not_dicom) ++result.dicom_files;
    switch (outcome.kind) {
      case Kind::not_dicom:
        ++result.non_dicom_skipped;
        break;
      case Kind::structure_set:
        result.structure_sets.push_back(std::move(*outcome.structure_set));
        digests.push_back(std::move(outcome.referenced_image_digests));
        break;
      case Kind::image:
        images.push_back(std::move(*outcome.image));
        break;
      case Kind::other_dicom:
        ++result.other_dicom;
        break;
      case Kind::error:
        result.errors.push_back({list.files[i].string(), std::move(outcome.error)});
        break;
    }
  }
  result.image_series = group_into_series(std::move(images));
  for (std::size_t i = 0; i < result.structure_sets.size(); ++i)
    result.image_links.push_back(
        link_image_series(result.structure_sets[i], digests[i], result.image_series));
  return result;
}

}  // namespace roiname::dicom
