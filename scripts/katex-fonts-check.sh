#!/usr/bin/env bash
# Checks in headless Chromium that a built page with math gets KaTeX's fonts: builds the
# site for a local base URL, serves it with python3 -m http.server, and lets
# scripts/katex-fonts-check.py drive Chromium over the DevTools protocol. Exits non-zero
# when a KaTeX font is not loaded, a glyph falls back to a system font, a /katex/ file is
# missing (404) or the page logs a console error.
#
#   scripts/katex-fonts-check.sh [SITE_ROOT]     SITE_ROOT defaults to the repository
#
# Environment: PAGE=/en/some/page/ checks that page (default: the first page with display
# math); FOLIO=PATH uses that binary instead of building target/release/folio.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
root=$(realpath "${1:-$repo}")
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
    fi
    # Chromium's helpers may still be writing into its profile here as it exits.
    rm -rf "$work" 2>/dev/null || { sleep 0.5 && rm -rf "$work" 2>/dev/null; } || true
}
trap cleanup EXIT

if [[ ! -x /usr/bin/chromium ]]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
# The DevTools client needs one PyPI package; a private venv keeps it off the system.
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check websocket-client

if [[ -n ${FOLIO:-} ]]; then
    folio=$(realpath "$FOLIO")
else
    folio=$repo/target/release/folio
    (cd "$repo" && cargo build --release --quiet)
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site=$work/site
"$folio" build --root "$root" --base-url "http://127.0.0.1:$port/" --output "$site"

if [[ -n ${PAGE:-} ]]; then
    page=$PAGE
else
    first=$(cd "$site" && grep -rl --include=index.html 'class="katex-display"' . | sort | head -n 1)
    if [[ -z $first ]]; then
        echo "FAIL: no page of $root has display math" >&2
        exit 1
    fi
    page=${first#.}
    page=${page%index.html}
fi

# http.server logs every request to stderr, which the checker reads for 404s.
python3 -u -m http.server "$port" --bind 127.0.0.1 --directory "$site" 2>"$work/server.log" >/dev/null &
server_pid=$!
for _ in $(seq 50); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null; then
        break
    fi
    sleep 0.1
done

"$work/venv/bin/python" "$repo/scripts/katex-fonts-check.py" \
    --url "http://127.0.0.1:$port$page" --server-log "$work/server.log"
