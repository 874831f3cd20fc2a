#include "core/engine/naming_input.h"

namespace roiname {

NamingInput naming_input_from(const StructureSet& structure_set) {
  NamingInput input;
  for (const Roi& roi : structure_set.rois)
    input.rois.push_back({roi.number, roi.name, roi.interpreted_type});
  input.structure_set_label = structure_set.label;
  input.study_description = structure_set.study_description;
  input.series_description = structure_set.series_description;
  return input;
}

NamingInput naming_input_from_names(const std::vector<std::string>& names) {
  NamingInput input;
  int number = 1;
  for (const std::string& name : names) input.rois.push_back({number++, name, ""});
  return input;
}

}  // namespace roiname
