//! Markdown with math, from generated text, renders to HTML the Nu HTML Checker accepts.
//! The documents are checked in one run of the checker, which takes seconds to start.

use std::process::Command;

use folio::config::{MathConfig, MathErrors};
use folio::markdown::{self, MarkdownOptions, slots};
use folio::math::{MathRenderer, Medium};
use proptest::strategy::{Strategy, ValueTree};

use super::markdown::{PIECES, source};
use super::{cases, keep, markup, regressions, runner};

/// The Markdown pieces without raw HTML (a `<` only before a space): an author's own
/// unbalanced tags are the author's, not folio's, to fix.
fn pieces() -> Vec<&'static str> {
    let mut pieces: Vec<&'static str> = PIECES
        .iter()
        .copied()
        .filter(|p| !p.starts_with('<'))
        .collect();
    pieces.push("< ");
    pieces
}

/// A tag the author wrote (a random `<` before a letter): the author's HTML to balance.
fn has_raw_html(body: &str) -> bool {
    body.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// A page around `body` as folio's templates would put it, math filled in and the slots
/// the site fills (local images' sizes) left empty; none for a body that folio refuses
/// for a character no page may hold, or that holds raw HTML.
fn page(body: &str) -> Option<String> {
    if markdown::forbidden_character(body).is_some() || has_raw_html(body) {
        return None;
    }
    let math = MathConfig {
        errors: MathErrors::Warn,
        ..MathConfig::default()
    };
    let options = MarkdownOptions::plain(&math);
    let rendered = markdown::render(&source(body), &options);
    let needed = rendered.math.iter().map(|s| (s, Medium::Page)).collect();
    let html = match MathRenderer::new(&math).render(needed) {
        Ok((formulas, _)) => {
            slots::strip(&formulas.fill(&rendered.html.unpack(), &rendered.math, Medium::Page))
        }
        Err(e) => format!("<p>{}</p>", markdown::escape_html(&e.to_string())),
    };
    Some(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body><main>\n{html}</main></body></html>\n"
    ))
}

#[test]
fn markdown_with_math_gives_valid_html() {
    let Some(jar) = crate::common::nu_checker() else {
        return;
    };
    let mut inputs: Vec<String> = regressions::<String>("html")
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let kept = inputs.len();
    let mut runner = runner("html", 0);
    let strategy = markup(pieces(), 50);
    for _ in 0..cases(300) {
        inputs.push(strategy.new_tree(&mut runner).unwrap().current());
    }
    let dir = tempfile::tempdir().unwrap();
    let mut refused = 0;
    for (i, input) in inputs.iter().enumerate() {
        match page(input) {
            Some(html) => std::fs::write(dir.path().join(format!("{i}.html")), html).unwrap(),
            None => refused += 1,
        }
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .arg(dir.path())
        .output()
        .expect("java is needed; run scripts/test.sh");
    let report = String::from_utf8_lossy(&out.stderr);
    let mut failing: Vec<usize> = report
        .lines()
        .filter_map(|l| l.split(".html").next()?.rsplit('/').next()?.parse().ok())
        .collect();
    failing.sort_unstable();
    failing.dedup();
    for &i in &failing {
        if i >= kept {
            keep("html", &inputs[i]);
        }
    }
    assert!(
        failing.is_empty() && out.status.success(),
        "{} of {} documents are not valid HTML (kept in tests/fixtures/properties/html/):\n{report}",
        failing.len(),
        inputs.len()
    );
    eprintln!(
        "html: {} documents passed the Nu checker ({refused} more refused for their characters or skipped for raw HTML)",
        inputs.len() - refused
    );
}
