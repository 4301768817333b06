//! Every formula of the shipped posts reaches the reader: a scan of each Markdown file,
//! independent of folio's parser, finds the same formulas, in the same order, as the TeX
//! annotations KaTeX wrote into its page (less the numbers folio gives labelled
//! formulas); and no page has a `$$` left in its text.
//! Also a fixture page holding each kind of display block Markdown could tear apart.

mod common;

use std::path::Path;
use std::process::Command;

use common::repo;

/// Math spans of a Markdown body: `$$…$$`, `\[…\]` (across lines) and `$…$`, `\(…\)`
/// (pandoc's rules: no space inside the delimiters, no digit after the closer), outside
/// code. TeX with whitespace collapsed, and `\|` read as `|` as in table cells.
fn scan(markdown: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
            prose.push('\n');
            continue;
        }
        if !fenced {
            prose.push_str(line.trim_start_matches(['>', ' ']));
            prose.push('\n');
        }
    }
    let prose = without_code_spans(&prose);
    let mut spans = Vec::new();
    let mut rest = prose.as_str();
    while let Some(i) = rest.find(['$', '\\']) {
        let here = &rest[i..];
        let found = [("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)")]
            .iter()
            .find(|(open, _)| here.starts_with(open))
            .and_then(|(_, close)| {
                let end = here[2..].find(close)?;
                Some((here[2..2 + end].to_string(), 2 + end + close.len()))
            })
            .or_else(|| inline_dollar(here));
        match found {
            Some((tex, len)) => {
                spans.push(normal(&tex));
                rest = &here[len..];
            }
            None => rest = &here[here.chars().next().map_or(1, char::len_utf8).max(1)..],
        }
        if here.starts_with("\\$") || here.starts_with("\\\\") {
            rest = &here[2..];
        }
    }
    spans
}

fn inline_dollar(here: &str) -> Option<(String, usize)> {
    let body = here.strip_prefix('$')?;
    if body.starts_with([' ', '\n', '$']) || body.is_empty() {
        return None;
    }
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' if body[i + 1..].starts_with('\n') => return None,
            b'$' if !bytes[i - 1].is_ascii_whitespace()
                && !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                return Some((body[..i].to_string(), i + 2));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn without_code_spans(text: &str) -> String {
    let mut out = String::new();
    let mut parts = text.split('`');
    while let Some(outside) = parts.next() {
        out.push_str(outside);
        parts.next();
    }
    out
}

fn normal(tex: &str) -> String {
    tex.replace("\\|", "|")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The TeX of every formula on a page, from KaTeX's MathML annotations.
fn annotations(html: &str) -> Vec<String> {
    const OPEN: &str = "<annotation encoding=\"application/x-tex\">";
    html.split(OPEN)
        .skip(1)
        .map(|rest| {
            let tex = rest.split("</annotation>").next().unwrap_or_default();
            let tex = tex
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
            without_number(&normal(&tex)).to_string()
        })
        .collect()
}

/// The TeX without the `\tag{1.2}` folio adds to a labelled formula.
fn without_number(tex: &str) -> &str {
    match tex.rsplit_once(" \\tag{") {
        Some((formula, number))
            if number.strip_suffix('}').is_some_and(|n| {
                !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.')
            }) =>
        {
            formula
        }
        _ => tex,
    }
}

/// The page's text outside `<pre>`, tags and KaTeX's output.
fn has_raw_display_dollars(html: &str) -> bool {
    let article = html.split("<article").nth(1).unwrap_or(html);
    article
        .split("<pre")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split("</pre>").nth(1).unwrap_or("")
            }
        })
        .any(|part| part.contains("$$"))
}

fn build(root: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--no-cache", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn every_formula_of_the_shipped_posts_renders() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_tree(&repo().join("content"), &dir.path().join("src/content"));
    std::fs::copy(
        repo().join("config.toml"),
        dir.path().join("src/config.toml"),
    )
    .unwrap();
    build(&dir.path().join("src"), &site);
    let mut checked = 0;
    for lang in ["en", "zh"] {
        checked += compare_series(&site, lang);
    }
    eprintln!("{checked} formulas compared");
    assert!(checked > 300, "only {checked} formulas");
}

/// Compares the formulas of each post of the series in language `lang` with its page;
/// returns how many there were.
fn compare_series(site: &Path, lang: &str) -> usize {
    let posts = common::walk(&repo().join("content").join(lang).join("transfer-learning"));
    let mut checked = 0;
    for post in posts.iter().filter(|p| !p.ends_with("_index.md")) {
        let markdown = std::fs::read_to_string(post).unwrap();
        let fence = if markdown.starts_with("---") {
            "---\n"
        } else {
            "+++\n"
        };
        let body = markdown.splitn(3, fence).nth(2).unwrap_or(&markdown);
        let slug = post.file_stem().unwrap().to_string_lossy().to_lowercase();
        let page = site
            .join(lang)
            .join("transfer-learning")
            .join(&slug)
            .join("index.html");
        let html = std::fs::read_to_string(&page).unwrap();
        let expected = scan(body);
        assert!(!expected.is_empty(), "{}: no math found", post.display());
        assert_eq!(annotations(&html), expected, "{}", post.display());
        assert!(
            !has_raw_display_dollars(&html),
            "{}: raw $$ left",
            page.display()
        );
        checked += expected.len();
    }
    checked
}

#[test]
fn each_tricky_display_block_is_one_display_formula() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = repo().join("tests/fixtures/display-blocks");
    build(&fixture, &dir.path().join("site"));
    let html = std::fs::read_to_string(dir.path().join("site/tricky/index.html")).unwrap();
    let markdown = std::fs::read_to_string(fixture.join("content/tricky.md")).unwrap();
    let blocks = markdown.matches("<!-- block -->").count();
    assert_eq!(
        html.matches("<div class=\"math-display\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\"><span class=\"katex-display\">")
            .count(),
        blocks,
        "{html}"
    );
    assert_eq!(annotations(&html).len(), blocks, "{html}");
    assert!(
        !has_raw_display_dollars(&html) && !html.contains("\\["),
        "{html}"
    );
    // Only the list item and the quote the fixture writes; no heading, table or code.
    let article = html.split("<article").nth(1).unwrap();
    for (tag, count) in [
        ("<h1 id", 0),
        ("<h2", 0),
        ("<li>", 1),
        ("<blockquote>", 1),
        ("<table>", 0),
        ("<pre>", 0),
        ("<hr", 0),
    ] {
        assert_eq!(article.matches(tag).count(), count, "{tag} in {html}");
    }
}
