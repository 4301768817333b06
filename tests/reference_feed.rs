//! The series feed against the reference feed's facts (tests/fixtures/reference, copied
//! from shared/reference: titles, links, dates and order; no prose).

mod common;

use common::{Site, copy_tree, repo, shared};
use serde_json::Value;

fn reference(name: &str) -> Value {
    let path = repo().join("tests/fixtures/reference").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn local_name(node: roxmltree::Node) -> String {
    match node.tag_name().namespace() {
        Some(ns) => format!("{{{ns}}}{}", node.tag_name().name()),
        None => node.tag_name().name().to_string(),
    }
}

/// Asserts the channel's and items' structure and the 12 items' facts field for field.
fn assert_matches_reference(xml: &str) {
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"));
    let doc = roxmltree::Document::parse(xml).expect("feed is well-formed XML");
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = rss.children().find(|n| n.is_element()).unwrap();
    assert_eq!(channel.tag_name().name(), "channel");
    let reference_channel = reference("series-channel.json");
    assert_channel(channel, &reference_channel);
    assert_items(channel, &reference_channel);
}

/// The strings of a JSON array.
fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// The text of `node`'s child element `name`, or "".
fn child_text(node: roxmltree::Node, name: &str) -> String {
    node.children()
        .find(|n| n.is_element() && n.tag_name().name() == name)
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

fn assert_channel(channel: roxmltree::Node, reference_channel: &Value) {
    let head: Vec<String> = channel
        .children()
        .filter(|n| n.is_element())
        .take_while(|n| n.tag_name().name() != "item")
        .map(local_name)
        .collect();
    assert_eq!(head, strings(&reference_channel["channel_child_order"]));
    for field in ["title", "link", "description", "language", "lastBuildDate"] {
        assert_eq!(
            child_text(channel, field),
            reference_channel["channel"][field].as_str().unwrap(),
            "channel {field}"
        );
    }
    assert_eq!(child_text(channel, "generator"), "folio");
    let atom = channel
        .children()
        .find(|n| n.tag_name().name() == "link" && n.tag_name().namespace().is_some())
        .unwrap();
    let expected_atom = &reference_channel["channel"]["{http://www.w3.org/2005/Atom}link"];
    for attr in ["href", "rel", "type"] {
        assert_eq!(
            atom.attribute(attr),
            expected_atom[attr].as_str(),
            "atom:link {attr}"
        );
    }
}

fn assert_items(channel: roxmltree::Node, reference_channel: &Value) {
    let items: Vec<roxmltree::Node> = channel
        .children()
        .filter(|n| n.tag_name().name() == "item")
        .collect();
    let expected_items = reference("series-items.json");
    let expected_items = expected_items.as_array().unwrap();
    assert_eq!(items.len(), expected_items.len());
    let item_order = strings(&reference_channel["item_child_order"]);
    for (item, expected) in items.iter().zip(expected_items) {
        let fields: Vec<String> = item
            .children()
            .filter(|n| n.is_element())
            .map(local_name)
            .collect();
        assert_eq!(fields, item_order);
        for field in ["title", "link", "guid", "pubDate"] {
            assert_eq!(
                child_text(*item, field),
                expected[field].as_str().unwrap(),
                "item {field}"
            );
        }
        let guid = item
            .children()
            .find(|n| n.tag_name().name() == "guid")
            .unwrap();
        assert_eq!(guid.attributes().count(), 0, "guid has no attribute");
        assert!(
            child_text(*item, "description").starts_with("<p>"),
            "description is the HTML summary"
        );
    }
}

#[test]
fn shipped_site_series_feed_matches_reference() {
    let (_dir, target) = common::build_elsewhere(&repo(), &["--no-cache"]);
    let xml = std::fs::read_to_string(target.join("en/transfer-learning/index.xml")).unwrap();
    assert_matches_reference(&xml);
}

/// The author's Hugo corpus (kept outside the repository, in `../shared`) builds as is,
/// with its math.
#[test]
fn author_corpus_builds_and_matches_reference() {
    let corpus = shared().join("corpus/chenk-top/content/en");
    if !common::present(
        &format!("the author's corpus at {}", corpus.display()),
        corpus.is_dir(),
    ) {
        return;
    }
    let site = Site::new(
        "base_url = \"https://www.chenk.top/\"\ntitle = \"Chen Kai Blog\"\ndefault_language_in_subfolder = true\n",
    );
    copy_tree(&corpus, &site.root().join("content"));
    let summary = site.build_ok(&[]);
    assert!(summary.contains("built "), "{summary}");
    assert_matches_reference(&site.read("en/transfer-learning/index.xml"));

    // Every span the author meant as math is rendered (564 inline, 118 display), no more.
    let mut inline = 0;
    let mut display = 0;
    for post in std::fs::read_dir(site.public().join("en/transfer-learning")).unwrap() {
        let page = post.unwrap().path().join("index.html");
        if let Ok(html) = std::fs::read_to_string(&page) {
            let all = html.matches("<span class=\"katex\">").count();
            let d = html.matches("<span class=\"katex-display\">").count();
            display += d;
            inline += all - d;
            assert!(
                !html.contains("katex-error"),
                "{} has a math error",
                page.display()
            );
        }
    }
    assert_eq!((inline, display), (564, 118));
    // Dollar amounts stay text.
    let industrial =
        site.read("en/transfer-learning/12-industrial-applications-and-best-practices/index.html");
    assert!(industrial.contains("$15,000 + $48,000"));
}

/// Issue 10's migration path, as a user runs it: the author's `hugo.toml` unchanged beside a
/// copy of the English posts, `folio import hugo` and `folio build` run in that folder, and
/// the series feed is the reference's. The Chinese half is not in `../shared`, so its
/// language builds without pages and the build says so.
#[test]
fn author_corpus_imported_from_hugo_matches_reference() {
    let Some(site) = common::authors_hugo_site() else {
        return;
    };
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .current_dir(site.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "folio {args:?}: {stderr}");
        (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
    };
    let (imported, _) = run(&["import", "hugo"]);
    assert!(imported.contains("not carried over"), "{imported}");
    let (built, warnings) = run(&["build"]);
    assert!(built.contains("built "), "{built}");
    assert!(
        warnings.contains("`[languages.zh] content_dir` \"content/zh\" is not a folder"),
        "{warnings}"
    );
    let feed = site.path().join("public/en/transfer-learning/index.xml");
    assert_matches_reference(&std::fs::read_to_string(feed).unwrap());
}
