// Generated RTSTRUCTs for what real files rarely show all at once:
// duplicates, missing items and sequences, empty contours, wrong modality,
// character sets, transfer syntaxes, and files that are not DICOM.
#include <gtest/gtest.h>

#include <fmt/core.h>
#include <fstream>

#include "dicom/discovery.h"
#include "dicom/fixtures/fixture_writer.h"
#include "dicom/image_index.h"
#include "dicom/rtstruct_reader.h"
#include "dicom/scan.h"
#include "support/test_support.h"

namespace roiname::dicom {
namespace {

namespace fs = std::filesystem;
using fixtures::FixtureRoi;
using fixtures::RtstructFixture;
using fixtures::TransferSyntax;

Contour square(double z, double half = 10, double x0 = 0) {
  return {"CLOSED_PLANAR",
          {{x0 - half, -half, z}, {x0 + half, -half, z}, {x0 + half, half, z}, {x0 - half, half, z}}};
}

FixtureRoi roi(int number, std::string name, std::string type = "ORGAN", int contours = 2) {
  FixtureRoi r;
  r.number = number;
  r.name = std::move(name);
  r.interpreted_type = std::move(type);
  for (int i = 0; i < contours; ++i) r.contours.push_back(square(5.0 * i));
  return r;
}

RtstructFixture three_rois() {
  RtstructFixture fixture;
  fixture.rois = {roi(1, "BODY", "EXTERNAL", 3), roi(2, "Parotid_L", "ORGAN", 2),
                  roi(5, "PTV_7000", "PTV", 1)};
  fixture.rois[0].display_color = std::array<int, 3>{255, 128, 0};
  return fixture;
}

fs::path write(const RtstructFixture& fixture, const fs::path& file) {
  const auto written = fixtures::write_rtstruct(fixture, file);
  EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().message);
  return file;
}

bool has_issue(const StructureSet& set, Severity severity, const std::string& fragment) {
  for (const Issue& issue : set.issues)
    if (issue.severity == severity && issue.message.find(fragment) != std::string::npos) return true;
  return false;
}

std::string issues_of(const StructureSet& set) {
  std::string all;
  for (const Issue& issue : set.issues) all += issue.message + "\n";
  return all;
}

class Fixtures : public ::testing::Test {
 protected:
  roiname::testing::TempDir tmp;
};

TEST_F(Fixtures, PlainStructureSetReadsCleanly) {
  const auto set = read_structure_set(write(three_rois(), tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set->rois.size(), 3u);
  EXPECT_EQ(set->rois[1].name, "Parotid_L");
  EXPECT_EQ(set->rois[2].number, 5);
  EXPECT_EQ(set->rois[2].interpreted_type, "PTV");
  EXPECT_EQ(set->rois[0].contour_count, 3);
  EXPECT_EQ(set->rois[0].display_color, (std::array<int, 3>{255, 128, 0}));
  EXPECT_EQ(set->rois[0].geometric_types, std::vector<std::string>{"CLOSED_PLANAR"});
  EXPECT_EQ(set->label, "FIXTURE");
  EXPECT_EQ(set->frame_of_reference_uid, "1.2.826.0.1.3680043.10.1403.4");
  EXPECT_TRUE(set->issues.empty()) << issues_of(*set);
}

TEST_F(Fixtures, DuplicateRoiNumbersAreAnError) {
  RtstructFixture fixture = three_rois();
  fixture.rois[1].number = 1;
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(has_issue(*set, Severity::error, "ROI Number 1 is used twice")) << issues_of(*set);
  const ScanResult result = scan_paths({tmp.path()});
  EXPECT_EQ(result.error_count(), 1);
}

TEST_F(Fixtures, DuplicateRoiNamesAreAWarning) {
  RtstructFixture fixture = three_rois();
  fixture.rois[2].name = "Parotid_L";
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(has_issue(*set, Severity::warning, "'Parotid_L' is used by more than one ROI"))
      << issues_of(*set);
  EXPECT_EQ(set->rois.size(), 3u);
}

TEST_F(Fixtures, RoiWithoutObservationHasNoTypeAndAWarning) {
  RtstructFixture fixture = three_rois();
  fixture.rois[1].has_observation = false;
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->rois[1].interpreted_type, "");
  EXPECT_TRUE(has_issue(*set, Severity::warning, "ROI 2 'Parotid_L' has no RT ROI Observations item"))
      << issues_of(*set);
}

TEST_F(Fixtures, RoiReferencedButNotListedIsAWarning) {
  RtstructFixture fixture = three_rois();
  fixture.rois[2].listed = false;
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->rois.size(), 2u);
  EXPECT_TRUE(has_issue(*set, Severity::warning, "ROI Contour item refers to ROI 5")) << issues_of(*set);
  EXPECT_TRUE(has_issue(*set, Severity::warning, "RT ROI Observations item refers to ROI 5"))
      << issues_of(*set);
}

TEST_F(Fixtures, EmptyContoursAreWarnings) {
  RtstructFixture fixture = three_rois();
  fixture.rois[1].contours = {Contour{"CLOSED_PLANAR", {}}};
  fixture.rois[2].contours.clear();
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(has_issue(*set, Severity::warning, "ROI 2 'Parotid_L': 1 contour(s) without Contour Data"))
      << issues_of(*set);
  EXPECT_TRUE(has_issue(*set, Severity::warning, "ROI 5 'PTV_7000' has no contours")) << issues_of(*set);
  EXPECT_EQ(set->rois[2].contour_count, 0);
  EXPECT_TRUE(set->rois[2].has_contour_data);
}

TEST_F(Fixtures, MissingStructureSetRoiSequenceFailsTheFile) {
  RtstructFixture fixture = three_rois();
  fixture.write_structure_set_roi_sequence = false;
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("Structure Set ROI Sequence"), std::string::npos);
  const ScanResult result = scan_paths({tmp.path()});
  ASSERT_EQ(result.errors.size(), 1u);
}

TEST_F(Fixtures, MissingContourAndObservationSequencesAreWarnings) {
  RtstructFixture fixture = three_rois();
  fixture.write_roi_contour_sequence = false;
  fixture.write_observations_sequence = false;
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(has_issue(*set, Severity::warning, "no ROI Contour Sequence")) << issues_of(*set);
  EXPECT_TRUE(has_issue(*set, Severity::warning, "no RT ROI Observations Sequence")) << issues_of(*set);
  EXPECT_EQ(set->rois.size(), 3u);
  EXPECT_FALSE(set->rois[0].has_contour_data);
}

TEST_F(Fixtures, WrongModalityIsAWarning) {
  RtstructFixture fixture = three_rois();
  fixture.modality = "CT";
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(has_issue(*set, Severity::warning, "Modality is 'CT'")) << issues_of(*set);
}

TEST_F(Fixtures, RtstructModalityWithOtherSopClassIsAnError) {
  RtstructFixture fixture = three_rois();
  fixture.sop_class_uid = "1.2.840.10008.5.1.4.1.1.481.5";  // RT Plan
  const fs::path file = write(fixture, tmp.path() / "rs.dcm");
  EXPECT_FALSE(read_structure_set(file).ok());
  const ScanResult result = scan_paths({tmp.path()});
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].message.find("Modality is RTSTRUCT"), std::string::npos);
}

TEST_F(Fixtures, NamesComeOutAsUtf8WhateverTheCharacterSet) {
  const std::string hoernerv = "H\xC3\xB6rnerv_L";                     // Hörnerv_L
  const std::string spinal_cord = "\xE8\x84\x8A\xE9\xAB\x93";          // 脊髓
  const std::string parotid = "\xE8\x85\xAE\xE8\x85\xBA\xE5\xB7\xA6";  // 腮腺左
  struct Case {
    std::string charset;
    std::vector<std::string> names;
  };
  for (const Case& c : {Case{"ISO_IR 100", {hoernerv}}, Case{"ISO_IR 192", {hoernerv, spinal_cord}},
                        Case{"GB18030", {spinal_cord, parotid, hoernerv}}}) {
    SCOPED_TRACE(c.charset);
    RtstructFixture fixture;
    fixture.specific_character_set = c.charset;
    for (std::size_t i = 0; i < c.names.size(); ++i)
      fixture.rois.push_back(roi(static_cast<int>(i + 1), c.names[i]));
    const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->specific_character_set, c.charset);
    ASSERT_EQ(set->rois.size(), c.names.size());
    for (std::size_t i = 0; i < c.names.size(); ++i) EXPECT_EQ(set->rois[i].name, c.names[i]);
  }
}

TEST_F(Fixtures, UndeclaredNonAsciiBytesAreReadAsLatin1) {
  RtstructFixture fixture;
  fixture.specific_character_set = "";  // written byte for byte
  fixture.rois = {roi(1, "H\xF6rnerv_L"), roi(2,
                                              "R\xC3\xBC"
                                              "ckenmark")};  // Latin-1, then UTF-8
  const auto set = read_structure_set(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->specific_character_set, "");
  EXPECT_EQ(set->rois[0].name, "H\xC3\xB6rnerv_L");
  EXPECT_EQ(set->rois[1].name,
            "R\xC3\xBC"
            "ckenmark");  // valid UTF-8 is kept
}

TEST_F(Fixtures, EveryTransferSyntaxWithAndWithoutMetaReadsTheSame) {
  int index = 0;
  for (TransferSyntax syntax :
       {TransferSyntax::implicit_little, TransferSyntax::explicit_little, TransferSyntax::explicit_big})
    for (bool meta : {true, false}) {
      SCOPED_TRACE(index);
      RtstructFixture fixture = three_rois();
      fixture.transfer_syntax = syntax;
      fixture.write_file_meta = meta;
      const fs::path file = write(fixture, tmp.path() / ("rs" + std::to_string(index++) + ".dcm"));
      EXPECT_EQ(sniff_file(file), meta ? FileContent::part10 : FileContent::raw_dataset);
      const auto set = read_structure_set(file);
      ASSERT_TRUE(set.ok()) << set.error().message;
      ASSERT_EQ(set->rois.size(), 3u);
      EXPECT_EQ(set->rois[2].name, "PTV_7000");
      EXPECT_EQ(set->rois[0].contour_count, 3);
      const auto contours = read_contours(file);
      ASSERT_TRUE(contours.ok()) << contours.error().message;
      EXPECT_DOUBLE_EQ(contours->at(1)[2].points[1].x, 10.0);
      EXPECT_DOUBLE_EQ(contours->at(1)[2].points[1].z, 10.0);
    }
}

TEST_F(Fixtures, ContourPointsRoundTrip) {
  RtstructFixture fixture;
  FixtureRoi left = roi(3, "Kidney_L", "ORGAN", 0);
  left.contours = {square(-20.5, 15, 80.25), square(-17.5, 12, 79.75)};
  fixture.rois = {left};
  const auto contours = read_contours(write(fixture, tmp.path() / "rs.dcm"));
  ASSERT_TRUE(contours.ok());
  ASSERT_EQ(contours->count(3), 1u);
  const auto& list = contours->at(3);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].geometric_type, "CLOSED_PLANAR");
  ASSERT_EQ(list[0].points.size(), 4u);
  EXPECT_DOUBLE_EQ(list[0].points[0].x, 65.25);
  EXPECT_DOUBLE_EQ(list[1].points[2].y, 12.0);
  EXPECT_DOUBLE_EQ(list[1].points[2].z, -17.5);
}

TEST_F(Fixtures, TruncatedAndGarbledFilesAreErrors) {
  const fs::path good = write(three_rois(), tmp.path() / "good.dcm");
  std::ifstream in(good, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 600u);
  std::ofstream(tmp.path() / "truncated.dcm", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  std::string garbled = bytes.substr(0, 132);
  garbled.append(400, '\xEE');
  std::ofstream(tmp.path() / "garbled.dcm", std::ios::binary) << garbled;
  EXPECT_FALSE(read_structure_set(tmp.path() / "truncated.dcm").ok());
  EXPECT_FALSE(read_contours(tmp.path() / "truncated.dcm").ok());
  EXPECT_FALSE(read_structure_set(tmp.path() / "garbled.dcm").ok());
  EXPECT_FALSE(read_structure_set_from_memory(garbled, "garbled").ok());
  const ScanResult result = scan_paths({tmp.path()});
  EXPECT_EQ(result.structure_sets.size(), 1u);
  EXPECT_EQ(result.errors.size(), 2u);
}

TEST_F(Fixtures, MemoryAndFileReadingAgree) {
  const fs::path file = write(three_rois(), tmp.path() / "rs.dcm");
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto from_memory = read_structure_set_from_memory(bytes, "memory");
  ASSERT_TRUE(from_memory.ok()) << from_memory.error().message;
  EXPECT_EQ(from_memory->file, "memory");
  EXPECT_EQ(from_memory->rois.size(), 3u);
  EXPECT_TRUE(read_contours_from_memory(bytes).ok());
}

TEST_F(Fixtures, NonDicomFilesAreSkippedAndCounted) {
  write(three_rois(), tmp.path() / "rs.dcm");
  const fs::path other = tmp.path() / "other";
  fs::create_directories(other / "nested");
  std::ofstream(other / "notes.txt") << "ROI list: BODY, Parotid_L\n";
  std::ofstream(other / "scan.dcm") << "not really DICOM, despite the name\n";
  std::ofstream(other / "archive.tar.gz", std::ios::binary)
      << std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);
  std::ofstream(other / "nested" / "image.png", std::ios::binary)
      << std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  std::ofstream(other / "nested" / "plan.zip", std::ios::binary) << "PK\x03\x04 rest of a zip";
  std::ofstream(other / "empty");
  const ScanResult result = scan_paths({tmp.path()});
  EXPECT_EQ(result.files_seen, 7);
  EXPECT_EQ(result.non_dicom_skipped, 6);
  EXPECT_EQ(result.dicom_files, 1);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.structure_sets.size(), 1u);
}

TEST_F(Fixtures, CtPhantomIsIndexedAndLinkedForEveryPatientPosition) {
  for (const char* position : {"HFS", "FFS", "HFP", "FFP"}) {
    SCOPED_TRACE(position);
    const fs::path folder = tmp.path() / position;
    fixtures::CtSeriesFixture ct;
    ct.patient_position = position;
    ct.orientation = fixtures::standard_orientation(position);
    ct.rows = ct.columns = 16;
    ct.slices = 5;
    ct.pixel_spacing = 16;
    ct.first_position = {-120, -120, 0};
    // A dense "organ" on the patient's left (+x).
    ct.hounsfield = [](const Point3& p) { return p.x > 20 ? 40.0 : -1000.0; };
    const auto series = fixtures::write_ct_series(ct, folder / "ct");
    ASSERT_TRUE(series.ok()) << series.error().message;
    ASSERT_EQ(series->files.size(), 5u);
    const auto header = read_image_header(series->files[0]);
    ASSERT_TRUE(header.ok()) << header.error().message;
    EXPECT_EQ(header->series.patient_position, position);
    EXPECT_EQ(header->slice.orientation, ct.orientation);
    EXPECT_EQ(header->slice.rows, 16);

    RtstructFixture rs = three_rois();
    rs.referenced_image_uids = series->sop_instance_uids;
    write(rs, folder / "rs.dcm");
    const ScanResult result = scan_paths({folder});
    ASSERT_EQ(result.image_series.size(), 1u);
    EXPECT_EQ(result.image_series[0].patient_position, position);
    ASSERT_EQ(result.structure_sets.size(), 1u);
    EXPECT_EQ(result.image_links[0].match, ImageMatch::series_uid);
    EXPECT_EQ(result.image_links[0].slices, 5);
    EXPECT_EQ(result.image_links[0].referenced_images_found, 5);
  }
}

TEST_F(Fixtures, CtFoundByFrameOfReferenceWhenSeriesUidDiffers) {
  fixtures::CtSeriesFixture ct;
  ct.rows = ct.columns = 8;
  ct.slices = 3;
  ct.series_instance_uid = "1.2.826.0.1.3680043.10.1403.99";
  ASSERT_TRUE(fixtures::write_ct_series(ct, tmp.path() / "ct").ok());
  write(three_rois(), tmp.path() / "rs.dcm");
  const ScanResult result = scan_paths({tmp.path()});
  ASSERT_EQ(result.image_links.size(), 1u);
  EXPECT_EQ(result.image_links[0].match, ImageMatch::frame_of_reference);
  EXPECT_EQ(result.image_links[0].slices, 3);
}

TEST_F(Fixtures, ResultDoesNotDependOnThreadCount) {
  for (int i = 0; i < 12; ++i) {
    RtstructFixture fixture = three_rois();
    fixture.rois[1].name = fmt::format("Organ_{}", i);
    write(fixture, tmp.path() / fmt::format("d{}", i % 3) / fmt::format("rs{}.dcm", i));
  }
  std::ofstream(tmp.path() / "readme.txt") << "hello";
  ScanOptions one, four;
  four.threads = 4;
  const ScanResult a = scan_paths({tmp.path()}, one), b = scan_paths({tmp.path()}, four);
  ASSERT_EQ(a.structure_sets.size(), 12u);
  ASSERT_EQ(b.structure_sets.size(), 12u);
  for (std::size_t i = 0; i < a.structure_sets.size(); ++i) {
    EXPECT_EQ(a.structure_sets[i].file, b.structure_sets[i].file);
    EXPECT_EQ(a.structure_sets[i].rois[1].name, b.structure_sets[i].rois[1].name);
  }
  EXPECT_TRUE(std::is_sorted(a.structure_sets.begin(), a.structure_sets.end(),
                             [](const StructureSet& x, const StructureSet& y) { return x.file < y.file; }));
}

}  // namespace
}  // namespace roiname::dicom
