// Renamed RTSTRUCT copies: only the intended elements change, checked by our
// own comparison, by pydicom, and by dciodvfy, on fixtures and on every
// shared RTSTRUCT.
#include "dicom/rtstruct_writer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "dicom/fixtures/fixture_writer.h"
#include "dicom/rtstruct_reader.h"
#include "support/test_support.h"

namespace roiname::dicom {
namespace {

namespace fs = std::filesystem;
using roiname::testing::run_shell;
using roiname::testing::shell_quote;
using roiname::testing::TempDir;

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

fixtures::RtstructFixture two_roi_fixture() {
  fixtures::RtstructFixture fixture;
  fixtures::FixtureRoi cord;
  cord.number = 1;
  cord.name = "spinal cord";
  cord.contours = {{"CLOSED_PLANAR", {{0, 0, 0}, {10, 0, 0}, {10, 10, 0}}}};
  fixtures::FixtureRoi ptv;
  ptv.number = 2;
  ptv.name = "PTV 70";
  ptv.interpreted_type = "";
  ptv.contours = {{"CLOSED_PLANAR", {{0, 0, 0}, {20, 0, 0}, {20, 20, 0}}}};
  fixture.rois = {cord, ptv};
  return fixture;
}

TEST(RtstructWriter, RenamesOnlyWhatItIsAskedTo) {
  TempDir dir;
  const fs::path source = dir.path() / "in" / "rs.dcm";
  fs::create_directories(source.parent_path());
  ASSERT_TRUE(fixtures::write_rtstruct(two_roi_fixture(), source).ok());
  const std::string before = file_bytes(source);

  const fs::path copy = dir.path() / "out" / "rs.dcm";
  auto written = write_renamed_copy(source, copy, {{1, "SpinalCord", std::nullopt}, {2, "PTV_7000", "PTV"}});
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(file_bytes(source), before);
  EXPECT_EQ(written->file, copy);

  auto original = read_structure_set(source);
  auto renamed = read_structure_set(copy);
  ASSERT_TRUE(original.ok() && renamed.ok());
  EXPECT_EQ(renamed->rois[0].name, "SpinalCord");
  EXPECT_EQ(renamed->rois[0].description, "spinal cord");
  EXPECT_EQ(renamed->rois[0].interpreted_type, "ORGAN");
  EXPECT_EQ(renamed->rois[1].name, "PTV_7000");
  EXPECT_EQ(renamed->rois[1].interpreted_type, "PTV");
  EXPECT_EQ(renamed->sop_instance_uid, written->sop_instance_uid);
  EXPECT_NE(renamed->sop_instance_uid, original->sop_instance_uid);
  EXPECT_NE(renamed->series_instance_uid, original->series_instance_uid);
  EXPECT_EQ(renamed->study_instance_uid, original->study_instance_uid);

  auto differences = compare_files(source, copy);
  ASSERT_TRUE(differences.ok());
  std::set<std::string> paths;
  for (const auto& d : *differences) paths.insert(d.path);
  EXPECT_EQ(paths, (std::set<std::string>{"(0008,0018)", "(0020,000E)", "(3006,0020)[1].(3006,0026)",
                                          "(3006,0020)[1].(3006,0028)", "(3006,0020)[2].(3006,0026)",
                                          "(3006,0020)[2].(3006,0028)", "(3006,0080)[2].(3006,00A4)"}));
  // Nothing left behind but the copy.
  EXPECT_EQ(std::distance(fs::directory_iterator(copy.parent_path()), fs::directory_iterator{}), 1);
}

TEST(RtstructWriter, KeepSeriesKeepsTheSeriesUid) {
  TempDir dir;
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(two_roi_fixture(), source).ok());
  CopyOptions options;
  options.keep_series = true;
  options.original_name_in_description = false;
  auto written =
      write_renamed_copy(source, dir.path() / "copy.dcm", {{1, "SpinalCord", std::nullopt}}, options);
  ASSERT_TRUE(written.ok()) << written.error().message;
  auto renamed = read_structure_set(dir.path() / "copy.dcm");
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->series_instance_uid, two_roi_fixture().series_instance_uid);
  EXPECT_EQ(renamed->rois[0].description, "");
}

TEST(RtstructWriter, NonAsciiNameDeclaresUtf8AndKeepsOtherText) {
  TempDir dir;
  auto fixture = two_roi_fixture();
  fixture.specific_character_set = "ISO_IR 100";
  fixture.patient_name = "Müller^Jürgen";
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(fixture, source).ok());
  auto written = write_renamed_copy(source, dir.path() / "copy.dcm", {{1, "Rückenmark", std::nullopt}});
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_TRUE(written->character_set_changed);
  auto renamed = read_structure_set(dir.path() / "copy.dcm");
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->specific_character_set, "ISO_IR 192");
  EXPECT_EQ(renamed->rois[0].name, "Rückenmark");
  EXPECT_EQ(renamed->patient_name, "Müller^Jürgen");
}

// ---- character sets ---------------------------------------------------------

bool have_pydicom() { return run_shell("/usr/bin/python3 -c 'import pydicom'").exit_code == 0; }

// What pydicom (tests/dicom/pydicom_rois.py) decodes from `file`: patient ID,
// label and ROIs, names as UTF-8.
nlohmann::json pydicom_view(const fs::path& file) {
  const auto result =
      run_shell("/usr/bin/python3 " + shell_quote(std::string(ROINAME_TESTS_DICOM_DIR) + "/pydicom_rois.py") +
                " " + shell_quote(file.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out)[file.string()];
}

// The tags pydicom decodes differently in `source` and `copy`, as "path tag".
std::set<std::string> pydicom_differences(const fs::path& source, const fs::path& copy) {
  const auto result = run_shell(
      "/usr/bin/python3 " + shell_quote(std::string(ROINAME_TESTS_DICOM_DIR) + "/scripts/pydicom_diff.py") +
      " " + shell_quote(source.string()) + " " + shell_quote(copy.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::set<std::string> out;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    const auto difference = nlohmann::json::parse(line);
    out.insert(difference["path"].get<std::string>());
  }
  return out;
}

bool contains(const std::string& bytes, const std::string& part) {
  return bytes.find(part) != std::string::npos;
}

const std::string kLatin1Patient =
    "M\xFC"
    "ller^J\xFC"
    "rgen";  // Müller^Jürgen in ISO 8859-1
const std::string kUtf8Patient =
    "M\xC3\xBC"
    "ller^J\xC3\xBC"
    "rgen";  // the same in UTF-8
const std::string kLatin1Hoernerv =
    "H\xF6"
    "rnerv_L";
const std::string kUtf8Hoernerv =
    "H\xC3\xB6"
    "rnerv_L";
const std::string kMedula =
    "M\xC3\xA9"
    "dula";  // Médula, a non-ASCII new name

// Checks that every text value of `copy` is UTF-8 read by DCMTK and by pydicom:
// patient name, names and the original name kept in ROI Description.
void expect_utf8_copy(const fs::path& source, const fs::path& copy, bool character_set_changed) {
  const std::string bytes = file_bytes(copy);
  EXPECT_TRUE(contains(bytes, "ISO_IR 192"));
  EXPECT_TRUE(contains(bytes, kUtf8Patient));
  EXPECT_FALSE(contains(bytes, kLatin1Patient)) << "Latin-1 bytes left under ISO_IR 192";
  EXPECT_FALSE(contains(bytes, kLatin1Hoernerv)) << "Latin-1 bytes left under ISO_IR 192";

  auto renamed = read_structure_set(copy);  // DCMTK
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(renamed->specific_character_set, "ISO_IR 192");
  EXPECT_EQ(renamed->patient_name, kUtf8Patient);
  ASSERT_EQ(renamed->rois.size(), 2u);
  EXPECT_EQ(renamed->rois[0].name, "Cochlea_L");
  EXPECT_EQ(renamed->rois[0].description, kUtf8Hoernerv);
  EXPECT_EQ(renamed->rois[1].name, kMedula);

  if (!have_pydicom()) {
    std::cerr << "note: /usr/bin/python3 with pydicom absent, pydicom part skipped\n";
    return;
  }
  const auto seen = pydicom_view(copy);
  EXPECT_EQ(seen["rois"][0]["name"], "Cochlea_L");
  EXPECT_EQ(seen["rois"][1]["name"], kMedula);
  EXPECT_EQ(seen["label"], "Kopf-Hals \xC3\xA4");
  // pydicom decodes the source from its own declaration (or, undeclared, as
  // Latin-1) and the copy as UTF-8: only the intended elements differ.
  std::set<std::string> intended = {"(0008,0018)",
                                    "(0020,000E)",
                                    "(3006,0020)[1].(3006,0026)",
                                    "(3006,0020)[1].(3006,0028)",
                                    "(3006,0020)[2].(3006,0026)",
                                    "(3006,0020)[2].(3006,0028)"};
  if (character_set_changed) intended.insert("(0008,0005)");
  EXPECT_EQ(pydicom_differences(source, copy), intended);
}

fixtures::RtstructFixture german_fixture(const std::string& charset) {
  auto fixture = two_roi_fixture();
  fixture.specific_character_set = charset;
  const bool undeclared = charset.empty();  // strings written byte for byte
  fixture.patient_name = undeclared ? kLatin1Patient : kUtf8Patient;
  fixture.label = undeclared ? "Kopf-Hals \xE4" : "Kopf-Hals \xC3\xA4";
  fixture.rois[0].name = undeclared ? kLatin1Hoernerv : kUtf8Hoernerv;
  return fixture;
}

TEST(RtstructWriter, UndeclaredLatin1TextBecomesUtf8WhenANameIsNotAscii) {
  TempDir dir;
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(german_fixture(""), source).ok());
  const fs::path copy = dir.path() / "copy.dcm";
  auto written =
      write_renamed_copy(source, copy, {{1, "Cochlea_L", std::nullopt}, {2, kMedula, std::nullopt}});
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_TRUE(written->character_set_changed);
  EXPECT_EQ(written->source_character_set, "");
  EXPECT_EQ(written->undeclared_values_converted, 3);  // patient name, label, the Latin-1 ROI name
  expect_utf8_copy(source, copy, true);

  // Renaming only an ASCII-named ROI: the Latin-1 name left as it was is
  // converted too.
  const fs::path second = dir.path() / "second.dcm";
  ASSERT_TRUE(write_renamed_copy(source, second, {{2, kMedula, std::nullopt}}).ok());
  const std::string bytes = file_bytes(second);
  EXPECT_TRUE(contains(bytes, kUtf8Hoernerv));
  EXPECT_FALSE(contains(bytes, kLatin1Hoernerv));
  EXPECT_FALSE(contains(bytes, kLatin1Patient));
  if (have_pydicom()) {
    const auto seen = pydicom_view(second);
    EXPECT_EQ(seen["rois"][0]["name"], kUtf8Hoernerv);
    EXPECT_EQ(seen["rois"][1]["name"], kMedula);
  }
}

TEST(RtstructWriter, DeclaredLatin1TextBecomesUtf8WhenANameIsNotAscii) {
  TempDir dir;
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(german_fixture("ISO_IR 100"), source).ok());
  ASSERT_TRUE(contains(file_bytes(source), kLatin1Patient));
  const fs::path copy = dir.path() / "copy.dcm";
  auto written =
      write_renamed_copy(source, copy, {{1, "Cochlea_L", std::nullopt}, {2, kMedula, std::nullopt}});
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_TRUE(written->character_set_changed);
  expect_utf8_copy(source, copy, true);
}

TEST(RtstructWriter, Gb18030TextBecomesUtf8WhenANameIsNotAscii) {
  const std::string parotid = "\xE8\x85\xAE\xE8\x85\xBA\xE5\xB7\xA6";  // 腮腺左
  const std::string cord = "\xE8\x84\x8A\xE9\xAB\x93";                 // 脊髓
  const std::string patient = "\xE7\x8E\x8B^\xE8\x8A\xB3";             // 王^芳
  TempDir dir;
  auto fixture = two_roi_fixture();
  fixture.specific_character_set = "GB18030";
  fixture.patient_name = patient;
  fixture.rois[0].name = parotid;
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(fixture, source).ok());
  const fs::path copy = dir.path() / "copy.dcm";
  auto written = write_renamed_copy(source, copy, {{1, "Parotid_L", std::nullopt}, {2, cord, std::nullopt}});
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_TRUE(written->character_set_changed);
  EXPECT_EQ(written->source_character_set, "GB18030");
  EXPECT_TRUE(contains(file_bytes(copy), patient));  // now UTF-8 bytes
  auto renamed = read_structure_set(copy);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->specific_character_set, "ISO_IR 192");
  EXPECT_EQ(renamed->patient_name, patient);
  EXPECT_EQ(renamed->rois[0].description, parotid);
  EXPECT_EQ(renamed->rois[1].name, cord);
  if (have_pydicom()) {
    const auto seen = pydicom_view(copy);
    EXPECT_EQ(seen["rois"][0]["name"], "Parotid_L");
    EXPECT_EQ(seen["rois"][1]["name"], cord);
    EXPECT_EQ(pydicom_differences(source, copy),
              (std::set<std::string>{"(0008,0005)", "(0008,0018)", "(0020,000E)",
                                     "(3006,0020)[1].(3006,0026)", "(3006,0020)[1].(3006,0028)",
                                     "(3006,0020)[2].(3006,0026)", "(3006,0020)[2].(3006,0028)"}));
  }
}

TEST(RtstructWriter, Utf8SourceKeepsItsCharacterSet) {
  TempDir dir;
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(german_fixture("ISO_IR 192"), source).ok());
  const fs::path copy = dir.path() / "copy.dcm";
  auto written =
      write_renamed_copy(source, copy, {{1, "Cochlea_L", std::nullopt}, {2, kMedula, std::nullopt}});
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_FALSE(written->character_set_changed);
  auto differences = compare_files(source, copy);
  ASSERT_TRUE(differences.ok());
  for (const auto& d : *differences) EXPECT_NE(d.path, "(0008,0005)");
  expect_utf8_copy(source, copy, false);
}

// An ASCII rename leaves an undeclared file undeclared, its Latin-1 bytes as
// they were; the original name still lands in ROI Description unchanged.
TEST(RtstructWriter, AsciiNameLeavesUndeclaredLatin1TextAsItWas) {
  TempDir dir;
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(german_fixture(""), source).ok());
  const fs::path copy = dir.path() / "copy.dcm";
  auto written = write_renamed_copy(source, copy, {{1, "Cochlea_L", std::nullopt}});
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_FALSE(written->character_set_changed);
  const std::string bytes = file_bytes(copy);
  EXPECT_TRUE(contains(bytes, kLatin1Patient));
  EXPECT_FALSE(contains(bytes, "ISO_IR"));
  auto renamed = read_structure_set(copy);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->rois[0].description, kUtf8Hoernerv);
}

// Undeclared bytes that are valid UTF-8 are read as UTF-8 (as the reader
// and the reports do), not re-encoded twice.
TEST(RtstructWriter, UndeclaredUtf8TextStaysUtf8) {
  TempDir dir;
  auto fixture = german_fixture("");
  fixture.rois[0].name = kUtf8Hoernerv;  // written byte for byte, undeclared
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(fixture, source).ok());
  const fs::path copy = dir.path() / "copy.dcm";
  auto written =
      write_renamed_copy(source, copy, {{1, "Cochlea_L", std::nullopt}, {2, kMedula, std::nullopt}});
  ASSERT_TRUE(written.ok()) << written.error().message;
  const std::string bytes = file_bytes(copy);
  EXPECT_TRUE(contains(bytes, kUtf8Hoernerv));
  EXPECT_FALSE(contains(bytes, "H\xC3\x83\xC2\xB6rnerv")) << "UTF-8 encoded twice";
  EXPECT_FALSE(contains(bytes, kLatin1Patient)) << "Latin-1 bytes left under ISO_IR 192";
  auto renamed = read_structure_set(copy);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->rois[0].description, kUtf8Hoernerv);
  EXPECT_EQ(renamed->patient_name, kUtf8Patient);
}

TEST(RtstructWriter, RefusesToWriteOverItsSource) {
  TempDir dir;
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(two_roi_fixture(), source).ok());
  const std::string before = file_bytes(source);
  auto written = write_renamed_copy(source, source, {{1, "SpinalCord", std::nullopt}});
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().message.find("refusing"), std::string::npos);
  EXPECT_EQ(file_bytes(source), before);
}

TEST(RtstructWriter, UnknownRoiNumberIsAnErrorAndWritesNothing) {
  TempDir dir;
  const fs::path source = dir.path() / "rs.dcm";
  ASSERT_TRUE(fixtures::write_rtstruct(two_roi_fixture(), source).ok());
  auto written = write_renamed_copy(source, dir.path() / "out" / "copy.dcm", {{9, "X", std::nullopt}});
  ASSERT_FALSE(written.ok());
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "copy.dcm"));
}

TEST(RtstructWriter, UnreadableSourceIsAnError) {
  TempDir dir;
  std::ofstream(dir.path() / "bad.dcm") << "not dicom";
  EXPECT_FALSE(write_renamed_copy(dir.path() / "bad.dcm", dir.path() / "copy.dcm", {}).ok());
  EXPECT_FALSE(fs::exists(dir.path() / "copy.dcm"));
}

// ---- every shared RTSTRUCT ------------------------------------------------

fs::path dicom_dir() { return roiname::testing::shared_dir() / "data" / "dicom"; }

std::vector<std::string> inventoried_files() {
  std::set<std::string> files;
  std::ifstream in(dicom_dir() / "ROI_INVENTORY.tsv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) files.insert(line.substr(0, line.find('\t')));
  return {files.begin(), files.end()};
}

// dciodvfy's error lines with UID values and numbers blanked, as a set.
std::set<std::string> dciodvfy_errors(const fs::path& file) {
  const auto result = run_shell("dciodvfy " + shell_quote(file.string()) + " 2>&1");
  std::set<std::string> errors;
  std::istringstream lines(result.out);
  static const std::regex numbers("[0-9][0-9.]*");
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("Error", 0) == 0) errors.insert(std::regex_replace(line, numbers, "#"));
  return errors;
}

// The tags (8 hex digits) allowed to differ, with where they may.
bool allowed_by_pydicom(const std::string& path, const std::string& tag) {
  static const std::set<std::string> top = {"00080018", "0020000E", "00080005"};
  if (top.count(tag) && path.find('.') == std::string::npos) return true;
  if ((tag == "30060026" || tag == "30060028") && path.rfind("(3006,0020)[", 0) == 0) return true;
  if (tag == "300600A4" && path.rfind("(3006,0080)[", 0) == 0) return true;
  return false;
}

TEST(RtstructWriterRealData, EveryCopyDiffersOnlyInTheIntendedElements) {
  ROINAME_REQUIRE_SHARED();
  const bool have_dciodvfy = run_shell("command -v dciodvfy").exit_code == 0;
  const bool have_pydicom = run_shell("/usr/bin/python3 -c 'import pydicom'").exit_code == 0;
  const auto files = inventoried_files();
  ASSERT_GE(files.size(), 20u);
  TempDir dir;
  int index = 0;
  for (const std::string& relative : files) {
    SCOPED_TRACE(relative);
    const fs::path source = dicom_dir() / relative;
    const std::string before = file_bytes(source);
    auto set = read_structure_set(source);
    ASSERT_TRUE(set.ok()) << set.error().message;
    std::vector<RoiRename> renames;
    for (const Roi& roi : set->rois) {
      RoiRename rename{roi.number, "Renamed_" + std::to_string(roi.number), std::nullopt};
      if (roi.number % 2 == 0) rename.interpreted_type = "CONTROL";
      if (roi.number == set->rois.front().number) rename.new_name = "Rückenmark";  // forces UTF-8
      renames.push_back(rename);
    }
    const fs::path copy = dir.path() / std::to_string(index++) / "copy.dcm";
    auto written = write_renamed_copy(source, copy, renames);
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(file_bytes(source), before) << "the input changed";

    auto reread = read_structure_set(copy);
    ASSERT_TRUE(reread.ok());
    ASSERT_EQ(reread->rois.size(), set->rois.size());
    for (std::size_t i = 0; i < set->rois.size(); ++i) {
      if (set->rois[i].number == set->rois.front().number && i > 0) continue;  // duplicate numbers
      EXPECT_EQ(reread->rois[i].contour_count, set->rois[i].contour_count);
    }
    EXPECT_EQ(reread->rois.front().name, "Rückenmark");
    EXPECT_EQ(reread->specific_character_set, "ISO_IR 192");

    if (have_pydicom) {
      const auto result =
          run_shell("/usr/bin/python3 " +
                    shell_quote(std::string(ROINAME_TESTS_DICOM_DIR) + "/scripts/pydicom_diff.py") + " " +
                    shell_quote(source.string()) + " " + shell_quote(copy.string()) + " --meta");
      ASSERT_EQ(result.exit_code, 0) << result.err;
      std::istringstream lines(result.out);
      bool saw_sop = false;
      for (std::string line; std::getline(lines, line);) {
        static const std::regex fields(
            R"re("path": "([^"]*)", "tag": "([^"]*)", "a": "([^"]*)", "b": "([^"]*)")re");
        std::smatch match;
        ASSERT_TRUE(std::regex_search(line, match, fields)) << line;
        const std::string path = match[1], tag = match[2], b = match[4];
        if (path == "meta") {
          if (tag == "MediaStorageSOPInstanceUID") {
            EXPECT_EQ(b, written->sop_instance_uid);
          }
          continue;
        }
        saw_sop = saw_sop || tag == "00080018";
        // Undeclared Latin-1 text reads differently once the copy declares UTF-8.
        if (tag == "00080005" || allowed_by_pydicom(path, tag)) continue;
        ADD_FAILURE() << "pydicom sees an unintended difference: " << line;
      }
      EXPECT_TRUE(saw_sop);
    }
    if (have_dciodvfy) {
      const auto source_errors = dciodvfy_errors(source);
      for (const std::string& error : dciodvfy_errors(copy))
        EXPECT_TRUE(source_errors.count(error)) << "dciodvfy error only on the copy: " << error;
    }
  }
  if (!have_pydicom || !have_dciodvfy)
    std::cerr << "note: " << (have_pydicom ? "" : "pydicom ") << (have_dciodvfy ? "" : "dciodvfy ")
              << "absent, that part was skipped\n";
}

}  // namespace
}  // namespace roiname::dicom
