#include "dicom/rtstruct_writer.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <fmt/core.h>

#include <unistd.h>
#include <atomic>
#include <map>
#include <system_error>

#include "dicom/dataset_access.h"

namespace roiname::dicom {
namespace {

namespace fs = std::filesystem;
using detail::text;

constexpr std::string_view kAbsent = "(absent)";
constexpr std::size_t kShownValueLength = 120;

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string tag_text(const DcmTagKey& tag) {
  return fmt::format("({:04X},{:04X})", tag.getGroup(), tag.getElement());
}

// Loads every value of a file into memory (nothing stays on disk), so it
// can be edited and written, or compared.
Result<std::unique_ptr<DcmFileFormat>> load_whole(const fs::path& path) {
  detail::quiet_dcmtk_logging();
  auto file = std::make_unique<DcmFileFormat>();
  OFCondition status =
      file->loadFile(path.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect);
  if (status.good()) status = file->loadAllDataIntoMemory();
  if (status.bad()) return Error{fmt::format("cannot read {} ({})", path.string(), status.text())};
  return file;
}

// The value of a non-sequence element as text (numbers rendered, binary as
// hex), cut for display by the caller.
std::string element_value(DcmElement& element) {
  OFString value;
  if (element.getOFStringArray(value, OFFalse).bad()) return "(unreadable)";
  std::string out(value.c_str(), value.length());
  while (!out.empty() && (out.back() == ' ' || out.back() == '\0')) out.pop_back();
  return out;
}

std::string shown(std::string value) {
  if (value.size() > kShownValueLength) value = value.substr(0, kShownValueLength) + "…";
  return value;
}

// The ROI number an item of the Structure Set ROI or RT ROI Observations
// sequence is about (0 for any other item).
int roi_number_of(DcmItem& item, const DcmTagKey& sequence_tag) {
  if (sequence_tag == DCM_StructureSetROISequence)
    return static_cast<int>(detail::integer(item, DCM_ROINumber).value_or(0));
  if (sequence_tag == DCM_RTROIObservationsSequence || sequence_tag == DCM_ROIContourSequence)
    return static_cast<int>(detail::integer(item, DCM_ReferencedROINumber).value_or(0));
  return 0;
}

void compare_items(DcmItem& source, DcmItem& copy, const std::string& prefix, int roi_number,
                   std::vector<ElementDifference>& out);

void note(std::vector<ElementDifference>& out, const std::string& prefix, const DcmTagKey& tag,
          int roi_number, std::string source_value, std::string copy_value) {
  out.push_back({prefix + tag_text(tag), tag.getGroup(), tag.getElement(), roi_number,
                 shown(std::move(source_value)), shown(std::move(copy_value))});
}

std::string describe_presence(DcmElement& element) {
  if (element.ident() == EVR_SQ)
    return fmt::format("sequence of {} items", static_cast<DcmSequenceOfItems&>(element).card());
  return element_value(element);
}

void compare_elements(DcmElement& source, DcmElement& copy, const std::string& prefix, int roi_number,
                      std::vector<ElementDifference>& out) {
  const DcmTagKey tag = source.getTag();
  const bool source_sequence = source.ident() == EVR_SQ;
  const bool copy_sequence = copy.ident() == EVR_SQ;
  if (source_sequence != copy_sequence) {
    note(out, prefix, tag, roi_number, describe_presence(source), describe_presence(copy));
    return;
  }
  if (!source_sequence) {
    if (source.ident() != copy.ident()) {
      note(out, prefix, tag, roi_number, std::string("VR ") + DcmVR(source.ident()).getVRName(),
           std::string("VR ") + DcmVR(copy.ident()).getVRName());
      return;
    }
    std::string a = element_value(source), b = element_value(copy);
    if (a != b) note(out, prefix, tag, roi_number, std::move(a), std::move(b));
    return;
  }
  auto& source_items = static_cast<DcmSequenceOfItems&>(source);
  auto& copy_items = static_cast<DcmSequenceOfItems&>(copy);
  if (source_items.card() != copy_items.card()) {
    note(out, prefix, tag, roi_number, describe_presence(source), describe_presence(copy));
    return;
  }
  for (unsigned long i = 0; i < source_items.card(); ++i) {
    DcmItem* a = source_items.getItem(i);
    DcmItem* b = copy_items.getItem(i);
    if (a == nullptr || b == nullptr) continue;
    const int item_roi = roi_number_of(*a, tag);
    compare_items(*a, *b, prefix + tag_text(tag) + fmt::format("[{}].", i + 1),
                  item_roi != 0 ? item_roi : roi_number, out);
  }
}

// Walks both items in tag order (DCMTK keeps elements sorted by tag).
void compare_items(DcmItem& source, DcmItem& copy, const std::string& prefix, int roi_number,
                   std::vector<ElementDifference>& out) {
  unsigned long i = 0, j = 0;
  const unsigned long n = source.card(), m = copy.card();
  while (i < n || j < m) {
    DcmElement* a = i < n ? source.getElement(i) : nullptr;
    DcmElement* b = j < m ? copy.getElement(j) : nullptr;
    if (a != nullptr && a->getTag().getElement() == 0) {  // group length: derived, ignored
      ++i;
      continue;
    }
    if (b != nullptr && b->getTag().getElement() == 0) {
      ++j;
      continue;
    }
    if (b == nullptr || (a != nullptr && a->getTag() < b->getTag())) {
      note(out, prefix, a->getTag(), roi_number, describe_presence(*a), std::string(kAbsent));
      ++i;
    } else if (a == nullptr || b->getTag() < a->getTag()) {
      note(out, prefix, b->getTag(), roi_number, std::string(kAbsent), describe_presence(*b));
      ++j;
    } else {
      compare_elements(*a, *b, prefix, roi_number, out);
      ++i, ++j;
    }
  }
}

std::string new_uid() {
  char buffer[100];
  dcmGenerateUniqueIdentifier(buffer, SITE_INSTANCE_UID_ROOT);
  return buffer;
}

// A temporary file name next to `destination`, unique in this process.
fs::path temporary_path(const fs::path& destination) {
  static std::atomic<unsigned> counter{0};
  return destination.parent_path() /
         fmt::format(".{}.roiname-tmp-{}-{}", destination.filename().string(), ::getpid(), counter++);
}

// Whether one difference is a change the writer meant to make.
struct Plan {
  std::string sop_instance_uid;
  std::string series_instance_uid;
  bool keep_series = false;
  bool character_set_changed = false;
  std::map<int, RoiRename> renames;           // by ROI number, only names that change or types set
  std::map<int, std::string> original_names;  // as read (UTF-8 after conversion)
  std::map<int, bool> description_filled;
};

bool directly_in(const std::string& path, const DcmTagKey& sequence) {
  const std::string start = tag_text(sequence) + "[";
  return path.rfind(start, 0) == 0 && path.find('.') == path.rfind('.') &&
         path.find('.') != std::string::npos;
}

bool intended(const ElementDifference& d, const Plan& plan) {
  const DcmTagKey tag(static_cast<Uint16>(d.group), static_cast<Uint16>(d.element));
  const bool top = d.path.find('.') == std::string::npos;
  if (top && tag == DCM_SOPInstanceUID) return d.copy_value == plan.sop_instance_uid;
  if (top && tag == DCM_SeriesInstanceUID)
    return !plan.keep_series && d.copy_value == plan.series_instance_uid;
  if (top && tag == DCM_SpecificCharacterSet)
    return plan.character_set_changed && d.copy_value == "ISO_IR 192";
  const auto rename = plan.renames.find(d.roi_number);
  if (rename == plan.renames.end()) return false;
  if (tag == DCM_ROIName && directly_in(d.path, DCM_StructureSetROISequence))
    return d.copy_value == rename->second.new_name;
  if (tag == DCM_ROIDescription && directly_in(d.path, DCM_StructureSetROISequence)) {
    const auto filled = plan.description_filled.find(d.roi_number);
    return filled != plan.description_filled.end() && filled->second &&
           (d.source_value.empty() || d.source_value == kAbsent) &&
           d.copy_value == shown(plan.original_names.at(d.roi_number));
  }
  if (tag == DCM_RTROIInterpretedType && directly_in(d.path, DCM_RTROIObservationsSequence))
    return rename->second.interpreted_type && d.copy_value == *rename->second.interpreted_type;
  return false;
}

// Checks the copy against the plan: nothing unintended differs, and each
// intended name change is there. Returns the problems.
std::vector<std::string> verify(const std::vector<ElementDifference>& differences, const Plan& plan) {
  std::vector<std::string> problems;
  std::map<int, bool> renamed;
  for (const auto& d : differences) {
    if (!intended(d, plan)) {
      problems.push_back(fmt::format("{}: '{}' became '{}'", d.path, d.source_value, d.copy_value));
      continue;
    }
    if (d.group == DCM_ROIName.getGroup() && d.element == DCM_ROIName.getElement())
      renamed[d.roi_number] = true;
  }
  for (const auto& [number, rename] : plan.renames)
    if (rename.new_name != plan.original_names.at(number) && !renamed[number])
      problems.push_back(fmt::format("ROI {} was not renamed to '{}'", number, rename.new_name));
  return problems;
}

}  // namespace

Result<std::vector<ElementDifference>> compare_files(const fs::path& source, const fs::path& copy) {
  auto a = load_whole(source);
  if (!a) return a.error();
  auto b = load_whole(copy);
  if (!b) return b.error();
  DcmDataset& source_set = *(*a)->getDataset();
  DcmDataset& copy_set = *(*b)->getDataset();
  for (DcmDataset* set : {&source_set, &copy_set}) {
    detail::convert_to_utf8(*set);
    if (detail::is_default_repertoire(text(*set, DCM_SpecificCharacterSet)))
      detail::undeclared_text_to_utf8(*set);
  }
  std::vector<ElementDifference> differences;
  compare_items(source_set, copy_set, "", 0, differences);
  return differences;
}

Result<WrittenCopy> write_renamed_copy(const fs::path& source, const fs::path& destination,
                                       const std::vector<RoiRename>& renames, const CopyOptions& options) {
  std::error_code ec;
  if (fs::exists(destination, ec) && fs::equivalent(source, destination, ec))
    return Error{fmt::format("refusing to write over the input {}", source.string())};
  auto loaded = load_whole(source);
  if (!loaded) return loaded.error();
  DcmFileFormat& file = **loaded;
  DcmDataset& dataset = *file.getDataset();
  const E_TransferSyntax transfer_syntax = dataset.getOriginalXfer();

  Plan plan;
  plan.keep_series = options.keep_series;
  bool any_non_ascii = false;
  for (const RoiRename& rename : renames) any_non_ascii = any_non_ascii || !is_ascii(rename.new_name);
  const std::string charset = text(dataset, DCM_SpecificCharacterSet);
  int undeclared_converted = 0;
  if (any_non_ascii && charset != "ISO_IR 192") {
    // Every existing string is re-encoded before the set declares UTF-8, so
    // that no value keeps bytes of another character set.
    if (detail::is_default_repertoire(charset)) {
      undeclared_converted = detail::undeclared_text_to_utf8(dataset);
    } else {
      const OFCondition status = dataset.convertToUTF8();
      if (status.bad())
        return Error{fmt::format("{}: cannot convert '{}' to UTF-8 for a non-ASCII name ({})",
                                 source.string(), charset, status.text())};
    }
    dataset.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    plan.character_set_changed = true;
  }

  std::map<int, const RoiRename*> wanted;
  for (const RoiRename& rename : renames) wanted[rename.roi_number] = &rename;
  std::map<int, bool> found;
  for (DcmItem* item : detail::items(dataset, DCM_StructureSetROISequence)) {
    const int number = static_cast<int>(detail::integer(*item, DCM_ROINumber).value_or(0));
    const auto it = wanted.find(number);
    if (it == wanted.end()) continue;
    found[number] = true;
    const RoiRename& rename = *it->second;
    // The raw value (same character set as the file) and its UTF-8 reading.
    OFString raw_name;
    item->findAndGetOFStringArray(DCM_ROIName, raw_name);
    const std::string original = text(*item, DCM_ROIName);
    plan.original_names[number] = original;
    if (rename.new_name == original && !rename.interpreted_type) continue;
    plan.renames[number] = rename;
    if (rename.new_name == original) continue;
    if (item->putAndInsertString(DCM_ROIName, rename.new_name.c_str()).bad())
      return Error{fmt::format("{}: cannot set the name of ROI {}", source.string(), number)};
    if (options.original_name_in_description && text(*item, DCM_ROIDescription).empty()) {
      item->putAndInsertOFStringArray(DCM_ROIDescription, raw_name);
      plan.description_filled[number] = true;
    }
  }
  for (const auto& [number, rename] : wanted)
    if (!found[number]) return Error{fmt::format("{}: no ROI number {} to rename", source.string(), number)};
  for (DcmItem* item : detail::items(dataset, DCM_RTROIObservationsSequence)) {
    const int number = static_cast<int>(detail::integer(*item, DCM_ReferencedROINumber).value_or(0));
    const auto it = plan.renames.find(number);
    if (it != plan.renames.end() && it->second.interpreted_type)
      item->putAndInsertString(DCM_RTROIInterpretedType, it->second.interpreted_type->c_str());
  }

  plan.sop_instance_uid = new_uid();
  plan.series_instance_uid = options.keep_series ? text(dataset, DCM_SeriesInstanceUID) : new_uid();
  dataset.putAndInsertString(DCM_SOPInstanceUID, plan.sop_instance_uid.c_str());
  if (!options.keep_series)
    dataset.putAndInsertString(DCM_SeriesInstanceUID, plan.series_instance_uid.c_str());
  file.getMetaInfo()->putAndInsertString(DCM_MediaStorageSOPInstanceUID, plan.sop_instance_uid.c_str());

  fs::create_directories(destination.parent_path(), ec);
  const fs::path temporary = temporary_path(destination);
  const OFCondition saved = file.saveFile(temporary.c_str(), transfer_syntax, EET_ExplicitLength,
                                          EGL_recalcGL, EPD_noChange, 0, 0, EWM_updateMeta);
  auto fail = [&](std::string message) -> Result<WrittenCopy> {
    fs::remove(temporary, ec);
    return Error{std::move(message)};
  };
  if (saved.bad()) return fail(fmt::format("cannot write {} ({})", temporary.string(), saved.text()));

  // Re-read what was written and compare it with the source.
  auto differences = compare_files(source, temporary);
  if (!differences) return fail(differences.error().message);
  std::vector<std::string> problems = verify(*differences, plan);
  auto copy = load_whole(temporary);
  if (!copy) return fail(copy.error().message);
  DcmMetaInfo& meta = *(*copy)->getMetaInfo();
  if (text(meta, DCM_MediaStorageSOPInstanceUID) != plan.sop_instance_uid)
    problems.push_back("Media Storage SOP Instance UID is not the new SOP Instance UID");
  const std::string written_syntax = text(meta, DCM_TransferSyntaxUID);
  if (written_syntax != DcmXfer(transfer_syntax).getXferID())
    problems.push_back(fmt::format("transfer syntax {} instead of the source's {}", written_syntax,
                                   DcmXfer(transfer_syntax).getXferID()));
  if (!problems.empty()) {
    std::string message =
        fmt::format("the copy of {} differs from it beyond the intended changes:", source.string());
    for (const auto& problem : problems) message += "\n  " + problem;
    return fail(message);
  }
  fs::rename(temporary, destination, ec);
  if (ec) return fail(fmt::format("cannot move the copy to {} ({})", destination.string(), ec.message()));
  return WrittenCopy{destination,         plan.sop_instance_uid,      plan.series_instance_uid,
                     written_syntax,      plan.character_set_changed, charset,
                     undeclared_converted};
}

}  // namespace roiname::dicom
