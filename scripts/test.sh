#!/usr/bin/env bash
# The test command: installs what the tests need (once; later runs skip what is there),
# then runs the whole suite. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v java >/dev/null || need_apt+=(default-jre-headless)
command -v chromium >/dev/null || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The Nu HTML Checker (npm vnu-jar) and Python's feedparser and numpy (the posts'
# code blocks use numpy), listed in tests/validators/.
if [ ! -f tests/validators/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm ci --prefix tests/validators --no-audit --no-fund --loglevel=error
fi
if ! python3 -c 'import feedparser, numpy' 2>/dev/null; then
  python3 -m pip install -q --root-user-action=ignore -r tests/validators/requirements.txt
fi

cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
# Strict: a test whose validator or ../shared is missing fails here instead of skipping.
FOLIO_TEST_STRICT=1 cargo test --release

# The shipped series' editorial rules, the browser and the workflow checks: outside
# folio's own tests, as they are the blog's or drive external programs.
scripts/check-content.sh
scripts/katex-fonts-check.sh
scripts/serve-browser-check.sh
scripts/search-browser-check.sh
scripts/a11y-check.sh
scripts/check-workflows.sh
echo "all checks passed"
