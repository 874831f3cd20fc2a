// The image index: CT (and MR, PET) files grouped by Series Instance UID,
// with their Frame of Reference UID, so a structure set's images can be
// found. Only headers are read; pixel data stays on disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/image_series.h"
#include "core/result.h"
#include "core/scan_result.h"
#include "core/structure_set.h"

namespace roiname::dicom {

// One image file with the series-level attributes it carries.
struct IndexedImage {
  ImageSeries series;  // series-level fields filled, `slices` empty
  ImageSlice slice;
};

// Reads the header of one image file (CT, MR, PT; stops before Pixel Data).
// Fails when the file cannot be parsed, is not an image of those
// modalities, or lacks a Series or SOP Instance UID.
Result<IndexedImage> read_image_header(const std::filesystem::path& path);

// Groups images into series (sorted by Series Instance UID) and sorts each
// series' slices along the slice normal (then instance number, then file).
// A slice whose SOP Instance UID is already in its series is dropped.
std::vector<ImageSeries> group_into_series(std::vector<IndexedImage> images);

// The series that goes with `set`: the one it references by Series Instance
// UID if indexed, else a CT series in its frame of reference (the one with
// most slices), else none.
ImageLink link_image_series(const StructureSet& set, const std::vector<ImageSeries>& series);

// 64-bit digest of a UID, for keeping many references in little memory.
std::uint64_t uid_digest(const std::string& uid);

// The same as link_image_series, with the referenced image UIDs given as
// digests (what scan_paths keeps instead of the strings).
ImageLink link_image_series(const StructureSet& set,
                            const std::vector<std::uint64_t>& referenced_image_digests,
                            const std::vector<ImageSeries>& series);

}  // namespace roiname::dicom
