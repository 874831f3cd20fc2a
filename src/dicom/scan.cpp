#include "dicom/scan.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <optional>

#include "core/ordered_parallel.h"
#include "dicom/dataset_access.h"
#include "dicom/discovery.h"
#include "dicom/image_index.h"
#include "dicom/readers_detail.h"
#include "dicom/rtstruct_reader.h"

namespace roiname::dicom {

namespace {

// Pass 1 reads a structure set only up to here: its ROI sequences (group
// 3006) are what pass 2 reads, and everything that says what the file is
// comes before them.
const DcmTagKey kStructureSetContent(0x3006, 0x0000);

// Results waiting to be consumed per thread: enough to keep every thread
// busy while one file is slow, few enough that memory stays flat.
constexpr std::size_t kWindowPerThread = 4;

enum class Kind { not_dicom, structure_set, image, other_dicom, error };

struct FileOutcome {
  Kind kind = Kind::not_dicom;
  std::optional<IndexedImage> image;
  std::string error;
};

FileOutcome failed(std::string message) { return {Kind::error, std::nullopt, std::move(message)}; }

// Pass 1 for one file: what it is, and its index entry if it is an image.
FileOutcome classify(const std::filesystem::path& path) {
  const FileContent content = sniff_file(path);
  if (content == FileContent::unreadable) return failed("cannot open the file for reading");
  if (content == FileContent::not_dicom) return {};
  // Cheap look first: an RT Structure Set is known before its ROI sequences.
  if (auto head = detail::load_file(path, detail::LoadDepth::short_values, kStructureSetContent);
      head && detail::sop_class_uid(**head) == kRtStructureSetStorage)
    return {Kind::structure_set, std::nullopt, {}};
  // Anything else is read up to Pixel Data, so that a file broken past
  // group 3006 is an error as it would be for any full reading.
  auto loaded = detail::load_file(path, detail::LoadDepth::short_values);
  if (!loaded) return failed(loaded.error().message);
  DcmFileFormat& file = **loaded;
  const std::string sop_class = detail::sop_class_uid(file);
  const std::string modality = detail::text(*file.getDataset(), DCM_Modality);
  // Every DICOM object has a SOP Class UID; without one the content is not usable.
  if (sop_class.empty() && modality.empty())
    return failed("no SOP Class UID or Modality: not a usable DICOM object");
  if (modality == "RTSTRUCT")
    return failed("Modality is RTSTRUCT but the SOP Class UID is '" + sop_class +
                  "', not RT Structure Set Storage; not read");
  if (detail::is_indexed_image(sop_class, modality)) {
    auto image = detail::image_from(file, path.string());
    if (!image) return failed(image.error().message);
    return {Kind::image, std::move(image).value(), {}};
  }
  return {Kind::other_dicom, std::nullopt, {}};
}

}  // namespace

ScanIndex index_files(const std::vector<std::filesystem::path>& roots, const ScanOptions& options) {
  FileList list = list_files(roots);
  const std::size_t total = list.files.size();
  ScanIndex index;
  ScanSummary& summary = index.summary;
  summary.files_seen = static_cast<int>(total);
  summary.errors = std::move(list.errors);
  index.error_positions.assign(summary.errors.size(), 0);
  std::vector<IndexedImage> images;
  std::atomic<std::size_t> finished{0}, structure_sets{0};
  ordered_parallel<FileOutcome>(
      total, options.threads, kWindowPerThread * static_cast<std::size_t>(std::max(options.threads, 1)),
      [&](std::size_t i) { return classify(list.files[i]); },
      [&](std::size_t i, FileOutcome&& outcome) {
        if (outcome.kind != Kind::not_dicom) ++summary.dicom_files;
        switch (outcome.kind) {
          case Kind::not_dicom:
            ++summary.non_dicom_skipped;
            break;
          case Kind::structure_set:
            index.structure_set_files.push_back(list.files[i].string());
            index.structure_set_positions.push_back(i + 1);
            ++structure_sets;
            break;
          case Kind::image:
            images.push_back(std::move(*outcome.image));
            break;
          case Kind::other_dicom:
            ++summary.other_dicom;
            break;
          case Kind::error:
            summary.errors.push_back({list.files[i].string(), std::move(outcome.error)});
            index.error_positions.push_back(i + 1);
            break;
        }
        ++finished;
        if (options.progress) options.progress(finished - structure_sets, total);
      });
  summary.image_series = group_into_series(std::move(images));
  // The index was built among DCMTK's many short-lived allocations: give
  // the freed pages back once. Pass 2 keeps nothing per file, so it needs
  // no trimming (trimming every 8 files cost about a fifth of the CPU
  // time of a scan, in heap consolidation and page faults).
  malloc_trim(0);
  return index;
}

Result<ScannedStructureSet> read_indexed_structure_set(const ScanIndex& index, std::size_t k) {
  const std::filesystem::path path = index.structure_set_files.at(k);
  auto loaded = detail::load_file(path, detail::LoadDepth::short_values);
  if (!loaded) return loaded.error();
  auto set = detail::structure_set_from(**loaded, path.string());
  loaded->reset();
  if (!set) return set.error();
  ScannedStructureSet scanned{std::move(set).value(), {}};
  scanned.link = link_image_series(scanned.set, index.summary.image_series);
  // Not kept: hundreds of UIDs per set; the link has the counts.
  std::vector<std::string>().swap(scanned.set.referenced_image_uids);
  return scanned;
}

std::vector<FileError> errors_in_file_order(const ScanIndex& index,
                                            std::vector<std::pair<std::size_t, FileError>> set_errors) {
  std::vector<FileError> merged;
  merged.reserve(index.summary.errors.size() + set_errors.size());
  std::size_t a = 0, b = 0;
  const auto& first = index.summary.errors;
  while (a < first.size() || b < set_errors.size()) {
    const bool take_first =
        b == set_errors.size() ||
        (a < first.size() && index.error_positions[a] < index.structure_set_positions[set_errors[b].first]);
    if (take_first)
      merged.push_back(first[a++]);
    else
      merged.push_back(std::move(set_errors[b++].second));
  }
  return merged;
}

ScanSummary scan_streaming(const std::vector<std::filesystem::path>& roots, const ScanOptions& options,
                           const std::function<void(ScannedStructureSet&&)>& sink) {
  const ScanIndex index = index_files(roots, options);
  ScanSummary summary = index.summary;
  const std::size_t sets = index.structure_set_files.size();
  const std::size_t others = static_cast<std::size_t>(summary.files_seen) - sets;
  std::vector<std::pair<std::size_t, FileError>> set_errors;
  ordered_parallel<Result<ScannedStructureSet>>(
      sets, options.threads, kWindowPerThread * static_cast<std::size_t>(std::max(options.threads, 1)),
      [&](std::size_t k) { return read_indexed_structure_set(index, k); },
      [&](std::size_t k, Result<ScannedStructureSet>&& scanned) {
        if (scanned) {
          summary.add(scanned->set);
          sink(std::move(scanned).value());
        } else {
          set_errors.push_back({k, {index.structure_set_files[k], scanned.error().message}});
        }
        if (options.progress) options.progress(others + k + 1, static_cast<std::size_t>(summary.files_seen));
      });
  summary.errors = errors_in_file_order(index, std::move(set_errors));
  return summary;
}

ScanResult scan_paths(const std::vector<std::filesystem::path>& roots, const ScanOptions& options) {
  ScanResult result;
  const ScanSummary summary = scan_streaming(roots, options, [&](ScannedStructureSet&& scanned) {
    result.structure_sets.push_back(std::move(scanned.set));
    result.image_links.push_back(scanned.link);
  });
  result.files_seen = summary.files_seen;
  result.dicom_files = summary.dicom_files;
  result.non_dicom_skipped = summary.non_dicom_skipped;
  result.other_dicom = summary.other_dicom;
  result.image_series = summary.image_series;
  result.errors = summary.errors;
  return result;
}

}  // namespace roiname::dicom
