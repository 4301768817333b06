//! `folio check` on fixture sites, on the shipped site, and against a local HTTP server
//! for external links.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use folio::check::{self, CheckOptions, Place};

/// A copy of a fixture, so that checking (which may write the math cache) leaves the
/// repository alone.
fn fixture(name: &str) -> tempfile::TempDir {
    common::copy_fixture(name)
}

fn check(root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["check", "--root"])
        .arg(root)
        .output()
        .unwrap()
}

#[test]
fn names_the_markdown_file_and_line_of_each_broken_link() {
    let site = fixture("check-broken");
    let out = check(site.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "two broken links and the summary: {stdout}");
    assert!(
        lines[0].contains("content/posts/first.md:13:38: broken link \"../missing-page/\" (on posts/first/index.html): no page or file at posts/missing-page"),
        "{stdout}"
    );
    assert!(
        lines[1].contains("content/posts/first.md:15:37: broken link \"../second/#no-such-heading\" (on posts/first/index.html): posts/second/index.html has no element with id=\"no-such-heading\""),
        "{stdout}"
    );
    // The pages inline folio.css rather than link it, so they hold no link to it.
    assert_eq!(lines[2], "checked 38 internal links on 5 pages: 2 broken");
}

#[test]
fn a_site_with_good_links_passes() {
    let site = fixture("check-ok");
    let out = check(site.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.ends_with(": all good\n"), "{stdout}");
}

#[test]
fn the_shipped_site_passes() {
    let out = check(Path::new(env!("CARGO_MANIFEST_DIR")));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
}

/// `folio check` without external links, through the library.
fn check_internal(root: &Path) -> check::Report {
    check::run(&CheckOptions {
        root: root.to_path_buf(),
        external: false,
        timeout: Duration::from_secs(1),
        concurrency: 1,
    })
    .unwrap()
}

#[test]
fn links_made_by_templates_and_menus_name_their_file() {
    let site = fixture("check-ok");
    let root = site.path();
    std::fs::write(
        root.join("config.toml"),
        "base_url = \"https://example.org/\"\ntitle = \"T\"\n\n[[menu]]\nname = \"About\"\npath = \"/about/\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<a href=\"/nowhere/\">home</a>\n{% endblock content %}\n",
    )
    .unwrap();
    let report = check_internal(root);
    let places: Vec<String> = report
        .broken
        .iter()
        .map(|b| format!("{} {}", b.origin, b.link))
        .collect();
    let menu = places
        .iter()
        .find(|p| p.ends_with(" https://example.org/about/"))
        .unwrap_or_else(|| panic!("{places:#?}"));
    assert!(menu.contains("config.toml:6:9"), "{menu}");
    let in_template = report
        .broken
        .iter()
        .find(|b| b.link == "/nowhere/")
        .unwrap_or_else(|| panic!("{places:#?}"));
    match &in_template.origin {
        Place::At(location) => {
            assert!(location.path.ends_with("templates/404.html"), "{location}");
            assert_eq!((location.line, location.col), (3, 10));
        }
        other => panic!("{other}"),
    }
}

/// Answers `/ok` with 200, `/gone` with 404 and `/slow` after three seconds, for as
/// many requests as `expected`; then stops.
fn local_server(expected: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(expected) {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut request_line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut request_line).unwrap();
                let status = if request_line.contains(" /ok ") {
                    "200 OK"
                } else if request_line.contains(" /slow ") {
                    std::thread::sleep(Duration::from_secs(3));
                    "200 OK"
                } else {
                    "404 Not Found"
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"
                );
            });
        }
    });
    port
}

#[test]
fn external_links_are_checked_with_a_timeout() {
    let port = local_server(3);
    let site = fixture("check-ok");
    let post: PathBuf = site.path().join("content/posts/second.md");
    let mut text = std::fs::read_to_string(&post).unwrap();
    text.push_str(&format!(
        "\nSee [fine](http://127.0.0.1:{port}/ok),\n[gone](http://127.0.0.1:{port}/gone) and\n[slow](http://127.0.0.1:{port}/slow#part).\n"
    ));
    std::fs::write(&post, text).unwrap();
    let report = check::run(&CheckOptions {
        root: site.path().to_path_buf(),
        external: true,
        timeout: Duration::from_secs(1),
        concurrency: 2,
    })
    .unwrap();
    assert_eq!(report.external, 3);
    let broken: Vec<String> = report
        .broken
        .iter()
        .map(|b| format!("{}: {}: {}", b.origin, b.link, b.problem))
        .collect();
    assert_eq!(broken.len(), 2, "{broken:#?}");
    assert!(
        broken[0].contains(&format!(
            "content/posts/second.md:15:8: http://127.0.0.1:{port}/gone: the server answered HTTP 404"
        )),
        "{broken:#?}"
    );
    assert!(
        broken[1].contains(&format!(
            "content/posts/second.md:16:8: http://127.0.0.1:{port}/slow#part: no answer within 1 s"
        )),
        "{broken:#?}"
    );
}

/// Every file and folder below `dir`, with the bytes of each file.
fn listing(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let bytes = entry
                .file_type()
                .is_file()
                .then(|| std::fs::read(entry.path()).unwrap());
            (entry.path().strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// `folio check` builds into memory: it writes nothing into the site, not even the cache
/// of formulas and highlighted code, whether or not an earlier build left one.
#[test]
fn check_leaves_a_site_with_math_unchanged() {
    let site = common::Site::new(common::CONFIG);
    site.write(
        "content/m.md",
        "+++\ntitle = \"M\"\n+++\nInline $e^{i\\pi} + 1 = 0$ and\n\n$$\\int_0^1 x^2\\,dx = \\tfrac13$$\n",
    );
    let before = listing(site.root());
    let out = check(site.root());
    assert!(out.status.success(), "{out:?}");
    assert_eq!(before, listing(site.root()), "check wrote into the site");

    site.build_ok(&[]);
    site.write(
        "content/n.md",
        "+++\ntitle = \"N\"\n+++\nA formula no build has seen: $\\sqrt{2}$, and code:\n\n```rust\nfn n() {}\n```\n",
    );
    let before = listing(site.root());
    let out = check(site.root());
    assert!(out.status.success(), "{out:?}");
    assert_eq!(before, listing(site.root()), "check wrote into the site");
}

#[test]
fn a_link_that_is_not_a_url_is_broken() {
    let site = common::Site::new(common::CONFIG);
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\nSee <a href=\"http://exa mple.org/\">this</a>.\n",
    );
    let out = check(site.root());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "broken link \"http://exa mple.org/\" (on a/index.html): it is not a valid URL"
        ),
        "{stdout}"
    );
}

/// A broken link that only a template makes is placed by the origin the render
/// recorded: the template's file and the page's Markdown, for term pages too.
#[test]
fn links_made_from_variables_name_the_template_and_the_markdown() {
    let site = fixture("check-ok");
    let root = site.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/taxonomy_term.html"),
        "<!DOCTYPE html><title>t</title><a href=\"{{ term.permalink }}gone/\">x</a>\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/posts/third.md"),
        "+++\ntitle = \"Third\"\ndate = 2025-01-03\ntags = [\"Solo\"]\n+++\nText.\n",
    )
    .unwrap();
    let report = check_internal(root);
    let broken = report
        .broken
        .iter()
        .find(|b| b.link == "https://example.org/tags/solo/gone/")
        .unwrap_or_else(|| panic!("{report}"));
    match &broken.origin {
        Place::Made { by, from } => {
            assert!(by.ends_with("templates/taxonomy_term.html"), "{by}");
            let from = from.as_ref().map(ToString::to_string).unwrap_or_default();
            assert!(from.ends_with("content/posts/third.md:1"), "{from}");
        }
        other => panic!("{other}"),
    }
}
