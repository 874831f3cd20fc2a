// Finding DICOM files: walking folders and telling DICOM from other files by
// content, never by file name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/scan_result.h"

namespace roiname::dicom {

enum class FileContent {
  not_dicom,    // text, archive, image, empty, ...
  part10,       // 128-byte preamble + "DICM" (a DICOM file with file meta)
  raw_dataset,  // no preamble: a bare data set (or meta group) starting with a plausible element
  unreadable,   // the file could not be opened (only from sniff_file)
};

// Classifies a file from its first bytes (`head`, at least the first 132
// bytes when the file is that long) and its size. Never fails.
FileContent sniff_content(std::string_view head, std::uintmax_t file_size);

// Reads the first bytes of `path` and classifies them; `unreadable` when the
// file cannot be opened.
FileContent sniff_file(const std::filesystem::path& path);

struct FileList {
  std::vector<std::filesystem::path> files;  // regular files, each root's files sorted by path
  std::vector<FileError> errors;             // roots or folders that could not be read
};

// Every regular file under `roots` (files are taken as they are, folders
// recursively). Roots keep their order; files under one root are sorted by
// path; a file named twice is listed once. Folders that cannot be read are
// reported in `errors` and skipped.
FileList list_files(const std::vector<std::filesystem::path>& roots);

}  // namespace roiname::dicom
