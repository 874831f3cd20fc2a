// RT ROI Interpreted Type (3006,00A4) from a decision, for
// --set-interpreted-type: the DICOM defined term that says what the class
// and standard name say.
#pragma once

#include <optional>
#include <string>

#include "core/decision.h"

namespace roiname::pipeline {

// TV: GTV/CTV/PTV from the name's type (IGTV → GTV, ITV and ICTV → CTV);
// OAR: ORGAN; AUX: CONTROL; DOSE: EXTERNAL for the body, BOLUS, SUPPORT
// (couch), FIXATION (mask, headrest, ...), MARKER, ISOCENTER by the name.
// Nothing when the name does not say which term applies (then the source's
// type stays) or the decision is "unknown".
std::optional<std::string> interpreted_type_for(const RoiDecision& decision);

}  // namespace roiname::pipeline
