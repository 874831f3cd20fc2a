#!/usr/bin/python3
"""Lists every data element that differs between two DICOM files, read with
pydicom (an implementation independent of DCMTK), as JSON lines:
{"path": "(3006,0020)[1].(3006,0026)", "tag": "30060026", "a": ..., "b": ...}.
File meta (group 0002) and group lengths are not compared."""
import json
import sys

import pydicom


def value_text(element):
    if element.VR == "SQ":
        return "sequence of %d items" % len(element.value)
    value = element.value
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (list, pydicom.multival.MultiValue)):
        return "\\".join(str(v) for v in value)
    return str(value)


def compare(a, b, prefix, out):
    tags = sorted(set(a.keys()) | set(b.keys()))
    for tag in tags:
        if tag.element == 0:
            continue
        path = prefix + "(%04X,%04X)" % (tag.group, tag.element)
        if tag in a and tag in b:
            # Fast path: identical encoded bytes need no decoding.
            ra, rb = a.get_item(tag), b.get_item(tag)
            if isinstance(ra.value, bytes) and isinstance(rb.value, bytes) and ra.value == rb.value:
                continue
        ea = a.get(tag)
        eb = b.get(tag)
        if ea is None or eb is None:
            out.append({"path": path, "tag": "%08X" % tag,
                        "a": "(absent)" if ea is None else value_text(ea),
                        "b": "(absent)" if eb is None else value_text(eb)})
            continue
        if ea.VR == "SQ" and eb.VR == "SQ" and len(ea.value) == len(eb.value):
            for i, (ia, ib) in enumerate(zip(ea.value, eb.value)):
                compare(ia, ib, path + "[%d]." % (i + 1), out)
            continue
        if ea.VR != eb.VR or value_text(ea) != value_text(eb):
            out.append({"path": path, "tag": "%08X" % tag, "a": value_text(ea)[:120], "b": value_text(eb)[:120]})


def main():
    a = pydicom.dcmread(sys.argv[1], force=True)
    b = pydicom.dcmread(sys.argv[2], force=True)
    out = []
    compare(a, b, "", out)
    if len(sys.argv) > 3 and sys.argv[3] == "--meta":
        for key in ("MediaStorageSOPInstanceUID", "TransferSyntaxUID"):
            out.append({"path": "meta", "tag": key, "a": str(a.file_meta.get(key, "")) if hasattr(a, "file_meta") else "",
                        "b": str(b.file_meta.get(key, ""))})
    for line in out:
        print(json.dumps(line))


if __name__ == "__main__":
    main()
