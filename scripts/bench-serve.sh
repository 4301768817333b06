#!/usr/bin/env bash
# Benchmarks `folio serve` on a generated site (scripts/gen-math-corpus.py), with math and
# without: how long after saving a post the browser is told to reload, and how long until
# the post's URL serves the edit (scripts/serve_latency.py), and the serve process's peak
# memory. The goal (issue 11): under 100 ms on 10,000 pages.
#
#   scripts/bench-serve.sh [PAGES]        PAGES defaults to 10000
#
# Environment: EDITS (default 10) edits per site, each to another post; CONTENT (default
# "math plain") the kinds of site; WORK=DIR works in DIR and keeps it, so a later run
# reuses its sites' math caches (a cold build of 10,000 math pages takes minutes);
# FOLIO=PATH benchmarks that binary instead of building the release one; SERVE_ARGS are
# passed to folio serve (`--timings` puts each rebuild's phases in WORK/serve-SITE.log).
# Each site is built once first, so the math cache is warm, as it is for an author who
# has built the site before.
set -euo pipefail

pages=${1:-10000}
edits=${EDITS:-10}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
serve_pid=
cleanup() {
    if [[ -n $serve_pid ]]; then kill "$serve_pid" 2>/dev/null || true; fi
    if [[ -z ${WORK:-} ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT
if [[ -n ${FOLIO:-} ]]; then
    folio=$(realpath "$FOLIO")
else
    (cd "$repo" && cargo build --release --quiet)
    folio=${CARGO_TARGET_DIR:-$repo/target}/release/folio
fi

# Serves $1 on a free port; sets serve_pid and origin once the home page answers.
start_serve() {
    # shellcheck disable=SC2086
    "$folio" serve --root "$1" --port 0 ${SERVE_ARGS:-} >"$log" 2>&1 &
    serve_pid=$!
    origin=
    for _ in $(seq 1200); do
        origin=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)
        if [[ -n $origin ]] && python3 -c "import urllib.request; urllib.request.urlopen('$origin/')" 2>/dev/null; then
            return
        fi
        kill -0 "$serve_pid" 2>/dev/null || break
        sleep 0.1
    done
    cat "$log" >&2
    echo "folio serve did not start" >&2
    exit 1
}

stop_serve() {
    kill "$serve_pid"
    wait "$serve_pid" 2>/dev/null || true
    serve_pid=
}

# The peak resident memory of process $1, in MiB.
peak_mib() {
    awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

rows=()
for content in ${CONTENT:-math plain}; do
    site=$work/$content
    log=$work/serve-$content.log
    python3 "$repo/scripts/gen-math-corpus.py" --pages "$pages" --content "$content" --out "$site"
    echo "== $content, $pages pages: $("$folio" build --root "$site" --output "$work/public")"
    rm -rf "$work/public"
    start_serve "$site"
    echo "serving at $origin: $(grep -m1 '^start:' "$log" | cut -c1-100) …"
    figures=$(python3 "$repo/scripts/serve_latency.py" "$origin" "$site" --pid "$serve_pid" --edits "$edits")
    peak=$(peak_mib "$serve_pid")
    echo "the rebuilds as folio serve logged them:"
    grep -E '^content/.* changed' "$log" | sed 's/; re-rendered.*; \([0-9]* reused\)/ … \1/' | head -3
    stop_serve
    read -r reload_median reload_max content_median content_max cpu <<<"$figures"
    rows+=("$(printf '%-8s %7s %14s %11s %14s %11s %8s %9s' "$content" "$pages" \
        "$reload_median" "$reload_max" "$content_median" "$content_max" "$cpu" "$peak")")
done

echo
echo "folio serve, $edits edits per site, each appending a word to another post (ms from the write)"
printf '%-8s %7s %14s %11s %14s %11s %8s %9s\n' site pages "reload median" "reload max" "content median" "content max" "CPU/edit" "peak MiB"
printf '%s\n' "${rows[@]}"
echo "goal: under 100 ms at 10000 pages; CPU/edit is the median CPU time serve spent on an edit (all threads),"
echo "a figure less sensitive than wall time to what else the machine runs (load now: $(cut -d' ' -f1-3 /proc/loadavg))"
