// Internal to src/dicom: turning an already loaded DCMTK file into core
// values, so scan() loads each file once and dispatches on its SOP class.
#pragma once

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <string>

#include "core/image_series.h"
#include "core/result.h"
#include "core/structure_set.h"
#include "dicom/image_index.h"

namespace roiname::dicom::detail {

// See read_structure_set() for the contract.
Result<StructureSet> structure_set_from(DcmFileFormat& file, const std::string& display_name);

// Whether this SOP class / modality is an image that the image index keeps.
bool is_indexed_image(const std::string& sop_class_uid, const std::string& modality);

// Series and slice attributes of an image file. Fails when it has no Series
// Instance UID or SOP Instance UID.
Result<IndexedImage> image_from(DcmFileFormat& file, const std::string& display_name);

}  // namespace roiname::dicom::detail
