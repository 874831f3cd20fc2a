#!/usr/bin/env bash
# Fails when any file outside src/dicom/ includes a DCMTK header: DCMTK's
# types stay at the edge (ARCHITECTURE.md).
set -euo pipefail
cd "$1"
leaks=$(grep -rlE '^\s*#\s*include\s*[<"]dcmtk/' --include='*.h' --include='*.hpp' --include='*.cpp' --include='*.cc' \
  src apps tests bench fuzz 2>/dev/null | grep -v '^src/dicom/' || true)
if [ -n "$leaks" ]; then
  echo "DCMTK included outside src/dicom/:"
  echo "$leaks"
  exit 1
fi
echo "DCMTK headers only in src/dicom/"
