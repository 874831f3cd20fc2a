#!/usr/bin/env bash
# Times `roiname check-laterality` on LUNG1-001 (RTSTRUCT + its 134-slice CT,
# unpacked into a temporary folder first; the unpacking is not timed).
# Prints wall-clock and CPU (user + system) medians: on a busy machine the
# wall clock includes waiting for a core, the CPU time does not.
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
TIMEFORMAT='%R %U %S'
for _ in $(seq "$runs"); do
  { time "$binary" check-laterality "$work" >/dev/null; } 2>&1
done | awk '{ wall[NR] = $1; cpu[NR] = $2 + $3 }
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((n + 1) / 2)]
  }
  END { printf "check-laterality LUNG1-001 (134 CT slices, 4 ROIs), %d runs: median wall %.3f s, median CPU %.3f s\n", NR, median(wall, NR), median(cpu, NR) }'
