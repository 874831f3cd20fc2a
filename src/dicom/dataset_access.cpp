#include "dicom/dataset_access.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/oflog/oflog.h>

#include <charconv>
#include <mutex>

namespace roiname::dicom::detail {

void quiet_dcmtk_logging() {
  static std::once_flag once;
  std::call_once(once, [] { OFLog::configure(OFLogger::OFF_LOG_LEVEL); });
}

Result<std::unique_ptr<DcmFileFormat>> load_file(const std::filesystem::path& path,
                                                 std::uint32_t max_read_length) {
  quiet_dcmtk_logging();
  auto file = std::make_unique<DcmFileFormat>();
  // Pixel Data is the last large attribute of an image; nothing after it is needed.
  const OFCondition status = file->loadFileUntilTag(path.c_str(), EXS_Unknown, EGL_noChange, max_read_length,
                                                    ERM_autoDetect, DCM_PixelData);
  if (status.bad())
    return Error{std::string("cannot parse DICOM, file truncated or corrupted (") + status.text() + ")"};
  return file;
}

Result<std::unique_ptr<DcmFileFormat>> load_buffer(std::string_view bytes) {
  quiet_dcmtk_logging();
  auto file = std::make_unique<DcmFileFormat>();
  DcmInputBufferStream stream;
  stream.setBuffer(bytes.data(), static_cast<offile_off_t>(bytes.size()));
  stream.setEos();
  file->transferInit();
  const OFCondition status =
      file->readUntilTag(stream, EXS_Unknown, EGL_noChange, kLoadEverything, DCM_PixelData);
  file->transferEnd();
  if (status.bad())
    return Error{std::string("cannot parse DICOM, file truncated or corrupted (") + status.text() + ")"};
  return file;
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
  const unsigned long count = sequence->card();
  result.reserve(count);
  for (unsigned long i = 0; i < count; ++i)
    if (DcmItem* child = sequence->getItem(i)) result.push_back(child);
  return result;
}

std::string sop_class_uid(DcmFileFormat& file) {
  std::string uid = text(*file.getDataset(), DCM_SOPClassUID);
  if (uid.empty() && file.getMetaInfo() != nullptr)
    uid = text(*file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
  return uid;
}

}  // namespace roiname::dicom::detail
