#include <gtest/gtest.h>

#include "core/laterality/laterality_check.h"

namespace roiname {
namespace {

// A box ROI over x ∈ [x0, x1], y ∈ [0, 40], slices z = 0, 3, ..., 27.
RoiShape box(int number, std::string name, double x0, double x1, std::string type = "ORGAN") {
  std::vector<Contour> contours;
  for (int i = 0; i < 10; ++i) {
    const double z = 3.0 * i;
    contours.push_back({"CLOSED_PLANAR", {{x0, 0, z}, {x1, 0, z}, {x1, 40, z}, {x0, 40, z}}});
  }
  return {number, std::move(name), "", std::move(type), geometry::measure_roi(contours)};
}

const LateralityVerdict& verdict_for(const LateralityReport& report, int number) {
  for (const auto& v : report.verdicts)
    if (v.roi_number == number) return v;
  throw std::runtime_error("no verdict");
}

// A CT whose body is centred at a fixed x on every slice.
class FixedBody : public BodyMidlineSource {
 public:
  explicit FixedBody(double x) : x_(x) {}
  std::optional<double> body_center_x(double) override {
    ++calls;
    return x_;
  }
  int calls = 0;

 private:
  double x_;
};

TEST(Laterality, ConsistentAndContradictingWithExternalMidline) {
  // Body centred at x = 20 (not 0): the midline must come from it.
  const std::vector<RoiShape> rois = {box(1, "BODY", -180, 220, "EXTERNAL"), box(2, "Parotid_L", 60, 100),
                                      box(3, "Parotid_R", -60, -20), box(4, "Kidney_L", -60, -30)};
  const LateralityReport report = check_laterality(rois, nullptr);
  ASSERT_EQ(report.verdicts.size(), 3u);
  const auto& left = verdict_for(report, 2);
  EXPECT_EQ(left.status, LateralityStatus::consistent);
  EXPECT_EQ(left.midline_source, MidlineSource::external_contour);
  EXPECT_NEAR(left.midline_x, 20, 1e-9);
  EXPECT_NEAR(left.centroid_x, 80, 1e-9);
  EXPECT_NEAR(left.distance_mm, 60, 1e-9);
  EXPECT_FALSE(left.needs_review);
  EXPECT_EQ(verdict_for(report, 3).status, LateralityStatus::consistent);
  const auto& wrong = verdict_for(report, 4);
  EXPECT_EQ(wrong.status, LateralityStatus::contradicts);
  EXPECT_TRUE(wrong.needs_review);
  EXPECT_NEAR(wrong.distance_mm, -65, 1e-9);
  EXPECT_NE(wrong.reason.find("-45.0"), std::string::npos) << wrong.reason;
  EXPECT_FALSE(wrong.proposed_name.has_value());  // only with propose_side_fix
  EXPECT_TRUE(report.any_contradiction());
}

TEST(Laterality, ProposesTheMirroredNameButStillFlags) {
  const std::vector<RoiShape> rois = {box(1, "BODY", -200, 200, "EXTERNAL"), box(2, "Lt Lung", -120, -20)};
  LateralityOptions options;
  options.propose_side_fix = true;
  const auto report = check_laterality(rois, nullptr, options);
  const auto& v = verdict_for(report, 2);
  EXPECT_EQ(v.status, LateralityStatus::contradicts);
  EXPECT_TRUE(v.needs_review);
  ASSERT_TRUE(v.proposed_name.has_value());
  EXPECT_EQ(*v.proposed_name, "Rt Lung");
}

TEST(Laterality, NearOrAcrossTheMidlineIsIndeterminate) {
  const std::vector<RoiShape> rois = {box(1, "BODY", -200, 200, "EXTERNAL"), box(2, "Lens_L", 1, 5),
                                      box(3, "Brainstem_L", -40, 60)};
  const auto report = check_laterality(rois, nullptr);
  EXPECT_EQ(verdict_for(report, 2).status, LateralityStatus::indeterminate);
  const auto& crossing = verdict_for(report, 3);
  EXPECT_EQ(crossing.status, LateralityStatus::indeterminate);
  EXPECT_NEAR(crossing.fraction_left, 0.6, 1e-9);
  EXPECT_TRUE(crossing.needs_review);
  EXPECT_FALSE(report.any_contradiction());
}

TEST(Laterality, NoContoursIsIndeterminate) {
  std::vector<RoiShape> rois = {box(1, "BODY", -200, 200, "EXTERNAL")};
  rois.push_back({2, "Vessels - left", "", "ORGAN", {}});
  const auto report = check_laterality(rois, nullptr);
  EXPECT_EQ(verdict_for(report, 2).status, LateralityStatus::indeterminate);
  EXPECT_EQ(verdict_for(report, 2).reason, "no contours to measure");
}

TEST(Laterality, CtBodyIsTheSecondEvidence) {
  const std::vector<RoiShape> rois = {box(2, "Lung_L", 10, 40), box(3, "Lung_R", 60, 90)};
  FixedBody ct(50);
  const auto report = check_laterality(rois, &ct);
  EXPECT_EQ(verdict_for(report, 2).midline_source, MidlineSource::ct_body_mask);
  EXPECT_EQ(verdict_for(report, 2).status, LateralityStatus::contradicts);
  EXPECT_EQ(verdict_for(report, 3).status, LateralityStatus::contradicts);
  EXPECT_GT(ct.calls, 0);
  EXPECT_LE(ct.calls, 2 * 9);  // at most 9 images per ROI
}

TEST(Laterality, MeanOfRoisIsTheLastResort) {
  const std::vector<RoiShape> rois = {box(2, "Lung_L", 40, 120), box(3, "Lung_R", -120, -40),
                                      box(4, "Heart", -10, 30)};
  const auto report = check_laterality(rois, nullptr);
  EXPECT_EQ(verdict_for(report, 2).midline_source, MidlineSource::mean_of_rois);
  EXPECT_EQ(verdict_for(report, 2).status, LateralityStatus::consistent);
  EXPECT_EQ(verdict_for(report, 3).status, LateralityStatus::consistent);
  bool said = false;
  for (const auto& note : report.notes) said |= note.find("mean_of_rois") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(Laterality, ExternalNotCoveringTheRoiFallsBack) {
  // External only on z = 100..127: the ROI at z = 0..27 has no External slice.
  RoiShape body = box(1, "BODY", -200, 200, "EXTERNAL");
  std::vector<Contour> far;
  for (int i = 0; i < 10; ++i) {
    const double z = 100 + 3.0 * i;
    far.push_back({"CLOSED_PLANAR", {{-200, 0, z}, {200, 0, z}, {200, 40, z}, {-200, 40, z}}});
  }
  body.geometry = geometry::measure_roi(far);
  FixedBody ct(0);
  const auto report = check_laterality({body, box(2, "Lung_L", 40, 120)}, &ct);
  EXPECT_EQ(verdict_for(report, 2).midline_source, MidlineSource::ct_body_mask);
}

TEST(Laterality, PairedOrgansAreComparedWithEachOther) {
  // Both near the midline individually, but swapped against each other.
  const std::vector<RoiShape> rois = {box(1, "BODY", -200, 200, "EXTERNAL"), box(2, "OpticNrv_L", -6, -2),
                                      box(3, "OpticNrv_R", 2, 6), box(4, "Eye_L", 20, 50),
                                      box(5, "Eye_R", -50, -20)};
  const auto report = check_laterality(rois, nullptr);
  ASSERT_EQ(report.pairs.size(), 2u);
  EXPECT_EQ(report.pairs[0].status, LateralityStatus::contradicts);
  EXPECT_EQ(report.pairs[0].left_name, "OpticNrv_L");
  EXPECT_TRUE(verdict_for(report, 2).needs_review);
  EXPECT_EQ(report.pairs[1].status, LateralityStatus::consistent);
  EXPECT_TRUE(report.any_contradiction());
}

TEST(Laterality, TruncatedNamesStillPair) {
  const std::vector<RoiShape> rois = {box(1, "BODY", -200, 200, "EXTERNAL"),
                                      box(2, "Left Optic Nerve", 10, 20),
                                      box(3, "Right Optic Nerv", -20, -10)};
  const auto report = check_laterality(rois, nullptr);
  ASSERT_EQ(report.pairs.size(), 1u);
  EXPECT_EQ(report.pairs[0].status, LateralityStatus::consistent);
}

TEST(Laterality, StandardNameStatesTheSideWhenTheRawNameDoesNot) {
  std::vector<RoiShape> rois = {box(1, "BODY", -200, 200, "EXTERNAL"), box(2, "ParotisX", -60, -20)};
  rois[1].standard_name = "Parotid_L";
  const auto report = check_laterality(rois, nullptr);
  ASSERT_EQ(report.verdicts.size(), 1u);
  EXPECT_EQ(report.verdicts[0].side_from, "Parotid_L");
  EXPECT_EQ(report.verdicts[0].status, LateralityStatus::contradicts);
}

TEST(Laterality, EngineStandardNameSuppliesTheSideOfAGluedName) {
  // `rtparotid`: the side word is glued, so only the engine's reading
  // (Parotid_R) states it.
  std::vector<RoiShape> rois = {box(1, "BODY", -200, 200, "EXTERNAL"), box(2, "rtparotid", 40, 80)};
  StructureSet set;
  set.rois.resize(2);
  set.rois[0].number = 1;
  set.rois[0].name = "BODY";
  set.rois[0].interpreted_type = "EXTERNAL";
  set.rois[1].number = 2;
  set.rois[1].name = "rtparotid";
  EXPECT_TRUE(check_laterality(rois, nullptr).verdicts.empty());
  add_standard_names(rois, set);
  EXPECT_EQ(rois[1].standard_name, "Parotid_R");
  EXPECT_TRUE(rois[0].standard_name.empty());  // DOSE class: no standard name used
  const auto report = check_laterality(rois, nullptr);
  ASSERT_EQ(report.verdicts.size(), 1u);
  EXPECT_EQ(report.verdicts[0].side_from, "Parotid_R");
  EXPECT_EQ(report.verdicts[0].status, LateralityStatus::contradicts);
}

TEST(Laterality, UntrustedCoordinatesNeedReview) {
  const std::vector<RoiShape> rois = {box(1, "BODY", -200, 200, "EXTERNAL"), box(2, "Lung_L", 40, 120)};
  const auto report = check_laterality(rois, nullptr, {}, /*coordinates_trusted=*/false);
  EXPECT_EQ(verdict_for(report, 2).status, LateralityStatus::consistent);
  EXPECT_TRUE(verdict_for(report, 2).needs_review);
}

TEST(Laterality, PlacesOrgansNamedWithoutSide) {
  // Body centred at x = 20; x > 20 is the patient's left.
  const std::vector<RoiShape> rois = {
      box(1, "BODY", -180, 220, "EXTERNAL"), box(2, "Parotid", 60, 100), box(3, "Cochlea", -60, -20),
      box(4, "Kidneys", -60, 100),           box(5, "Lens", 18, 24),     box(6, "Breast", 0, 0)};
  LateralityOptions options;
  options.place_rois = {2, 3, 4, 5, 7};
  const auto report = check_laterality(rois, nullptr, options);
  ASSERT_EQ(report.placements.size(), 4u);  // ROI 7 does not exist; ROI 6 is not asked for
  EXPECT_EQ(report.placements[0].placement, Placement::left);
  EXPECT_EQ(report.placements[1].placement, Placement::right);
  EXPECT_EQ(report.placements[2].placement, Placement::both);
  EXPECT_EQ(report.placements[3].placement, Placement::unknown);  // within the tolerance of the midline
  EXPECT_NE(report.placements[0].reason.find("left"), std::string::npos) << report.placements[0].reason;
  EXPECT_TRUE(report.verdicts.empty()) << "no name states a side";
  // Untrusted coordinates place nothing.
  const auto untrusted = check_laterality(rois, nullptr, options, false);
  for (const auto& finding : untrusted.placements) EXPECT_EQ(finding.placement, Placement::unknown);
}

}  // namespace
}  // namespace roiname
