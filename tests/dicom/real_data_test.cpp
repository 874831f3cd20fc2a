// Every RTSTRUCT of the shared real data (ROI_INVENTORY.tsv) read exactly,
// plus the real oddities: LUNG1-001's complete CT, the corrupted copy, the
// transcodes, the file without meta header, Latin-1 text.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "dicom/discovery.h"
#include "dicom/rtstruct_reader.h"
#include "dicom/scan.h"
#include "support/test_support.h"

namespace roiname::dicom {
namespace {

namespace fs = std::filesystem;
using roiname::testing::shared_dir;

fs::path dicom_dir() { return shared_dir() / "data" / "dicom"; }

struct InventoryRow {
  int number = 0;
  std::string name, type, geometry;
  int contours = 0;
};

// ROI_INVENTORY.tsv grouped by file (relative to data/dicom), rows in file order.
std::map<std::string, std::vector<InventoryRow>> read_inventory() {
  std::map<std::string, std::vector<InventoryRow>> inventory;
  std::ifstream in(dicom_dir() / "ROI_INVENTORY.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
    if (cells.size() < 6) continue;
    InventoryRow row;
    row.number = std::stoi(cells[1]);
    row.name = cells[2];
    row.type = cells[3] == "(empty)" ? "" : cells[3];
    row.contours = std::stoi(cells[4]);
    row.geometry = cells[5] == "-" ? "" : cells[5];
    inventory[cells[0]].push_back(row);
  }
  return inventory;
}

TEST(RealData, EveryInventoriedRoiIsReadExactly) {
  ROINAME_REQUIRE_SHARED();
  const auto inventory = read_inventory();
  ASSERT_GE(inventory.size(), 20u);
  for (const auto& [file, rows] : inventory) {
    SCOPED_TRACE(file);
    const auto set = read_structure_set(dicom_dir() / file);
    ASSERT_TRUE(set.ok()) << set.error().message;
    ASSERT_EQ(set->rois.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Roi& roi = set->rois[i];
      EXPECT_EQ(roi.number, rows[i].number);
      EXPECT_EQ(roi.name, rows[i].name);
      EXPECT_EQ(roi.interpreted_type, rows[i].type) << roi.name;
      EXPECT_EQ(roi.contour_count, rows[i].contours) << roi.name;
      const std::string geometry = roi.geometric_types.empty() ? "" : roi.geometric_types.front();
      EXPECT_EQ(geometry, rows[i].geometry) << roi.name;
    }
    for (const Issue& issue : set->issues) EXPECT_EQ(issue.severity, Severity::warning) << issue.message;
  }
}

TEST(RealData, NameOnlyAndFullLoadingAgree) {
  ROINAME_REQUIRE_SHARED();
  const fs::path file = dicom_dir() / "dicompyler-core-example" / "rtss.dcm";
  const auto names_only = read_structure_set(file, LoadMode::names_only);
  const auto everything = read_structure_set(file, LoadMode::everything);
  ASSERT_TRUE(names_only.ok() && everything.ok());
  ASSERT_EQ(names_only->rois.size(), everything->rois.size());
  for (std::size_t i = 0; i < names_only->rois.size(); ++i) {
    EXPECT_EQ(names_only->rois[i].name, everything->rois[i].name);
    EXPECT_EQ(names_only->rois[i].contour_count, everything->rois[i].contour_count);
  }
}

TEST(RealData, Lung1CtSeriesIsFoundComplete) {
  ROINAME_REQUIRE_SHARED();
  roiname::testing::TempDir tmp;
  const fs::path archive = dicom_dir() / "mirp-nsclc-lung1-001" / "image.tar.xz";
  const auto unpacked =
      roiname::testing::run_shell("tar -xJf " + roiname::testing::shell_quote(archive.string()) + " -C " +
                                  roiname::testing::shell_quote(tmp.path().string()));
  ASSERT_EQ(unpacked.exit_code, 0) << unpacked.err;
  const fs::path rtstruct = dicom_dir() / "mirp-nsclc-lung1-001" / "mask_rtstruct" / "1-1.dcm";
  ScanOptions options;
  options.threads = 2;
  const ScanResult result = scan_paths({tmp.path(), rtstruct}, options);
  EXPECT_TRUE(result.errors.empty());
  ASSERT_EQ(result.structure_sets.size(), 1u);
  ASSERT_EQ(result.image_series.size(), 1u);
  EXPECT_EQ(result.image_series[0].modality, "CT");
  EXPECT_EQ(result.image_series[0].patient_position, "HFS");
  ASSERT_EQ(result.image_series[0].slices.size(), 134u);
  // Sorted along the normal: z from -681.5 to -282.5.
  EXPECT_DOUBLE_EQ(result.image_series[0].slices.front().image_position->z, -681.5);
  EXPECT_DOUBLE_EQ(result.image_series[0].slices.back().image_position->z, -282.5);
  const ImageLink& link = result.image_links[0];
  EXPECT_EQ(link.match, ImageMatch::series_uid);
  EXPECT_EQ(link.slices, 134);
  EXPECT_EQ(link.referenced_images, 134);
  EXPECT_EQ(link.referenced_images_found, 134);
}

TEST(RealData, CorruptedFileIsAnErrorNotACrash) {
  ROINAME_REQUIRE_SHARED();
  const fs::path folder = dicom_dir() / "slicerrt-eclipse-prostate-phantom" / "corrupted-crlf";
  const fs::path file = folder / "RS.1.2.246.352.71.4.2088656855.2404649.20110920153449.dcm";
  const auto set = read_structure_set(file);
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("corrupted"), std::string::npos) << set.error().message;
  EXPECT_FALSE(read_contours(file).ok());
  const ScanResult result = scan_paths({folder});
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].file, file.string());
  EXPECT_TRUE(result.structure_sets.empty());
}

TEST(RealData, TransferSyntaxTranscodesReadTheSame) {
  ROINAME_REQUIRE_SHARED();
  const auto original = read_structure_set(dicom_dir() / "pydicom-testfiles" / "rtstruct.dcm");
  ASSERT_TRUE(original.ok());
  for (const char* name :
       {"pydicom_rtstruct_explicit_big_endian.dcm", "pydicom_rtstruct_explicit_little_endian.dcm"}) {
    SCOPED_TRACE(name);
    const fs::path file = dicom_dir() / "derived-dcmconv" / name;
    EXPECT_EQ(sniff_file(file), FileContent::part10);
    const auto copy = read_structure_set(file);
    ASSERT_TRUE(copy.ok()) << copy.error().message;
    ASSERT_EQ(copy->rois.size(), original->rois.size());
    for (std::size_t i = 0; i < copy->rois.size(); ++i) {
      EXPECT_EQ(copy->rois[i].name, original->rois[i].name);
      EXPECT_EQ(copy->rois[i].display_color, original->rois[i].display_color);
    }
    const auto contours = read_contours(file);
    const auto original_contours = read_contours(dicom_dir() / "pydicom-testfiles" / "rtstruct.dcm");
    ASSERT_TRUE(contours.ok() && original_contours.ok());
    ASSERT_EQ(contours->size(), original_contours->size());
    const auto& points = contours->at(1).front().points;
    const auto& original_points = original_contours->at(1).front().points;
    ASSERT_EQ(points.size(), original_points.size());
    EXPECT_DOUBLE_EQ(points[0].x, original_points[0].x);
    EXPECT_DOUBLE_EQ(points[0].z, original_points[0].z);
  }
}

TEST(RealData, BigEndianIbsiStructureSetFindsItsCt) {
  ROINAME_REQUIRE_SHARED();
  const ScanResult result =
      scan_paths({dicom_dir() / "derived-dcmconv" / "ibsi1_rtstruct_explicit_big_endian.dcm",
                  dicom_dir() / "mirp-ibsi1-ct-phantom" / "image"});
  ASSERT_EQ(result.structure_sets.size(), 1u);
  EXPECT_EQ(result.image_links[0].match, ImageMatch::series_uid);
  EXPECT_EQ(result.image_links[0].slices, 60);
  EXPECT_EQ(result.image_links[0].referenced_images_found, 60);
}

TEST(RealData, FileWithoutPreambleOrMetaIsRead) {
  ROINAME_REQUIRE_SHARED();
  const fs::path file = dicom_dir() / "pydicom-testfiles" / "rtstruct.dcm";
  EXPECT_EQ(sniff_file(file), FileContent::raw_dataset);
  const auto set = read_structure_set(file);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->patient_id, "tPhantom30sep");
  ASSERT_EQ(set->rois.size(), 3u);
  EXPECT_EQ(set->rois[1].geometric_types, std::vector<std::string>{"POINT"});
}

TEST(RealData, Latin1TextComesOutAsUtf8) {
  ROINAME_REQUIRE_SHARED();
  const auto set =
      read_structure_set(dicom_dir() / "pps-plan-competition-rtstructs" / "GK_plan_test_RTSTRUCT.dcm");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->specific_character_set, "ISO_IR 100");
  EXPECT_EQ(set->manufacturer_model_name, "Leksell GammaPlan\xC2\xAE");
}

TEST(RealData, Utf8DeclaredFileKeepsItsNames) {
  ROINAME_REQUIRE_SHARED();
  const auto set =
      read_structure_set(dicom_dir() / "pps-plan-competition-rtstructs" / "CK_PLAN_new_plan_RS.dcm");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->specific_character_set, "ISO_IR 192");
  EXPECT_EQ(set->rois.back().name, "OPTIC STRUCTURES");
}

TEST(RealData, ContoursOnDemandMatchTheInventory) {
  ROINAME_REQUIRE_SHARED();
  const auto contours = read_contours(dicom_dir() / "mirp-nsclc-lung1-001" / "mask_rtstruct" / "1-1.dcm");
  ASSERT_TRUE(contours.ok()) << contours.error().message;
  ASSERT_EQ(contours->size(), 4u);
  EXPECT_EQ(contours->at(7).size(), 139u);  // Lung-Left
  // Mean x of all Lung-Left points is +82.5 mm (patient left).
  double sum = 0;
  std::size_t count = 0;
  for (const Contour& contour : contours->at(7))
    for (const Point3& p : contour.points) sum += p.x, ++count;
  EXPECT_NEAR(sum / static_cast<double>(count), 82.5, 0.05);
}

}  // namespace
}  // namespace roiname::dicom
