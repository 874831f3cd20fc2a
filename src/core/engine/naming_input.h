// What a naming engine sees of a structure set: names and the little context
// that helps read them. Built from a StructureSet, or from bare names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/structure_set.h"

namespace roiname {

struct NamingRoi {
  int number = 0;
  std::string name;              // raw ROI Name, UTF-8
  std::string interpreted_type;  // RT ROI Interpreted Type, may be empty (weak evidence)
};

struct NamingInput {
  std::vector<NamingRoi> rois;
  std::string structure_set_label;
  std::string study_description;
  std::string series_description;
  std::optional<std::string> site_hint;  // a site of NAMING.md §5 given by the user
};

// The naming input of a structure set read from DICOM.
NamingInput naming_input_from(const StructureSet& structure_set);

// A naming input of bare names, numbered from 1 in order.
NamingInput naming_input_from_names(const std::vector<std::string>& names);

}  // namespace roiname
