#!/usr/bin/env bash
# Prints the longest functions and the largest files of src/ (or the folders given),
# against the limits of the developers' guide: no function over 80 lines, no file over
# 400. A function runs from its `fn` line to the closing brace at the same indentation
# (rustfmt's layout), so its signature, blank lines and comments inside count.
#   scripts/code-size.sh [DIR...]    exits 1 if a limit is broken
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find "${@:-src}" -name '*.rs' | sort)

functions=$(awk '
  FNR == 1 { open = 0 }
  !open && match($0, /^ *(pub(\([a-z]+\))? )?(const )?(async )?(unsafe )?fn [A-Za-z0-9_]+/) {
    name = substr($0, RSTART, RLENGTH); sub(/.* /, "", name)
    indent = match($0, /[^ ]/) - 1
    start = FNR; open = !($0 ~ /[;}]$/)   # not a declaration or a one-line body
    next
  }
  open && $0 ~ /^ *\}/ && match($0, /[^ ]/) - 1 == indent {
    printf "%5d  %s:%d  %s\n", FNR - start + 1, FILENAME, start, name; open = 0
  }
' "${files[@]}" | sort -rn)
sizes=$(wc -l "${files[@]}" | grep -v ' total$' | sort -rn)

echo "longest functions (lines):"
head -5 <<<"$functions"
echo "largest files (lines):"
head -5 <<<"$sizes"
longest=$(head -1 <<<"$functions" | awk '{print $1}')
largest=$(head -1 <<<"$sizes" | awk '{print $1}')
echo "longest function: $longest lines (limit 80); largest file: $largest lines (limit 400)"
[ "$longest" -le 80 ] && [ "$largest" -le 400 ]
