#!/usr/bin/env bash
# Acceptance check for `folio serve` in a real browser: headless Chromium opens a post,
# the post's Markdown is edited on disk, and the open page must show the edit by itself
# (live reload, no manual reload); then broken front matter must bring up the error
# overlay, and fixing it must take the overlay away. Exits non-zero on any failure.
#
# Needs Debian's chromium (installed here if missing) and Node.js 20 or later, whose
# built-in WebSocket drives Chromium over the DevTools protocol.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/chromium.sh
cargo build --release --quiet
folio="$PWD/target/release/folio"

cp -r tests/fixtures/check-ok "$work/site"
"$folio" serve --root "$work/site" --port 0 >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { cat "$work/serve.log"; echo "FAIL: folio serve did not start" >&2; exit 1; }

start_chromium "${url}posts/first/"

status=0
node --experimental-websocket - "$devtools_port" "$work/site/content/posts/first.md" "${url}posts/first/" <<'JS' || status=$?
const fs = require("fs");
const [devtoolsPort, postPath, pageUrl] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  let target;
  for (let i = 0; i < 100 && !target; i++) {
    const list = await (await fetch(`http://127.0.0.1:${devtoolsPort}/json/list`)).json();
    target = list.find((t) => t.type === "page" && t.url.startsWith(pageUrl));
    if (!target) await sleep(100);
  }
  if (!target) throw new Error(`no browser tab shows ${pageUrl}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
  };
  const evaluate = (expression) => new Promise((resolve) => {
    const n = ++id;
    pending.set(n, (msg) => resolve(msg.result?.result?.value));
    ws.send(JSON.stringify({ id: n, method: "Runtime.evaluate", params: { expression, returnByValue: true } }));
  });
  const waitFor = async (what, expression, seconds) => {
    const start = Date.now();
    while (Date.now() - start < seconds * 1000) {
      if (await evaluate(expression)) return Date.now() - start;
      await sleep(100);
    }
    throw new Error(`the page never showed ${what} within ${seconds} s`);
  };

  await waitFor("the post", `document.body && document.body.innerText.includes("This post links to")`, 15);
  // Set on this very document: if it is still there later, the page never reloaded.
  await evaluate(`window.folioCheckMarker = true`);
  await sleep(500); // let the reload script connect

  const good = fs.readFileSync(postPath, "utf8");
  fs.writeFileSync(postPath, good.replace("This post links to", "This post, edited on disk, links to"));
  const ms = await waitFor("the edit", `document.body.innerText.includes("This post, edited on disk, links to")`, 10);
  if (await evaluate(`window.folioCheckMarker === true`)) throw new Error("the edit showed without a reload?");
  console.log(`ok: the open page showed the edit ${ms} ms after the save, reloaded by folio serve`);

  const edited = fs.readFileSync(postPath, "utf8");
  fs.writeFileSync(postPath, edited.replace('title = "First"', "title = "));
  await waitFor("the error overlay", `(document.getElementById("folio-error")?.innerText || "").includes("first.md:2:")`, 10);
  console.log("ok: broken front matter brought up the error overlay naming first.md:2");
  fs.writeFileSync(postPath, edited);
  await waitFor("the page without the overlay", `!document.getElementById("folio-error") && document.body.innerText.includes("edited on disk")`, 10);
  console.log("ok: fixing it took the overlay away");
  ws.close();
}
main().then(() => process.exit(0), (e) => { console.error(`FAIL: ${e.message}`); process.exit(1); });
JS
if [ "$status" -ne 0 ]; then
  echo "--- folio serve log" >&2
  cat "$work/serve.log" >&2
  exit "$status"
fi
echo "serve-browser-check: passed"
