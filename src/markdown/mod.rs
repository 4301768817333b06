//! Markdown to HTML with pulldown-cmark: heading ids, table of contents, summaries, word
//! counts, code highlighting, and math spans left as placeholders for the `math` module.

mod boxes;
mod delimiters;
mod display;
mod guard;
mod links;
mod marks;
mod packed;
mod prepared;
pub mod slots;
pub mod words;
mod writer;

pub use boxes::BoxNames;
pub use links::absolutize;
pub use packed::PackedHtml;

use std::fmt;

use pulldown_cmark::Options;
use serde::Serialize;

use crate::config::{MathConfig, Slugs};
use crate::content::Source;
use crate::error::Location;
use crate::highlight::Highlighting;
use slots::{Label, MathRef, Problem, SLOT_CLOSE, SLOT_OPEN, Slot};
use writer::{HeadingEntry, Part};

/// Marks math span N in rendered HTML as `\u{E000}N\u{E001}`, characters no author types.
pub const MATH_OPEN: char = '\u{E000}';
pub const MATH_CLOSE: char = '\u{E001}';
/// Where the summary ends, removed before output.
/// Selects the `#` link that ends every heading: a way to the heading, not its text.
pub const HEADING_ANCHOR: &str = "a.anchor";
const SUMMARY_MARK: &str = "\u{E002}";
const MORE_DIVIDER: &str = "<!--more-->";

pub struct MarkdownOptions<'a> {
    pub math: &'a MathConfig,
    /// Whether the site has a bibliography, so that `@key` in a sentence is a citation
    /// on every page (a page's own `bibliography` turns that on for the page).
    pub bibliography: bool,
    pub summary_length: usize,
    pub highlighter: Option<Highlighting<'a>>,
    /// How heading ids are made.
    pub slugs: Slugs,
    /// Hugo's `hasCJKLanguage`: a page holding CJK text counts its words the CJK way.
    pub has_cjk_language: bool,
    /// With names, formulas, code blocks and tables can be focused and are named (see
    /// [`BoxNames`]).
    pub boxes: Option<&'a BoxNames>,
}

impl<'a> MarkdownOptions<'a> {
    /// Options of a site with nothing set: Hugo's summary length of 70 words, no
    /// bibliography, highlighting, CJK counting or box names; callers change the rest.
    pub fn plain(math: &'a MathConfig) -> Self {
        MarkdownOptions {
            math,
            bibliography: false,
            summary_length: 70,
            highlighter: None,
            slugs: Slugs::default(),
            has_cjk_language: false,
            boxes: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MathSpan {
    pub tex: String,
    pub display: bool,
    pub location: Location,
    /// The formula's label, by index into the page's labels: it gets a number.
    pub label: Option<usize>,
    /// `\eqref{…}` and `\ref{…}` in the TeX, filled in once labels are numbered.
    pub refs: Vec<MathRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The whole body, math as placeholders; compressed, as a site's bodies are all held
    /// at once.
    pub html: PackedHtml,
    /// Whether the body has highlighted code.
    pub has_code: bool,
    /// The summary, math as placeholders; the same numbering as `html`.
    pub summary: String,
    /// Whether the summary is shorter than the body.
    pub truncated: bool,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    /// Whether words were counted the CJK way.
    pub cjk: bool,
    pub math: Vec<MathSpan>,
    /// Labelled formulas, figures and tables, in order.
    pub labels: Vec<Label>,
    /// What the site fills in: numbers, references, citations, the reference list.
    pub slots: Vec<Slot>,
    /// Bad labels and references, reported by the site with every other error.
    pub problems: Vec<Problem>,
    /// Math delimiters left in the page's text.
    pub warnings: Vec<Warning>,
}

/// Something on a page that builds but is likely not what the author meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub location: Location,
    pub message: &'static str,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: {}: {}", self.location, self.message)
    }
}

impl Rendered {
    pub fn reading_time(&self) -> usize {
        words::reading_time(self.word_count, self.cjk)
    }
}

pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

/// Renders a page or section body, and its summary.
pub fn render(source: &Source, options: &MarkdownOptions) -> Rendered {
    let mut out = Rendered {
        cjk: options.has_cjk_language && source.has_cjk,
        ..Rendered::default()
    };
    let body = writer::write(&mut out, &source.body, source, options, Part::Body);
    out.word_count = body.words;
    out.toc = build_toc(body.headings);
    let (summary, rest) = match body.html.split_once(SUMMARY_MARK) {
        Some((summary, rest)) => (summary.to_string(), rest),
        None => (body.html.clone(), ""),
    };
    out.truncated = !rest.trim().is_empty();
    let html = body.html.replacen(SUMMARY_MARK, "", 1) + &body.end;
    out.has_code = html.contains(crate::highlight::BLOCK_START);
    out.html = PackedHtml::new(&html);
    out.summary = match &source.meta.summary {
        Some(text) => {
            out.truncated = true;
            let written = writer::write(&mut out, text, source, options, Part::Summary);
            written.html + &written.end
        }
        None => summary.trim_end().to_string() + &body.summary_end,
    };
    out
}

/// The first character of `text` that must not reach a page, with its byte offset and
/// why: control characters HTML forbids, noncharacters, and the private-use characters
/// folio marks math and summaries with.
pub fn forbidden_character(text: &str) -> Option<(usize, char, &'static str)> {
    text.char_indices().find_map(|(i, c)| {
        let why = match c {
            '\t' | '\n' | '\r' | '\u{c}' => return None,
            '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                "is a control character, which a web page cannot hold: delete it"
            }
            '\u{fdd0}'..='\u{fdef}' => "is a noncharacter, which a web page cannot hold: delete it",
            c if (c as u32) & 0xfffe == 0xfffe => {
                "is a noncharacter, which a web page cannot hold: delete it"
            }
            MATH_OPEN | MATH_CLOSE | '\u{e002}' | '\u{e003}' | SLOT_OPEN | SLOT_CLOSE => {
                "is a private-use character that folio reserves for its own markers: delete it"
            }
            _ => return None,
        };
        Some((i, c, why))
    })
}

/// `html` with each placeholder `OPEN N CLOSE` replaced by what `write` writes for `N`
/// (nothing, say, for an unknown `N`); math and slots are written as such placeholders.
pub fn fill_placeholders(
    html: &str,
    (open, close): (char, char),
    mut write: impl FnMut(usize, &mut String),
) -> String {
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len_utf8()..];
        let Some(end) = after.find(close) else {
            out.push_str(&rest[start..]);
            return out;
        };
        if let Ok(index) = after[..end].parse::<usize>() {
            write(index, &mut out);
        }
        rest = &after[end + close.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// `s` escaped for HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// Nests the headings into a tree.
fn build_toc(headings: Vec<HeadingEntry>) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
        match list.last_mut() {
            Some(last) if last.level < entry.level => insert(&mut last.children, entry),
            _ => list.push(entry),
        }
    }
    let mut toc = Vec::new();
    for HeadingEntry { level, id, title } in headings {
        insert(
            &mut toc,
            TocEntry {
                level,
                id,
                title,
                children: Vec::new(),
            },
        );
    }
    toc
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_labels;
