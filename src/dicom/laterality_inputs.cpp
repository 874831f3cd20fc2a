#include "dicom/laterality_inputs.h"

#include "dicom/ct_pixels.h"
#include "dicom/rtstruct_reader.h"

namespace roiname::dicom {

Result<LateralityRun> check_structure_set_laterality(const StructureSet& set, const ImageSeries* series,
                                                     const LateralityOptions& options) {
  Result<ContoursByRoi> contours = read_contours(set.file);
  if (!contours) return contours.error();

  LateralityRun run;
  run.shapes = roi_shapes(set, *contours);
  if (options.use_standard_names) add_standard_names(run.shapes, set);

  std::unique_ptr<CtBodyMidline> ct;
  bool trusted = true;
  if (series != nullptr && !series->slices.empty()) {
    run.orientation = check_series_orientation(*series);
    trusted = run.orientation->agreement != geometry::OrientationAgreement::inconsistent;
    if (series->modality == "CT") ct = std::make_unique<CtBodyMidline>(*series);
  }
  run.report = check_laterality(run.shapes, ct.get(), options, trusted);

  if (series == nullptr || series->slices.empty()) {
    run.ct_summary = "no image series found for this structure set";
  } else if (!ct) {
    run.ct_summary =
        "image series " + series->series_instance_uid + " is " + series->modality + ", not CT: not used";
  } else {
    run.ct_summary = "CT " + series->series_instance_uid + ": " + std::to_string(series->slices.size()) +
                     " slices indexed, " + std::to_string(ct->slices_read()) + " read";
    for (const std::string& problem : ct->problems()) run.report.notes.push_back("CT: " + problem);
  }
  if (run.orientation && run.orientation->agreement != geometry::OrientationAgreement::consistent)
    run.report.notes.push_back("orientation: " + run.orientation->message);
  return run;
}

}  // namespace roiname::dicom
