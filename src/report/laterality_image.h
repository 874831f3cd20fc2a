// The report picture of one laterality verdict: the CT slice nearest the
// ROI's centroid with its contours (green when consistent, red when it
// contradicts), the midline and the centroid. Pure: the slice comes in as
// HU values from src/dicom.
#pragma once

#include <vector>

#include "core/geometry/body_mask.h"
#include "core/laterality/laterality_check.h"
#include "report/png_writer.h"

namespace roiname::report {

// Renders `verdict` (measured) over `image`; `shapes` are the structure
// set's measured ROIs (the verdict's ROI is found by number). Never fails.
RgbImage render_laterality_slice(const geometry::HuImage& image, const LateralityVerdict& verdict,
                                 const std::vector<RoiShape>& shapes);

}  // namespace roiname::report
