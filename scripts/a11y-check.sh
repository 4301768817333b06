#!/usr/bin/env bash
# Accessibility check: builds the shipped site for a local base URL, serves it with
# python3 -m http.server, and runs axe-core (scripts/a11y/, installed with `npm ci`) in
# headless Chromium on one page of each kind: home, section, an article with math,
# About, the tag list, a tag, 404, search, and a Chinese article; each in light and dark
# mode. Fails on any violation, listing each with the elements concerned.
#
# Needs Debian's chromium (installed here if missing), Node.js 20 or later (its built-in
# WebSocket drives Chromium over the DevTools protocol) and npm. FOLIO=PATH uses that
# binary instead of building target/release/folio.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/chromium.sh
npm ci --prefix scripts/a11y --no-audit --no-fund --loglevel=error
find_folio
pick_origin
"$folio" build --root . --base-url "$origin/" --output "$work/www"

serve_at_origin "$work/www"

start_chromium about:blank

pages=(
  /en/
  /en/transfer-learning/
  /en/transfer-learning/05-knowledge-distillation/
  /en/about/
  /en/tags/
  /en/tags/knowledge-distillation/
  /404.html
  /en/search/
  /zh/transfer-learning/05-%E7%9F%A5%E8%AF%86%E8%92%B8%E9%A6%8F/
)
for page in "${pages[@]}"; do
  [[ $page == *.html ]] && file=${page#/} || file=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]).strip("/") + "/index.html")' "$page")
  [ -f "$work/www/$file" ] || { echo "FAIL: the site has no $page" >&2; exit 1; }
done
node --experimental-websocket scripts/a11y-check.mjs "$devtools_port" "$origin" \
  scripts/a11y/node_modules/axe-core/axe.min.js "${pages[@]}"
echo "accessibility check passed"
