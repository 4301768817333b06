//! Math through the whole build: delimiters, macros, feeds with MathML, the cache.

mod common;

use std::process::Command;

use common::{CONFIG, Site, repo};

fn post(body: &str) -> String {
    format!("+++\ntitle = \"M\"\ndate = 2025-01-01\n+++\n{body}")
}

#[test]
fn all_delimiters_render_and_can_be_switched_off() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("Inline $a$, \\(b\\), display:\n\n$$c$$\n\n\\[d\\]\n\nPrices $15,000 + $48,000 and \\$5.\n"),
    );
    site.build_ok(&[]);
    let html = site.read("m/index.html");
    for tex in ["a", "b", "c", "d"] {
        assert!(
            html.contains(&format!(
                "<annotation encoding=\"application/x-tex\">{tex}</annotation>"
            )),
            "{tex}"
        );
    }
    assert_eq!(
        html.matches("<div class=\"math-display\"><span class=\"katex-display\">")
            .count(),
        2
    );
    assert!(html.contains("Prices $15,000 + $48,000 and $5."));
    assert!(html.contains("katex/katex.min.css"));
    assert!(
        site.public()
            .join("katex/fonts/KaTeX_Main-Regular.woff2")
            .is_file()
    );

    site.write(
        "config.toml",
        &format!("{CONFIG}[math]\ninline_backslash = false\ndisplay_dollar = false\n"),
    );
    site.build_ok(&[]);
    let html = site.read("m/index.html");
    assert!(html.contains("<annotation encoding=\"application/x-tex\">a</annotation>"));
    assert!(!html.contains("<annotation encoding=\"application/x-tex\">b</annotation>"));
    assert!(!html.contains("<annotation encoding=\"application/x-tex\">c</annotation>"));
    assert!(html.contains("$$c$$"));
}

#[test]
fn sites_without_math_get_no_katex_files() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post("No formulas, just $5 and $6.\n"));
    site.build_ok(&[]);
    assert!(!site.public().join("katex").exists());
    assert!(!site.read("p/index.html").contains("katex.min.css"));
}

#[test]
fn macros_from_config_apply_everywhere() {
    let site = Site::new(&format!(
        "{CONFIG}[math.macros]\n\"\\\\R\" = \"\\\\mathbb{{R}}\"\n"
    ));
    site.write("content/m.md", &post("Let $x \\in \\R^n$.\n"));
    site.build_ok(&[]);
    assert!(
        site.read("m/index.html")
            .contains("<mi mathvariant=\"double-struck\">R</mi>")
    );
}

#[test]
fn feed_summaries_carry_mathml_only() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("The loss $\\mathcal{L} = \\sum_i \\ell_i$ is small.\n"),
    );
    site.build_ok(&[]);
    let feed = site.read("index.xml");
    assert!(
        feed.contains("&lt;math xmlns=\"http://www.w3.org/1998/Math/MathML\">"),
        "{feed}"
    );
    assert!(!feed.contains("katex-html"), "no HTML rendering in feeds");
    if !common::feedparser() {
        return;
    }
    let out = Command::new("python3")
        .arg(repo().join("tests/validators/feeds.py"))
        .arg(site.public())
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn warm_rebuild_renders_no_formula() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("$x^2$ and $$\\int_0^1 f$$ and $x^2$ again.\n"),
    );
    // Two distinct formulas, each for the page and for the feed summary.
    let cold = site.build_ok(&[]);
    assert!(cold.contains("(math: 4 rendered, 0 from cache)"), "{cold}");
    let warm = site.build_ok(&[]);
    assert!(warm.contains("(math: 0 rendered, 4 from cache)"), "{warm}");
    let uncached = site.build_ok(&["--no-cache"]);
    assert!(
        uncached.contains("(math: 4 rendered, 0 from cache)"),
        "{uncached}"
    );
}

#[test]
fn corrupted_cache_entries_are_rendered_again() {
    let site = Site::new(CONFIG);
    site.write("content/m.md", &post("$y$\n"));
    site.build_ok(&[]);
    let before = site.read("m/index.html");
    for entry in common::walk(&site.root().join(".folio-cache")) {
        std::fs::write(entry, "folio-katex-1\nbadhash\n<b>garbage</b>").unwrap();
    }
    let out = site.build_ok(&[]);
    assert!(out.contains("(math: 2 rendered, 0 from cache)"), "{out}");
    assert_eq!(before, site.read("m/index.html"));
}

#[test]
fn katex_strict_mode_warnings_name_the_place() {
    let site = Site::new(CONFIG);
    site.write("content/m.md", &post("Fine $x$, and\n\n$$\nv = é\n$$\n"));
    let out = site.build(&[]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/m.md:7:1: KaTeX strict mode: Accented Unicode text character \"é\" used in math mode [unicodeTextInMathMode]"),
        "{stderr}"
    );
    // A warm build warns again.
    let again = site.build(&[]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("unicodeTextInMathMode"));
}

#[test]
fn delimiters_left_on_a_page_are_warned_about() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("Fine $x$.\n\n$$\na = 1\n\nb\n$$\n\nAnd \\\\(y\\\\) too.\n"),
    );
    let out = site.build(&[]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for place in [
        "content/m.md:7:1: `$$` is left",
        "content/m.md:11:1: `$$` is left",
        "content/m.md:13:6: `\\(` is left",
    ] {
        assert!(stderr.contains(place), "{place} in {stderr}");
    }
}
