//! Writing like a paper (tests/fixtures/paper): numbered equations in each label form,
//! references within a page, across a series and to a named page, figures and tables,
//! citations in two CSL styles from a BibLaTeX and a Hayagriva file, footnotes, and
//! what feeds show of them; and every bad label or key reported in one run.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Site, copy_fixture};

/// The site at `root` built into `OUT` below a new temporary folder.
fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    (dir, out)
}

/// The fixture built, and a reader of its output files.
fn built() -> (
    (tempfile::TempDir, tempfile::TempDir),
    impl Fn(&str) -> String,
) {
    let fixture = copy_fixture("paper");
    let (dir, out) = build(fixture.path());
    let read = move |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    ((fixture, dir), read)
}

/// The visible text of KaTeX's HTML for the formula with id `id`.
fn formula<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("<div class=\"math-display\" id=\"{id}\" "))
        .unwrap_or_else(|| panic!("no formula {id}"));
    let end = html[start..].find("</div>").unwrap();
    &html[start..start + end]
}

fn tag_of(formula: &str) -> &str {
    let at = formula.find("<span class=\"tag\">").expect("a number");
    let tag = &formula[at..];
    let digits = tag.find("<span class=\"mord\">(</span>").unwrap();
    let after = &tag[digits..];
    let number_at = after
        .find("<span class=\"mord\"><span class=\"mord\">")
        .unwrap()
        + 38;
    &after[number_at..number_at + after[number_at..].find('<').unwrap()]
}

#[test]
fn each_label_form_numbers_its_formula() {
    let (_dir, read) = built();
    let html = read("notes/01-first/index.html");
    assert_eq!(tag_of(formula(&html, "eq:pythagoras")), "1.1", "\\label");
    assert_eq!(tag_of(formula(&html, "eq-euler")), "1.2", "{{#eq-…}}");
    assert_eq!(tag_of(formula(&html, "eq:energy")), "E", "\\tag");
    assert_eq!(tag_of(formula(&html, "eq-uses")), "1.3");
    let second = read("notes/02-second/index.html");
    assert_eq!(
        tag_of(formula(&second, "eq:two")),
        "2.1",
        "per series: Part 2"
    );
    let about = read("about/index.html");
    assert_eq!(
        tag_of(formula(&about, "eq-z")),
        "1",
        "outside a series: per page"
    );
    assert!(
        !html.contains("\\label") && !html.contains("{#eq-"),
        "{html}"
    );
}

#[test]
fn references_resolve_in_the_page_the_series_and_a_named_page() {
    let (_dir, read) = built();
    let first = read("notes/01-first/index.html");
    for link in [
        "By <a class=\"xref\" href=\"#eq:pythagoras\">(1.1)</a>, <a class=\"xref\" href=\"#eq-euler\">(1.2)</a> and <a class=\"xref\" href=\"#eq:energy\">E</a>; see equation <a class=\"xref\" href=\"#eq-euler\">1.2</a>",
        "<a class=\"xref\" href=\"#fig-plot\">Figure 1.1</a> and <a class=\"xref\" href=\"#tbl-squares\">Table 1.1</a>",
    ] {
        assert!(first.contains(link), "{link}\n{first}");
    }
    assert!(
        formula(&first, "eq-uses").contains("<a href=\"#eq:pythagoras\">"),
        "a reference inside a formula links"
    );
    let second = read("notes/02-second/index.html");
    assert!(second.contains("Back to <a class=\"xref\" href=\"https://example.org/notes/01-first/#eq-euler\">(1.2)</a> and <a class=\"xref\" href=\"https://example.org/notes/01-first/#eq:pythagoras\">(1.1)</a> of Part 1, and to <a class=\"xref\" href=\"https://example.org/notes/01-first/#fig-plot\">Figure 1.1</a>"), "{second}");
    assert!(
        second.contains("Here <a class=\"xref\" href=\"#eq:two\">(2.1)</a>"),
        "{second}"
    );
    let about = read("about/index.html");
    assert!(about.contains("See <a class=\"xref\" href=\"https://example.org/notes/01-first/#eq-euler\">(1.2)</a> and <a class=\"xref\" href=\"https://example.org/notes/02-second/#eq:two\">(2.1)</a>"), "{about}");
}

#[test]
fn figures_and_tables_have_numbered_captions() {
    let (_dir, read) = built();
    let html = read("notes/01-first/index.html");
    assert!(html.contains("<figure id=\"fig-plot\">\n<img src=\"/plot.svg\" alt=\"A plot of y = x^2\" loading=\"lazy\" decoding=\"async\">\n<figcaption><span class=\"caption-number\">Figure 1.1:</span> A plot of <span class=\"katex\">"), "{html}");
    assert!(
        html.contains("<figure class=\"table\" id=\"tbl-squares\">\n<table tabindex=\"0\" aria-label=\"Table\">"),
        "{html}"
    );
    assert!(html.contains("<figcaption><span class=\"caption-number\">Table 1.1:</span> Squares</figcaption>\n</figure>"), "{html}");
}

#[test]
fn citations_in_two_styles_with_their_reference_lists() {
    let (_dir, read) = built();
    let ieee = read("notes/01-first/index.html");
    for cite in [
        "a citation <span class=\"citation\"><a href=\"#ref-hinton2015\" role=\"doc-biblioref\">[1]</a></span>",
        "<span class=\"citation\"><a href=\"#ref-hinton2015\" role=\"doc-biblioref\">G. Hinton, O. Vinyals, and J. Dean [1]</a></span> shows it",
        "<span class=\"citation\"><a href=\"#ref-hu2021\" role=\"doc-biblioref\">[2, p. 4]</a>, <a href=\"#ref-houlsby2019\" role=\"doc-biblioref\">[3]</a></span>",
        "<span class=\"citation\">see <a href=\"#ref-bendavid2010\" role=\"doc-biblioref\">[4, Ch. 2]</a></span>",
        "Mail someone@example.org; <code>@code</code> stays code.",
    ] {
        assert!(ieee.contains(cite), "{cite}\n{ieee}");
    }
    let list = &ieee[ieee
        .find("<div id=\"refs\">")
        .expect("the list where marked")..];
    let order: Vec<usize> = [
        "ref-hinton2015",
        "ref-hu2021",
        "ref-houlsby2019",
        "ref-bendavid2010",
    ]
    .iter()
    .map(|id| list.find(&format!("id=\"{id}\"")).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{list}");
    assert!(list.contains("doi: <a href=\"https://doi.org/10.1007/s10994-009-5152-4\">10.1007/s10994-009-5152-4</a>"), "{list}");
    let apa = read("notes/02-second/index.html");
    assert!(apa.contains("Cited: <span class=\"citation\">(<a href=\"#ref-local2020\" role=\"doc-biblioref\">Roe, 2020</a>)</span> and <span class=\"citation\">(<a href=\"#ref-hinton2015\" role=\"doc-biblioref\">2015</a>)</span>"), "{apa}");
    assert!(
        apa.contains("<section id=\"refs\" class=\"references-section\">\n<h2>References</h2>"),
        "{apa}"
    );
    assert!(apa.contains("Roe, R. (2020). A Local Entry. <i>Journal of Fixtures</i>. <a href=\"https://doi.org/10.1000/fixture.2020\">"), "{apa}");
}

#[test]
fn footnotes_are_collected_and_feeds_show_them() {
    let (_dir, read) = built();
    let html = read("notes/01-first/index.html");
    let notes = &html[html
        .find("<section class=\"footnotes\" role=\"doc-endnotes\">")
        .unwrap()..];
    assert!(notes.find("The first note").unwrap() < notes.find("The second note").unwrap());
    assert!(
        notes.contains("<a href=\"#fnref-1-2\" class=\"footnote-back\" role=\"doc-backlink\""),
        "{notes}"
    );
    assert!(html.contains("once more<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\" role=\"doc-noteref\">1</a></sup>"), "{html}");
    let feed = read("index.xml");
    let item = &feed[feed.find("<title>First</title>").unwrap()..];
    assert!(
        item.contains("The first note, with"),
        "the feed shows the footnote: {item}"
    );
    assert!(
        item.contains("href=\"https://example.org/notes/01-first/#ref-hinton2015\""),
        "{item}"
    );
    let second = &feed[feed.find("<title>Second</title>").unwrap()..];
    assert!(
        second.contains("href=\"https://example.org/notes/01-first/#eq-euler\">(1.2)&lt;/a>"),
        "{second}"
    );
}

#[test]
fn folio_check_knows_the_new_anchors() {
    let dir = copy_fixture("paper");
    common::assert_check_passes(dir.path());
}

const SERIES: &str =
    "+++\ntitle = \"{T}\"\ndate = 2025-01-0{N}\nseries = \"s\"\nseries_order = {N}\n+++\n\n";

fn part(n: usize, title: &str, body: &str) -> String {
    SERIES.replace("{T}", title).replace("{N}", &n.to_string()) + body
}

#[test]
fn unknown_and_duplicate_labels_and_unknown_keys_fail_together() {
    let site = Site::new(&format!(
        "{}[bibliography]\nfile = \"refs.bib\"\n",
        common::CONFIG
    ));
    site.write("refs.bib", "@misc{known, title = {Known}, year = {2020}}\n");
    site.write(
        "content/s/one.md",
        &part(1, "One", "$$ a $$ {#eq-a}\n\n$$ b \\label{eq-a} $$\n\nSee @eq-nowhere and [@missing2020], [@known].\n\n$\\frac{1}{$\n"),
    );
    site.write(
        "content/s/two.md",
        &part(2, "Two", "Also \\eqref{eq:gone}.\n"),
    );
    let err = site.build_err(&[]);
    let one = Path::new("content").join("s").join("one.md");
    let two = Path::new("content").join("s").join("two.md");
    for (file, line, col, what) in [
        (
            &one,
            10,
            1,
            "the label `eq-a` is defined twice on this page",
        ),
        (&one, 12, 5, "unknown label `eq-nowhere`"),
        (&one, 12, 22, "unknown citation key `missing2020`"),
        (&two, 8, 6, "unknown label `eq:gone`"),
        (&one, 14, 1, "KaTeX parse error"),
    ] {
        let at = format!("{}:{line}:{col}: {what}", site.root().join(file).display());
        assert!(err.contains(&at), "missing {at}\n{err}");
    }
    assert!(err.contains("5 errors"), "{err}");
    assert!(!site.public().exists(), "nothing is written");
}

#[test]
fn numbering_is_per_page_by_default_and_ambiguity_is_an_error() {
    let site = Site::new(common::CONFIG);
    site.write(
        "content/s/one.md",
        &part(1, "One", "$$ a $$ {#eq-a}\n\n$$ b $$ {#eq-b}\n"),
    );
    site.write(
        "content/s/two.md",
        &part(2, "Two", "$$ c $$ {#eq-b}\n\nSee @eq-a.\n"),
    );
    site.build_ok(&[]);
    let two = site.read("s/two/index.html");
    assert!(
        two.contains("See <a class=\"xref\" href=\"https://example.org/s/one/#eq-a\">(1)</a>"),
        "{two}"
    );
    site.write("content/s/three.md", &part(3, "Three", "And @eq-b.\n"));
    let err = site.build_err(&[]);
    assert!(
        err.contains("several parts of this series have the label `eq-b`"),
        "{err}"
    );
    assert!(err.contains("[@eq-b](https://example.org/s/one/)"), "{err}");
}

/// The shipped series built once, and its parts' pages by file name.
fn shipped_parts() -> (tempfile::TempDir, Vec<(String, String)>) {
    let (dir, out) = build(&common::repo());
    let series = out.join("en/transfer-learning");
    let mut parts: Vec<(String, String)> = std::fs::read_dir(&series)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("index.html").is_file())
        .map(|p| {
            let html = std::fs::read_to_string(p.join("index.html")).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), html)
        })
        .collect();
    parts.sort();
    (dir, parts)
}

/// Every `href` of a reference (`class="xref"`) on a page.
fn xrefs(html: &str) -> Vec<&str> {
    html.split("<a class=\"xref\" href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn shipped_parts_number_formulas_reference_each_other_and_cite() {
    let (_dir, parts) = shipped_parts();
    assert_eq!(parts.len(), 12);
    let page_of = |url: &str| {
        let slug = url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        &parts.iter().find(|(name, _)| *name == slug).expect(url).1
    };
    let mut across = 0;
    for (name, html) in &parts {
        let numbered = html.matches("<div class=\"math-display\" id=\"eq-").count();
        assert!(numbered >= 5, "{name}: {numbered} numbered formulas");
        let list = &html[html
            .find("<div id=\"refs\">")
            .unwrap_or_else(|| panic!("{name}: no reference list"))..];
        let entries = list
            .split("<div class=\"csl-entry\"")
            .skip(1)
            .collect::<Vec<_>>();
        assert!(!entries.is_empty(), "{name}");
        for entry in entries {
            let entry = &entry[..entry.find("</div>").unwrap()];
            assert!(
                entry.contains("<a href=\"https://"),
                "{name}: an entry without a link: {entry}"
            );
        }
        for href in xrefs(html) {
            let (page, id) = href.split_once('#').unwrap();
            let target = if page.is_empty() {
                html
            } else {
                across += 1;
                page_of(page)
            };
            assert!(
                target.contains(&format!(" id=\"{id}\"")),
                "{name}: {href} leads nowhere"
            );
        }
    }
    assert!(across >= 10, "only {across} references across parts");
    let part3 = &parts[2].1;
    assert!(
        part3.contains("/01-fundamentals-and-core-concepts/#eq-bendavid\">(1.2)</a>"),
        "Part 3 cites Part 1's bound"
    );
    assert!(
        !part3.contains("\\epsilon_T(h^*) + \\epsilon_S(h, h^*)"),
        "Part 3 no longer re-derives it"
    );
    assert_eq!(tag_of(formula(&parts[0].1, "eq-bendavid")), "1.2");
}
