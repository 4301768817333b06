//! The output of a small fixture site (`tests/fixtures/snapshot`: two posts, one
//! formula, one code block, tags), kept in `tests/snapshots/`, so that any change in
//! what folio writes is reviewed as a diff. After an intended change, review and accept
//! the new snapshots with `cargo insta review` (or `INSTA_UPDATE=always cargo test
//! --test snapshots`).

mod common;

use std::path::Path;
use std::process::Command;

/// The fixture built into a temporary folder.
fn built() -> tempfile::TempDir {
    let site = common::copy_fixture("snapshot");
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--no-cache", "--root"])
        .arg(site.path())
        .output()
        .expect("run folio");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site
}

fn read(site: &Path, rel: &str) -> String {
    let path = site.join("public").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn output_files() {
    let site = built();
    let public = site.path().join("public");
    let files: Vec<String> = common::walk(&public)
        .iter()
        .map(|p| {
            p.strip_prefix(&public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !p.starts_with("katex/"))
        .collect();
    insta::assert_snapshot!(files.join("\n"));
}

#[test]
fn pages() {
    let site = built();
    for (name, rel) in [
        ("home", "index.html"),
        ("section", "posts/index.html"),
        ("post_with_math", "posts/euler/index.html"),
        ("post_with_code", "posts/fizzbuzz/index.html"),
        ("tags", "tags/index.html"),
        ("tag", "tags/notes/index.html"),
        ("not_found", "404.html"),
    ] {
        insta::assert_snapshot!(name, styles_shortened(&read(site.path(), rel)));
    }
}

/// `html` with each inlined stylesheet shown by its size and opening, so a snapshot
/// shows that a page's styles changed without holding every stylesheet in full
/// (`tests/inline_css.rs` checks what they hold).
fn styles_shortened(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<style>") {
        let body = &rest[start + "<style>".len()..];
        let end = body.find("</style>").expect("a closed <style>");
        let opening: String = body[..end].chars().take(40).collect();
        out.push_str(&rest[..start]);
        out.push_str(&format!("<style>/* {} bytes: {opening}… */</style>", end));
        rest = &body[end + "</style>".len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn feeds_and_sitemap() {
    let site = built();
    for (name, rel) in [
        ("home_feed", "index.xml"),
        ("section_feed", "posts/index.xml"),
        ("tag_feed", "tags/notes/index.xml"),
        ("sitemap", "sitemap.xml"),
    ] {
        // One item a line, so that a diff points at the item that changed.
        let xml = read(site.path(), rel).replace("<item>", "\n<item>");
        insta::assert_snapshot!(name, xml);
    }
}
