//! Real validators on the shipped site, the Chinese fixture (tests/fixtures/cjk) and the
//! bilingual ones and the fixture of labels, references, citations and footnotes
//! (tests/fixtures/paper):
//! every feed parses with Python's feedparser (bozo 0) and every HTML page passes the Nu
//! HTML Checker with 0 errors.
//! `scripts/test.sh` installs both (tests/validators/); without them `cargo test` skips
//! these tests, saying so.

mod common;

use std::path::Path;
use std::process::Command;

use common::{build_elsewhere, repo, themed_fixture};

#[test]
fn feeds_parse_with_feedparser() {
    if !common::feedparser() {
        return;
    }
    let (_dir, site) = build_elsewhere(&repo(), &[]);
    assert_feeds_parse(&site);
}

#[test]
fn html_passes_the_nu_checker() {
    let Some(jar) = common::nu_checker() else {
        return;
    };
    let (_dir, site) = build_elsewhere(&repo(), &[]);
    assert_html_valid(&jar, &site, 50);
}

#[test]
fn chinese_fixture_passes_both() {
    let (Some(jar), true) = (common::nu_checker(), common::feedparser()) else {
        return;
    };
    let fixture = themed_fixture("cjk");
    let (_dir, site) = build_elsewhere(fixture.path(), &[]);
    assert_feeds_parse(&site);
    assert_html_valid(&jar, &site, 10);
}

/// The bilingual fixtures (tests/languages.rs), with the built-in templates and, the one
/// with a folder per language, with the shipped theme too.
#[test]
fn bilingual_fixtures_pass_both() {
    let (Some(jar), true) = (common::nu_checker(), common::feedparser()) else {
        return;
    };
    let sites = [
        common::copy_fixture("bilingual"),
        common::copy_fixture("bilingual-suffix"),
        themed_fixture("bilingual"),
    ];
    for fixture in &sites {
        let (_dir, site) = build_elsewhere(fixture.path(), &[]);
        assert_feeds_parse(&site);
        assert_html_valid(&jar, &site, 10);
    }
}

#[test]
fn paper_fixture_passes_both() {
    let (Some(jar), true) = (common::nu_checker(), common::feedparser()) else {
        return;
    };
    for fixture in [common::copy_fixture("paper"), themed_fixture("paper")] {
        let (_dir, site) = build_elsewhere(fixture.path(), &[]);
        assert_feeds_parse(&site);
        assert_html_valid(&jar, &site, 5);
    }
}

fn assert_feeds_parse(site: &Path) {
    let out = Command::new("python3")
        .arg(repo().join("tests/validators/feeds.py"))
        .arg(site)
        .output()
        .expect("python3 is needed; run scripts/test.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{stdout}{stderr}\n(feedparser missing? run scripts/test.sh)"
    );
    assert!(stdout.contains(" 0 bad"), "{stdout}");
}

fn assert_html_valid(jar: &Path, site: &Path, min_pages: usize) {
    let pages = common::walk(site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert!(pages > min_pages, "only {pages} pages");
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(site)
        .output()
        .expect("java is needed; run scripts/test.sh");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "vnu errors:\n{report}"
    );
}
