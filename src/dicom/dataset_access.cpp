#include "dicom/dataset_access.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcstack.h>
#include <dcmtk/oflog/oflog.h>

#include <unistd.h>

#include <atomic>
#include <charconv>
#include <fstream>
#include <mutex>

namespace roiname::dicom::detail {

void quiet_dcmtk_logging() {
  static std::once_flag once;
  std::call_once(once, [] { OFLog::configure(OFLogger::OFF_LOG_LEVEL); });
}

// Deferred values are loaded on first access with the length their header
// claims; a forged length must fail here, not become a 4 GB allocation.
static bool lengths_fit(DcmFileFormat& file, std::uintmax_t file_size) {
  DcmStack stack;
  while (file.nextObject(stack, OFTrue).good()) {
    const Uint32 length = stack.top()->getLengthField();
    if (length != DCM_UndefinedLength && length > file_size) return false;
  }
  return true;
}

Result<std::unique_ptr<DcmFileFormat>> load_file(const std::filesystem::path& path, LoadDepth depth) {
  // Pixel Data is the last large attribute of an image and nothing after it is needed.
  return load_file(path, depth, DCM_PixelData);
}

Result<std::unique_ptr<DcmFileFormat>> load_file(const std::filesystem::path& path, LoadDepth depth,
                                                 const DcmTagKey& stop_at) {
  quiet_dcmtk_logging();
  std::error_code ec;
  const std::uintmax_t file_size = std::filesystem::file_size(path, ec);
  if (ec) return Error{"cannot read file: " + ec.message()};
  auto file = std::make_unique<DcmFileFormat>();
  // Values longer than the threshold are skipped while parsing (they stay on disk).
  const OFCondition status = file->loadFileUntilTag(path.c_str(), EXS_Unknown, EGL_noChange,
                                                    kNameOnlyMaxReadLength, ERM_autoDetect, stop_at);
  if (status.bad())
    return Error{std::string("cannot parse DICOM, file truncated or corrupted (") + status.text() + ")"};
  if (!lengths_fit(*file, file_size))
    return Error{"cannot parse DICOM, file corrupted (a value is longer than the whole file)"};
  if (depth == LoadDepth::everything) {
    const OFCondition loaded = file->loadAllDataIntoMemory();
    if (loaded.bad()) return Error{std::string("cannot read DICOM values (") + loaded.text() + ")"};
  }
  return file;
}

Result<std::unique_ptr<DcmFileFormat>> load_buffer(std::string_view bytes) {
  // Parsed from a scratch file, not a DCMTK buffer stream: only file streams
  // check value lengths against the bytes that remain, so a forged length of
  // 4 GB fails cleanly instead of being allocated.
  static std::atomic<unsigned long> counter{0};
  std::error_code ec;
  const std::filesystem::path scratch =
      std::filesystem::temp_directory_path(ec) /
      ("roiname-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".dcm");
  {
    std::ofstream out(scratch, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Error{"cannot write scratch file " + scratch.string()};
  }
  auto loaded = load_file(scratch, LoadDepth::everything);
  std::filesystem::remove(scratch, ec);
  return loaded;
}

std::optional<std::string> convert_to_utf8(DcmItem& dataset) {
  OFString declared;
  if (dataset.findAndGetOFStringArray(DCM_SpecificCharacterSet, declared).bad()) return std::nullopt;
  const std::string charset = declared.c_str();
  // Absent, plain ASCII or already UTF-8: nothing to convert. Values that
  // are nevertheless not UTF-8 are read as Latin-1 by text().
  if (charset.empty() || charset == "ISO_IR 6" || charset == "ISO_IR 192") return std::nullopt;
  const OFCondition status = dataset.convertToUTF8();
  if (status.bad())
    return "cannot convert Specific Character Set '" + charset + "' to UTF-8 (" + status.text() +
           "); non-UTF-8 bytes read as Latin-1";
  return std::nullopt;
}

bool is_default_repertoire(std::string_view charset) {
  return charset.empty() || charset == "ISO_IR 6" || charset == "ISO 2022 IR 6";
}

int undeclared_text_to_utf8(DcmItem& dataset) {
  int changed = 0;
  for (unsigned long i = 0; i < dataset.card(); ++i) {
    DcmElement* element = dataset.getElement(i);
    if (element == nullptr) continue;
    if (element->ident() == EVR_SQ) {
      for (DcmItem* item : items(dataset, element->getTag()))
        if (is_default_repertoire(text(*item, DCM_SpecificCharacterSet)))
          changed += undeclared_text_to_utf8(*item);
      continue;
    }
    if (!element->isAffectedBySpecificCharacterSet()) continue;
    char* raw = nullptr;
    Uint32 length = 0;
    if (element->getString(raw, length).bad() || raw == nullptr) continue;
    const std::string_view value(raw, length);
    if (is_valid_utf8(value)) continue;  // ASCII, or UTF-8 written without declaring it
    const std::string utf8 = latin1_to_utf8(value);
    if (element->putString(utf8.c_str(), static_cast<Uint32>(utf8.size())).good()) ++changed;
  }
  return changed;
}

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= bytes.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000) ||
        code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string text(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFStringArray(tag, value).bad()) return {};
  std::string result(value.c_str(), value.length());
  while (!result.empty() && (result.back() == ' ' || result.back() == '\0')) result.pop_back();
  if (!is_valid_utf8(result)) result = latin1_to_utf8(result);
  return result;
}

static std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\0')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.remove_suffix(1);
  return s;
}

std::optional<long> integer(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFString(tag, value).bad()) return std::nullopt;
  std::string_view digits = trimmed(std::string_view(value.c_str(), value.length()));
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  long number = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return number;
}

std::vector<double> decimals(DcmItem& item, const DcmTagKey& tag) {
  std::vector<double> numbers;
  DcmElement* element = nullptr;
  if (item.findAndGetElement(tag, element).bad() || element == nullptr) return numbers;
  // Parse the raw DS/IS text once: DCMTK's per-value access rescans the
  // whole value each time, which is quadratic on long Contour Data.
  char* raw = nullptr;
  Uint32 length = 0;
  if (element->getString(raw, length).good()) {
    if (raw == nullptr) return numbers;
    std::string_view rest(raw, length);
    while (true) {
      const std::size_t cut = rest.find('\\');
      std::string_view part = trimmed(rest.substr(0, cut));
      if (!part.empty() && part.front() == '+') part.remove_prefix(1);
      double number = 0;
      const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), number);
      if (error != std::errc{} || end != part.data() + part.size() || part.empty()) return {};
      numbers.push_back(number);
      if (cut == std::string_view::npos) break;
      rest.remove_prefix(cut + 1);
    }
    return numbers;
  }
  // Binary floating point (FD, FL).
  const unsigned long count = element->getVM();
  for (unsigned long i = 0; i < count; ++i) {
    Float64 number = 0;
    if (element->getFloat64(number, i).bad()) return {};
    numbers.push_back(number);
  }
  return numbers;
}

std::vector<DcmItem*> items(DcmItem& item, const DcmTagKey& tag, bool* present) {
  std::vector<DcmItem*> result;
  if (present) *present = item.tagExists(tag);
  DcmSequenceOfItems* sequence = nullptr;
  if (item.findAndGetSequence(tag, sequence).bad() || sequence == nullptr) return result;
  result.reserve(sequence->card());
  // Walk the list once: getItem(i) seeks from the start, quadratic on the
  // thousands of contour items of a large structure set.
  for (DcmObject* child = sequence->nextInContainer(nullptr); child != nullptr;
       child = sequence->nextInContainer(child))
    if (child->ident() == EVR_item) result.push_back(static_cast<DcmItem*>(child));
  return result;
}

std::string sop_class_uid(DcmFileFormat& file) {
  std::string uid = text(*file.getDataset(), DCM_SOPClassUID);
  if (uid.empty() && file.getMetaInfo() != nullptr)
    uid = text(*file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
  return uid;
}

}  // namespace roiname::dicom::detail
