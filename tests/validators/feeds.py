"""Parses every RSS feed below a folder with feedparser; prints one line per feed and
exits 1 if any is malformed (bozo) or has no entries' links."""
import pathlib
import sys

import feedparser

root = pathlib.Path(sys.argv[1])
feeds = sorted(root.rglob("*.xml"))
bad = 0
count = 0
for path in feeds:
    if path.name == "sitemap.xml":
        continue
    count += 1
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo or parsed.version != "rss20":
        bad += 1
        print(f"{path}: bozo={parsed.bozo} version={parsed.version} {parsed.get('bozo_exception', '')}")
    elif any(not entry.get("link") for entry in parsed.entries):
        bad += 1
        print(f"{path}: an entry has no link")
print(f"feedparser: {count} feeds, {bad} bad")
sys.exit(1 if bad or not count else 0)
