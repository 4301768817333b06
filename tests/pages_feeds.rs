//! Lists in pages and feeds readers like, on tests/fixtures/pages-feeds: an English
//! section of five posts split two to a page (`paginate_by` in its `_index.md`), Chinese
//! lists split by the language's `paginate_by`, and feeds with `[feeds] limit = 3` and
//! `full_content = true` (one post with math, footnotes, a script and an event handler).

mod common;

use std::process::Command;

use common::{Site, repo, themed_fixture};

fn built() -> Site {
    let site = Site::fixture("pages-feeds");
    site.build_ok(&[]);
    site
}

fn has_rel(html: &str, rel: &str, href: &str) -> bool {
    html.contains(&format!(
        "<link rel=\"{rel}\" href=\"https://example.org{href}\">"
    ))
}

#[test]
fn a_section_longer_than_paginate_by_comes_in_pages() {
    let site = built();
    let first = site.read("en/posts/index.html");
    assert!(has_rel(&first, "next", "/en/posts/page/2/"), "{first}");
    assert!(!first.contains("rel=\"prev\""), "{first}");
    assert!(first.contains(">Post 5<") && first.contains(">Post 4<"));
    assert!(!first.contains(">Post 3<"), "page 1 holds two posts");

    let second = site.read("en/posts/page/2/index.html");
    assert!(has_rel(&second, "prev", "/en/posts/"), "{second}");
    assert!(has_rel(&second, "next", "/en/posts/page/3/"), "{second}");
    assert!(
        second.contains("<link rel=\"canonical\" href=\"https://example.org/en/posts/page/2/\">")
    );
    assert!(second.contains(">Post 3<") && second.contains(">Post 2<"));
    // No other language's page 2 is known to hold the same posts: no hreflang claims so.
    assert!(
        !second.contains("hreflang=\"zh-CN\" href") && first.contains("hreflang=\"zh-CN\" href")
    );
    assert!(second.contains("<a href=\"https://example.org/zh/posts/\" hreflang=\"zh-CN\""));
    for words in [
        "Page 2 of 3",
        ">Previous page</a>",
        ">Next page</a>",
        "aria-label=\"Pages\"",
    ] {
        assert!(second.contains(words), "{words}\n{second}");
    }
    assert!(
        second.contains(
            "<a aria-current=\"page\" href=\"https://example.org/en/posts/page/2/\">2</a>"
        )
    );

    let last = site.read("en/posts/page/3/index.html");
    assert!(has_rel(&last, "prev", "/en/posts/page/2/") && !last.contains("rel=\"next\""));
    assert!(last.contains(">Post 1<"));
    assert!(!site.public().join("en/posts/page/4").exists());

    // As Hugo does: page 1 also at page/1/, redirecting to the list.
    let redirect = site.read("en/posts/page/1/index.html");
    assert!(
        redirect.contains("url=https://example.org/en/posts/\""),
        "{redirect}"
    );
    // The English home has no paginate_by: one page, as before.
    assert!(!site.public().join("en/page").exists());
}

#[test]
fn a_language_paginates_its_home_and_terms_in_its_words() {
    let site = built();
    let home = site.read("zh/page/2/index.html");
    assert!(has_rel(&home, "prev", "/zh/"), "{home}");
    for words in [
        "第 2 页，共 2 页",
        ">上一页</a>",
        "aria-label=\"分页\"",
        "aria-label=\"第 1 页\"",
    ] {
        assert!(home.contains(words), "{words}\n{home}");
    }
    let term = site.read("zh/tags/分页/page/2/index.html");
    assert!(
        has_rel(&term, "prev", "/zh/tags/%E5%88%86%E9%A1%B5/"),
        "{term}"
    );
    assert!(term.contains(">文章 1<"));
    assert!(site.public().join("zh/posts/page/2/index.html").is_file());
}

#[test]
fn the_shipped_theme_shows_the_pager() {
    let fixture = themed_fixture("pages-feeds");
    let (_dir, out) = common::build_elsewhere(fixture.path(), &[]);
    let page = std::fs::read_to_string(out.join("zh/posts/page/2/index.html")).unwrap();
    assert!(
        page.contains("<nav class=\"pagination\" aria-label=\"分页\">"),
        "{page}"
    );
    assert!(page.contains("rel=\"prev\">上一页</a>") && has_rel(&page, "prev", "/zh/posts/"));
    let first = std::fs::read_to_string(out.join("en/posts/index.html")).unwrap();
    assert!(first.contains("rel=\"next\">Next page</a>"), "{first}");
}

#[test]
fn check_passes_on_the_links_between_pages() {
    let site = Site::fixture("pages-feeds");
    common::assert_check_passes(site.root());
}

#[test]
fn a_paginate_by_of_zero_is_an_error_at_its_line() {
    let site = Site::fixture("pages-feeds");
    site.write(
        "content/en/posts/_index.md",
        "+++\ntitle = \"Posts\"\npaginate_by = 0\n+++\n",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("_index.md:3:"), "{err}");
    assert!(err.contains("a whole number above 0"), "{err}");
}

/// A list's keys on a page are not dropped in silence.
#[test]
fn list_keys_on_a_page_are_a_warning() {
    let site = Site::fixture("pages-feeds");
    site.write(
        "content/en/posts/stray.md",
        "+++\ntitle = \"Stray\"\ndate = 2025-01-01\npaginate_by = 2\nsort_by = \"title\"\n+++\n\nText.\n",
    );
    let out = site.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for key in ["paginate_by", "sort_by"] {
        let warning = format!("posts/stray.md: `{key}` does nothing on a page");
        assert!(stderr.contains(&warning), "{stderr}");
    }
}

/// Every feed of the site, by path below the output.
fn feeds(site: &Site) -> Vec<(String, String)> {
    common::walk(&site.public())
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.xml"))
        .map(|p| {
            let rel = p.strip_prefix(site.public()).unwrap().display().to_string();
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn feeds_hold_at_most_the_limit_newest_first() {
    let site = built();
    let all = feeds(&site);
    assert!(all.len() >= 5);
    for (path, xml) in &all {
        assert!(xml.matches("<item>").count() <= 3, "{path}");
    }
    let posts = site.read("en/posts/index.xml");
    let titles: Vec<&str> = posts
        .split("<item><title>")
        .skip(1)
        .map(|s| &s[..6])
        .collect();
    assert_eq!(titles, ["Post 5", "Post 4", "Post 3"]);
}

/// The RSS 2.0 rules that apply to full content, checked here since the W3C validator is
/// a web service: the `content` namespace declared on `<rss>`, and in every item one
/// `description` and one `content:encoded`, whose HTML is CDATA.
#[test]
fn full_content_is_the_whole_post_with_mathml_and_absolute_links() {
    let site = built();
    let xml = site.read("en/posts/index.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let content_ns = "http://purl.org/rss/1.0/modules/content/";
    assert_eq!(
        doc.root_element().lookup_namespace_uri(Some("content")),
        Some(content_ns)
    );
    let is = |node: &roxmltree::Node, (ns, name): (Option<&str>, &str)| {
        node.tag_name().namespace() == ns && node.tag_name().name() == name
    };
    let (description, encoded) = ((None, "description"), (Some(content_ns), "encoded"));
    for item in doc.descendants().filter(|n| n.has_tag_name("item")) {
        let count = |name| item.children().filter(|c| is(c, name)).count();
        assert_eq!((count(description), count(encoded)), (1, 1));
    }
    assert_eq!(xml.matches("<content:encoded><![CDATA[").count(), 3);
    let item = doc.descendants().find(|n| n.has_tag_name("item")).unwrap();
    let text = |name| {
        let node = item.children().find(|c| is(c, name)).unwrap();
        node.text().unwrap().to_string()
    };
    let (content, summary) = (text(encoded), text(description));
    assert!(
        content.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">")
    );
    assert!(
        !content.contains("katex-html"),
        "MathML alone, as in summaries"
    );
    assert!(
        !content.contains("<script") && !content.contains("onclick"),
        "{content}"
    );
    assert!(content.contains("<p>A paragraph with a handler.</p>"));
    assert!(content.contains("<a href=\"https://example.org/en/posts/post-1/\">first post</a>"));
    for link in content.split(" href=\"").skip(1) {
        assert!(link.starts_with("https://example.org/"), "{link}");
    }
    // Footnotes: every reference and back-link reaches the notes, which come along.
    let page = "https://example.org/en/posts/post-5/";
    for part in [
        format!("<a href=\"{page}#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a>"),
        format!("<a href=\"{page}#fn-1\" id=\"fnref-1-2\" role=\"doc-noteref\">1</a>"),
        "<li id=\"fn-2\">\n<p>A note with a formula: <span class=\"katex\"><math".into(),
        format!("<a href=\"{page}#fnref-1-2\" class=\"footnote-back\""),
    ] {
        assert!(content.contains(&part), "{part}\n{content}");
    }
    // The summary stays the summary.
    assert!(
        content.contains("Gauss") && !summary.contains("Gauss"),
        "{summary}"
    );
}

#[test]
fn without_the_settings_lists_and_feeds_keep_their_shape() {
    let site = Site::fixture("pages-feeds");
    let config = std::fs::read_to_string(site.root().join("config.toml")).unwrap();
    let config = config
        .replace("[feeds]\nlimit = 3\nfull_content = true\n", "")
        .replace("paginate_by = 2\n", "");
    site.write("config.toml", &config);
    site.write(
        "content/en/posts/_index.md",
        "+++\ntitle = \"Posts\"\n+++\n",
    );
    site.build_ok(&[]);
    let posts = site.read("en/posts/index.xml");
    assert_eq!(posts.matches("<item>").count(), 5);
    assert!(!posts.contains("xmlns:content") && !posts.contains("content:encoded"));
    let paged = common::walk(&site.public());
    assert!(
        !paged
            .iter()
            .any(|p| p.components().any(|c| c.as_os_str() == "page"))
    );
    assert!(!site.read("en/posts/index.html").contains("pagination"));
}

#[test]
fn feedparser_reads_the_full_content_and_the_nu_checker_passes_the_pages() {
    let (Some(jar), true) = (common::nu_checker(), common::feedparser()) else {
        return;
    };
    for fixture in [
        common::copy_fixture("pages-feeds"),
        themed_fixture("pages-feeds"),
    ] {
        let (_dir, out) = common::build_elsewhere(fixture.path(), &[]);
        let script = "import feedparser, sys\n\
            d = feedparser.parse(open(sys.argv[1], 'rb').read())\n\
            assert not d.bozo, d.get('bozo_exception')\n\
            html = d.entries[0].content[0].value\n\
            assert '<math' in html and 'fn-1' in html, html\n\
            print('ok', len(d.entries))";
        let run = Command::new("python3")
            .args(["-c", script])
            .arg(out.join("en/posts/index.xml"))
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&run.stdout);
        assert!(
            said.contains("ok 3"),
            "{said}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let all = Command::new("python3")
            .arg(repo().join("tests/validators/feeds.py"))
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            all.status.success(),
            "{}",
            String::from_utf8_lossy(&all.stdout)
        );
        let nu = Command::new("java")
            .args(["-jar"])
            .arg(&jar)
            .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
            .arg(&out)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&nu.stderr);
        assert!(nu.status.success() && report.trim().is_empty(), "{report}");
    }
}
