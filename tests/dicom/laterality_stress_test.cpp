// Proof on real anatomy: every real structure set in shared/data/dicom with
// ROIs named for a side is checked as it is (no contradiction allowed), then
// with the side of each lateral ROI swapped, one at a time and all at once
// (every swap must be flagged `contradicts`). The checks go through the same
// path as `roiname check-laterality`: scan, read contours, link the CT, check.
#include <gtest/gtest.h>

#include <iostream>
#include <set>

#include "core/laterality/laterality_check.h"
#include "core/laterality/side_words.h"
#include "dicom/laterality_inputs.h"
#include "dicom/scan.h"
#include "support/test_support.h"

namespace roiname::dicom {
namespace {

const ImageSeries* linked_series(const ScanResult& scan, std::size_t index) {
  for (const auto& series : scan.image_series)
    if (series.series_instance_uid == scan.image_links.at(index).series_instance_uid) return &series;
  return nullptr;
}

struct Counts {
  int structure_sets = 0;          // with at least one lateral ROI
  int lateral_rois = 0;            // with contours
  int unmodified_contradicts = 0;  // false alarms
  int unmodified_indeterminate = 0;
  int swaps = 0;
  int swaps_flagged = 0;
  int side_from_standard_name_only = 0;
  std::set<std::string> midline_sources;
};

const LateralityVerdict* verdict_for(const LateralityReport& report, int number) {
  for (const auto& v : report.verdicts)
    if (v.roi_number == number) return &v;
  return nullptr;
}

// Runs the unmodified check and every swap on one structure set.
void stress(const StructureSet& set, const ImageSeries* series, Counts& counts,
            std::vector<std::string>& lateral_names) {
  auto base = check_structure_set_laterality(set, series);
  ASSERT_TRUE(base.ok()) << set.file << ": " << base.error().message;
  std::vector<int> lateral;  // ROI numbers with a side and a measure
  for (const auto& v : base->report.verdicts) {
    if (!v.measured) continue;
    lateral_names.push_back(v.roi_name);
    // Swaps exchange the side word of the name as written; a side that only
    // the engine's standard name states (`D2CM LN` read as `LN_R`) has no
    // word to exchange there, so it is checked unmodified but not swapped.
    if (stated_side(v.roi_name))
      lateral.push_back(v.roi_number);
    else {
      ++counts.side_from_standard_name_only;
      std::cout << "  side from the standard name only: " << set.file << " '" << v.roi_name << "' as '"
                << v.side_from << "': " << to_string(v.status) << "\n";
    }
    counts.midline_sources.insert(std::string(to_string(v.midline_source)));
    if (v.status == LateralityStatus::contradicts) {
      ++counts.unmodified_contradicts;
      ADD_FAILURE() << set.file << ": false contradiction on '" << v.roi_name << "': " << v.reason;
    }
    if (v.status == LateralityStatus::indeterminate) {
      ++counts.unmodified_indeterminate;
      std::cout << "  indeterminate (unmodified): " << set.file << " '" << v.roi_name << "': " << v.reason
                << "\n";
    }
  }
  EXPECT_FALSE(base->report.any_contradiction()) << set.file;
  if (base->report.verdicts.empty()) return;
  ++counts.structure_sets;
  counts.lateral_rois += static_cast<int>(lateral.size());
  if (lateral.empty()) return;

  auto swapped_copy = [&](const std::vector<int>& numbers) {
    StructureSet copy = set;
    for (Roi& roi : copy.rois)
      if (std::find(numbers.begin(), numbers.end(), roi.number) != numbers.end())
        roi.name = mirrored_name(roi.name).value_or(roi.name);
    return copy;
  };
  auto expect_flagged = [&](const StructureSet& copy, const std::vector<int>& numbers,
                            const std::string& what) {
    auto run = check_structure_set_laterality(copy, series);
    ASSERT_TRUE(run.ok());
    for (int number : numbers) {
      ++counts.swaps;
      const LateralityVerdict* v = verdict_for(run->report, number);
      if (v != nullptr && v->status == LateralityStatus::contradicts && v->needs_review) {
        ++counts.swaps_flagged;
      } else {
        ADD_FAILURE() << set.file << " (" << what << "): swap of ROI " << number << " not flagged"
                      << (v ? ": " + v->reason : std::string());
      }
    }
  };
  for (int number : lateral) expect_flagged(swapped_copy({number}), {number}, "one at a time");
  if (lateral.size() > 1) expect_flagged(swapped_copy(lateral), lateral, "all at once");
}

TEST(LateralityStress, EverySwapOnRealAnatomyIsFlaggedAndNoFalseAlarm) {
  ROINAME_REQUIRE_SHARED();
  const auto dicom_dir = testing::shared_dir() / "data" / "dicom";
  Counts counts;
  std::vector<std::string> lateral_names;

  // Every structure set under shared/data/dicom (LUNG1-001's CT is packed, so
  // there its midline comes from the ROIs; the next part adds the CT).
  const ScanResult scan = scan_paths({dicom_dir});
  ASSERT_GE(scan.structure_sets.size(), 10u);
  for (std::size_t i = 0; i < scan.structure_sets.size(); ++i)
    stress(scan.structure_sets[i], linked_series(scan, i), counts, lateral_names);

  // LUNG1-001 with its CT unpacked: the CT body-mask midline path.
  testing::TempDir ct_dir;
  const auto lung1 = dicom_dir / "mirp-nsclc-lung1-001";
  const auto unpack =
      testing::run_shell("tar xJf " + testing::shell_quote((lung1 / "image.tar.xz").string()) + " -C " +
                         testing::shell_quote(ct_dir.path().string()));
  ASSERT_EQ(unpack.exit_code, 0) << unpack.err;
  const ScanResult with_ct = scan_paths({lung1 / "mask_rtstruct", ct_dir.path()});
  ASSERT_EQ(with_ct.structure_sets.size(), 1u);
  const ImageSeries* ct = linked_series(with_ct, 0);
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->slices.size(), 134u);
  {
    auto run = check_structure_set_laterality(with_ct.structure_sets[0], ct);
    ASSERT_TRUE(run.ok());
    for (const auto& v : run->report.verdicts)
      EXPECT_EQ(v.midline_source, MidlineSource::ct_body_mask) << v.roi_name << ": " << v.reason;
  }
  stress(with_ct.structure_sets[0], ct, counts, lateral_names);

  // The lateral ROIs the inventory lists must all have been exercised.
  for (const char* expected :
       {"Lung-Left", "Lung-Right", "Lt Lung", "Lung_L", "Lung_R", "LUNG_LEFT", "LUNG_RIGHT", "BREAST_RIGHT",
        "Left Eye", "Right Eye", "Left Lens", "Right Lens", "Left Optic Nerve", "Right Optic Nerv",
        "FrontalEsq", "CerebelarDir", "Femoral Head Lt", "Femoral Head RT"})
    EXPECT_NE(std::find(lateral_names.begin(), lateral_names.end(), expected), lateral_names.end())
        << expected;
  // False friend: the tomo set's `D2CM L L` lies on the right; its letters are not a side.
  EXPECT_EQ(std::find(lateral_names.begin(), lateral_names.end(), "D2CM L L"), lateral_names.end());

  std::cout << "laterality stress: " << counts.structure_sets << " structure sets with lateral ROIs, "
            << counts.lateral_rois << " lateral ROIs named with a side word (+"
            << counts.side_from_standard_name_only
            << " with a side from the engine's standard name only); unmodified: "
            << counts.unmodified_contradicts << " false contradicts, " << counts.unmodified_indeterminate
            << " indeterminate; swaps: " << counts.swaps_flagged << "/" << counts.swaps
            << " flagged contradicts; midline from:";
  for (const auto& source : counts.midline_sources) std::cout << " " << source;
  std::cout << "\n";
  RecordProperty("swaps", counts.swaps);
  RecordProperty("swaps_flagged", counts.swaps_flagged);
  RecordProperty("false_contradicts", counts.unmodified_contradicts);
  EXPECT_EQ(counts.unmodified_contradicts, 0);
  EXPECT_EQ(counts.swaps_flagged, counts.swaps);
  EXPECT_GE(counts.swaps, 40);
  EXPECT_GE(counts.structure_sets, 7);
}

// STS_003's CT is cropped 5 cm around the thigh tumour: its "body" is the
// field of view, so it must not give the midline (the check falls back and
// says so) even when an ROI there names a side.
TEST(LateralityRealCt, CroppedFieldOfViewIsNotAMidline) {
  ROINAME_REQUIRE_SHARED();
  const auto sts = testing::shared_dir() / "data" / "dicom" / "mirp-sts-003" / "CT";
  const ScanResult scan = scan_paths({sts});
  ASSERT_EQ(scan.structure_sets.size(), 1u);
  const ImageSeries* ct = linked_series(scan, 0);
  ASSERT_NE(ct, nullptr);
  StructureSet set = scan.structure_sets[0];
  set.rois.at(0).name = "GTV_Mass_R";
  auto run = check_structure_set_laterality(set, ct);
  ASSERT_TRUE(run.ok());
  ASSERT_EQ(run->report.verdicts.size(), 1u);
  EXPECT_NE(run->report.verdicts[0].midline_source, MidlineSource::ct_body_mask);
  EXPECT_NE(run->report.verdicts[0].status, LateralityStatus::contradicts);
  bool said = false;
  for (const auto& note : run->report.notes) said |= note.find("cropped field of view") != std::string::npos;
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace roiname::dicom
