// Synthetic CT phantoms in the four standard patient positions, with and
// without a BODY contour: the verdict must be right in every position, and
// the CT midline must come out where the body is, whatever the orientation.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/laterality/laterality_check.h"
#include "dicom/ct_pixels.h"
#include "dicom/fixtures/fixture_writer.h"
#include "dicom/laterality_inputs.h"
#include "dicom/scan.h"
#include "support/test_support.h"

namespace roiname::dicom {
namespace {

constexpr double kBodyCentreX = 15;  // off zero, so a mirrored mapping shows

// The phantom's body: an ellipse of water centred at x = 15 mm, a separate
// table plate below it, air elsewhere.
double phantom_hu(const Point3& p) {
  const double ex = (p.x - kBodyCentreX) / 100, ey = p.y / 70;
  if (ex * ex + ey * ey < 1) return 0;
  if (p.y > 90 && p.y < 96) return 300;
  return -1000;
}

// A square axial contour of half-width `half` around (x, y) at each z.
std::vector<Contour> block(double x, double y, double half, const std::vector<double>& zs) {
  std::vector<Contour> contours;
  for (double z : zs)
    contours.push_back({"CLOSED_PLANAR",
                        {{x - half, y - half, z},
                         {x + half, y - half, z},
                         {x + half, y + half, z},
                         {x - half, y + half, z}}});
  return contours;
}

std::vector<Contour> body_outline(const std::vector<double>& zs) {
  std::vector<Contour> contours;
  for (double z : zs) {
    Contour c{"CLOSED_PLANAR", {}};
    for (int i = 0; i < 64; ++i) {
      const double a = 2 * M_PI * i / 64;
      c.points.push_back({kBodyCentreX + 100 * std::cos(a), 70 * std::sin(a), z});
    }
    contours.push_back(c);
  }
  return contours;
}

struct Phantom {
  testing::TempDir dir;
  ScanResult scan;
};

// Writes a CT in `position` (its standard orientation, or `orientation`
// when given) and an RTSTRUCT with Kidney_L on the left, Kidney_R on the
// right, a wrongly named Lung_R on the left, and optionally a BODY.
std::unique_ptr<Phantom> make_phantom(const std::string& position, bool with_body,
                                      std::optional<std::array<double, 6>> orientation = {}) {
  auto phantom = std::make_unique<Phantom>();
  fixtures::CtSeriesFixture ct;
  ct.patient_position = position;
  ct.orientation = orientation.value_or(fixtures::standard_orientation(position));
  ct.rows = ct.columns = 128;
  ct.pixel_spacing = 2;
  ct.slice_spacing = 5;
  ct.slices = 9;
  // Put the first pixel where the row and column directions start so the
  // image covers x, y ∈ [-127, 127]; slices run along row × column.
  const auto& o = ct.orientation;
  const double normal_z = o[0] * o[4] - o[1] * o[3];
  ct.first_position = {o[0] > 0 || o[3] > 0 ? -127.0 : 127.0, o[4] > 0 || o[1] > 0 ? -127.0 : 127.0,
                       normal_z > 0 ? -20.0 : 20.0};
  ct.hounsfield = phantom_hu;
  auto written = fixtures::write_ct_series(ct, phantom->dir.path() / "ct");
  EXPECT_TRUE(written.ok()) << (written ? "" : written.error().message);
  if (!written) return phantom;

  const std::vector<double> zs = {-10, -5, 0, 5, 10};
  fixtures::RtstructFixture rs;
  rs.referenced_series_uid = ct.series_instance_uid;
  rs.referenced_image_uids = written->sop_instance_uids;
  auto roi = [](int number, std::string name, std::vector<Contour> contours, std::string type = "ORGAN") {
    fixtures::FixtureRoi r;
    r.number = number;
    r.name = std::move(name);
    r.interpreted_type = std::move(type);
    r.contours = std::move(contours);
    return r;
  };
  rs.rois.push_back(roi(1, "Kidney_L", block(kBodyCentreX + 55, 0, 12, zs)));
  rs.rois.push_back(roi(2, "Kidney_R", block(kBodyCentreX - 55, 0, 12, zs)));
  rs.rois.push_back(roi(3, "Lung_R", block(kBodyCentreX + 40, -20, 15, zs)));
  if (with_body) rs.rois.push_back(roi(4, "BODY", body_outline(zs), "EXTERNAL"));
  auto rtstruct = fixtures::write_rtstruct(rs, phantom->dir.path() / "rs.dcm");
  EXPECT_TRUE(rtstruct.ok()) << (rtstruct ? "" : rtstruct.error().message);
  phantom->scan = scan_paths({phantom->dir.path()});
  return phantom;
}

const LateralityVerdict* find(const LateralityReport& report, const std::string& name) {
  for (const auto& v : report.verdicts)
    if (v.roi_name == name) return &v;
  return nullptr;
}

const ImageSeries* linked_series(const ScanResult& scan) {
  for (const auto& series : scan.image_series)
    if (series.series_instance_uid == scan.image_links.at(0).series_instance_uid) return &series;
  return nullptr;
}

class PhantomPositions : public ::testing::TestWithParam<std::tuple<std::string, bool>> {};

TEST_P(PhantomPositions, VerdictIsRightInEveryPosition) {
  const auto& [position, with_body] = GetParam();
  auto phantom = make_phantom(position, with_body);
  ASSERT_EQ(phantom->scan.structure_sets.size(), 1u);
  const ImageSeries* series = linked_series(phantom->scan);
  ASSERT_NE(series, nullptr);
  EXPECT_EQ(series->patient_position, position);

  auto run = check_structure_set_laterality(phantom->scan.structure_sets[0], series);
  ASSERT_TRUE(run.ok()) << run.error().message;
  ASSERT_TRUE(run->orientation.has_value());
  EXPECT_EQ(run->orientation->agreement, geometry::OrientationAgreement::consistent)
      << run->orientation->message;

  const MidlineSource expected_source =
      with_body ? MidlineSource::external_contour : MidlineSource::ct_body_mask;
  for (const char* name : {"Kidney_L", "Kidney_R"}) {
    const LateralityVerdict* v = find(run->report, name);
    ASSERT_NE(v, nullptr) << name;
    EXPECT_EQ(v->status, LateralityStatus::consistent) << position << " " << name << ": " << v->reason;
    EXPECT_EQ(v->midline_source, expected_source) << v->reason;
    EXPECT_NEAR(v->midline_x, kBodyCentreX, 3) << position << ": the midline follows the body, not the image";
  }
  const LateralityVerdict* wrong = find(run->report, "Lung_R");
  ASSERT_NE(wrong, nullptr);
  EXPECT_EQ(wrong->status, LateralityStatus::contradicts) << position << ": " << wrong->reason;
  EXPECT_TRUE(wrong->needs_review);
  EXPECT_TRUE(run->report.any_contradiction());
  if (!with_body) {
    EXPECT_NE(run->ct_summary.find("9 slices indexed"), std::string::npos) << run->ct_summary;
  }
}

INSTANTIATE_TEST_SUITE_P(AllPositions, PhantomPositions,
                         ::testing::Combine(::testing::Values("HFS", "FFS", "HFP", "FFP"), ::testing::Bool()),
                         [](const auto& info) {
                           return std::get<0>(info.param) +
                                  (std::get<1>(info.param) ? "_with_body" : "_ct_mask");
                         });

TEST(PhantomOrientation, PositionThatDisagreesWithTheOrientationNeedsReview) {
  // Written as FFS but with head-first supine axes (like the resampled STS_003 MR).
  auto phantom = make_phantom("FFS", false, fixtures::standard_orientation("HFS"));
  const ImageSeries* series = linked_series(phantom->scan);
  ASSERT_NE(series, nullptr);
  auto run = check_structure_set_laterality(phantom->scan.structure_sets[0], series);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->orientation->agreement, geometry::OrientationAgreement::inconsistent);
  const LateralityVerdict* left = find(run->report, "Kidney_L");
  ASSERT_NE(left, nullptr);
  EXPECT_EQ(left->status, LateralityStatus::consistent);  // coordinates still say left...
  EXPECT_TRUE(left->needs_review);                        // ...but a person must confirm them
}

TEST(PhantomCt, OnlyTheSlicesNeededAreRead) {
  auto phantom = make_phantom("HFS", false);
  const ImageSeries* series = linked_series(phantom->scan);
  ASSERT_NE(series, nullptr);
  CtBodyMidline ct(*series);
  EXPECT_EQ(ct.slices_read(), 0);
  auto centre = ct.body_center_x(0);
  ASSERT_TRUE(centre.has_value());
  EXPECT_NEAR(*centre, kBodyCentreX, 2);
  EXPECT_EQ(ct.slices_read(), 1);
  ct.body_center_x(0.4);  // same slice: cached
  EXPECT_EQ(ct.slices_read(), 1);
  EXPECT_FALSE(ct.body_center_x(500).has_value());  // no slice there
  EXPECT_EQ(ct.slices_read(), 1);
}

TEST(PhantomCt, IncompleteSeriesFallsBackAndSaysSo) {
  auto phantom = make_phantom("HFS", false);
  // Remove every CT slice but the first: the ROIs' slices are gone.
  ImageSeries series = *linked_series(phantom->scan);
  series.slices.resize(1);
  auto run = check_structure_set_laterality(phantom->scan.structure_sets[0], &series);
  ASSERT_TRUE(run.ok());
  const LateralityVerdict* left = find(run->report, "Kidney_L");
  ASSERT_NE(left, nullptr);
  EXPECT_EQ(left->midline_source, MidlineSource::mean_of_rois);
  bool said = false;
  for (const auto& note : run->report.notes) said |= note.find("mean_of_rois") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(PhantomCt, UnreadableSliceIsAProblemNotACrash) {
  auto phantom = make_phantom("HFS", false);
  ImageSeries series = *linked_series(phantom->scan);
  for (auto& slice : series.slices) slice.file = (phantom->dir.path() / "missing.dcm").string();
  CtBodyMidline ct(series);
  EXPECT_FALSE(ct.body_center_x(0).has_value());
  ASSERT_FALSE(ct.problems().empty());
}

// The command end to end on a phantom: Lung_R lies on the left.
TEST(CheckLateralityCli, ContradictionExitsOneWithTheNumbers) {
  auto phantom = make_phantom("HFP", false);
  const auto dir = testing::shell_quote(phantom->dir.path().string());
  const auto table = testing::run_roiname("check-laterality " + dir);
  EXPECT_EQ(table.exit_code, 1) << table.err;
  EXPECT_NE(table.out.find("Lung_R"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("contradicts"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("ct_body_mask"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("proposed name"), std::string::npos);

  const auto json = testing::run_roiname("check-laterality --format json --propose-side-fix " + dir);
  EXPECT_EQ(json.exit_code, 1);
  const auto parsed = nlohmann::json::parse(json.out);
  ASSERT_EQ(parsed["structure_sets"].size(), 1u);
  EXPECT_EQ(parsed["summary"]["contradicts"], 1);
  EXPECT_EQ(parsed["summary"]["consistent"], 2);
  bool seen = false;
  for (const auto& v : parsed["structure_sets"][0]["verdicts"]) {
    if (v["roi_name"] != "Lung_R") continue;
    seen = true;
    EXPECT_EQ(v["verdict"], "contradicts");
    EXPECT_EQ(v["needs_review"], true);
    EXPECT_EQ(v["proposed_name"], "Lung_L");
    EXPECT_NEAR(v["midline_x_mm"].get<double>(), kBodyCentreX, 3);
    EXPECT_NEAR(v["centroid_x_mm"].get<double>(), kBodyCentreX + 40, 0.5);
    EXPECT_EQ(v["midline_source"], "ct_body_mask");
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(parsed["structure_sets"][0]["orientation"]["agreement"], "consistent");
}

TEST(CheckLateralityCli, PngDirGetsOneImagePerMeasuredRoi) {
  auto phantom = make_phantom("FFS", true);
  testing::TempDir out;
  const auto result = testing::run_roiname("check-laterality --png-dir " +
                                           testing::shell_quote((out.path() / "png").string()) + " " +
                                           testing::shell_quote(phantom->dir.path().string()));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  int images = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out.path() / "png")) {
    EXPECT_EQ(entry.path().extension(), ".png");
    EXPECT_GT(std::filesystem::file_size(entry.path()), 100u);
    ++images;
  }
  EXPECT_EQ(images, 3);
}

TEST(CheckLateralityCli, NoSideNoProblem) {
  testing::TempDir dir;
  fixtures::RtstructFixture rs;
  fixtures::FixtureRoi heart;
  heart.name = "Heart";
  heart.contours = block(0, 0, 10, {0, 3});
  rs.rois.push_back(heart);
  ASSERT_TRUE(fixtures::write_rtstruct(rs, dir.path() / "rs.dcm").ok());
  const auto result = testing::run_roiname("check-laterality " + testing::shell_quote(dir.path().string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("no ROI name states a side"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace roiname::dicom
