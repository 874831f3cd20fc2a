#!/usr/bin/python3
"""Independent reader for the cross-check test: prints, as JSON, what pydicom
sees in each RT Structure Set given on the command line (ROI number, name,
interpreted type, contour count), in Structure Set ROI Sequence order.
Names are decoded by pydicom from the file's Specific Character Set."""
import json
import sys

import pydicom


def text(value):
    return "" if value is None else str(value).rstrip(" \0")


def rois_of(path):
    ds = pydicom.dcmread(path, force=True, defer_size=256)
    types = {}
    for item in ds.get("RTROIObservationsSequence", []):
        types.setdefault(int(item.ReferencedROINumber), text(item.get("RTROIInterpretedType")))
    counts = {}
    for item in ds.get("ROIContourSequence", []):
        counts.setdefault(int(item.ReferencedROINumber), len(item.get("ContourSequence", [])))
    rois = []
    for item in ds.StructureSetROISequence:
        number = int(item.ROINumber)
        rois.append({"number": number, "name": text(item.get("ROIName")),
                     "interpreted_type": types.get(number, ""), "contour_count": counts.get(number, 0)})
    return {"patient_id": text(ds.get("PatientID")), "label": text(ds.get("StructureSetLabel")), "rois": rois}


print(json.dumps({path: rois_of(path) for path in sys.argv[1:]}, ensure_ascii=False, sort_keys=True))
