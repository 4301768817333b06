//! Styles inlined in each page's head (`inline_css`), so no stylesheet request holds up
//! the first paint: the built-in and the shipped themes, the safety net that gives a
//! page showing a formula KaTeX's styles, and `inline_css` in a site's own templates.

mod common;

use common::{CONFIG, Site};

/// KaTeX's main font as the inlined stylesheet names it, on the fixtures' base URL.
const KATEX_FONT: &str = "url(https://example.org/katex/fonts/KaTeX_Main-Regular.woff2)";
/// A rule of folio's code stylesheet.
const CODE_RULE: &str = ".hl-";
const LINKED: &str = "<link rel=\"stylesheet\"";

fn post(body: &str) -> String {
    format!("+++\ntitle = \"P\"\ndate = 2025-01-01\n+++\n{body}")
}

fn head(html: &str) -> &str {
    &html[..html.find("</head>").expect("a head")]
}

#[test]
fn built_in_theme_inlines_katex_with_absolute_font_urls_only_where_math_shows() {
    let site = Site::new(CONFIG);
    site.write("content/notes/m.md", &post("Euler: $e^{i\\pi} + 1 = 0$.\n"));
    site.write("content/notes/c.md", &post("```rust\nfn main() {}\n```\n"));
    site.write("content/notes/plain.md", &post("Only words.\n"));
    site.build_ok(&[]);
    let math = site.read("notes/m/index.html");
    let math_head = head(&math);
    assert!(math_head.contains(KATEX_FONT), "{math_head}");
    assert!(!math_head.contains("url(fonts/"), "{math_head}");
    assert!(!math_head.contains(CODE_RULE), "{math_head}");
    // KaTeX's two most used fonts are fetched at once, not when layout asks for them.
    let preload = "<link rel=\"preload\" href=\"https://example.org/katex/fonts/KaTeX_Main-Regular.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>";
    assert!(math_head.contains(preload), "{math_head}");
    let code = site.read("notes/c/index.html");
    assert!(head(&code).contains(CODE_RULE) && !code.contains("KaTeX_"));
    for plain in ["notes/plain/index.html", "index.html", "404.html"] {
        let html = site.read(plain);
        let h = head(&html);
        assert!(
            !h.contains("KaTeX_") && !h.contains(CODE_RULE),
            "{plain}: {h}"
        );
        // folio.css is inlined on every page, and nothing is linked.
        assert!(h.contains("<style>") && !h.contains(LINKED), "{plain}: {h}");
    }
    // The files are still published, for themes that link them.
    assert!(
        site.read("katex/katex.min.css")
            .contains("url(fonts/KaTeX_Main-Regular.woff2)")
    );
    assert!(site.read("folio.css").contains("body"));
    assert!(site.read("highlight.css").contains(CODE_RULE));
}

/// The page of a site with two formulas, from a `page.html` whose head holds `head`.
fn math_page_with_head(head: &str) -> String {
    let site = Site::new(CONFIG);
    site.write("content/m.md", &post("$a$ and $b$\n"));
    let body = "<body>{{ page.content | safe }}</body>";
    let template = format!("<html><head><title>t</title>{head}</head>{body}</html>");
    site.write("templates/page.html", &template);
    site.build_ok(&[]);
    site.read("m/index.html")
}

/// A theme that never asks `has_math` still gets KaTeX's styles on a page that shows a
/// formula, inlined before its own styles so that theirs win; once, however often the
/// page shows math.
#[test]
fn a_page_showing_math_without_its_styles_gets_them_inlined_before_the_themes() {
    let html = math_page_with_head("<style>{{ inline_css(path=\"folio.css\") }}</style>");
    let h = head(&html);
    assert_eq!(h.matches(KATEX_FONT).count(), 1, "{h}");
    let katex = h.find(KATEX_FONT).unwrap();
    let own = h.rfind("<style>").unwrap();
    assert!(katex < own, "KaTeX's styles come before the theme's: {h}");
}

/// A theme that links KaTeX's stylesheet itself gets no second copy.
#[test]
fn a_theme_that_links_katex_keeps_its_link_alone() {
    let html = math_page_with_head(
        "<link rel=\"stylesheet\" href=\"{{ site.base_url }}katex/katex.min.css\">",
    );
    assert!(!html.contains("KaTeX_Main"), "{html}");
    assert_eq!(html.matches("katex/katex.min.css").count(), 1);
}

/// A site's own stylesheet, inlined: its relative URLs resolved where the file is
/// published, others as written.
#[test]
fn a_sites_own_stylesheet_is_inlined_with_its_urls_resolved() {
    let site = Site::new("base_url = \"https://example.org/blog/\"\ntitle = \"T\"\n");
    site.write("content/p.md", &post("x\n"));
    site.write(
        "static/css/site.css",
        "@font-face{src:url(\"../fonts/a.woff2\")}b{background:url(data:image/png;base64,AA==)}",
    );
    site.write(
        "templates/page.html",
        "<html><head><title>t</title><style>{{ inline_css(path=\"/css/site.css\") }}</style></head><body></body></html>",
    );
    site.build_ok(&[]);
    let html = site.read("p/index.html");
    assert!(
        html.contains("<style>@font-face{src:url(\"https://example.org/blog/fonts/a.woff2\")}b{background:url(data:image/png;base64,AA==)}</style>"),
        "{html}"
    );
}

#[test]
fn inline_css_of_a_file_the_site_does_not_publish_is_an_error_at_the_call() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post("x\n"));
    site.write(
        "templates/page.html",
        "<html>\n<head><style>{{ inline_css(path=\"css/site.css\") }}</style></head></html>",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("templates/page.html:2:"), "{err}");
    assert!(
        err.contains("`css/site.css` is no stylesheet of this site")
            && err.contains("this site publishes folio.css, highlight.css"),
        "{err}"
    );
}

/// `folio serve` keeps unchanged pages between rebuilds; an edit to a stylesheet that
/// pages inline must still reach them.
#[test]
fn a_kept_render_cache_notices_stylesheet_edits() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post("x\n"));
    site.write("static/s.css", "a{color:red}");
    site.write("templates/page.html", "{{ inline_css(path=\"s.css\") }}");
    let memo = folio::render_cache::RenderCache::default();
    let page = |memo| common::render_kept(site.root(), memo, "p/index.html");
    assert_eq!(page(&memo), "a{color:red}");
    site.write("static/s.css", "a{color:blue}");
    assert_eq!(page(&memo), "a{color:blue}");
}

/// The shipped theme: every page's styles inline, KaTeX's and the code styles only where
/// used, and no stylesheet link on an article (the search page alone links Pagefind's).
#[test]
fn shipped_theme_inlines_styles_where_used_and_links_none_on_articles() {
    let (_dir, public) = common::build_elsewhere(&common::repo(), &[]);
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();
    let font = "url(https://www.chenk.top/katex/fonts/KaTeX_Main-Regular.woff2)";
    // A rule of the shipped site's own stylesheet (static/css/site.css).
    let own = ".katex { font-size: 1.1em; }";
    for plain in [
        "en/index.html",
        "en/about/index.html",
        "en/tags/index.html",
        "404.html",
    ] {
        let html = read(plain);
        let h = head(&html);
        assert!(!h.contains("KaTeX_") && !h.contains(".hl-"), "{plain}");
        assert!(h.contains(own) && !h.contains(LINKED), "{plain}");
    }
    for part in [
        "en/transfer-learning/02-pre-training-and-fine-tuning/index.html",
        "en/transfer-learning/05-knowledge-distillation/index.html",
    ] {
        let html = read(part);
        let h = head(&html);
        assert!(h.contains(font) && h.contains(own), "{part}");
        assert!(!h.contains(LINKED) && !h.contains("<script"), "{part}: {h}");
    }
    let search = read("en/search/index.html");
    let linked: Vec<&str> = head(&search).matches(LINKED).collect();
    assert_eq!(linked.len(), 1, "only Pagefind's own stylesheet is linked");
}
