#!/usr/bin/env bash
# Whole-process comparison: `roiname scan --format json` vs a pydicom script
# reading the same fields, on a corpus of copies of the shared RTSTRUCTs.
# Reports wall time, files/s, the ratio, and peak memory at two corpus sizes
# (memory must not grow with the corpus). Then name-only vs full reading
# (Google Benchmark) when bench/rtstruct_read_bench is built.
#
# Usage: bench/scan_vs_pydicom.sh [SMALL_COUNT] [LARGE_COUNT]   (default 500 2000)
# Needs: a release build (scripts/setup), /usr/bin/python3 with pydicom,
# /usr/bin/time, and the shared data next to the repository (or
# ROINAME_SHARED_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-500}
large=${2:-2000}
shared=${ROINAME_SHARED_DIR:-$(pwd)/../shared}
dicom="$shared/data/dicom"
roiname=build/release/apps/roiname/roiname
[ -x "$roiname" ] || { echo "build first: scripts/setup" >&2; exit 2; }
[ -f "$dicom/ROI_INVENTORY.tsv" ] || { echo "shared data not found at $shared" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t sources < <(tail -n +2 "$dicom/ROI_INVENTORY.tsv" | cut -f1 | sort -u)

# corpus DIR COUNT: COUNT real copies, cycling through the shared RTSTRUCTs.
corpus() {
  mkdir -p "$1"
  for ((i = 0; i < $2; i++)); do
    src=${sources[i % ${#sources[@]}]}
    cp "$dicom/$src" "$1/$(printf '%05d' "$i")_$(basename "$src")"
  done
}

# measure COMMAND...: prints "wall_seconds cpu_seconds peak_kb" of one run;
# its stdout is kept in $work/out.
measure() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" 2>/dev/null || true
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time"
}

run_size() {
  local count=$1 dir="$work/corpus_$1"
  corpus "$dir" "$count"
  cat "$dir"/* >/dev/null  # both tools read from the page cache
  local bytes
  bytes=$(du -sb "$dir" | cut -f1)
  read -r r1_s r1_cpu r1_kb < <(measure "$roiname" scan --format json -j 1 "$dir")
  local roiname_sets
  roiname_sets=$(grep -o '"structure_sets": [0-9]*' "$work/out" | grep -o '[0-9]*$')
  read -r r2_s r2_cpu r2_kb < <(measure "$roiname" scan --format json -j 2 "$dir")
  read -r py_s py_cpu py_kb < <(measure /usr/bin/python3 bench/pydicom_scan.py "$dir")
  local py_sets
  py_sets=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["structure_sets"]))' "$work/out")
  awk -v n="$count" -v mb="$bytes" -v rs="$roiname_sets" -v ps="$py_sets" \
      -v r1="$r1_s" -v r1k="$r1_kb" -v r2="$r2_s" -v r2k="$r2_kb" -v p="$py_s" -v pk="$py_kb" \
      -v r1c="$r1_cpu" -v r2c="$r2_cpu" -v pc="$py_cpu" 'BEGIN {
    printf "corpus %d RTSTRUCT files (%d MB); structure sets found: roiname %d, pydicom %d\n", n, mb / 1048576, rs, ps
    fmt = "  %-22s %7.2f s wall %7.2f s cpu %7.0f files/s  peak %6.1f MB\n"
    printf fmt, "roiname scan -j 1", r1, r1c, n / (r1 > 0 ? r1 : 0.01), r1k / 1024
    printf fmt, "roiname scan -j 2", r2, r2c, n / (r2 > 0 ? r2 : 0.01), r2k / 1024
    printf fmt, "pydicom (1 process)", p, pc, n / (p > 0 ? p : 0.01), pk / 1024
    printf "  throughput ratio roiname/pydicom (wall): %.1fx with -j 1, %.1fx with -j 2; CPU time ratio %.1fx\n", \
      p / (r1 > 0 ? r1 : 0.01), p / (r2 > 0 ? r2 : 0.01), pc / (r1c > 0 ? r1c : 0.01)
  }'
  rm -rf "$dir"
}

echo "roiname scan vs pydicom $(/usr/bin/python3 -c 'import pydicom; print(pydicom.__version__)'), $(nproc) cores"
run_size "$small"
run_size "$large"

if [ -x build/release/bench/rtstruct_read_bench ]; then
  echo
  echo "name-only vs full reading of one 4 MB RTSTRUCT (Google Benchmark, CPU time):"
  build/release/bench/rtstruct_read_bench --benchmark_min_time=1 2>/dev/null | grep '^BM_'
fi
