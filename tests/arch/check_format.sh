#!/usr/bin/env bash
# Fails when a C++ file is not formatted by .clang-format.
set -euo pipefail
cd "$1"
bad=0
while IFS= read -r -d '' f; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (run scripts/format)"
    bad=1
  fi
done < <(find src apps tests bench fuzz \( -name '*.cpp' -o -name '*.h' \) -print0)
exit $bad
