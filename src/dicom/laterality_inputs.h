// Gathers what the laterality check needs for one structure set from disk:
// the contour points of its ROIs and, when its image series is known, the CT
// (read lazily, only the slices asked for), then runs core's check.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/patient_orientation.h"
#include "core/image_series.h"
#include "core/laterality/laterality_check.h"
#include "core/result.h"
#include "core/structure_set.h"

namespace roiname::dicom {

struct LateralityRun {
  LateralityReport report;
  std::vector<RoiShape> shapes;                           // every ROI measured, in the structure set's order
  std::optional<geometry::OrientationCheck> orientation;  // of the CT series, when there is one
  std::string ct_summary;  // which CT was used, how many slices were read, or why none
};

// Reads the contours of `set.file` (names come from `set`, so a caller may
// rename ROIs in memory first), measures every ROI and checks laterality.
// `series` is the image series linked to the set (may be null: no CT). A CT
// that is missing, incomplete or unreadable only removes one kind of
// midline evidence (the report says so). Fails only when the contours
// cannot be read.
Result<LateralityRun> check_structure_set_laterality(const StructureSet& set, const ImageSeries* series,
                                                     const LateralityOptions& options = {});

}  // namespace roiname::dicom
