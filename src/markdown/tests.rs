use std::path::Path;

use super::*;
use crate::content::parse_source;

fn render_text(text: &str, summary_length: usize) -> Rendered {
    render_with(text, summary_length, false)
}

/// `text` as `post.md`, rendered; `bibliography` as if the site had one.
pub(super) fn render_with(text: &str, summary_length: usize, bibliography: bool) -> Rendered {
    let source = parse_source(Path::new("post.md"), text, &[]).unwrap();
    let math = MathConfig::default();
    render(
        &source,
        &MarkdownOptions {
            bibliography,
            summary_length,
            ..MarkdownOptions::plain(&math)
        },
    )
}

fn math_texts(r: &Rendered) -> Vec<(&str, bool)> {
    r.math.iter().map(|m| (m.tex.as_str(), m.display)).collect()
}

#[test]
fn heading_ids_are_unique_and_explicit_ids_win() {
    let r = render_text(
        "## Intro\n\n## Intro\n\n## Named {#custom}\n\n### Deep\n",
        70,
    );
    assert!(r.html.unpack().contains("<h2 id=\"intro\">Intro"));
    assert!(r.html.unpack().contains("<h2 id=\"intro-1\">Intro"));
    assert!(r.html.unpack().contains("<h2 id=\"custom\">Named"));
    assert_eq!(r.toc.len(), 3);
    assert_eq!(r.toc[2].children[0].id, "deep");
}

#[test]
fn automatic_summary_stops_after_paragraph_reaching_the_count() {
    let text = "one two three\n\nfour five six\n\nseven eight\n";
    let r = render_text(text, 5);
    assert_eq!(r.summary, "<p>one two three</p>\n<p>four five six</p>");
    assert!(r.truncated);
    assert!(!r.html.unpack().contains('\u{E002}'));
}

#[test]
fn more_divider_and_front_matter_summary() {
    let r = render_text("short\n\n<!--more-->\n\nrest of it\n", 70);
    assert_eq!(r.summary, "<p>short</p>");
    let r = render_text("+++\nsummary = \"Given *here*\"\n+++\nBody text\n", 70);
    assert_eq!(r.summary, "<p>Given <em>here</em></p>\n");
}

#[test]
fn display_math_inside_a_paragraph_splits_it() {
    let r = render_text("Before\n$$\nx^2\n$$\nafter\n", 70);
    assert_eq!(
        r.html.unpack(),
        "<p>Before\n</p>\n<div class=\"math-display\">\u{E000}0\u{E001}</div>\n<p>after</p>\n"
    );
    assert_eq!(math_texts(&r), [("\nx^2\n", true)]);
}

#[test]
fn math_is_untouched_by_markdown() {
    let r = render_text("Let $a_1 * b_1 \\, \\{x\\}$ and *b* \"q\".\n", 70);
    assert_eq!(math_texts(&r), [("a_1 * b_1 \\, \\{x\\}", false)]);
    assert!(r.html.unpack().contains("<em>b</em> “q”"));
}

#[test]
fn escaped_bar_in_table_cell_math() {
    let r = render_text("| a | b |\n|---|---|\n| $P_S(Y\\|X)$ | $$z$$ |\n", 70);
    assert_eq!(math_texts(&r), [("P_S(Y|X)", false), ("z", true)]);
}

#[test]
fn dollar_amounts_stay_text() {
    let r = render_text("It cost $15,000 + $48,000, or \\$5.\n", 70);
    assert!(r.math.is_empty());
    assert!(r.html.unpack().contains("$15,000 + $48,000, or $5."));
}

#[test]
fn math_locations_point_at_the_source() {
    let r = render_text("+++\ntitle = \"x\"\n+++\nline one\nand \\(y\\) here\n", 70);
    let loc = &r.math[0].location;
    assert_eq!((loc.line, loc.col), (5, 5));
}

#[test]
fn code_is_escaped_and_counted() {
    let r = render_text("```text\n<b>one two</b>\n```\n", 70);
    assert!(r.html.unpack().contains("&lt;b&gt;one two&lt;/b&gt;"));
    assert_eq!(r.word_count, 2);
}

#[test]
fn display_blocks_are_not_torn_by_markdown() {
    for text in [
        "$$\na\n=\nb\n$$\n",
        "$$\na\n- b\n+ c\n1. d\n$$\n",
        "Text before\n$$\n| a | b |\n|---|---|\n$$\n",
        "- item\n\n  $$\n  a\n  - b\n  $$\n",
        "> $$\n> a\n> ===\n> $$\n",
        "\\[\na\n- b\n\\]\n",
        "$$\n\\begin{aligned}\na &= 1\n\n    b &= 2\n\\end{aligned}\n$$\n",
    ] {
        let r = render_text(text, 70);
        assert_eq!(r.math.len(), 1, "{text:?}: {:?}", r.math);
        assert!(r.math[0].display, "{text:?}");
        assert!(
            !r.html.unpack().contains("$$") && !r.html.unpack().contains("<h"),
            "{text:?}: {}",
            r.html.unpack()
        );
        assert!(r.warnings.is_empty(), "{text:?}: {:?}", r.warnings);
    }
    let r = render_text("> $$\n> a\n> - b\n> $$\n", 70);
    assert_eq!(math_texts(&r), [("\na\n- b\n", true)]);
}

#[test]
fn unbalanced_braces_reach_katex() {
    let r = render_text("+++\ntitle = \"x\"\n+++\nSee $\\frac{1}{$ here.\n", 70);
    assert_eq!(math_texts(&r), [("\\frac{1}{", false)]);
    let loc = &r.math[0].location;
    assert_eq!((loc.line, loc.col), (4, 5));
}

#[test]
fn leftover_delimiters_are_warned_about_with_their_line() {
    let r = render_text("+++\ntitle = \"x\"\n+++\nok\n\n$$\na\n\nb\n$$\n", 70);
    let lines: Vec<usize> = r.warnings.iter().map(|w| w.location.line).collect();
    assert_eq!(lines, [6, 10]);
}

#[test]
fn display_math_where_only_phrasing_may_stand_is_a_span() {
    let r = render_text(
        "## Energy $$E = mc^2$$\n\nSee *this $$x$$ here* and ![$y$](p.png).\n",
        70,
    );
    assert!(
        r.html
            .unpack()
            .contains("<h2 id=\"energy-e--mc2\">Energy <span class=\"math-display\">"),
        "{}",
        r.html.unpack()
    );
    assert!(
        r.html
            .unpack()
            .contains("<em>this <span class=\"math-display\">"),
        "{}",
        r.html.unpack()
    );
    assert!(r.html.unpack().contains("alt=\"y\""), "{}", r.html.unpack());
    assert_eq!(r.math.len(), 2);
}

#[test]
fn heading_ids_keep_cjk_as_hugo() {
    let r = render_text(
        "## 直接属性预测（DAP）\n\n## Pre-training & Fine-tuning\n\n## ?!\n",
        70,
    );
    assert!(r.html.unpack().contains(
        "<h2 id=\"直接属性预测dap\">直接属性预测（DAP） <a class=\"anchor\" href=\"#直接属性预测dap\""
    ));
    assert_eq!(r.toc[1].id, "pre-training--fine-tuning");
    assert_eq!(r.toc[2].id, "heading");
}
