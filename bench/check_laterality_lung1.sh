#!/usr/bin/env bash
# Times `roiname check-laterality` on LUNG1-001 (RTSTRUCT + its 134-slice CT,
# unpacked into a temporary folder first; the unpacking is not timed).
# Usage: bench/check_laterality_lung1.sh [roiname binary] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/release/apps/roiname/roiname}
runs=${2:-5}
lung1=${ROINAME_SHARED_DIR:-../shared}/data/dicom/mirp-nsclc-lung1-001
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar xJf "$lung1/image.tar.xz" -C "$work"
cp -r "$lung1/mask_rtstruct" "$work/"
"$binary" check-laterality "$work" >/dev/null  # warm the page cache
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$binary" check-laterality "$work" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
done | sort -n | awk '{ t[NR] = $1 } END { printf "check-laterality LUNG1-001 (134 CT slices, 4 ROIs): median %.3f s over %d runs (min %.3f, max %.3f)\n", t[int((NR + 1) / 2)], NR, t[1], t[NR] }'
