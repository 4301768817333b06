//! The site's output (`folio build` on fixture sites): its shape, summaries, ids, front
//! matter, drafts, permalinks, determinism and the all-or-nothing write.

mod common;

use common::{CONFIG, Site, snapshot};

const LONG_PARAGRAPH: &str = "Transfer learning reuses a model trained on one task as the starting point for another task, which saves data and compute when the second task has few labels. ";

fn post(title: &str, date: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\n{body}")
}

#[test]
fn builds_pages_sections_feeds_and_sitemap() {
    let site = Site::new(CONFIG);
    site.write(
        "content/notes/first-note.md",
        &post("First", "2025-01-02T03:04:05Z", "Hello *world*.\n"),
    );
    let summary = site.build_ok(&[]);
    assert!(summary.starts_with("built "), "{summary}");
    assert!(
        summary.contains(" pages, ") && summary.contains(" feeds, ") && summary.contains(" ms")
    );
    let page = site.read("notes/first-note/index.html");
    assert!(page.contains("<em>world</em>"));
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://example.org/notes/first-note/\">")
    );
    let feed = site.read("notes/index.xml");
    assert!(
        feed.contains("<title>Notes on Fixture</title>"),
        "section titled from its folder"
    );
    assert!(feed.contains("<pubDate>Thu, 02 Jan 2025 03:04:05 +0000</pubDate>"));
    let home = site.read("index.xml");
    assert!(home.contains("<title>Fixture</title><link>https://example.org/</link><description>Recent content on Fixture</description>"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/notes/first-note/</loc>"));
    assert!(sitemap.contains("<lastmod>2025-01-02T03:04:05+00:00</lastmod>"));
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
    );
    assert!(
        site.read("404.html")
            .contains("<title>Page not found | Fixture</title>")
    );
    assert!(site.public().join(".folio-output").is_file());
}

#[test]
fn summary_is_whole_paragraphs_up_to_the_word_count() {
    let site = Site::new(&format!("{CONFIG}summary_length = 20\n"));
    let body = format!("{LONG_PARAGRAPH}\n\nSecond paragraph here.\n\nThird.\n");
    site.write("content/a.md", &post("A", "2025-01-01", &body));
    // 7 words, then a paragraph that brings the count past 10.
    site.write(
        "content/b.md",
        &post("B", "2025-01-02", "one two three four five six seven\n\n## Heading words\n\neight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty\n\nnot in summary\n"),
    );
    site.write(
        "content/c.md",
        &post(
            "C",
            "2025-01-03",
            "Intro only.\n\n<!--more-->\n\nHidden from the summary.\n",
        ),
    );
    site.write(
        "content/d.md",
        "---\ntitle: D\ndate: 2025-01-04\nsummary: \"Custom *summary*\"\n---\nBody.\n",
    );
    site.build_ok(&[]);
    let feed = site.read("index.xml");
    let first_sentence = LONG_PARAGRAPH.trim();
    assert!(
        feed.contains(&format!(
            "<description>&lt;p>{first_sentence}&lt;/p></description>"
        )),
        "{feed}"
    );
    assert!(
        feed.contains(
            "&lt;p>one two three four five six seven&lt;/p>\n&lt;h2 id=\"heading-words\">"
        )
    );
    assert!(feed.contains("twenty&lt;/p></description>"));
    assert!(!feed.contains("not in summary"));
    assert!(feed.contains("<description>&lt;p>Intro only.&lt;/p></description>"));
    assert!(
        feed.contains("<description>&lt;p>Custom &lt;em>summary&lt;/em>&lt;/p>\n</description>")
    );
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let site = Site::new(CONFIG);
    site.write(
        "content/p.md",
        &post(
            "P",
            "2025-01-01",
            "## Setup\n\n## Setup\n\n### Details {#own-id}\n\n##### Too deep\n",
        ),
    );
    site.write(
        "templates/page.html",
        "{% for h in page.toc %}[{{ h.id }}:{% for c in h.children %}{{ c.id }}{% endfor %}]{% endfor %} {{ page.word_count }} {{ page.reading_time }}|{{ page.content | safe }}",
    );
    site.build_ok(&[]);
    let html = site.read("p/index.html");
    assert!(html.starts_with("[setup:][setup-1:own-id] 5 1|"), "{html}");
    assert!(html.contains("<h2 id=\"setup\">Setup"));
    assert!(html.contains("<h2 id=\"setup-1\">Setup"));
    assert!(html.contains("<h3 id=\"own-id\">Details"));
}

#[test]
fn front_matter_in_toml_and_yaml_with_extra_fields() {
    let site = Site::new(CONFIG);
    site.write(
        "content/posts/toml.md",
        "+++\ntitle = \"Toml post\"\ndate = 2025-03-01T10:00:00+02:00\ntags = [\"Deep Learning\", \"ML\"]\ncategories = \"Notes\"\nslug = \"custom-slug\"\nmood = \"calm\"\n+++\nText.\n",
    );
    site.write(
        "content/posts/yaml.md",
        "---\ntitle: \"Yaml post\"\ndate: 2025-05-13 09:00:00\nlastmod: 2025-05-14\ncategories: Transfer Learning\ntags:\n  - ML\nmathjax: true\n---\nText.\n",
    );
    site.write(
        "templates/page.html",
        "{{ page.title }}|{{ page.date }}|{{ page.updated }}|{% for t in page.taxonomies.categories %}{{ t.title }}={{ t.permalink }}{% endfor %}|{{ page.extra.mood | default(value='-') }}{{ page.extra.mathjax | default(value='-') }}",
    );
    site.build_ok(&[]);
    assert_eq!(
        site.read("posts/custom-slug/index.html"),
        "Toml post|2025-03-01T10:00:00+02:00||Notes=https://example.org/categories/notes/|calm-"
    );
    assert_eq!(
        site.read("posts/yaml/index.html"),
        "Yaml post|2025-05-13T09:00:00+00:00|2025-05-14T00:00:00+00:00|Transfer Learning=https://example.org/categories/transfer-learning/|-true"
    );
    let term_feed = site.read("tags/ml/index.xml");
    assert!(term_feed.contains("<title>ML on Fixture</title>"));
    assert!(term_feed.contains("<description>Recent content in ML on Fixture</description>"));
    assert!(term_feed.contains("<pubDate>Sat, 01 Mar 2025 10:00:00 +0200</pubDate>"));
    assert!(site.read("tags/index.html").contains("deep-learning"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::new(CONFIG);
    site.write("content/done.md", &post("Done", "2025-01-01", "x\n"));
    site.write(
        "content/wip.md",
        "+++\ntitle = \"Wip\"\ndraft = true\n+++\nx\n",
    );
    site.build_ok(&[]);
    assert!(!site.public().join("wip").exists());
    assert!(!site.read("index.xml").contains("Wip"));
    assert!(!site.read("sitemap.xml").contains("/wip/"));
    site.build_ok(&["--drafts"]);
    assert!(site.public().join("wip/index.html").is_file());
}

#[test]
fn language_subfolder_and_base_url_override() {
    let site = Site::new(&format!("{CONFIG}default_language_in_subfolder = true\n"));
    site.write("content/blog/post.md", &post("Post", "2025-01-01", "x\n"));
    site.build_ok(&["--base-url", "http://127.0.0.1:8000"]);
    assert!(
        site.read("en/blog/post/index.html")
            .contains("http://127.0.0.1:8000/en/blog/post/")
    );
    assert!(
        site.read("index.html")
            .contains("url=http://127.0.0.1:8000/en/"),
        "root redirects to the language"
    );
    assert!(
        site.read("en/blog/index.xml")
            .contains("<atom:link href=\"http://127.0.0.1:8000/en/blog/index.xml\"")
    );
}

#[test]
fn permalink_collision_names_both_files() {
    let site = Site::new(CONFIG);
    site.write("content/a/one.md", &post("One", "2025-01-01", "x\n"));
    site.write(
        "content/a/two.md",
        "+++\ntitle = \"Two\"\nslug = \"one\"\n+++\nx\n",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("content/a/one.md") && err.contains("content/a/two.md"),
        "{err}"
    );
    assert!(err.contains("https://example.org/a/one/"), "{err}");
    assert!(!site.public().exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::new(CONFIG);
    for i in 0..20 {
        site.write(
            &format!("content/s{}/p{i}.md", i % 3),
            &post(
                &format!("P{i}"),
                "2025-01-01",
                &format!(
                    "Same date for all, math $x_{i}^2$.\n\n## H\n\n```rust\nlet x = {i};\n```\n"
                ),
            ),
        );
    }
    site.build_ok(&[]);
    let first = snapshot(&site.public());
    // Formulas and code from the cache, then everything rendered afresh.
    site.build_ok(&[]);
    assert_eq!(first, snapshot(&site.public()));
    site.build_ok(&["--no-cache"]);
    assert_eq!(first, snapshot(&site.public()));
}

#[test]
fn a_build_over_earlier_output_equals_a_fresh_one() {
    let site = Site::new(CONFIG);
    for i in 0..6 {
        let body = format!("Post {i}, with $x_{i}$.\n");
        site.write(
            &format!("content/s/p{i}.md"),
            &post(&format!("P{i}"), "2025-01-01", &body),
        );
    }
    site.write("static/old.txt", "old");
    site.build_ok(&[]);
    site.write("content/s/p1.md", &post("P1", "2025-01-02", "Edited.\n"));
    site.remove("content/s/p2.md");
    site.remove("static/old.txt");
    site.write(
        "content/t/new.md",
        &post("New", "2025-01-03", "New section.\n"),
    );
    site.build_ok(&[]);
    let fresh = site.root().join("fresh");
    site.build_ok(&["--output", fresh.to_str().unwrap()]);
    assert_eq!(snapshot(&fresh), snapshot(&site.public()));
    assert!(!site.public().join("s/p2").exists() && !site.public().join("old.txt").exists());
    let edited = std::fs::read_to_string(site.public().join("s/p1/index.html")).unwrap();
    assert!(edited.contains("Edited."), "{edited}");
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post("P", "2025-01-01", "first version\n"));
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    site.write("content/p.md", &post("P", "2025-01-01", "second version\n"));
    site.write(
        "content/bad.md",
        "+++\ntitle = \"Bad\"\ndate = \"not a date\"\n+++\n",
    );
    site.build_err(&[]);
    assert_eq!(before, snapshot(&site.public()));
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("folio-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn never_replaces_a_folder_folio_did_not_make() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post("P", "2025-01-01", "x\n"));
    site.write("public/precious.txt", "keep me");
    let err = site.build_err(&[]);
    assert!(err.contains("not made by folio"), "{err}");
    assert_eq!(site.read("precious.txt"), "keep me");
}

#[test]
fn a_folder_with_only_content_builds_with_built_in_templates() {
    let site = Site::new(CONFIG);
    site.write(
        "content/only.md",
        "+++\ntitle = \"Only\"\n+++\nJust content.\n",
    );
    site.build_ok(&[]);
    let html = site.read("only/index.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<p>Just content.</p>"));
}

#[test]
fn static_files_are_copied_and_xml_forbidden_characters_dropped() {
    let site = Site::new(CONFIG);
    site.write("static/img/a.txt", "static as is");
    site.write(
        "content/p.md",
        "+++\ntitle = \"Bell\\u0007 title\"\n+++\nBody.\n",
    );
    site.build_ok(&[]);
    assert_eq!(site.read("img/a.txt"), "static as is");
    let feed = site.read("index.xml");
    assert!(feed.contains("<title>Bell title</title>"));
    // A control character typed into the Markdown itself is an error at its place
    // (tests/errors.rs), since no page may hold it.
}

#[test]
fn aliases_redirect() {
    let site = Site::new(CONFIG);
    site.write(
        "content/new.md",
        "+++\ntitle = \"New\"\naliases = [\"/old/path/\"]\n+++\nx\n",
    );
    site.build_ok(&[]);
    let html = site.read("old/path/index.html");
    assert!(
        html.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/new/\">")
    );
}

#[test]
fn summary_links_are_absolute_in_lists_and_feeds() {
    let site = Site::new(CONFIG);
    site.write(
        "content/blog/first.md",
        &post(
            "First",
            "2025-01-02",
            "See [the second](../second/) and [below](#more).\n\n## More\n",
        ),
    );
    site.write(
        "content/blog/second.md",
        &post("Second", "2025-01-01", "x\n"),
    );
    site.build_ok(&[]);
    let feed = site.read("blog/index.xml");
    assert!(
        feed.contains("href=\"https://example.org/blog/second/\""),
        "{feed}"
    );
    assert!(
        feed.contains("href=\"https://example.org/blog/first/#more\""),
        "{feed}"
    );
    let list = site.read("blog/index.html");
    assert!(list.contains("href=\"https://example.org/blog/second/\""));
    let page = site.read("blog/first/index.html");
    assert!(
        page.contains("href=\"../second/\""),
        "the page itself keeps the author's link"
    );
}

/// `folio serve` reuses unchanged outputs between rebuilds; a template edit must still
/// reach every page it renders.
#[test]
fn a_kept_render_cache_notices_template_edits() {
    use folio::render_cache::RenderCache;

    let site = Site::new(CONFIG);
    site.write("content/p.md", &post("P", "2025-01-01", "x\n"));
    site.write("templates/page.html", "first {{ page.title }}");
    let memo = RenderCache::default();
    let page = |memo: &RenderCache| common::render_kept(site.root(), memo, "p/index.html");
    assert_eq!(page(&memo), "first P");
    assert_eq!(page(&memo), "first P");
    site.write("templates/page.html", "second {{ page.title }}");
    assert_eq!(page(&memo), "second P");
}

/// Every output file records what made it and from which input, as it is rendered.
#[test]
fn every_output_file_records_its_origin() {
    use folio::origin::{Input, Maker, Origin};
    use folio::site::{self, BuildOptions};
    use std::path::Path;

    let site = Site::new(CONFIG);
    site.write(
        "content/notes/a.md",
        "+++\ntitle = \"A\"\ndate = 2025-01-01\ntags = [\"Rust\"]\naliases = [\"/old/a/\"]\n+++\nx\n",
    );
    site.write("content/notes/b.md", &post("B", "2025-01-02", "y\n"));
    site.write("static/img/logo.svg", "<svg/>");
    let mut loaded = site::Site::load(&BuildOptions::new(site.root())).unwrap();
    let (files, _) = site::render(&mut loaded, folio::math::CacheUse::Off).unwrap();
    let origin = |path: &str| {
        files
            .origin(Path::new(path))
            .unwrap_or_else(|| panic!("no {path}"))
            .to_string()
    };
    let a = site.root().join("content/notes/a.md");
    let a = a.display();
    assert_eq!(
        origin("notes/a/index.html"),
        format!("page.html from {a}:1")
    );
    assert_eq!(
        origin("old/a/index.html"),
        format!("redirect page from {a}:1")
    );
    assert_eq!(
        origin("tags/rust/index.html"),
        format!("taxonomy_term.html from {a}:1")
    );
    assert_eq!(origin("tags/rust/index.xml"), format!("feed from {a}:1"));
    let config = site.root().join("config.toml");
    assert_eq!(
        origin("tags/index.html"),
        format!("taxonomy_list.html from {} `taxonomies`", config.display())
    );
    let notes = site.root().join("content/notes");
    assert_eq!(
        origin("notes/index.html"),
        format!("section.html from {}/", notes.display())
    );
    assert_eq!(origin("404.html"), "404.html");
    assert_eq!(origin("sitemap.xml"), "sitemap");
    assert_eq!(origin("folio.css"), "built into folio");
    let logo = files.origin(Path::new("img/logo.svg")).unwrap();
    assert_eq!(logo.maker, Maker::Copy);
    assert!(matches!(&logo.input, Some(Input::Static(p)) if p.ends_with("static/img/logo.svg")));
    let b = files.origin(Path::new("notes/b/index.html")).unwrap();
    assert_eq!(
        b.markdown(),
        Some(site.root().join("content/notes/b.md").as_path())
    );
    assert!(matches!(
        b,
        Origin {
            maker: Maker::Template("page.html"),
            ..
        }
    ));
}
