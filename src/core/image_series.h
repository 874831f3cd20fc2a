// Image series (CT, MR, PET) as indexed by src/dicom: geometry and file
// locations only, never pixel data, so later stages can find the images a
// structure set was drawn on and read them when they need to.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/structure_set.h"

namespace roiname {

// One image file of a series.
struct ImageSlice {
  std::string file;
  std::string sop_instance_uid;
  int instance_number = 0;                           // (0020,0013), 0 when absent
  std::optional<Point3> image_position;              // Image Position (Patient), mm
  std::optional<std::array<double, 6>> orientation;  // Image Orientation (Patient): row then column cosines
  int rows = 0;
  int columns = 0;
  std::optional<std::array<double, 2>> pixel_spacing;  // row spacing, column spacing (mm)
};

// All slices sharing one Series Instance UID.
struct ImageSeries {
  std::string series_instance_uid;
  std::string frame_of_reference_uid;
  std::string study_instance_uid;
  std::string patient_id;
  std::string modality;          // CT, MR, PT, ...
  std::string patient_position;  // HFS, FFS, HFP, FFP, ...; empty when absent
  // Sorted along the slice normal (by Image Position projected on the normal
  // of the first orientation), then by instance number and file name.
  std::vector<ImageSlice> slices;
};

}  // namespace roiname
