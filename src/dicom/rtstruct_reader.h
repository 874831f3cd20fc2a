// Reading RT Structure Sets into core value types.
//
// Name-only reading (read_structure_set) parses the sequences but leaves
// every value longer than 256 bytes on disk, so Contour Data is never
// decoded; contour points are read on demand with read_contours.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/structure_set.h"

namespace roiname::dicom {

inline constexpr std::string_view kRtStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3";

enum class LoadMode {
  names_only,  // large values (Contour Data) stay on disk: the default
  everything,  // every value is read into memory (for comparison and benchmarks)
};

// Reads the RTSTRUCT at `path`. Fails when the file cannot be parsed
// (truncated, corrupted), is not an RT Structure Set (by SOP Class UID), or
// has no Structure Set ROI Sequence. Everything else that is odd (wrong
// Modality, missing contour or observation sequences, duplicate ROI numbers
// or names, empty contours, ROIs referenced but not listed) is recorded in
// StructureSet::issues. `file` is set to `path` as given.
Result<StructureSet> read_structure_set(const std::filesystem::path& path,
                                        LoadMode mode = LoadMode::names_only);

// The same from the bytes of a file in memory (all values loaded); `file`
// is set to `display_name`.
Result<StructureSet> read_structure_set_from_memory(std::string_view bytes, const std::string& display_name);

// Contour points of every ROI, keyed by Referenced ROI Number, contours in
// file order. ROIs without contours are absent from the map. Fails when the
// file cannot be parsed, is not an RT Structure Set, or a Contour Data value
// is not a list of numbers whose count is a multiple of 3.
using ContoursByRoi = std::map<int, std::vector<Contour>>;
Result<ContoursByRoi> read_contours(const std::filesystem::path& path);
Result<ContoursByRoi> read_contours_from_memory(std::string_view bytes);

}  // namespace roiname::dicom
