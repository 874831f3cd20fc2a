#include "core/geometry/patient_orientation.h"

#include <cmath>
#include <cstdio>

namespace roiname::geometry {
namespace {

struct ExpectedAxes {
  std::string_view position;
  std::array<double, 6> orientation;
};

// Axial images are shown as seen from the gantry: rows run to the gantry's
// right, columns towards the floor. Each position maps those two directions
// onto the patient (supine head first: right = patient left, down = posterior).
constexpr ExpectedAxes kExpected[] = {
    {"HFS", {1, 0, 0, 0, 1, 0}},  {"HFP", {-1, 0, 0, 0, -1, 0}},  {"FFS", {-1, 0, 0, 0, 1, 0}},
    {"FFP", {1, 0, 0, 0, -1, 0}}, {"HFDL", {0, -1, 0, 1, 0, 0}},  {"HFDR", {0, 1, 0, -1, 0, 0}},
    {"FFDL", {0, 1, 0, 1, 0, 0}}, {"FFDR", {0, -1, 0, -1, 0, 0}},
};

std::string format_orientation(const std::array<double, 6>& o) {
  char text[160];
  std::snprintf(text, sizeof text, "%.3g\\%.3g\\%.3g\\%.3g\\%.3g\\%.3g", o[0], o[1], o[2], o[3], o[4], o[5]);
  return text;
}

}  // namespace

OrientationCheck check_orientation(std::string_view patient_position, const std::array<double, 6>& o) {
  const std::string found = "Image Orientation (Patient) " + format_orientation(o);
  // Slice normal = row × column; axial images have it along z.
  const double normal_z = o[0] * o[4] - o[1] * o[3];
  const double norm_row = std::sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
  const double norm_col = std::sqrt(o[3] * o[3] + o[4] * o[4] + o[5] * o[5]);
  if (norm_row < 0.5 || norm_col < 0.5 || std::abs(normal_z) / (norm_row * norm_col) < 0.9)
    return {OrientationAgreement::non_axial,
            found + " is not axial; pixels are mapped through it and the position is not checked"};
  for (const ExpectedAxes& expected : kExpected) {
    if (expected.position != patient_position) continue;
    const auto& e = expected.orientation;
    const double row_match = (o[0] * e[0] + o[1] * e[1] + o[2] * e[2]) / norm_row;
    const double col_match = (o[3] * e[3] + o[4] * e[4] + o[5] * e[5]) / norm_col;
    if (row_match > 0.9 && col_match > 0.9)
      return {OrientationAgreement::consistent,
              found + " agrees with Patient Position " + std::string(patient_position)};
    return {OrientationAgreement::inconsistent,
            found + " does not match Patient Position " + std::string(patient_position) + " (expected " +
                format_orientation(e) + "): images resampled or position entered wrongly"};
  }
  return {OrientationAgreement::unknown_position,
          patient_position.empty()
              ? "Patient Position absent; orientation not checked"
              : "Patient Position '" + std::string(patient_position) + "' not recognised"};
}

std::string_view to_string(OrientationAgreement agreement) {
  switch (agreement) {
    case OrientationAgreement::consistent:
      return "consistent";
    case OrientationAgreement::inconsistent:
      return "inconsistent";
    case OrientationAgreement::non_axial:
      return "non_axial";
    case OrientationAgreement::unknown_position:
      return "unknown_position";
  }
  return "unknown_position";
}

}  // namespace roiname::geometry
