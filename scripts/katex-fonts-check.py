#!/usr/bin/env python3
"""Opens a page with math in headless Chromium over the DevTools protocol and checks that
KaTeX's fonts are used: KaTeX_Main and KaTeX_Math faces loaded, `.katex` styled with
KaTeX_Main, every glyph of the math drawn from a KaTeX web font (no system fallback), no
404 for /katex/ files in the server log, and no console errors. Run by
scripts/katex-fonts-check.sh, which builds and serves the site; needs websocket-client.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # Chromium refuses DevTools websocket clients that send an Origin header without this.
    "--remote-allow-origins=*",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT = 30
# Leaf elements of the math whose glyphs are checked; enough to touch every KaTeX font a
# typical page uses without one DevTools round trip per character of a long page.
MAX_GLYPH_NODES = 2000

# Marks the elements of KaTeX's HTML that hold text themselves, so DevTools can find them.
MARK_TEXT_NODES = f"""
(() => {{
  let n = 0;
  for (const el of document.querySelectorAll('.katex-html *')) {{
    if (n >= {MAX_GLYPH_NODES}) break;
    if ([...el.childNodes].some(c => c.nodeType === 3 && c.data.trim())) {{
      el.setAttribute('data-glyph-check', n++);
    }}
  }}
  return n;
}})()
"""
# The themes give a long article's blocks `content-visibility: auto`, so formulas below
# the first screen are laid out (and ask for their fonts) only when scrolled near; render
# everything, as a reader who scrolls through the page sees it.
RENDER_ALL = """
(() => {
  const style = document.createElement('style');
  style.textContent = '* { content-visibility: visible !important; }';
  document.head.append(style);
  return document.body.getBoundingClientRect().height;
})()
"""
FONT_STATE = """
(async () => {
  await document.fonts.ready;
  const unquote = s => s.replace(/^["']|["']$/g, '');
  const katex = document.querySelector('.katex');
  return {
    formulas: document.querySelectorAll('.katex').length,
    faces: [...document.fonts].map(f => ({
      family: unquote(f.family), style: f.style, weight: f.weight, status: f.status,
    })),
    katexFontFamily: katex ? getComputedStyle(katex).fontFamily : null,
    katexCssInlined: [...document.querySelectorAll('style')]
      .some(s => s.textContent.includes('font-family:KaTeX_Main')),
  };
})()
"""


class DevTools:
    """A minimal synchronous DevTools client: commands, and the events seen meanwhile."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=TIMEOUT)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method):
        for event in self.events:
            if event["method"] == method:
                return event
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            message = json.loads(self.ws.recv())
            if "method" in message:
                self.events.append(message)
                if message["method"] == method:
                    return message
        raise TimeoutError(f"no {method} within {TIMEOUT} s")

    def drain(self, seconds):
        """Collects events for a while, e.g. console errors logged after load."""
        self.ws.settimeout(seconds)
        try:
            while True:
                message = json.loads(self.ws.recv())
                if "method" in message:
                    self.events.append(message)
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(TIMEOUT)

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluation failed: {result['exceptionDetails']}")
        return result["result"]["value"]


def start_chromium(profile):
    process = subprocess.Popen(
        ["/usr/bin/chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
         "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # With port 0 Chromium picks a free port and prints the browser's WebSocket URL.
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        match = re.search(r"DevTools listening on ws://([^/]+)/", line)
        if match:
            return process, match.group(1)
        if not line and process.poll() is not None:
            break
    process.kill()
    raise RuntimeError("Chromium did not start its DevTools server")


def page_target(host):
    with urllib.request.urlopen(f"http://{host}/json/list", timeout=TIMEOUT) as response:
        targets = json.load(response)
    return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")


def console_errors(events):
    errors = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            errors.append(f"console.{params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            description = details.get("exception", {}).get("description", details["text"])
            errors.append(f"exception: {description}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            errors.append(f"{entry['source']}: {entry['text']} {entry.get('url', '')}".strip())
    return errors


def glyph_fonts(devtools):
    """Every platform font Chromium drew the marked math glyphs with, by family."""
    marked = devtools.evaluate(MARK_TEXT_NODES)
    document = devtools.call("DOM.getDocument", depth=0)["root"]["nodeId"]
    nodes = devtools.call("DOM.querySelectorAll", nodeId=document,
                          selector="[data-glyph-check]")["nodeIds"]
    fonts = {}
    for node in nodes:
        for font in devtools.call("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]:
            key = (font["familyName"], font["isCustomFont"])
            fonts[key] = fonts.get(key, 0) + font["glyphCount"]
    return marked, fonts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="a served page with math")
    parser.add_argument("--server-log", required=True, help="the http.server request log")
    args = parser.parse_args()

    profile = tempfile.mkdtemp(prefix="katex-fonts-check-")
    chromium, host = start_chromium(profile)
    try:
        devtools = DevTools(page_target(host))
        for domain in ("Runtime", "Log", "Page", "DOM", "CSS", "Network"):
            devtools.call(f"{domain}.enable")
        devtools.call("Page.navigate", url=args.url)
        devtools.wait_for("Page.loadEventFired")
        devtools.evaluate(RENDER_ALL)
        state = devtools.evaluate(FONT_STATE)
        marked, fonts = glyph_fonts(devtools)
        devtools.drain(1.0)
        errors = console_errors(devtools.events)
    finally:
        chromium.terminate()
        try:
            chromium.wait(timeout=10)
        except subprocess.TimeoutExpired:
            chromium.kill()
        shutil.rmtree(profile, ignore_errors=True)

    failures = []
    print(f"page: {args.url} ({state['formulas']} formulas)")
    katex_faces = sorted(
        {(f["family"], f["style"], f["weight"], f["status"]) for f in state["faces"]
         if f["family"].startswith("KaTeX_")}
    )
    loaded = {family for family, _, _, status in katex_faces if status == "loaded"}
    print("KaTeX faces loaded: " + ", ".join(sorted(
        f"{family} {style} {weight}" for family, style, weight, status in katex_faces
        if status == "loaded")))
    if state["formulas"] == 0:
        failures.append("the page has no .katex element")
    for family in ("KaTeX_Main", "KaTeX_Math"):
        if family not in loaded:
            failures.append(f"no {family} face has status \"loaded\"")
    failed_faces = [f"{family} {style} {weight}" for family, style, weight, status in katex_faces
                    if status == "error"]
    if failed_faces:
        failures.append(f"KaTeX faces failed to load: {failed_faces}")

    family = state["katexFontFamily"] or ""
    print(f".katex font-family: {family}")
    if not family.strip("\"'").startswith("KaTeX_Main"):
        failures.append(f".katex font-family is {family!r}, not KaTeX_Main first")

    used = [f"{name}{'' if custom else ' (system)'} {count}"
            for (name, custom), count in sorted(fonts.items())]
    print(f"glyph fonts ({marked} text elements): " + ", ".join(used))
    fallback = {name: count for (name, custom), count in fonts.items()
                if not (custom and name.startswith("KaTeX_"))}
    if marked == 0:
        failures.append("no math glyphs found to check")
    if fallback:
        failures.append(f"math glyphs drawn with fallback fonts: {fallback}")

    with open(args.server_log, encoding="utf-8") as log:
        requests = re.findall(r'"GET (\S+) HTTP/[\d.]+" (\d{3})', log.read())
    katex_requests = [(path, status) for path, status in requests if "/katex/" in path]
    print(f"/katex/ requests: {len(katex_requests)}, "
          f"{sum(status == '200' for _, status in katex_requests)} ok")
    missing = [path for path, status in katex_requests if status == "404"]
    if missing:
        failures.append(f"404 for KaTeX files: {missing}")
    served = any(path.endswith("/katex/katex.min.css") and status in ("200", "304")
                 for path, status in katex_requests)
    print(f"KaTeX's stylesheet: {'inlined' if state['katexCssInlined'] else ''}"
          f"{' and ' if served and state['katexCssInlined'] else ''}{'served' if served else ''}")
    if not served and not state["katexCssInlined"]:
        failures.append("KaTeX's stylesheet is neither inlined in the page nor served")

    if errors:
        failures.append("console errors:\n    " + "\n    ".join(errors))

    sys.stdout.flush()
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    if failures:
        return 1
    print("OK: KaTeX fonts loaded, no fallback, no 404, no console errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
