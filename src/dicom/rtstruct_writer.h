// Writing renamed copies of an RT Structure Set, losing nothing.
//
// The source file is loaded whole with DCMTK and edited in place, so private
// and unknown elements, sequence order and every value survive. Only these
// change (docs/cli.md, "What a copy changes"):
//   - ROI Name (3006,0026) of the ROIs renamed;
//   - ROI Description (3006,0028) of a renamed ROI gets the original name,
//     only when that element is absent or empty (never overwritten);
//   - RT ROI Interpreted Type (3006,00A4), only when a rename asks for it;
//   - SOP Instance UID (0008,0018) and Media Storage SOP Instance UID
//     (0002,0003): new;
//   - Series Instance UID (0020,000E): new unless `keep_series`;
//   - Specific Character Set (0008,0005): ISO_IR 192 when a written name is
//     not ASCII. Every text value is converted to UTF-8 first: from the
//     declared character set by DCMTK, or, when none is declared, value by
//     value as the reader reads it (valid UTF-8 kept, other 8-bit bytes read
//     as ISO_IR 100, the DCMTK/pydicom convention). With ASCII names only,
//     the character set and every text value stay byte for byte;
//   - the file meta group is written by DCMTK (implementation UID/version);
//     the transfer syntax stays the source's.
// The copy goes to a temporary file in the destination folder, is re-read
// and compared element by element with the source, and is renamed into
// place only when nothing but the intended changes differ.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace roiname::dicom {

// What to change for one ROI (identified by ROI Number).
struct RoiRename {
  int roi_number = 0;
  std::string new_name;                         // UTF-8
  std::optional<std::string> interpreted_type;  // set RT ROI Interpreted Type to this
};

struct CopyOptions {
  bool keep_series = false;                  // keep the source's Series Instance UID
  bool original_name_in_description = true;  // fill an empty ROI Description with the old name
};

struct WrittenCopy {
  std::filesystem::path file;
  std::string sop_instance_uid;     // new
  std::string series_instance_uid;  // new, or the source's with keep_series
  std::string transfer_syntax_uid;
  bool character_set_changed = false;   // Specific Character Set set to ISO_IR 192
  std::string source_character_set;     // as declared in the source (empty: none)
  int undeclared_values_converted = 0;  // undeclared 8-bit values read as ISO_IR 100
};

// One element that differs between two files. `path` names it from the
// top of the data set, e.g. "(3006,0020)[2].(3006,0026)"; `roi_number` is
// the ROI Number (or Referenced ROI Number) of the innermost item of the
// Structure Set ROI or RT ROI Observations sequence holding it, else 0.
struct ElementDifference {
  std::string path;
  unsigned group = 0;
  unsigned element = 0;
  int roi_number = 0;
  std::string source_value;  // "(absent)" when missing on that side
  std::string copy_value;
};

// Every difference between the data sets of two files (file meta excluded),
// values compared as DCMTK renders them after both are converted to UTF-8
// (undeclared 8-bit text decoded as by the writer above), so a value whose
// bytes changed with the character set compares equal, and bytes declared
// as the wrong character set do not.
// Group length elements (gggg,0000) are ignored. Fails when a file cannot
// be read.
Result<std::vector<ElementDifference>> compare_files(const std::filesystem::path& source,
                                                     const std::filesystem::path& copy);

// Writes a renamed copy of `source` to `destination` (see the header
// comment). Fails, leaving no file behind, when the source cannot be read,
// a ROI Number is not in the file, `destination` is the source, a non-ASCII
// name cannot be written in the file's character set, writing fails, or
// the re-read copy differs from the source beyond the intended changes (the
// message lists them).
Result<WrittenCopy> write_renamed_copy(const std::filesystem::path& source,
                                       const std::filesystem::path& destination,
                                       const std::vector<RoiRename>& renames,
                                       const CopyOptions& options = {});

}  // namespace roiname::dicom
