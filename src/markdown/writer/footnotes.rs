//! GFM footnotes, collected at the end of the text: numbered in the order they are
//! first referred to, each with a link back to every reference.

use std::collections::HashMap;

use pulldown_cmark::Event;

use super::super::escape_html;
use super::super::slots::Slot;
use super::{Part, Writer};

/// The footnotes of one text.
#[derive(Default)]
pub(super) struct Footnotes<'a> {
    /// Label → number, in the order of first reference.
    numbers: HashMap<String, usize>,
    /// By number - 1: the label and how many references it has.
    referred: Vec<(String, usize)>,
    /// How many footnotes were referred to before the summary ended.
    in_summary: usize,
    /// Label → the definition's HTML and where it starts in the prepared text.
    definitions: HashMap<String, (String, usize)>,
    /// The definition being written: its label, start, and events.
    open: Option<(String, usize, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    /// Where events go while a definition is being written.
    pub fn sink(&mut self) -> Option<&mut Vec<Event<'a>>> {
        self.open.as_mut().map(|(_, _, events)| events)
    }
}

impl<'a> Writer<'a, '_> {
    pub(super) fn footnote_reference(&mut self, label: &str) {
        let notes = &mut self.notes;
        let number = match notes.numbers.get(label) {
            Some(&n) => n,
            None => {
                notes.referred.push((label.to_string(), 0));
                notes
                    .numbers
                    .insert(label.to_string(), notes.referred.len());
                if !self.summary_placed {
                    notes.in_summary = notes.referred.len();
                }
                notes.referred.len()
            }
        };
        let count = &mut notes.referred[number - 1].1;
        *count += 1;
        let id = reference_id(number, *count);
        self.inline(Event::InlineHtml(
            format!("<sup class=\"footnote-ref\"><a href=\"#fn-{number}\" id=\"{id}\" role=\"doc-noteref\">{number}</a></sup>").into(),
        ));
    }

    /// What follows the text: the reference list where none was placed (in the body,
    /// when something is cited), then the footnotes of the text and of its summary.
    pub(super) fn finish(&mut self) -> (String, String) {
        let cites = self.out.slots.iter().any(|s| matches!(s, Slot::Cite(_)));
        let mut end = String::new();
        if self.part == Part::Body && cites && !self.special.bibliography_placed {
            end = self.push_slot(Slot::Bibliography { placed: false }) + "\n";
        }
        let (notes, summary_notes) = self.footnote_sections();
        end.push_str(&notes);
        (end, summary_notes)
    }

    pub(super) fn start_footnote(&mut self, label: &str, at: usize) {
        if self.notes.definitions.contains_key(label) {
            // As in GitHub, the first definition of a label counts; a second would give
            // the page two elements with one id.
            self.skipping = 1;
            self.warn(at, "a footnote with this label is defined above already: this definition is left out; give it another label");
            return;
        }
        self.depth += 1;
        self.notes.open = Some((label.to_string(), at, Vec::new()));
    }

    pub(super) fn end_footnote(&mut self) {
        if let Some((label, at, events)) = self.notes.open.take() {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, events.into_iter());
            self.notes.definitions.insert(label, (html, at));
            self.depth -= 1;
        }
    }

    /// The footnotes section of the whole text and of its summary (the notes referred
    /// to before the summary ends); a definition nothing refers to is left out with a
    /// warning.
    pub(super) fn footnote_sections(&mut self) -> (String, String) {
        let mut unused: Vec<usize> = self
            .notes
            .definitions
            .iter()
            .filter(|(label, _)| !self.notes.numbers.contains_key(*label))
            .map(|(_, (_, at))| *at)
            .collect();
        unused.sort_unstable();
        for at in unused {
            self.warn(at, "this footnote is never referred to, so it is left out: refer to it with `[^label]` or delete it");
        }
        let items: Vec<String> = self
            .notes
            .referred
            .iter()
            .enumerate()
            .filter_map(|(i, (label, count))| {
                let (html, _) = self.notes.definitions.get(label)?;
                Some(item(i + 1, *count, html))
            })
            .collect();
        let summary = items.len().min(self.notes.in_summary);
        (section(&items), section(&items[..summary]))
    }
}

fn reference_id(number: usize, count: usize) -> String {
    match count {
        1 => format!("fnref-{number}"),
        n => format!("fnref-{number}-{n}"),
    }
}

/// One footnote, its back-links inside its last paragraph.
fn item(number: usize, count: usize, html: &str) -> String {
    let backs: Vec<String> = (1..=count)
        .map(|k| {
            let id = reference_id(number, k);
            let mark = if k == 1 { String::new() } else { format!("<sup>{k}</sup>") };
            format!(
                "<a href=\"#{id}\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"{}\">\u{21a9}\u{fe0e}{mark}</a>",
                escape_html(&format!("Back to reference {number}{}", if k == 1 { String::new() } else { format!(" ({k})") }))
            )
        })
        .collect();
    let backs = backs.join(" ");
    let html = html.trim_end();
    let body = match html.strip_suffix("</p>") {
        Some(inner) => format!("{inner} {backs}</p>"),
        None => format!("{html}\n<p>{backs}</p>"),
    };
    format!("<li id=\"fn-{number}\">\n{body}\n</li>\n")
}

fn section(items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<section class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n{}</ol>\n</section>\n",
        items.concat()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_links_go_inside_the_last_paragraph() {
        let li = item(2, 2, "<p>Note.</p>\n");
        assert!(
            li.starts_with("<li id=\"fn-2\">\n<p>Note. <a href=\"#fnref-2\""),
            "{li}"
        );
        assert!(li.contains("href=\"#fnref-2-2\""), "{li}");
        assert!(li.ends_with("</p>\n</li>\n"), "{li}");
    }
}
