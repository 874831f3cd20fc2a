// What one pass over a batch of files found: structure sets, image series,
// per-file errors and counts. Filled by dicom::scan_paths, printed by
// `roiname scan`. Plain values, ordered deterministically.
#pragma once

#include <string>
#include <vector>

#include "core/image_series.h"
#include "core/structure_set.h"

namespace roiname {

// A file that could not be used, with the reason.
struct FileError {
  std::string file;
  std::string message;
};

// How a structure set's image series was found, if it was.
enum class ImageMatch {
  none,                // no indexed series fits
  series_uid,          // the series the structure set references by UID
  frame_of_reference,  // no UID match; a CT series in the same frame of reference
};

// The image series that goes with one structure set.
struct ImageLink {
  ImageMatch match = ImageMatch::none;
  std::string series_instance_uid;
  std::string modality;
  int slices = 0;
  int referenced_images = 0;        // size of StructureSet::referenced_image_uids
  int referenced_images_found = 0;  // of those, how many are slices of the linked series
};

// One structure set as a scan lists it: read names-only, with its image link.
struct ScannedStructureSet {
  StructureSet set;  // referenced_image_uids left empty (link has the counts)
  ImageLink link;
};

// Everything a scan found except the structure sets themselves, which are
// handed over one at a time: counts, the image index and the errors.
struct ScanSummary {
  int files_seen = 0;         // regular files visited
  int dicom_files = 0;        // files that look like DICOM by content
  int non_dicom_skipped = 0;  // files that are not DICOM (text, archives, images): skipped, not errors
  int other_dicom = 0;        // DICOM but neither RTSTRUCT nor an indexed image (RTPLAN, RTDOSE, ...)
  int structure_sets = 0;
  int rois = 0;
  int warnings = 0;                       // issues of severity warning over all structure sets
  int error_issues = 0;                   // issues of severity error over all structure sets
  std::vector<ImageSeries> image_series;  // sorted by series UID
  std::vector<FileError> errors;          // in file order

  // Counts one structure set listed.
  void add(const StructureSet& set) {
    ++structure_sets;
    rois += static_cast<int>(set.rois.size());
    for (const auto& issue : set.issues) (issue.severity == Severity::error ? error_issues : warnings) += 1;
  }
  // Files that failed plus structure sets with an error-level issue: what
  // makes `roiname scan` exit 1.
  int error_count() const { return static_cast<int>(errors.size()) + error_issues; }
};

// A whole scan held in memory (dicom::scan_paths): for tests and commands
// that need every structure set at once.
struct ScanResult {
  int files_seen = 0;
  int dicom_files = 0;
  int non_dicom_skipped = 0;
  int other_dicom = 0;
  // In file order (see dicom::list_files). Their referenced_image_uids are
  // left empty: image_links has the counts; read_structure_set() gives the
  // full list for one file.
  std::vector<StructureSet> structure_sets;
  std::vector<ImageLink> image_links;     // one per structure set, same order
  std::vector<ImageSeries> image_series;  // sorted by series UID
  std::vector<FileError> errors;          // in file order

  int roi_count() const {
    int count = 0;
    for (const auto& set : structure_sets) count += static_cast<int>(set.rois.size());
    return count;
  }
  // Issues of one severity over all structure sets.
  int issue_count(Severity severity) const {
    int count = 0;
    for (const auto& set : structure_sets)
      for (const auto& issue : set.issues) count += issue.severity == severity ? 1 : 0;
    return count;
  }
  int error_count() const { return static_cast<int>(errors.size()) + issue_count(Severity::error); }
};

}  // namespace roiname
