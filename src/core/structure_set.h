// The RT Structure Set as roiname sees it: plain values read once from DICOM
// by src/dicom, so that no other layer needs to know DICOM encodings.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roiname {

// A point in DICOM patient coordinates (mm). +x is the patient's left,
// +y posterior, +z superior, whatever the patient position.
struct Point3 {
  double x = 0;
  double y = 0;
  double z = 0;
};

// One item of the ROI Contour Sequence's Contour Sequence.
struct Contour {
  std::string geometric_type;  // CLOSED_PLANAR, POINT, OPEN_PLANAR, OPEN_NONPLANAR
  std::vector<Point3> points;
};

// Severity of something noticed while reading a file.
enum class Severity { warning, error };

struct Issue {
  Severity severity = Severity::warning;
  std::string message;
};

// One Region of Interest: identification and observation attributes joined
// by ROI number across the three sequences of the RT Structure Set.
struct Roi {
  int number = 0;                                   // ROI Number (3006,0022)
  std::string name;                                 // ROI Name (3006,0026), UTF-8
  std::string description;                          // ROI Description (3006,0028)
  std::string generation_algorithm;                 // ROI Generation Algorithm (3006,0036)
  std::string referenced_frame_of_reference_uid;    // (3006,0024)
  std::string interpreted_type;                     // RT ROI Interpreted Type (3006,00A4), may be empty
  std::string observation_label;                    // ROI Observation Label (3006,0085)
  std::optional<std::array<int, 3>> display_color;  // ROI Display Color (3006,002A)
  int contour_count = 0;                            // items in the Contour Sequence (points not loaded)
  std::vector<std::string> geometric_types;         // distinct Contour Geometric Types, sorted
  bool has_contour_data = false;                    // false for ROIs listed without a ROI Contour item
};

// A whole RTSTRUCT object. Contour points are not here: they are read on
// demand (see dicom/rtstruct_reader.h) so that name-only work stays cheap.
struct StructureSet {
  std::string file;                    // path it was read from, as given (not canonicalised)
  std::string specific_character_set;  // as found in the file; every string here is UTF-8
  std::string sop_class_uid;           // 1.2.840.10008.5.1.4.1.1.481.3 for an RT Structure Set
  std::string modality;                // RTSTRUCT (anything else gives a warning)
  std::string patient_id;
  std::string patient_name;
  std::string study_instance_uid;
  std::string series_instance_uid;
  std::string sop_instance_uid;
  std::string manufacturer;             // (0008,0070): the planning system that wrote the file
  std::string manufacturer_model_name;  // (0008,1090)
  std::string study_description;
  std::string series_description;
  std::string label;                   // Structure Set Label (3006,0002)
  std::string name;                    // Structure Set Name (3006,0004)
  std::string date;                    // Structure Set Date (3006,0008), YYYYMMDD
  std::string frame_of_reference_uid;  // from Referenced Frame of Reference Sequence
  std::string referenced_series_uid;   // the image series the contours were drawn on
  // SOP Instance UIDs of the images listed for that series (Contour Image
  // Sequence of the RT Referenced Series), in file order; may be empty.
  std::vector<std::string> referenced_image_uids;
  std::vector<Roi> rois;
  std::vector<Issue> issues;  // warnings about the content (duplicates, missing items)
};

}  // namespace roiname
