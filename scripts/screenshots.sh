#!/usr/bin/env bash
# Screenshots of the theme, and a check that no page overflows sideways on a phone.
#
#   scripts/screenshots.sh            # build, serve, shoot into screenshots/, check overflow
#   FOLIO="path/to/folio" scripts/screenshots.sh   # use a prebuilt binary instead of cargo run
#   SKIP_CHECK=1 scripts/screenshots.sh            # screenshots only
#   SKIP_SHOTS=1 scripts/screenshots.sh            # overflow check and detail shots only
#
# Needs headless Debian chromium (installed with apt-get when missing) and python3.
# Output: screenshots/{home,series,part-03,part-09}-{1280,390}-{light,dark}.png, plus
# detail shots of the first table, code block and display formula of each post at 390 px
# (screenshots/detail-*.png), and a report of pages whose content is wider than the
# viewport at 360 and 390 px (exit status 1 if there are any).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/screenshots"
SITE="${SITE_DIR:-/tmp/folio-shots}"
PORT="${PORT:-8765}"
CDP_PORT="${CDP_PORT:-9333}"
BASE="http://127.0.0.1:$PORT/"

if [ ! -x /usr/bin/chromium ]; then
  apt-get update && apt-get install -y chromium
fi

cd "$ROOT"
if [ -n "${FOLIO:-}" ]; then
  "$FOLIO" build --base-url "$BASE" --output "$SITE"
else
  cargo run --release -- build --base-url "$BASE" --output "$SITE"
fi
mkdir -p "$OUT"

SERVER_PID=""
CHROME_PID=""
TMP="$(mktemp -d)"
cleanup() {
  if [ -n "$CHROME_PID" ]; then kill "$CHROME_PID" 2>/dev/null || true; wait "$CHROME_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('$BASE')" 2>/dev/null; then break; fi
  sleep 0.2
done

CHROME_FLAGS=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars)

# name -> path below the base URL
PAGES=(
  "home en/"
  "series en/transfer-learning/"
  "part-03 en/transfer-learning/03-domain-adaptation/"
  "part-09 en/transfer-learning/09-parameter-efficient-fine-tuning/"
)

shoot() { # name path width height scheme
  local name="$1" path="$2" width="$3" height="$4" scheme="$5" extra=()
  # Blink's preferredColorScheme: 0 = dark, 1 = light (--force-prefers-color-scheme does
  # not exist in this chromium; --force-dark-mode also works but changes the UI theme too).
  if [ "$scheme" = dark ]; then extra=(--blink-settings=preferredColorScheme=0)
  else extra=(--blink-settings=preferredColorScheme=1); fi
  local profile; profile="$(mktemp -d -p "$TMP")"
  timeout 120 chromium "${CHROME_FLAGS[@]}" --user-data-dir="$profile" "${extra[@]}" \
    --window-size="$width,$height" --screenshot="$OUT/$name-$width-$scheme.png" \
    "$BASE$path" >/dev/null 2>&1
  echo "screenshots/$name-$width-$scheme.png"
}

if [ -z "${SKIP_SHOTS:-}" ]; then
  for entry in "${PAGES[@]}"; do
    read -r name path <<<"$entry"
    for scheme in light dark; do
      shoot "$name" "$path" 1280 1800 "$scheme"
      shoot "$name" "$path" 390 2400 "$scheme"
    done
  done
fi

if [ -n "${SKIP_CHECK:-}" ]; then exit 0; fi

# The overflow check and the detail shots drive one chromium over the DevTools protocol.
chromium "${CHROME_FLAGS[@]}" --user-data-dir="$TMP/cdp-profile" \
  --remote-debugging-port="$CDP_PORT" about:blank >"$TMP/chrome.log" 2>&1 &
CHROME_PID=$!

cat >"$TMP/check.py" <<'PY'
"""Minimal DevTools-protocol client (standard library only)."""
import base64, json, os, socket, struct, sys, time, urllib.request

cdp_port, base, site, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

def target_ws():
    for _ in range(100):
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{cdp_port}/json/list"))
            for t in targets:
                if t.get("type") == "page":
                    return t["webSocketDebuggerUrl"]
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("chromium's DevTools endpoint did not come up")

class Socket:
    def __init__(self, url):
        rest = url.split("://", 1)[1]
        hostport, path = rest.split("/", 1)
        host, port = hostport.split(":")
        self.s = socket.create_connection((host, int(port)))
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.s.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            sys.exit("websocket handshake failed")
        self.next_id = 0

    def _read(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    def send(self, text):
        data = text.encode()
        header = bytes([0x81])
        n = len(data)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.s.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self):
        message = b""
        while True:
            b1, b2 = self._read(2)
            n = b2 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            message += payload
            if b1 & 0x80:
                return message.decode()

    def call(self, method, **params):
        self.next_id += 1
        self.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]

ws = Socket(target_ws())

def evaluate(expr):
    r = ws.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
    return r["result"].get("value")

def load(url, width, scheme):
    ws.call("Emulation.setDeviceMetricsOverride", width=width, height=800,
            deviceScaleFactor=1, mobile=width < 600)
    ws.call("Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": scheme}])
    ws.call("Page.navigate", url=url)
    for _ in range(400):
        time.sleep(0.05)
        try:
            if evaluate("location.href + ' ' + document.readyState") == url + " complete":
                break
        except RuntimeError:  # the page is being replaced
            pass
    try:
        evaluate("document.fonts.ready.then(() => true)")
    except RuntimeError:
        pass

OVERFLOW = r"""
(() => {
  const W = document.documentElement.clientWidth;
  const page = document.documentElement.scrollWidth;
  const bad = [];
  if (page > W) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= W + 0.5) continue;
      let p = el.parentElement, scrolled = false;
      while (p && p !== document.body) {
        const o = getComputedStyle(p).overflowX;
        if (o !== 'visible') { scrolled = true; break; }
        p = p.parentElement;
      }
      const name = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right);
      if (!scrolled) bad.push(name);
      else if (getComputedStyle(el).position === 'absolute' || getComputedStyle(el).position === 'fixed') bad.push(name + ' (positioned, inside a scroller)');
    }
  }
  return {W, page, bad: bad.slice(0, 5)};
})()
"""

MEASURE = r"""
(() => {
  // Characters on each full line (the last line of a paragraph is left out) of the
  // article's plain paragraphs; returns the median.
  const counts = [];
  const range = document.createRange();
  for (const p of document.querySelectorAll('.prose > p')) {
    if (p.querySelector('.katex, code')) continue;
    const lines = new Map();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.length; i++) {
        range.setStart(n, i); range.setEnd(n, i + 1);
        const r = range.getClientRects()[0];
        if (r) lines.set(Math.round(r.top), (lines.get(Math.round(r.top)) || 0) + 1);
      }
    }
    const full = [...lines.values()]; full.pop();
    counts.push(...full);
  }
  counts.sort((a, b) => a - b);
  return counts.length ? counts[counts.length >> 1] : null;
})()
"""

pages = []
for dirpath, _, files in os.walk(site):
    for f in files:
        if f.endswith(".html"):
            with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                if 'http-equiv="refresh"' in fh.read(2000):
                    continue  # a redirect: it navigates away by itself
            rel = os.path.relpath(os.path.join(dirpath, f), site)
            if rel.endswith("index.html"):
                rel = rel[: -len("index.html")]
            pages.append(rel)
pages.sort()

problems = 0
for width in (360, 390):
    for rel in pages:
        load(base + rel, width, "light")
        r = evaluate(OVERFLOW)
        if r["page"] > r["W"]:
            problems += 1
            print(f"OVERFLOW at {width}px: /{rel} is {r['page']}px wide: {r['bad']}")
print(f"overflow check: {len(pages)} pages at 360 and 390 px, {problems} with horizontal overflow")

for width in (1280, 390):
    for rel in ("en/transfer-learning/03-domain-adaptation/",
                "en/transfer-learning/09-parameter-efficient-fine-tuning/"):
        load(base + rel, width, "light")
        print(f"measure at {width}px, /{rel}: median {evaluate(MEASURE)} characters per full line")

# Detail shots: the first table, code block and display formula of each post, at 390 px.
for rel, short in (("en/transfer-learning/03-domain-adaptation/", "part-03"),
                   ("en/transfer-learning/09-parameter-efficient-fine-tuning/", "part-09")):
    for scheme in ("light", "dark"):
        load(base + rel, 390, scheme)
        for sel, label in (("table", "table"), ("pre", "code"), (".math-display", "math"),
                           (".series-pager", "series")):
            box = evaluate(f"""(() => {{ const el = document.querySelector('.prose {sel}, {sel}');
                if (!el) return null; const r = el.getBoundingClientRect();
                return {{x: 0, y: Math.max(0, r.top + scrollY - 120), width: 390,
                        height: Math.min(900, r.height + 240)}}; }})()""")
            if not box:
                continue
            shot = ws.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                           clip={**box, "scale": 1})
            path = os.path.join(out, f"detail-{short}-{label}-390-{scheme}.png")
            with open(path, "wb") as fh:
                fh.write(base64.b64decode(shot["data"]))
            print(os.path.relpath(path, os.path.dirname(out)))

sys.exit(1 if problems else 0)
PY

python3 "$TMP/check.py" "$CDP_PORT" "$BASE" "$SITE" "$OUT"
