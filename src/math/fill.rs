//! Formulas into HTML: the placeholders Markdown rendering leaves replaced by each
//! formula, typeset or as its TeX source.

use super::{Formula, Medium, Typeset};
use crate::markdown::{MATH_CLOSE, MATH_OPEN, MathSpan, escape_html, fill_placeholders};

impl Typeset {
    /// Whether `span` is typeset for `medium`.
    pub fn has(&self, span: &MathSpan, medium: Medium) -> bool {
        self.html.contains_key(&Formula::new(span, medium))
    }

    /// Adds the formulas of `more`, typeset under the same fingerprint.
    pub fn extend(&mut self, more: Typeset) {
        self.html.extend(more.html);
    }

    /// Replaces the placeholders in `html` with the rendered `spans`.
    pub fn fill(&self, html: &str, spans: &[MathSpan], medium: Medium) -> String {
        fill_with(html, spans, |span, out| {
            if let Some(html) = self.html.get(&Formula::new(span, medium)) {
                out.push_str(html);
            }
        })
    }
}

/// Replaces the placeholders in `html` with each formula's TeX source between dollars,
/// for text that stands for the formula, such as the search index.
pub fn fill_source(html: &str, spans: &[MathSpan]) -> String {
    fill_with(html, spans, |span, out| {
        let dollars = if span.display { "$$" } else { "$" };
        out.push_str(dollars);
        out.push_str(&escape_html(span.tex.trim()));
        out.push_str(dollars);
    })
}

/// `html` with each placeholder replaced by what `write` writes for its span.
fn fill_with(
    html: &str,
    spans: &[MathSpan],
    mut write: impl FnMut(&MathSpan, &mut String),
) -> String {
    fill_placeholders(html, (MATH_OPEN, MATH_CLOSE), |i, out| {
        if let Some(span) = spans.get(i) {
            write(span, out);
        }
    })
}

/// The span numbers of the placeholders in `html`, in order.
pub fn indices(html: &str) -> impl Iterator<Item = usize> + '_ {
    html.split(MATH_OPEN)
        .skip(1)
        .filter_map(|rest| rest.split(MATH_CLOSE).next()?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    #[test]
    fn source_fill_writes_each_formula_as_its_tex() {
        let span = |tex: &str, display| MathSpan {
            tex: tex.into(),
            display,
            location: Location::new(std::path::Path::new("a.md"), 1, 1),
            label: None,
            refs: Vec::new(),
        };
        let spans = [span("x < y_i", false), span("\n\\sum_i p_i\n", true)];
        let html = format!("<p>Let {MATH_OPEN}0{MATH_CLOSE} be</p>{MATH_OPEN}1{MATH_CLOSE}");
        assert_eq!(
            fill_source(&html, &spans),
            "<p>Let $x &lt; y_i$ be</p>$$\\sum_i p_i$$"
        );
    }
}
