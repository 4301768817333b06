//! Bad input: one clear message naming file, line and column, exit 1, and the previous
//! output untouched.

mod common;

use common::{CONFIG, Site, snapshot};

/// A site that built once; `break_it` then spoils it and the next build must fail
/// with `expected` in its message, leaving `public/` as it was.
fn assert_fails(break_it: impl Fn(&Site), expected: &[&str]) {
    let site = Site::new(CONFIG);
    site.write(
        "content/ok.md",
        "+++\ntitle = \"Ok\"\ndate = 2025-01-01\n+++\nFine.\n",
    );
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    break_it(&site);
    let err = site.build_err(&[]);
    for part in expected {
        assert!(err.contains(part), "expected {part:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    assert_eq!(before, snapshot(&site.public()), "output changed");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("folio-stage"))
        .collect();
    assert!(leftovers.is_empty(), "staged files left behind: {leftovers:?}");
}

#[test]
fn malformed_toml_front_matter() {
    assert_fails(
        |s| {
            s.write(
                "content/bad.md",
                "+++\ntitle = \"Bad\"\ndate = 2025-01-01\ntags = [\"a\",\n+++\nx\n",
            );
        },
        &["content/bad.md:4:13:", "invalid TOML front matter"],
    );
}

#[test]
fn malformed_yaml_front_matter() {
    assert_fails(
        |s| {
            s.write(
                "content/bad.md",
                "---\ntitle: Bad\ntags: [a, b\ndate: 2025-01-01\n---\nx\n",
            );
        },
        &["content/bad.md:", "invalid YAML front matter"],
    );
}

#[test]
fn unclosed_front_matter() {
    assert_fails(
        |s| {
            s.write("content/bad.md", "+++\ntitle = \"Bad\"\nno closing line\n");
        },
        &["content/bad.md:1:1:", "never closed"],
    );
}

#[test]
fn unknown_config_key() {
    assert_fails(
        |s| {
            s.write("config.toml", &format!("{CONFIG}\nsumary_length = 3\n"));
        },
        &["config.toml:4:1:", "sumary_length"],
    );
}

#[test]
fn bad_date() {
    assert_fails(
        |s| {
            s.write(
                "content/bad.md",
                "+++\ntitle = \"Bad\"\ndate = \"2025-02-30\"\n+++\nx\n",
            );
        },
        &["content/bad.md:3:8:", "`date` is not a date", "2025-07-06"],
    );
}

/// The position comes from the parser: a comment on line 1 that names `base_url` does
/// not move the error there.
#[test]
fn bad_base_url_under_a_comment_naming_it() {
    assert_fails(
        |s| {
            s.write(
                "config.toml",
                "# base_url is where the site will live\ntitle = \"T\"\nbase_url = \"example.org\"\n",
            );
        },
        &[
            "config.toml:3:12:",
            "`base_url` must be an absolute http(s) URL",
        ],
    );
}

#[test]
fn bad_base_url_flag() {
    let site = Site::new(CONFIG);
    site.write("content/ok.md", "+++\ntitle = \"Ok\"\n+++\nFine.\n");
    let err = site.build_err(&["--base-url", "localhost:8000"]);
    assert!(
        err.contains(
            "error: --base-url \"localhost:8000\": the URL must be an absolute http(s) URL"
        ),
        "{err}"
    );
    assert!(!site.public().exists());
}

#[test]
fn missing_config_content_and_non_utf8_text() {
    let site = Site::new(CONFIG);
    site.remove("config.toml");
    let err = site.build_err(&[]);
    assert!(
        err.contains("config.toml: not found: a site needs a config.toml"),
        "{err}"
    );
    site.write("config.toml", CONFIG);
    let err = site.build_err(&[]);
    assert!(
        err.contains("content: not found: create this folder"),
        "{err}"
    );
    std::fs::create_dir_all(site.root().join("content")).unwrap();
    std::fs::write(
        site.root().join("content/latin1.md"),
        b"+++\ntitle = \"caf\xe9\"\n+++\n",
    )
    .unwrap();
    let err = site.build_err(&[]);
    assert!(
        err.contains("latin1.md: is not UTF-8 text: save it as UTF-8"),
        "{err}"
    );
    assert!(!site.public().exists());
}

#[test]
fn missing_title() {
    assert_fails(
        |s| {
            s.write("content/bad.md", "+++\ndate = 2025-01-01\n+++\nx\n");
        },
        &["content/bad.md:1:1:", "missing `title`"],
    );
}

#[test]
fn template_syntax_error() {
    assert_fails(
        |s| {
            s.write("templates/page.html", "<p>\n{{ page.title \n</p>\n");
        },
        &["templates/page.html:3:1:", "template error in `page.html`"],
    );
}

#[test]
fn template_rendering_error() {
    assert_fails(
        |s| {
            s.write("templates/page.html", "<p>\n{{ page.no_such_field }}</p>\n");
        },
        &["templates/page.html:2:", "no_such_field"],
    );
}

#[test]
fn missing_parent_template() {
    assert_fails(
        |s| {
            s.write("templates/page.html", "\n{% extends \"layout.html\" %}\n");
        },
        &["templates/page.html:2:", "layout.html", "does not exist"],
    );
}

#[test]
fn bad_math_is_all_reported_at_once() {
    let site = Site::new(CONFIG);
    site.write("content/ok.md", "+++\ntitle = \"Ok\"\n+++\nFine $x$.\n");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\nFirst $\\frac{1}$ here.\n\nAnd $\\nosuchmacro$.\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: B\n---\ntext\n\n$$\n\\begin{aligned} x \\end{cases}\n$$\n",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("content/a.md:4:7: KaTeX parse error"), "{err}");
    assert!(err.contains("content/a.md:6:5: KaTeX parse error"), "{err}");
    assert!(err.contains("\\nosuchmacro"), "{err}");
    assert!(err.contains("content/b.md:6:1: KaTeX parse error"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
    assert_eq!(before, snapshot(&site.public()));
}

#[test]
fn math_errors_can_be_warnings() {
    let site = Site::new(&format!("{CONFIG}[math]\nerrors = \"warn\"\n"));
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\nBad $\\nosuchmacro$ here.\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: ") && stderr.contains("content/a.md:4:5:"),
        "{stderr}"
    );
    // KaTeX marks the unknown command in its error colour instead of failing.
    assert!(
        site.read("a/index.html")
            .contains("<mstyle mathcolor=\"#cc0000\"><mtext>\\nosuchmacro</mtext>")
    );
}

#[test]
fn absurdly_nested_math_is_an_error_not_a_crash() {
    let site = Site::new(CONFIG);
    let deep = format!("{}x{}", "{".repeat(5000), "}".repeat(5000));
    site.write(
        "content/a.md",
        &format!("+++\ntitle = \"A\"\n+++\n$${deep}$$\n"),
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("content/a.md:4:1:") && err.contains("nested"),
        "{err}"
    );
}

#[test]
fn unbalanced_braces_are_a_bad_formula_not_silent_text() {
    assert_fails(
        |s| {
            s.write(
                "content/bad.md",
                "+++\ntitle = \"Bad\"\n+++\nSee $\\frac{1}{$ here.\n",
            );
        },
        &[
            "content/bad.md:4:5: KaTeX parse error",
            "in formula: \\frac{1}{",
        ],
    );
    let site = Site::new(&format!("{CONFIG}[math]\nerrors = \"warn\"\n"));
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\nSee $\\frac{1}{$ here.\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("warning: ") && stderr.contains("content/a.md:4:5: KaTeX parse error"),
        "{stderr}"
    );
    assert!(!site.read("a/index.html").contains("See $"));
}

#[test]
fn markdown_over_the_size_limit() {
    assert_fails(
        |s| {
            s.write(
                "config.toml",
                &format!("{CONFIG}[limits]\nmax_markdown_bytes = 100\n"),
            );
            s.write(
                "content/big.md",
                &format!("+++\ntitle = \"Big\"\n+++\n{}\n", "word ".repeat(40)),
            );
        },
        &[
            "content/big.md: 223 bytes, over the limit of 100",
            "max_markdown_bytes",
        ],
    );
}

#[test]
fn a_site_over_the_file_limit() {
    assert_fails(
        |s| {
            s.write("config.toml", &format!("{CONFIG}[limits]\nmax_files = 3\n"));
        },
        &[
            "the site would write",
            "files, over the limit of 3",
            "max_files",
        ],
    );
}

#[test]
fn a_character_no_page_may_hold() {
    assert_fails(
        |s| {
            s.write(
                "content/bad.md",
                "+++\ntitle = \"Bad\"\n+++\nCopied from a terminal: \u{1b}[0m\n",
            );
        },
        &["content/bad.md:4:25: U+001B is a control character"],
    );
}

#[test]
fn an_alias_outside_the_site() {
    assert_fails(
        |s| {
            s.write(
                "content/bad.md",
                "+++\ntitle = \"Bad\"\naliases = [\"/old/\", \"../../etc/x\"]\n+++\n",
            );
        },
        &["content/bad.md:3:11:", "would be written outside the site"],
    );
}
