#!/usr/bin/env bash
# Lighthouse report (not a test: scores move with the machine's load): builds the shipped
# site for a local base URL, serves it gzipped as GitHub Pages does
# (scripts/lighthouse/serve.mjs), and runs Lighthouse 12 (mobile, its default) on the
# longest article and the search page, RUNS times each (default 3), printing per run the
# performance, accessibility, best-practices and SEO scores and FCP, LCP, Speed Index,
# TBT and CLS.
#
# Lighthouse is installed with npm into ~/.cache/folio-lighthouse/ when missing;
# LIGHTHOUSE=PATH/cli/index.js uses another copy. Needs Node.js 18 or later and Debian's
# chromium (installed if missing). FOLIO=PATH uses that binary instead of building
# target/release/folio; REPORTS=DIR keeps the JSON reports there.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/chromium.sh
pages=(
  /en/transfer-learning/02-pre-training-and-fine-tuning/
  /en/search/
)
runs=${RUNS:-3}
reports=${REPORTS:-$work/reports}
mkdir -p "$reports"

cache=${XDG_CACHE_HOME:-$HOME/.cache}/folio-lighthouse
lighthouse=${LIGHTHOUSE:-$cache/node_modules/lighthouse/cli/index.js}
if [[ ! -f $lighthouse ]]; then
  echo "installing Lighthouse 12 into $cache" >&2
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error lighthouse@12 >&2
fi

find_folio
pick_origin
"$folio" build --root . --base-url "$origin/" --output "$work/www" >&2
node scripts/lighthouse/serve.mjs "$work/www" "$port" &
pids+=($!)
for _ in $(seq 50); do
  node -e "fetch('$origin/').then(() => process.exit(0), () => process.exit(1))" 2>/dev/null && break
  sleep 0.1
done

export CHROME_PATH=${CHROME_PATH:-$(command -v chromium)}
for page in "${pages[@]}"; do
  for run in $(seq "$runs"); do
    report="$reports/$(echo "$page" | tr -c 'a-zA-Z0-9\n-' '_')$run.json"
    node "$lighthouse" "$origin$page" --quiet --output=json --output-path="$report" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    node scripts/lighthouse/scores.mjs "$report" "$page #$run"
  done
done
