//! Any taxonomy `config.toml` names gets term pages and feeds, whether a page lists its
//! terms at the top level of its front matter (as in Hugo) or in a `[taxonomies]` table
//! (as in Zola).

mod common;

use common::{CONFIG, Site};

#[test]
fn a_configured_taxonomy_at_the_top_level_gets_term_pages_and_feeds() {
    let site = Site::new(&format!("{CONFIG}taxonomies = [\"tags\", \"authors\"]\n"));
    site.write(
        "content/posts/hello.md",
        "+++\ntitle = \"Hello\"\ndate = 2025-03-01\nauthors = [\"Ann Example\"]\ntags = [\"intro\"]\n+++\nHi.\n",
    );
    site.write(
        "content/posts/zola.md",
        "+++\ntitle = \"Zola style\"\ndate = 2025-03-02\n[taxonomies]\nauthors = [\"Ann Example\", \"Bo\"]\n+++\nHi.\n",
    );
    site.write(
        "content/posts/yaml.md",
        "---\ntitle: Yaml style\ndate: 2025-03-03\nauthors: Bo\n---\nHi.\n",
    );
    site.build_ok(&[]);

    let term = site.read("authors/ann-example/index.html");
    assert!(term.contains("Ann Example"), "{term}");
    assert!(
        term.contains("/posts/hello/") && term.contains("/posts/zola/"),
        "{term}"
    );
    assert!(!term.contains("/posts/yaml/"), "{term}");
    let feed = site.read("authors/ann-example/index.xml");
    assert!(
        feed.contains("<link>https://example.org/posts/hello/</link>"),
        "{feed}"
    );
    assert!(
        feed.contains("<link>https://example.org/posts/zola/</link>"),
        "{feed}"
    );
    let bo = site.read("authors/bo/index.xml");
    assert!(
        bo.contains("/posts/yaml/") && bo.contains("/posts/zola/"),
        "{bo}"
    );
    let list = site.read("authors/index.html");
    assert!(list.contains("/authors/ann-example/") && list.contains("/authors/bo/"));
    // Still a tag as well.
    assert!(site.read("tags/intro/index.xml").contains("/posts/hello/"));
}
