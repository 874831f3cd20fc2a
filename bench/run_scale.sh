#!/usr/bin/env bash
# Scale and speed of `roiname run` (offline rules engine, laterality on,
# copies written and verified): N structure sets made of the shared
# RTSTRUCTs (symbolic links, cycled; the non-commercial LUNG1 and IBSI sets
# and their transcodes are left out), for N = 150, 300, 600. Prints wall
# time, structure sets per second and peak memory (/usr/bin/time -v).
#
#   bench/run_scale.sh [JOBS] [SIZES...]     (default: 2 threads, 150 300 600)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=build/release/apps/roiname/roiname
shared=${ROINAME_SHARED_DIR:-../shared}/data/dicom
jobs=${1:-2}
shift || true
sizes=("${@:-150 300 600}")
[ -x "$binary" ] || { echo "build first: cmake --build --preset release" >&2; exit 2; }
[ -f "$shared/ROI_INVENTORY.tsv" ] || { echo "no shared data at $shared" >&2; exit 2; }

mapfile -t sources < <(tail -n +2 "$shared/ROI_INVENTORY.tsv" | cut -f1 | sort -u | grep -v -e mirp-nsclc-lung1 -e ibsi1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf "%6s %8s %10s %12s %10s\n" sets jobs wall_s sets_per_s peak_MB
for n in ${sizes[@]}; do
  rm -rf "$work/in" "$work/out"
  mkdir -p "$work/in"
  for ((i = 0; i < n; i++)); do
    src=${sources[$((i % ${#sources[@]}))]}
    mkdir -p "$work/in/$(printf 'set%04d' "$i")"
    ln -s "$(realpath "$shared/$src")" "$work/in/$(printf 'set%04d' "$i")/rs.dcm"
  done
  start=$(date +%s.%N)
  /usr/bin/time -v "$binary" run "$work/in" --out "$work/out" -j "$jobs" --no-progress >"$work/stdout" 2>"$work/time" || true
  end=$(date +%s.%N)
  grep -q "structure sets: $n " "$work/stdout" || { cat "$work/stdout" "$work/time" >&2; exit 1; }
  peak_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time")
  awk -v n="$n" -v j="$jobs" -v s="$start" -v e="$end" -v kb="$peak_kb" \
    'BEGIN { w = e - s; printf "%6d %8d %10.1f %12.2f %10.1f\n", n, j, w, n / w, kb / 1024 }'
done
