// Internal to src/dicom: loading a DICOM file or buffer with DCMTK and
// getting plain values out of a dataset. Everything else in src/dicom goes
// through these, so DCMTK's conventions (OFCondition, OFString, output
// parameters) stop here.
#pragma once

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace roiname::dicom::detail {

// Attribute values longer than this stay on disk while parsing: names, UIDs
// and codes are at most 64 bytes, contour data is far larger.
inline constexpr std::uint32_t kNameOnlyMaxReadLength = 256;

enum class LoadDepth {
  short_values,  // longer values are read from disk on first access
  everything,    // every value read into memory before returning
};

// Silences DCMTK's own console logging (once per process); our errors are values.
void quiet_dcmtk_logging();

// Loads a file (with or without preamble and file meta; any transfer syntax
// DCMTK reads), stopping before the top-level element `stop_at` or any
// higher tag (by default Pixel Data). Fails with DCMTK's reason when the
// part read is truncated or cannot be parsed, and when a value claims to be
// longer than the file (so that no later access allocates for it).
Result<std::unique_ptr<DcmFileFormat>> load_file(const std::filesystem::path& path, LoadDepth depth);
Result<std::unique_ptr<DcmFileFormat>> load_file(const std::filesystem::path& path, LoadDepth depth,
                                                 const DcmTagKey& stop_at);

// The same from bytes in memory (used by the fuzz target and tests), through
// a scratch file that is removed again; all values are loaded.
Result<std::unique_ptr<DcmFileFormat>> load_buffer(std::string_view bytes);

// Converts the dataset's strings to UTF-8 following its Specific Character
// Set. Returns a warning text when the declared character set could not be
// converted (strings are then left as they are and fixed per value by
// `text`), nothing otherwise.
std::optional<std::string> convert_to_utf8(DcmItem& dataset);

// Whether a Specific Character Set value names the default repertoire:
// absent, "ISO_IR 6" or "ISO 2022 IR 6" (7-bit ASCII).
bool is_default_repertoire(std::string_view charset);

// In a data set that declares no character set (the default repertoire),
// converts every text value (SH, LO, ST, LT, UT, PN, UC) holding bytes over
// 0x7F to UTF-8 the way `text` reads it: a value that is valid UTF-8 is
// kept, any other is read as ISO_IR 100 (Latin-1), the convention of DCMTK
// and pydicom for undeclared 8-bit text. Items declaring their own
// character set are left alone. Returns how many values changed.
int undeclared_text_to_utf8(DcmItem& dataset);

// The value of a string attribute (all values joined with '\'), trailing
// spaces and NULs removed, guaranteed valid UTF-8 (bytes that are not UTF-8
// are read as Latin-1). Empty when absent.
std::string text(DcmItem& item, const DcmTagKey& tag);

// Integer value of an IS/US/SS/UL/SL attribute, or nothing when absent/unparsable.
std::optional<long> integer(DcmItem& item, const DcmTagKey& tag);

// All numeric values of a DS/FD/FL attribute (empty when absent/unparsable).
std::vector<double> decimals(DcmItem& item, const DcmTagKey& tag);

// The items of a sequence attribute; empty when absent. `present` tells
// whether the sequence element exists at all.
std::vector<DcmItem*> items(DcmItem& item, const DcmTagKey& tag, bool* present = nullptr);

// The SOP Class UID from the dataset, or else from the file meta header.
std::string sop_class_uid(DcmFileFormat& file);

// Whether `bytes` is valid UTF-8; `latin1_to_utf8` converts byte per byte.
bool is_valid_utf8(std::string_view bytes);
std::string latin1_to_utf8(std::string_view bytes);

}  // namespace roiname::dicom::detail
