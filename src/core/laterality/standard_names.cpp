#include "core/engine/naming_input.h"
#include "core/engine/rules_engine.h"
#include "core/laterality/laterality_check.h"

namespace roiname {

void add_standard_names(std::vector<RoiShape>& shapes, const StructureSet& set) {
  static const RulesEngine engine;
  const StructureSetDecision decision = engine.decide_tg263(naming_input_from(set));
  for (const RoiDecision& roi : decision.rois) {
    if (roi.roi_class != RoiClass::OAR && roi.roi_class != RoiClass::TV) continue;
    if (roi.standard_name == kUnknownName) continue;
    for (RoiShape& shape : shapes)
      if (shape.number == roi.roi_number) shape.standard_name = roi.standard_name;
  }
}

}  // namespace roiname
