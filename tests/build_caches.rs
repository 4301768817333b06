//! `folio build --timings`, and highlighted code kept between builds beside the formulas.

mod common;

use common::{CONFIG, Site};

fn post(body: &str) -> String {
    format!("+++\ntitle = \"P\"\ndate = 2025-01-01\n+++\n{body}")
}

const CODE: &str = "Some $x^2$ and code:\n\n```rust\nfn main() { println!(\"hi\"); }\n```\n\n```python\nprint(1)\n```\n";

#[test]
fn timings_print_a_table_of_phases_and_templates_before_the_summary() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post(CODE));
    let quiet = site.build_ok(&[]);
    assert_eq!(
        quiet.lines().count(),
        1,
        "without --timings, one line: {quiet}"
    );

    let out = site.build_ok(&["--timings"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.last().unwrap().starts_with("built "), "{out}");
    let first_words: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for phase in [
        "phase",
        "load",
        "markdown",
        "references",
        "math",
        "templates",
        "write",
        "total",
    ] {
        assert!(first_words.contains(&phase), "no {phase} row: {out}");
    }
    let position = |word: &str| first_words.iter().position(|w| *w == word).unwrap();
    assert!(position("load") < position("markdown") && position("math") < position("write"));
    // Each template by name with how many pages it made; parts indented under their phase.
    let page = lines
        .iter()
        .find(|l| l.trim_start().starts_with("page.html"))
        .unwrap();
    assert!(
        page.starts_with("  ") && page.trim_end().ends_with(" 1"),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim_start().starts_with("code highlighting")),
        "{out}"
    );
    // The total is the build's whole time, as the summary line gives it.
    let total: f64 = lines
        .iter()
        .find(|l| l.starts_with("total"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let summary = lines.last().unwrap();
    let ms = summary
        .split(" in ")
        .nth(1)
        .and_then(|r| r.split(" ms").next())
        .unwrap();
    let ms: f64 = ms.parse().unwrap();
    assert!((total - ms).abs() <= 1.0, "{out}");
}

#[test]
fn highlighted_code_comes_from_the_cache_on_the_second_build() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post(CODE));
    let first = site.build_ok(&[]);
    assert!(
        first.contains("(code: 2 highlighted, 0 from cache)"),
        "{first}"
    );
    let html = site.read("p/index.html");
    assert!(html.contains("hl-"), "the code is highlighted: {html}");

    let second = site.build_ok(&[]);
    assert!(
        second.contains("(code: 0 highlighted, 2 from cache)"),
        "{second}"
    );
    assert_eq!(html, site.read("p/index.html"));

    let fresh = site.build_ok(&["--no-cache"]);
    assert!(
        fresh.contains("(code: 2 highlighted, 0 from cache)"),
        "{fresh}"
    );
    assert_eq!(html, site.read("p/index.html"));
}

#[test]
fn a_site_without_code_says_nothing_of_it() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post("Just $x$.\n"));
    let out = site.build_ok(&[]);
    assert!(!out.contains("code:"), "{out}");
}
