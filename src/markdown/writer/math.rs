//! Formulas in the event stream: recorded as spans, written as placeholders.

use std::ops::Range;

use pulldown_cmark::Event;

use super::super::prepared::Origin;
use super::super::{BoxNames, MATH_CLOSE, MATH_OPEN, MathSpan, escape_html};
use super::{Paragraph, Writer};
use crate::error::Location;

impl Writer<'_, '_> {
    /// A formula: its span is recorded and a placeholder written, or, if its kind of
    /// delimiter is switched off, its source is written as text.
    pub(super) fn math(&mut self, tex: &str, range: Range<usize>) {
        let source = &self.prepared.text[range.clone()];
        let display = source.starts_with("$$");
        let origin = self.prepared.origin(range.start);
        let enabled = match (display, origin) {
            (_, Some(_)) => true,
            (false, None) => self.options.math.inline_dollar,
            (true, None) => self.options.math.display_dollar,
        };
        if !enabled {
            let raw = source.to_string();
            self.open_paragraph();
            self.heading_text(&raw);
            self.emit(Event::Text(raw.into()));
            return;
        }
        let tex = match origin {
            Some(Origin::Verbatim(tex)) => tex.as_str(),
            _ => tex,
        };
        if !self.image.is_empty() {
            // An image's text is its `alt` attribute, which holds no markup: the TeX it is.
            let text = tex.to_string();
            self.heading_text(&text);
            self.emit(Event::Text(text.into()));
            return;
        }
        self.heading_text(tex);
        let offset = self.prepared.original_offset(range.start);
        let location =
            Location::at_offset(&self.source.path, self.text, offset, self.source.body_line);
        let (tex, label, refs) = self.formula_labels(tex, display, range.start, &location);
        let id = label.map(|l| format!(" id=\"{}\"", escape_html(&self.out.labels[l].name)));
        let index = self.out.math.len();
        self.out.math.push(MathSpan {
            tex,
            display,
            location,
            label,
            refs,
        });
        self.place_math(index, display, &id.unwrap_or_default());
    }

    /// Writes the placeholder of formula `index`; `id` is its ` id="…"` or empty.
    fn place_math(&mut self, index: usize, display: bool, id: &str) {
        let placeholder = format!("{MATH_OPEN}{index}{MATH_CLOSE}");
        if !display {
            self.inline(Event::InlineHtml(placeholder.into()));
            return;
        }
        if self.heading.is_some() || self.phrasing > 0 {
            // Where only phrasing content may stand, a span (KaTeX's output is spans).
            let html = format!("<span class=\"math-display\"{id}>{placeholder}</span>");
            self.inline(Event::InlineHtml(html.into()));
            return;
        }
        if self.paragraph != Paragraph::Closed {
            // A block inside <p> is invalid HTML: close the paragraph around it.
            if self.paragraph == Paragraph::Open {
                self.emit(Event::Html("</p>\n".into()));
                // Hugo's summary, too, may end at this `</p>`.
                let words = self.words.summary_words_before_display();
                self.summary_may_end(self.depth == 1, words);
            }
            self.paragraph = Paragraph::Pending;
        }
        let named = (self.options.boxes).map(|names| BoxNames::attributes(&names.formula));
        let named = named.unwrap_or_default();
        let html = format!("<div class=\"math-display\"{id}{named}>{placeholder}</div>\n");
        self.emit(Event::InlineHtml(html.into()));
    }
}
