# Sourced by the browser checks: a work folder that goes away on exit together with every
# process listed in `pids`, Debian's chromium (installed if missing), and
# `start_chromium URL`, which opens URL in headless Chromium and sets `devtools_port`.
# shellcheck shell=bash

if ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
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
