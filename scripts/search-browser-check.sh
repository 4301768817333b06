#!/usr/bin/env bash
# Acceptance check for search in a real browser: builds the shipped site and the Chinese
# fixture (tests/fixtures/search-zh, under /zh-fixture/) for a local base URL, serves
# them with python3 -m http.server, and lets scripts/search-browser-check.mjs search them
# in headless Chromium: `distillation` must find the knowledge-distillation post first,
# `varepsilon` (a word found only in a formula's TeX) the post with it, and `蒸馏` and `知识蒸馏`
# must find the Chinese post without spaces in the query, on the shipped site's Chinese
# search page (/zh/search/) and on the fixture's, but not the page its front matter leaves
# out. Fails on a console error or a request that leaves the site.
#
# Needs Debian's chromium (installed here if missing) and Node.js 20 or later, whose
# built-in WebSocket drives Chromium over the DevTools protocol. FOLIO=PATH uses that
# binary instead of building target/release/folio.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/chromium.sh
find_folio
pick_origin
"$folio" build --root . --base-url "$origin/" --output "$work/www"
cp -r tests/fixtures/search-zh "$work/zh"
"$folio" build --root "$work/zh" --base-url "$origin/zh-fixture/" --output "$work/www/zh-fixture"

serve_at_origin "$work/www"

start_chromium about:blank

post=/en/transfer-learning/05-knowledge-distillation/
shipped_zh_post=/zh/transfer-learning/05-%E7%9F%A5%E8%AF%86%E8%92%B8%E9%A6%8F/
zh_post=/zh-fixture/posts/knowledge-distillation/
zh_hidden=/zh-fixture/posts/hidden-notes/
checks=$(cat <<JSON
[
  {"page": "/en/search/", "query": "distillation", "first": "$post"},
  {"page": "/en/search/", "query": "varepsilon", "first": "/en/transfer-learning/01-fundamentals-and-core-concepts/"},
  {"page": "/zh/search/", "query": "蒸馏", "first": "$shipped_zh_post"},
  {"page": "/zh/search/", "query": "知识蒸馏", "first": "$shipped_zh_post"},
  {"page": "/zh-fixture/search/", "query": "蒸馏", "first": "$zh_post", "absent": ["$zh_hidden"]},
  {"page": "/zh-fixture/search/", "query": "知识蒸馏", "first": "$zh_post", "absent": ["$zh_hidden"]}
]
JSON
)
node --experimental-websocket scripts/search-browser-check.mjs "$devtools_port" "$origin" "$checks"
echo "search browser check passed"
