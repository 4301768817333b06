#!/usr/bin/env python3
"""Measures how long `folio serve` takes to show an edit (scripts/bench-serve.sh runs it).

For each of EDITS posts in turn: appends a unique word to the post's Markdown, and times
from the write to (a) the `reload` event that open pages get on /__folio/events and
(b) the first GET of the post's URL whose body holds the word (polled every 2 ms).

    serve_latency.py ORIGIN SITE --pid PID [--edits 10] [--first 1]

Prints one line per edit on stderr, then on stdout a line of five milliseconds: the median and the
maximum to the reload event, the median and the maximum to the new content, and the median CPU
time the serve process used per edit (user and system, all threads).
"""

import argparse
import http.client
import os
import re
import sys
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

POLL = 0.002
TIMEOUT = 60.0


def get(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def site_version(conn, path):
    """The version the page was served from, as its reload script names it."""
    _, body = get(conn, path)
    found = re.search(rb"/__folio/events\?since=(\d+)", body)
    if not found:
        raise SystemExit(f"no reload script on {path}")
    return int(found.group(1))


def wait_for_reload(host, port, since, result, ready):
    """Listens on the event stream from `since`; records when the first reload arrives."""
    conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    conn.request("GET", f"/__folio/events?since={since}")
    response = conn.getresponse()
    ready.set()
    for line in response:
        if line.startswith(b"event: reload"):
            result["reload"] = time.monotonic()
            break
    conn.close()


def wait_for_content(host, port, path, word, result):
    conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        status, body = get(conn, path)
        if status == 200 and word in body:
            result["content"] = time.monotonic()
            break
        time.sleep(POLL)
    conn.close()


def cpu_seconds(pid):
    """The CPU time process `pid` has used, user and system: a figure that depends less
    on what else the machine runs than the wall times do."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def edit_once(origin, post, url_path, word):
    host, port = origin.hostname, origin.port
    probe = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    since = site_version(probe, url_path)
    probe.close()
    result, ready = {}, threading.Event()
    listener = threading.Thread(
        target=wait_for_reload, args=(host, port, since, result, ready), daemon=True
    )
    listener.start()
    ready.wait(TIMEOUT)
    # The stream answers at once if the site moved on since the page was served.
    time.sleep(0.05)
    if "reload" in result:
        raise SystemExit("the site rebuilt by itself before the edit; is something else writing?")
    poller = threading.Thread(
        target=wait_for_content, args=(host, port, url_path, word.encode(), result), daemon=True
    )
    start = time.monotonic()
    with open(post, "a", encoding="utf-8") as f:
        f.write(f"\n\n{word}\n")
    poller.start()
    listener.join(TIMEOUT)
    poller.join(TIMEOUT)
    if "reload" not in result or "content" not in result:
        raise SystemExit(f"no reload or no new content within {TIMEOUT} s of editing {post}")
    return (result["reload"] - start) * 1000, (result["content"] - start) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("origin")
    parser.add_argument("site", type=Path)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--pid", type=int, required=True, help="the folio serve process")
    parser.add_argument("--first", type=int, default=1, help="the number of the first post edited")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between edits")
    args = parser.parse_args()
    origin = urlsplit(args.origin)
    reloads, contents, cpus = [], [], []
    for i in range(args.edits):
        n = args.first + i * 97
        post = args.site / "content" / "posts" / f"post-{n:05d}.md"
        if not post.exists():
            raise SystemExit(f"{post} does not exist: generate more pages or pass a smaller --first")
        word = f"benchedit{time.time_ns()}x{i}"
        cpu = cpu_seconds(args.pid)
        reload_ms, content_ms = edit_once(origin, post, f"/posts/post-{n:05d}/", word)
        cpu_ms = (cpu_seconds(args.pid) - cpu) * 1000
        print(f"  edit {i + 1}: {post.name}: reload event {reload_ms:.0f} ms, new content {content_ms:.0f} ms,"
              f" serve CPU {cpu_ms:.0f} ms", file=sys.stderr, flush=True)
        cpus.append(cpu_ms)
        reloads.append(reload_ms)
        contents.append(content_ms)
        time.sleep(args.pause)
    figures = [statistics.median(reloads), max(reloads), statistics.median(contents), max(contents),
               statistics.median(cpus)]
    print(" ".join(f"{ms:.0f}" for ms in figures))


if __name__ == "__main__":
    main()
