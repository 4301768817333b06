//! Real validators on the shipped site: every feed parses with Python's feedparser
//! (bozo 0) and every HTML page passes the Nu HTML Checker with 0 errors.
//! `scripts/test.sh` installs both (tests/validators/); without them `cargo test` skips
//! these tests, saying so.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::repo;

/// Builds the shipped site once per test into a temporary folder.
fn built_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    (dir, out)
}

#[test]
fn feeds_parse_with_feedparser() {
    if !common::feedparser() {
        return;
    }
    let (_dir, site) = built_site();
    let out = Command::new("python3")
        .arg(repo().join("tests/validators/feeds.py"))
        .arg(&site)
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

#[test]
fn html_passes_the_nu_checker() {
    let Some(jar) = common::nu_checker() else {
        return;
    };
    let (_dir, site) = built_site();
    let pages = common::walk(&site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert!(pages > 50, "only {pages} pages");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(&site)
        .output()
        .expect("java is needed; run scripts/test.sh");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "vnu errors:\n{report}"
    );
}
