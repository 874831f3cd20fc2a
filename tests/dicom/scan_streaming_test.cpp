// The two-pass scan (index first, then each structure set read and handed
// over at once) against a plain reading of every file on its own: the same
// structure sets, ROIs, issues, CT links, image series, errors and counts,
// in the same order, at any thread count.
#include <gtest/gtest.h>

#include <fmt/core.h>
#include <fstream>
#include <nlohmann/json.hpp>

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

// Every field of a listed structure set, so that any difference shows.
std::string describe(const StructureSet& set, const ImageLink& link) {
  nlohmann::ordered_json rois = nlohmann::ordered_json::array(), issues = nlohmann::ordered_json::array();
  for (const Roi& roi : set.rois)
    rois.push_back({roi.number, roi.name, roi.description, roi.generation_algorithm,
                    roi.referenced_frame_of_reference_uid, roi.interpreted_type, roi.observation_label,
                    roi.display_color ? nlohmann::ordered_json(*roi.display_color) : nullptr,
                    roi.contour_count, roi.geometric_types, roi.has_contour_data});
  for (const Issue& issue : set.issues) issues.push_back({issue.severity == Severity::error, issue.message});
  const nlohmann::ordered_json all = {set.file,
                                      set.specific_character_set,
                                      set.sop_class_uid,
                                      set.modality,
                                      set.patient_id,
                                      set.patient_name,
                                      set.study_instance_uid,
                                      set.series_instance_uid,
                                      set.sop_instance_uid,
                                      set.manufacturer,
                                      set.manufacturer_model_name,
                                      set.study_description,
                                      set.series_description,
                                      set.label,
                                      set.name,
                                      set.date,
                                      set.frame_of_reference_uid,
                                      set.referenced_series_uid,
                                      set.referenced_image_uids,
                                      rois,
                                      issues,
                                      static_cast<int>(link.match),
                                      link.series_instance_uid,
                                      link.modality,
                                      link.slices,
                                      link.referenced_images,
                                      link.referenced_images_found};
  return all.dump();
}

std::string describe(const ImageSeries& series) {
  std::string files;
  for (const ImageSlice& slice : series.slices) files += slice.file + ";";
  return fmt::format("{} {} {} {} {} {} {}", series.series_instance_uid, series.frame_of_reference_uid,
                     series.study_instance_uid, series.patient_id, series.modality, series.patient_position,
                     files);
}

// What a scan must list, from reading each file on its own with the public
// one-file readers: structure sets in file order, with their CT linked to
// the series of every image file. Files that are DICOM but neither are
// errors when they cannot be parsed, have neither SOP Class UID nor
// Modality, or claim Modality RTSTRUCT; otherwise "other DICOM".
struct Expected {
  std::vector<std::string> sets;  // describe() of each
  std::vector<std::string> series;
  std::vector<std::string> error_files;
  int files_seen = 0, dicom_files = 0, non_dicom_skipped = 0, other_dicom = 0, rois = 0, warnings = 0,
      error_issues = 0;
};

Expected read_one_by_one(const std::vector<fs::path>& roots) {
  Expected expected;
  const FileList list = list_files(roots);
  for (const FileError& error : list.errors) expected.error_files.push_back(error.file);
  std::vector<StructureSet> sets;
  std::vector<IndexedImage> images;
  for (const fs::path& file : list.files) {
    ++expected.files_seen;
    if (sniff_file(file) == FileContent::not_dicom) {
      ++expected.non_dicom_skipped;
      continue;
    }
    ++expected.dicom_files;
    auto set = read_structure_set(file);
    if (set) {
      sets.push_back(std::move(set).value());
      continue;
    }
    auto image = read_image_header(file);
    if (image) {
      images.push_back(std::move(image).value());
      continue;
    }
    // read_contours names both SOP class and Modality when the file is not a set.
    const auto contours = read_contours(file);
    const std::string why = contours ? "" : contours.error().message;
    const bool usable_other = set.error().message.rfind("not an RT Structure Set", 0) == 0 &&
                              image.error().message.rfind("not a CT, MR or PET image", 0) == 0 &&
                              why.find("SOP Class UID '', Modality ''") == std::string::npos &&
                              why.find("Modality 'RTSTRUCT'") == std::string::npos;
    if (usable_other)
      ++expected.other_dicom;
    else
      expected.error_files.push_back(file.string());
  }
  const std::vector<ImageSeries> series = group_into_series(std::move(images));
  for (const ImageSeries& s : series) expected.series.push_back(describe(s));
  for (StructureSet& set : sets) {
    const ImageLink link = link_image_series(set, series);
    set.referenced_image_uids.clear();  // the scan does not keep them
    expected.sets.push_back(describe(set, link));
    expected.rois += static_cast<int>(set.rois.size());
    for (const Issue& issue : set.issues)
      (issue.severity == Severity::error ? expected.error_issues : expected.warnings) += 1;
  }
  return expected;
}

// The streaming scan, with what its sink received in order.
struct Streamed {
  std::vector<std::string> sets;
  ScanSummary summary;
};

Streamed stream(const std::vector<fs::path>& roots, int threads) {
  Streamed streamed;
  ScanOptions options;
  options.threads = threads;
  std::size_t last_done = 0;
  options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_GE(done, last_done);
    EXPECT_LE(done, total);
    last_done = done;
  };
  streamed.summary = scan_streaming(roots, options, [&](ScannedStructureSet&& scanned) {
    streamed.sets.push_back(describe(scanned.set, scanned.link));
  });
  EXPECT_EQ(last_done, static_cast<std::size_t>(streamed.summary.files_seen));
  return streamed;
}

void expect_same(const Expected& expected, const Streamed& streamed) {
  ASSERT_EQ(streamed.sets.size(), expected.sets.size());
  for (std::size_t i = 0; i < expected.sets.size(); ++i) EXPECT_EQ(streamed.sets[i], expected.sets[i]);
  const ScanSummary& s = streamed.summary;
  std::vector<std::string> series, error_files;
  for (const ImageSeries& one : s.image_series) series.push_back(describe(one));
  for (const FileError& error : s.errors) error_files.push_back(error.file);
  EXPECT_EQ(series, expected.series);
  EXPECT_EQ(error_files, expected.error_files);
  EXPECT_EQ(s.files_seen, expected.files_seen);
  EXPECT_EQ(s.dicom_files, expected.dicom_files);
  EXPECT_EQ(s.non_dicom_skipped, expected.non_dicom_skipped);
  EXPECT_EQ(s.other_dicom, expected.other_dicom);
  EXPECT_EQ(s.structure_sets, static_cast<int>(expected.sets.size()));
  EXPECT_EQ(s.rois, expected.rois);
  EXPECT_EQ(s.warnings, expected.warnings);
  EXPECT_EQ(s.error_issues, expected.error_issues);
}

FixtureRoi roi(int number, std::string name, int contours = 2) {
  FixtureRoi r;
  r.number = number;
  r.name = std::move(name);
  for (int i = 0; i < contours; ++i)
    r.contours.push_back({"CLOSED_PLANAR", {{-5, -5, 2.5 * i}, {5, -5, 2.5 * i}, {5, 5, 2.5 * i}}});
  return r;
}

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A corpus with every kind of file a scan meets, in several folders.
void write_mixed_corpus(const fs::path& root) {
  fixtures::CtSeriesFixture ct;
  ct.rows = ct.columns = 8;
  ct.slices = 4;
  const auto series = fixtures::write_ct_series(ct, root / "b" / "ct");
  ASSERT_TRUE(series.ok());
  fixtures::CtSeriesFixture other_ct = ct;
  other_ct.series_instance_uid = "1.2.826.0.1.3680043.10.1403.77";
  other_ct.frame_of_reference_uid = "1.2.826.0.1.3680043.10.1403.78";
  other_ct.slices = 2;
  ASSERT_TRUE(fixtures::write_ct_series(other_ct, root / "c" / "ct").ok());
  for (int i = 0; i < 9; ++i) {
    RtstructFixture rs;
    rs.rois = {roi(1, "BODY", 3), roi(2, fmt::format("Organ_{}", i)), roi(3, "PTV", 0)};
    if (i % 3 == 0) rs.referenced_image_uids = series->sop_instance_uids;
    if (i % 3 == 1) rs.referenced_series_uid = "1.2.3.4";   // found by frame of reference
    if (i % 3 == 2) rs.frame_of_reference_uid = "1.2.3.5";  // no CT
    if (i == 4) rs.rois[1].number = 1;                      // error-level issue
    if (i == 5) rs.transfer_syntax = fixtures::TransferSyntax::implicit_little, rs.write_file_meta = false;
    if (i == 7) rs.write_observations_sequence = false;
    const char* folder = i < 3 ? "a" : i < 6 ? "b" : "c";
    ASSERT_TRUE(fixtures::write_rtstruct(rs, root / folder / fmt::format("rs{}.dcm", i)).ok());
  }
  RtstructFixture plan;
  plan.sop_class_uid = "1.2.840.10008.5.1.4.1.1.481.5";  // RT Plan: other DICOM
  plan.modality = "RTPLAN";
  ASSERT_TRUE(fixtures::write_rtstruct(plan, root / "a" / "plan.dcm").ok());
  RtstructFixture no_rois;
  no_rois.rois = {roi(1, "BODY")};
  no_rois.write_structure_set_roi_sequence = false;  // fails in pass 2
  ASSERT_TRUE(fixtures::write_rtstruct(no_rois, root / "b" / "no_rois.dcm").ok());
  const std::string good = bytes_of(root / "a" / "rs0.dcm");
  std::ofstream(root / "b" / "truncated.dcm", std::ios::binary) << good.substr(0, good.size() * 2 / 3);
  std::ofstream(root / "a" / "garbled.dcm", std::ios::binary)
      << good.substr(0, 132) + std::string(400, '\xEE');
  std::ofstream(root / "c" / "short.dcm", std::ios::binary) << good.substr(0, 200);  // fails in pass 1
  std::ofstream(root / "c" / "notes.txt") << "not DICOM\n";
}

class ScanStreaming : public ::testing::Test {
 protected:
  roiname::testing::TempDir tmp;
};

TEST_F(ScanStreaming, ListsWhatReadingEachFileAloneGivesAtAnyThreadCount) {
  write_mixed_corpus(tmp.path());
  const std::vector<fs::path> roots = {tmp.path() / "c", tmp.path() / "a", tmp.path() / "b",
                                       tmp.path() / "missing"};
  const Expected expected = read_one_by_one(roots);
  ASSERT_EQ(expected.sets.size(), 9u);
  ASSERT_EQ(expected.error_files.size(), 5u)  // missing folder, short, garbled, no ROI sequence, truncated
      << ::testing::PrintToString(expected.error_files);
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    const Streamed streamed = stream(roots, threads);
    expect_same(expected, streamed);
    EXPECT_EQ(streamed.summary.error_count(), 6);  // 5 files + 1 duplicate ROI number
  }
  // The error messages are those of reading the file alone.
  const Streamed streamed = stream(roots, 2);
  const auto message_of = [&](const fs::path& file) {
    for (const FileError& error : streamed.summary.errors)
      if (error.file == file.string()) return error.message;
    return std::string("(not listed)");
  };
  EXPECT_EQ(message_of(tmp.path() / "b" / "truncated.dcm"),
            read_structure_set(tmp.path() / "b" / "truncated.dcm").error().message);
  EXPECT_EQ(message_of(tmp.path() / "b" / "no_rois.dcm"),
            read_structure_set(tmp.path() / "b" / "no_rois.dcm").error().message);
  EXPECT_EQ(message_of(tmp.path() / "c" / "short.dcm"),
            read_structure_set(tmp.path() / "c" / "short.dcm").error().message);
  EXPECT_EQ(message_of(tmp.path() / "a" / "garbled.dcm"),
            "no SOP Class UID or Modality: not a usable DICOM object");
}

TEST_F(ScanStreaming, RtstructModalityWithAnotherSopClassIsAnErrorInFileOrder) {
  RtstructFixture odd;
  odd.sop_class_uid = "1.2.840.10008.5.1.4.1.1.481.5";
  odd.rois = {roi(1, "BODY")};
  ASSERT_TRUE(fixtures::write_rtstruct(odd, tmp.path() / "b.dcm").ok());
  RtstructFixture good;
  good.rois = {roi(1, "BODY")};
  ASSERT_TRUE(fixtures::write_rtstruct(good, tmp.path() / "a.dcm").ok());
  std::ofstream(tmp.path() / "c.dcm", std::ios::binary) << bytes_of(tmp.path() / "a.dcm").substr(0, 700);
  const Streamed streamed = stream({tmp.path()}, 2);
  ASSERT_EQ(streamed.sets.size(), 1u);
  ASSERT_EQ(streamed.summary.errors.size(), 2u);
  EXPECT_EQ(streamed.summary.errors[0].file, (tmp.path() / "b.dcm").string());
  EXPECT_NE(streamed.summary.errors[0].message.find("Modality is RTSTRUCT"), std::string::npos);
  EXPECT_EQ(streamed.summary.errors[1].file, (tmp.path() / "c.dcm").string());
  EXPECT_EQ(streamed.summary.other_dicom, 0);
}

TEST_F(ScanStreaming, ScanPathsKeepsWhatTheSinkReceives) {
  write_mixed_corpus(tmp.path());
  const ScanResult one = scan_paths({tmp.path()}), two = scan_paths({tmp.path()}, {2, {}});
  const Streamed streamed = stream({tmp.path()}, 1);
  ASSERT_EQ(one.structure_sets.size(), streamed.sets.size());
  for (std::size_t i = 0; i < streamed.sets.size(); ++i) {
    EXPECT_EQ(describe(one.structure_sets[i], one.image_links[i]), streamed.sets[i]);
    EXPECT_EQ(describe(two.structure_sets[i], two.image_links[i]), streamed.sets[i]);
  }
  EXPECT_EQ(one.errors.size(), streamed.summary.errors.size());
  EXPECT_EQ(one.error_count(), streamed.summary.error_count());
  EXPECT_EQ(one.other_dicom, streamed.summary.other_dicom);
}

TEST(ScanStreamingSharedData, ListsWhatReadingEachFileAloneGives) {
  ROINAME_REQUIRE_SHARED();
  const fs::path dicom = roiname::testing::shared_dir() / "data" / "dicom";
  const Expected expected = read_one_by_one({dicom});
  ASSERT_GE(expected.sets.size(), 15u);
  for (int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    expect_same(expected, stream({dicom}, threads));
  }
}

}  // namespace
}  // namespace roiname::dicom
