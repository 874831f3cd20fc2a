// Whether an image's Image Orientation (Patient) agrees with its Patient
// Position. DICOM patient coordinates put +x at the patient's left whatever
// the position, but the scanner derives them from the position the operator
// entered; a mismatch means resampled images or a wrong entry, so the
// coordinates (and every verdict built on them) deserve a second look.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace roiname::geometry {

enum class OrientationAgreement {
  consistent,        // axial, rows and columns as the position predicts
  inconsistent,      // axial, but flipped or rotated against the position
  non_axial,         // oblique, sagittal or coronal images: handled through the orientation, not checked
  unknown_position,  // Patient Position absent or not one of the 8 standard codes
};

struct OrientationCheck {
  OrientationAgreement agreement = OrientationAgreement::unknown_position;
  std::string message;  // what was found, for reports
};

// Compares the row and column cosines (`orientation`, as in the DICOM
// attribute) with those the Patient Position (HFS, HFP, FFS, FFP, HFDL, HFDR,
// FFDL, FFDR) predicts for axial images (cosines within 0.9).
OrientationCheck check_orientation(std::string_view patient_position,
                                   const std::array<double, 6>& orientation);

std::string_view to_string(OrientationAgreement agreement);

}  // namespace roiname::geometry
