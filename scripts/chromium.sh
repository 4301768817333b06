# Sourced by the browser checks: a work folder that goes away on exit together with every
# process listed in `pids`, Debian's chromium (installed if missing), and
# `start_chromium URL`, which opens URL in headless Chromium and sets `devtools_port`;
# `find_folio`, `pick_origin` and `serve_at_origin DIR` build, place and serve a site.
# shellcheck shell=bash

if ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # Chromium's helper processes can still be writing into the profile as the browser
  # exits: try again briefly, and never fail a check over its temporary folder.
  for _ in 1 2 3 4 5; do
    rm -rf "$work" 2>/dev/null && return 0
    sleep 0.2
  done
  return 0
}
trap cleanup EXIT

start_chromium() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --disable-quic --no-first-run \
    --user-data-dir="$work/profile" --remote-debugging-port=0 \
    "$1" >"$work/chromium.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    [ -s "$work/profile/DevToolsActivePort" ] && break
    sleep 0.1
  done
  devtools_port=$(head -1 "$work/profile/DevToolsActivePort" 2>/dev/null || true)
  [ -n "$devtools_port" ] || { cat "$work/chromium.log"; echo "FAIL: chromium did not start" >&2; exit 1; }
}

# Sets `folio`: the binary FOLIO names, else target/release/folio, built first.
find_folio() {
  if [[ -n ${FOLIO:-} ]]; then
    folio=$(realpath "$FOLIO")
  else
    cargo build --release --quiet
    folio="${CARGO_TARGET_DIR:-$PWD/target}/release/folio"
  fi
}

# Sets `port` and `origin`: a free local port and its http:// origin.
pick_origin() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  origin="http://127.0.0.1:$port"
}

# Serves folder $1 at `origin` with python3 -m http.server until exit; returns once it answers.
serve_at_origin() {
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('$origin/')" 2>/dev/null && break
    sleep 0.1
  done
}
