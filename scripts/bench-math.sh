#!/usr/bin/env bash
# Benchmarks folio on a generated math-heavy site (scripts/gen-math-corpus.py): a cold
# build (no math cache), warm builds (math cache full), formulas per second and peak
# memory, with the release binary.
#
#   scripts/bench-math.sh [PAGES]        PAGES defaults to 1000
#
# Environment: WARM_RUNS (default 5) timed warm builds; KEEP=1 keeps the temp folder;
# FOLIO=PATH benchmarks that binary instead of building target/release/folio.
# Warm builds are timed with hyperfine (installed with apt-get when missing and root),
# else with a plain loop.
set -euo pipefail

pages=${1:-1000}
warm_runs=${WARM_RUNS:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
if [[ ${KEEP:-0} == 1 ]]; then
    echo "keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi
site=$work/site
out=$work/public
if [[ -n ${FOLIO:-} ]]; then
    folio=$(realpath "$FOLIO")
else
    folio=$repo/target/release/folio
    (cd "$repo" && cargo build --release --quiet)
fi
python3 "$repo/scripts/gen-math-corpus.py" --pages "$pages" --out "$site"

if ! command -v hyperfine >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -qq hyperfine >/dev/null 2>&1 || echo "hyperfine unavailable; timing with a loop"
fi

# Runs one build under /usr/bin/time -v; sets summary, wall and cpu (s), and rss (KiB).
# CPU time is printed too because wall time on a shared machine depends on its load.
measured_build() {
    "/usr/bin/time" -v -o "$work/time.txt" "$folio" build --root "$site" --output "$out" >"$work/summary.txt"
    summary=$(cat "$work/summary.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")
    cpu=$(awk -F': ' '/(User|System) time/ { s += $2 } END { print s }' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
}

# The math cache is ROOT/.folio-cache; without it every formula is rendered.
rm -rf "$site/.folio-cache"
measured_build
cold_summary=$summary cold_wall=$wall cold_cpu=$cpu cold_rss=$rss
rendered=$(sed -n 's/.*math: \([0-9]*\) rendered.*/\1/p' <<<"$cold_summary")

measured_build
warm_summary=$summary warm_cpu=$cpu warm_rss=$rss
if [[ $(sed -n 's/.*math: \([0-9]*\) rendered.*/\1/p' <<<"$warm_summary") != 0 ]]; then
    echo "warm build rendered formulas: the math cache did not work: $warm_summary" >&2
    exit 1
fi

build=("$folio" build --root "$site" --output "$out")
if command -v hyperfine >/dev/null; then
    hyperfine --style basic --warmup 1 --runs "$warm_runs" --export-json "$work/warm.json" \
        "$(printf '%q ' "${build[@]}")" >&2
    read -r warm_mean warm_sd < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.3f %.3f" % (r["mean"], r["stddev"] or 0))' "$work/warm.json")
else
    warm_mean=$(python3 - "$warm_runs" "${build[@]}" <<'EOF'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
print(f"{sum(times) / len(times):.3f}")
EOF
)
    warm_sd=n/a
fi

echo
echo "folio math benchmark: $pages pages, $(nproc) cores, $("$folio" --version)"
echo "cold build:   ${cold_wall} s wall, ${cold_cpu} s CPU    ($cold_summary)"
echo "warm build:   ${warm_mean} s ± ${warm_sd} s wall over $warm_runs runs, ${warm_cpu} s CPU    ($warm_summary)"
echo "formulas/s:   $(python3 -c "print(round($rendered / $cold_wall))") (cold: $rendered distinct formulas rendered / cold wall time)"
echo "peak memory:  cold $((cold_rss / 1024)) MiB, warm $((warm_rss / 1024)) MiB (maximum resident set size)"
