#!/usr/bin/python3
"""The pydicom side of bench/scan_vs_pydicom.sh: reads what `roiname scan`
reads from every RT Structure Set under the given folders (patient id,
label, frame of reference, ROI number, name, interpreted type, contour
count) and prints it as JSON. Made as fast as pydicom allows: values over
256 bytes (Contour Data) are deferred, never decoded; pixel data is skipped;
files without preamble are retried with force=True, as roiname reads them."""
import json
import os
import sys

import pydicom
from pydicom.errors import InvalidDicomError

RTSTRUCT = "1.2.840.10008.5.1.4.1.1.481.3"


def text(value):
    return "" if value is None else str(value).rstrip(" \0")


def read(path):
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, defer_size=256)
    except InvalidDicomError:  # a bare data set without preamble, as roiname accepts
        ds = pydicom.dcmread(path, stop_before_pixels=True, defer_size=256, force=True)
    if ds.get("SOPClassUID") != RTSTRUCT:
        return None
    types = {int(i.ReferencedROINumber): text(i.get("RTROIInterpretedType"))
             for i in ds.get("RTROIObservationsSequence", [])}
    counts = {int(i.ReferencedROINumber): len(i.get("ContourSequence", []))
              for i in ds.get("ROIContourSequence", [])}
    frames = ds.get("ReferencedFrameOfReferenceSequence", [])
    return {
        "file": path,
        "patient_id": text(ds.get("PatientID")),
        "label": text(ds.get("StructureSetLabel")),
        "frame_of_reference_uid": text(frames[0].get("FrameOfReferenceUID")) if frames else "",
        "rois": [{"number": int(i.ROINumber), "name": text(i.get("ROIName")),
                  "interpreted_type": types.get(int(i.ROINumber), ""),
                  "contour_count": counts.get(int(i.ROINumber), 0)}
                 for i in ds.StructureSetROISequence],
    }


sets, errors = [], 0
for root in sys.argv[1:]:
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            try:
                found = read(os.path.join(folder, name))
            except (InvalidDicomError, Exception):  # noqa: B014 - count and go on, as roiname does
                errors += 1
                continue
            if found:
                sets.append(found)
json.dump({"structure_sets": sets, "errors": errors}, sys.stdout)
print()
