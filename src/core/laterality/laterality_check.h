// Stage 4: does each ROI whose name states a side lie on that side of the
// patient? Pure: geometry comes in as values, CT evidence through an
// interface that src/dicom implements.
//
// Method (docs/laterality.md): DICOM patient coordinates have +x at the
// patient's left whatever the patient position. For each ROI the
// volume-weighted centroid is compared with the patient midline, estimated
// from the best evidence available: the External/BODY contour over the
// slices the ROI spans, else the body on the referenced CT, else the mean x
// of all contoured ROIs. Paired organs are also compared with each other.
// Nothing is ever renamed here: a contradiction is a flag with its numbers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/roi_geometry.h"
#include "core/laterality/side_words.h"
#include "core/structure_set.h"

namespace roiname {

enum class LateralityStatus { consistent, contradicts, indeterminate };
enum class MidlineSource { external_contour, ct_body_mask, mean_of_rois, none };

std::string_view to_string(LateralityStatus status);
std::string_view to_string(MidlineSource source);

struct LateralityOptions {
  double tolerance_mm = 5;         // |centroid − midline| below this: indeterminate
  double crossing_fraction = 0.3;  // both sides hold at least this share of the volume: indeterminate
  bool propose_side_fix = false;   // fill LateralityVerdict::proposed_name on contradictions
  bool use_standard_names = true;  // read sides from the rules engine's standard names too
  // ROIs whose name gives no side but whose organ is paired ("Parotid"): the
  // check says which side they lie on (LateralityReport::placements).
  std::vector<int> place_rois;
};

// Body centres from the images the structure set was drawn on.
class BodyMidlineSource {
 public:
  virtual ~BodyMidlineSource() = default;
  // The x (mm) of the centre of the body's x-extent on the image nearest
  // patient z (within half a slice spacing), or nothing when no image is
  // near, it cannot be read, or it shows no body.
  virtual std::optional<double> body_center_x(double z) = 0;
};

// One ROI as the check sees it.
struct RoiShape {
  int number = 0;
  std::string name;           // as in the file
  std::string standard_name;  // from the engine when known, else empty
  std::string interpreted_type;
  geometry::RoiGeometry geometry;
};

struct LateralityVerdict {
  int roi_number = 0;
  std::string roi_name;
  std::string side_from;  // the name that states the side (standard or original)
  Side stated_side = Side::left;
  LateralityStatus status = LateralityStatus::indeterminate;
  std::string reason;     // one sentence with the numbers
  bool measured = false;  // centroid and midline known: the numbers below are set
  double centroid_x = 0;
  double midline_x = 0;
  double distance_mm = 0;    // centroid − midline: > 0 is the patient's left
  double fraction_left = 0;  // share of the volume left of the midline
  double min_x = 0;
  double max_x = 0;
  double centroid_z = 0;
  MidlineSource midline_source = MidlineSource::none;
  bool needs_review = false;
  std::optional<std::string> proposed_name;  // the mirrored name, with --propose-side-fix only
};

// Two ROIs of one organ with opposite sides (`Parotid_L`, `Parotid_R`).
struct PairVerdict {
  int left_roi = 0;
  int right_roi = 0;
  std::string left_name;
  std::string right_name;
  LateralityStatus status = LateralityStatus::indeterminate;
  double left_x = 0;
  double right_x = 0;
  std::string reason;
};

// Where an ROI named without side lies: one side, both (it spans the
// midline, as a union of a pair does), or unknown (no evidence, or close to
// the midline without spanning it).
enum class Placement { left, right, both, unknown };
std::string_view to_string(Placement placement);

struct PlacementFinding {
  int roi_number = 0;
  Placement placement = Placement::unknown;
  std::string reason;  // one sentence with the numbers
};

struct LateralityReport {
  std::vector<LateralityVerdict> verdicts;   // ROIs that state a side, in input order
  std::vector<PlacementFinding> placements;  // LateralityOptions::place_rois, in input order
  std::vector<PairVerdict> pairs;
  std::vector<std::string> notes;  // midline evidence used or missing, orientation warnings
  bool any_contradiction() const;
};

// Measures every ROI from its contours (see geometry::measure_roi).
std::vector<RoiShape> roi_shapes(const StructureSet& set,
                                 const std::map<int, std::vector<Contour>>& contours);

// Sets RoiShape::standard_name from the offline rules engine (TG-263
// protocol) for the organs and targets it names; AUX/DOSE ROIs and
// `unknown` answers leave it empty (the original name is then used).
void add_standard_names(std::vector<RoiShape>& shapes, const StructureSet& set);

// Whether an ROI is the patient outline: RT ROI Interpreted Type EXTERNAL,
// or, when no ROI has that type, a name such as BODY, External or Outline.
bool is_external(const RoiShape& roi, bool any_typed_external);

// Checks every ROI that states a side. `ct` may be null (no images). When
// `coordinates_trusted` is false (orientation and patient position disagree)
// every verdict needs review. Never fails: missing evidence gives
// `indeterminate` with the reason.
LateralityReport check_laterality(const std::vector<RoiShape>& rois, BodyMidlineSource* ct,
                                  const LateralityOptions& options = {}, bool coordinates_trusted = true);

}  // namespace roiname
