"""The site files around a generated corpus (scripts/gen-math-corpus.py): folio's
config.toml, Hugo's hugo.toml and layouts/, or Zola's config.toml and templates/. Each
generator's templates do the same work as folio's built-in ones: a page with its table
of contents, reading time and tags; the section and the home page listing every page
(the section with summaries); taxonomy and term pages; feeds and a sitemap."""

from pathlib import Path

FOLIO_CONFIG = """\
base_url = "https://bench.example/"
title = "Benchmark"
description = "A generated blog."
taxonomies = ["tags", "categories"]

[math]
errors = "error"

[math.macros]
"\\\\R" = "\\\\mathbb{R}"
"\\\\E" = "\\\\mathbb{E}"
"""

# hugo.toml wins over config.toml, so Hugo and folio build the same folder. Math follows
# Hugo's documented recipe: goldmark's passthrough extension and transform.ToMath in a
# render hook, with KaTeX's HTML and MathML like folio.
HUGO_CONFIG = """\
baseURL = "https://bench.example/"
title = "Benchmark"
languageCode = "en"
[taxonomies]
tag = "tags"
category = "categories"
[markup.highlight]
noClasses = false
[markup.tableOfContents]
startLevel = 2
endLevel = 4
[markup.goldmark.extensions.passthrough]
enable = true
[markup.goldmark.extensions.passthrough.delimiters]
block = [["$$", "$$"], ["\\\\[", "\\\\]"]]
inline = [["$", "$"], ["\\\\(", "\\\\)"]]
"""

HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2, 2006" }}</time></p>
{{ .Summary }}</article>
{{ end }}{{ end }}
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
<link rel="stylesheet" href="/katex/katex.min.css"></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1><ul>
{{ range site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "January 2, 2006" }}</time></li>
{{ end }}</ul>{{ end }}
""",
    "page.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "January 2, 2006" }}</time> · {{ .ReadingTime }} min read</p>
{{ .TableOfContents }}
{{ .Content }}
{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
</article>{{ end }}
""",
    "section.html": HUGO_LIST,
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
""",
    "term.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}
""",
    "_markup/render-passthrough.html": """{{- $macros := dict "\\\\R" "\\\\mathbb{R}" "\\\\E" "\\\\mathbb{E}" -}}
{{- $opts := dict "output" "htmlAndMathml" "displayMode" (eq .Type "block") "macros" $macros -}}
{{- with try (transform.ToMath .Inner $opts) -}}
{{- with .Err }}{{ errorf "%s: %s" $.Position . }}{{ else }}{{ .Value }}{{ end -}}
{{- end -}}
""",
}

ZOLA_CONFIG = """\
base_url = "https://bench.example"
title = "Benchmark"
description = "A generated blog."
default_language = "en"
compile_sass = false
build_search_index = false
generate_feeds = true
feed_filenames = ["rss.xml"]
taxonomies = [{ name = "tags", feed = true }, { name = "categories", feed = true }]

[markdown.highlighting]
style = "class"
light_theme = "github-light"
dark_theme = "github-dark"
"""

ZOLA_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title>
<link rel="stylesheet" href="{{ get_url(path='giallo-light.css') }}"></head>
<body><main>{% block content %}{% endblock %}</main></body></html>
""",
    "index.html": """{% extends "base.html" %}{% block content %}<h1>{{ config.title }}</h1><ul>
{% set posts = get_section(path="posts/_index.md") %}{% for p in posts.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time>{{ p.date | date(format="%B %-d, %Y") }}</time></li>
{% endfor %}</ul>{% endblock %}
""",
    "section.html": """{% extends "base.html" %}{% block content %}<h1>{{ section.title }}</h1>
{% for p in paginator.pages %}<article><h2><a href="{{ p.permalink }}">{{ p.title }}</a></h2>
<p><time>{{ p.date | date(format="%B %-d, %Y") }}</time></p>
{% if p.summary %}{{ p.summary | safe }}{% endif %}</article>
{% endfor %}
<nav>{% if paginator.previous %}<a rel="prev" href="{{ paginator.previous }}">Newer</a>{% endif %}
{% if paginator.next %}<a rel="next" href="{{ paginator.next }}">Older</a>{% endif %}</nav>{% endblock %}
""",
    "page.html": """{% extends "base.html" %}{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block content %}<article><h1>{{ page.title }}</h1>
<p><time>{{ page.date | date(format="%B %-d, %Y") }}</time> · {{ page.reading_time }} min read</p>
<nav><ul>{% for h in page.toc %}<li><a href="#{{ h.id }}">{{ h.title }}</a></li>{% endfor %}</ul></nav>
{{ page.content | safe }}
{% for name, terms in page.taxonomies %}<p>{{ name }}: {% for t in terms %}<a href="{{ get_taxonomy_url(kind=name, name=t) }}">{{ t }}</a> {% endfor %}</p>{% endfor %}
</article>{% endblock %}
""",
    "taxonomy_list.html": """{% extends "base.html" %}{% block content %}<h1>{{ taxonomy.name }}</h1><ul>
{% for t in terms %}<li><a href="{{ t.permalink }}">{{ t.name }}</a> ({{ t.pages | length }})</li>
{% endfor %}</ul>{% endblock %}
""",
    "taxonomy_single.html": """{% extends "base.html" %}{% block content %}<h1>{{ taxonomy.name }}: {{ term.name }}</h1><ul>
{% for p in term.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>
{% endfor %}</ul>{% endblock %}
""",
}


def write_files(root: Path, files: dict):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def write(out: Path, shape: str, paginate_by: int):
    """The site files of `shape` ("hugo": folio and Hugo, "zola": Zola) under `out`; the
    posts' list comes in pages of `paginate_by` (Zola always paginates it; folio when
    `paginate_by` is not 0)."""
    posts = out / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    if shape == "zola":
        write_files(out, {"config.toml": ZOLA_CONFIG})
        write_files(out / "templates", ZOLA_TEMPLATES)
        (posts / "_index.md").write_text(
            '+++\ntitle = "Posts"\nsort_by = "date"\ngenerate_feeds = true\n'
            f'paginate_by = {paginate_by or 10}\n+++\n')
        return
    write_files(out, {"config.toml": FOLIO_CONFIG, "hugo.toml": HUGO_CONFIG})
    write_files(out / "layouts", HUGO_LAYOUTS)
    pages = f"paginate_by = {paginate_by}\n" if paginate_by else ""
    (posts / "_index.md").write_text(f'+++\ntitle = "Posts"\n{pages}+++\n')
