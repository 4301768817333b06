//! Labels, references, citations and footnotes as the Markdown pass leaves them.

use super::slots::{LabelKind, RefForm, Slot, placeholder};
use super::*;

fn render_with(text: &str, bibliography: bool) -> Rendered {
    super::tests::render_with(text, 70, bibliography)
}

fn labels(r: &Rendered) -> Vec<(String, LabelKind, Option<String>, usize)> {
    r.labels
        .iter()
        .map(|l| (l.name.clone(), l.kind, l.manual.clone(), l.location.line))
        .collect()
}

fn problems(r: &Rendered) -> Vec<String> {
    r.problems
        .iter()
        .map(|p| format!("{}:{}: {}", p.location.line, p.location.col, p.message))
        .collect()
}

#[test]
fn each_equation_label_form() {
    let r = render_with(
        "$$\na = b \\label{eq:ab}\n$$\n\n$$ c = d $$ {#eq-cd}\n\n\\[\ne = f \\tag{A} \\label{eq:ef}\n\\]\n\n$$\nx\n= y\n$$ {#eq-xy}\n",
        false,
    );
    assert!(problems(&r).is_empty(), "{:?}", problems(&r));
    assert_eq!(
        labels(&r),
        [
            ("eq:ab".into(), LabelKind::Equation, None, 1),
            ("eq-cd".into(), LabelKind::Equation, None, 5),
            ("eq:ef".into(), LabelKind::Equation, Some("A".into()), 7),
            ("eq-xy".into(), LabelKind::Equation, None, 14),
        ]
    );
    assert_eq!(r.math[0].tex, "\na = b \n");
    assert_eq!(
        r.math.iter().map(|m| m.label).collect::<Vec<_>>(),
        [Some(0), Some(1), Some(2), Some(3)]
    );
    for id in ["eq:ab", "eq-cd", "eq:ef", "eq-xy"] {
        assert!(
            r.html
                .unpack()
                .contains(&format!("<div class=\"math-display\" id=\"{id}\">")),
            "{}",
            r.html.unpack()
        );
    }
    assert!(!r.html.unpack().contains("{#"), "{}", r.html.unpack());
}

#[test]
fn references_in_text_and_in_math() {
    let r = render_with(
        "By \\eqref{eq:ab} and @eq-cd, [see](x) [@fig-a](../other/) $$ y = \\eqref{eq:ab} $$\n",
        false,
    );
    let refs: Vec<(String, Option<String>, RefForm)> = r
        .slots
        .iter()
        .filter_map(|s| match s {
            Slot::Ref(r) => Some((r.name.clone(), r.page.clone(), r.form)),
            _ => None,
        })
        .collect();
    assert_eq!(
        refs,
        [
            ("eq:ab".into(), None, RefForm::Eqref),
            ("eq-cd".into(), None, RefForm::Quarto),
            ("fig-a".into(), Some("../other/".into()), RefForm::Quarto),
            ("eq:ab".into(), None, RefForm::Eqref),
        ]
    );
    for i in 0..3 {
        assert!(
            r.html.unpack().contains(&placeholder(i)),
            "{}",
            r.html.unpack()
        );
    }
    let span = &r.math[0];
    assert_eq!(
        &span.tex[span.refs[0].start..span.refs[0].end],
        "\\eqref{eq:ab}"
    );
    assert!(r.html.unpack().contains("<a href=\"x\">see</a>"));
}

#[test]
fn figures_and_tables_get_numbered_captions() {
    let r = render_with(
        "![A *cat* $x$](cat.png \"T\"){#fig-cat}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: Results of $y$ {#tbl-res}\n\nText.\n",
        false,
    );
    assert!(problems(&r).is_empty(), "{:?}", problems(&r));
    assert_eq!(
        labels(&r).iter().map(|l| l.1).collect::<Vec<_>>(),
        [LabelKind::Figure, LabelKind::Table]
    );
    let html = &r.html.unpack();
    // The image's size is a slot, filled in by the site.
    let img = format!(
        "<figure id=\"fig-cat\">\n<img src=\"cat.png\" alt=\"A cat x\" title=\"T\"{}>\n<figcaption>",
        placeholder(0)
    );
    assert!(html.contains(&img), "{html}");
    assert!(html.contains("<em>cat</em>"), "{html}");
    assert!(
        html.contains("<figure class=\"table\" id=\"tbl-res\">\n<table>"),
        "{html}"
    );
    assert!(
        html.contains("<figcaption>\u{E004}2\u{E005} Results of "),
        "{html}"
    );
    assert!(
        html.contains("</figcaption>\n</figure>\n<p>Text.</p>"),
        "{html}"
    );
    assert!(!html.contains("<p>: "), "{html}");
}

#[test]
fn bad_and_duplicate_labels_are_problems() {
    let r = render_with(
        "$$ a $$ {#eq-a}\n\n$$ b \\label{eq-a} $$\n\nInline $x \\label{eq:x}$ and {#fig-stray}.\n\n$$ c $$ {#fig-c}\n\n## Eq b\n\n$$ d $$ {#eq-b}\n",
        false,
    );
    let mut p = problems(&r);
    p.sort_by_key(|m| {
        let (line, rest) = m.split_once(':').unwrap();
        (
            line.parse::<usize>().unwrap(),
            rest[..rest.find(':').unwrap()].parse::<usize>().unwrap(),
        )
    });
    assert_eq!(p.len(), 5, "{p:?}");
    assert!(
        p[0].starts_with(
            "3:1: the label `eq-a` is defined twice on this page (first at post.md:1:9)"
        ),
        "{p:?}"
    );
    assert!(
        p[1].starts_with("5:8: `\\label` in an inline formula"),
        "{p:?}"
    );
    assert!(
        p[2].starts_with("5:29: `{#fig-stray}` labels nothing here"),
        "{p:?}"
    );
    assert!(
        p[3].starts_with("7:9: `{#fig-c}` labels a figure, but it follows a display formula"),
        "{p:?}"
    );
    assert!(
        p[4].starts_with("11:9: the label `eq-b` is also the id of a heading"),
        "{p:?}"
    );
}

#[test]
fn citations_need_a_bibliography_and_skip_code_and_emails() {
    let text =
        "As @hinton2015 show [@hu2021, p. 4; @houlsby2019], mail a@b.com, `@code` and [-@x].\n";
    let with = render_with(text, true);
    let cites: Vec<Vec<String>> = with
        .slots
        .iter()
        .filter_map(|s| match s {
            Slot::Cite(c) => Some(c.items.iter().map(|i| i.key.clone()).collect()),
            _ => None,
        })
        .collect();
    assert_eq!(
        cites,
        [vec!["hinton2015"], vec!["hu2021", "houlsby2019"], vec!["x"]]
    );
    assert!(matches!(
        with.slots.last(),
        Some(Slot::Bibliography { placed: false })
    ));
    assert!(
        with.html.unpack().contains("<code>@code</code>") && with.html.unpack().contains("a@b.com")
    );
    let without = render_with(text, false);
    assert!(
        without.html.unpack().contains("As @hinton2015 show"),
        "{}",
        without.html.unpack()
    );
    assert_eq!(
        without.slots.len(),
        3,
        "bracketed citations are still citations"
    );
}

#[test]
fn the_reference_list_goes_where_marked() {
    for marker in ["::: {#refs}\n:::\n", "<div id=\"refs\"></div>\n"] {
        let r = render_with(
            &format!("Cite [@a].\n\n## References\n\n{marker}\nAfter.\n"),
            true,
        );
        assert!(
            matches!(r.slots.last(), Some(Slot::Bibliography { placed: true })),
            "{:?}",
            r.slots
        );
        let at = r.html.unpack().find(&placeholder(1)).unwrap();
        assert!(
            r.html.unpack()[at..].contains("After."),
            "{}",
            r.html.unpack()
        );
        assert!(!r.html.unpack().contains(":::"), "{}", r.html.unpack());
    }
}

#[test]
fn footnotes_are_collected_in_order_of_first_use() {
    let text = "First[^b] and second[^a], again[^b].\n\n[^a]: Note A.\n[^b]: Note B.\n[^c]: Unused.\n\n<!--more-->\n\nLater[^d].\n\n[^d]: Note D.\n";
    let r = render_with(text, false);
    let html = &r.html.unpack();
    assert!(html.contains("First<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a></sup>"), "{html}");
    assert!(
        html.contains("again<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\""),
        "{html}"
    );
    let notes = &html[html.find("<section class=\"footnotes\"").unwrap()..];
    let order: Vec<usize> = ["Note B.", "Note A.", "Note D."]
        .iter()
        .map(|n| notes.find(n).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{notes}");
    assert!(!html.contains("Unused"), "{html}");
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(
        r.summary.contains("Note B.") && !r.summary.contains("Note D."),
        "{}",
        r.summary
    );
}
