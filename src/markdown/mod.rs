//! Markdown to HTML with pulldown-cmark: heading ids, table of contents, summaries, word
//! counts, code highlighting, and math spans left as placeholders for the `math` module.

mod delimiters;
mod links;

pub use links::absolutize;

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::MathConfig;
use crate::content::Source;
use crate::error::Location;
use crate::highlight::Highlighter;

/// Marks math span N in rendered HTML as `\u{E000}N\u{E001}`, characters no author types.
pub const MATH_OPEN: char = '\u{E000}';
pub const MATH_CLOSE: char = '\u{E001}';
/// Where the summary ends, removed before output.
/// Selects the `#` link that ends every heading: a way to the heading, not its text.
pub const HEADING_ANCHOR: &str = "a.anchor";
const SUMMARY_MARK: &str = "\u{E002}";
const MORE_DIVIDER: &str = "<!--more-->";
/// Hugo's reading speed for reading time.
const WORDS_PER_MINUTE: usize = 213;

pub struct MarkdownOptions<'a> {
    pub math: &'a MathConfig,
    pub summary_length: usize,
    pub highlighter: Option<&'a Highlighter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MathSpan {
    pub tex: String,
    pub display: bool,
    pub location: Location,
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
    /// The whole body, math as placeholders.
    pub html: String,
    /// The summary, math as placeholders; the same numbering as `html`.
    pub summary: String,
    /// Whether the summary is shorter than the body.
    pub truncated: bool,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub math: Vec<MathSpan>,
}

impl Rendered {
    pub fn reading_time(&self) -> usize {
        self.word_count.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

fn parser_options() -> Options {
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
    let mut out = Rendered::default();
    let body = render_into(&mut out, &source.body, source, options, true);
    out.word_count = body.words;
    let (summary, rest) = match body.html.split_once(SUMMARY_MARK) {
        Some((summary, rest)) => (summary.to_string(), rest),
        None => (body.html.clone(), ""),
    };
    out.truncated = !rest.trim().is_empty();
    out.html = body.html.replacen(SUMMARY_MARK, "", 1);
    out.summary = match &source.meta.summary {
        Some(text) => {
            out.truncated = true;
            render_into(&mut out, text, source, options, false).html
        }
        None => summary.trim_end().to_string(),
    };
    out
}

struct Body {
    html: String,
    words: usize,
}

fn render_into(
    out: &mut Rendered,
    text: &str,
    source: &Source,
    options: &MarkdownOptions,
    is_body: bool,
) -> Body {
    let parser_options = parser_options();
    let prepared = delimiters::prepare(text, options.math, parser_options);
    let mut writer = Writer {
        out,
        options,
        source,
        text,
        prepared: &prepared,
        events: Vec::new(),
        words: 0,
        depth: 0,
        paragraph: Paragraph::Closed,
        summary_placed: !is_body,
        ids: HashSet::new(),
        headings: Vec::new(),
        heading: None,
        code: None,
    };
    for (event, range) in Parser::new_ext(&prepared.text, parser_options).into_offset_iter() {
        writer.event(event, range);
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, writer.events.into_iter());
    let words = writer.words;
    if is_body {
        writer.out.toc = build_toc(std::mem::take(&mut writer.headings));
    }
    Body { html, words }
}

#[derive(PartialEq)]
enum Paragraph {
    Closed,
    /// Started in Markdown, but `<p>` not yet written (it may begin with display math).
    Pending,
    Open,
}

struct HeadingState<'a> {
    level: u8,
    id: Option<String>,
    classes: Vec<String>,
    text: String,
    events: Vec<Event<'a>>,
}

struct Writer<'a, 'o> {
    out: &'o mut Rendered,
    options: &'o MarkdownOptions<'o>,
    source: &'o Source,
    text: &'o str,
    prepared: &'o delimiters::Prepared,
    events: Vec<Event<'a>>,
    words: usize,
    depth: usize,
    paragraph: Paragraph,
    summary_placed: bool,
    ids: HashSet<String>,
    headings: Vec<(u8, String, String)>,
    heading: Option<HeadingState<'a>>,
    code: Option<(String, String)>,
}

impl<'a> Writer<'a, '_> {
    fn emit(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(h) => h.events.push(event),
            None => self.events.push(event),
        }
    }

    fn count_words(&mut self, text: &str) {
        self.words += text.split_whitespace().count();
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        }
    }

    /// Writes the `<p>` of a paragraph on its first inline content.
    fn open_paragraph(&mut self) {
        if self.paragraph == Paragraph::Pending {
            self.emit(Event::Html("<p>".into()));
            self.paragraph = Paragraph::Open;
        }
    }

    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.finish_code_block(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                self.depth += 1;
                self.paragraph = Paragraph::Pending;
            }
            Event::End(TagEnd::Paragraph) => {
                self.depth -= 1;
                if self.paragraph == Paragraph::Open {
                    self.emit(Event::Html("</p>\n".into()));
                }
                self.paragraph = Paragraph::Closed;
                self.block_ended(true);
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                self.depth += 1;
                self.heading = Some(HeadingState {
                    level: level as u8,
                    id: id.map(|s| s.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    text: String::new(),
                    events: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                self.depth -= 1;
                self.finish_heading();
                self.block_ended(false);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(tag) => {
                // Inside a paragraph every tag is inline (emphasis, links…), so it opens the `<p>`.
                self.open_paragraph();
                self.depth += 1;
                self.emit(Event::Start(tag));
            }
            Event::End(tag) => {
                self.depth -= 1;
                self.emit(Event::End(tag));
                self.block_ended(false);
            }
            Event::InlineMath(tex) | Event::DisplayMath(tex) => {
                let display = self.prepared.text[range.clone()].starts_with("$$");
                let from_backslash = self.prepared.is_backslash_span(range.start);
                let enabled = match (display, from_backslash) {
                    (false, false) => self.options.math.inline_dollar,
                    (true, false) => self.options.math.display_dollar,
                    _ => true,
                };
                if !enabled {
                    let raw = self.prepared.text[range].to_string();
                    self.open_paragraph();
                    self.count_words(&raw);
                    self.emit(Event::Text(raw.into()));
                    return;
                }
                self.words += 1;
                if let Some(h) = &mut self.heading {
                    h.text.push_str(&tex);
                }
                let offset = self.prepared.original_offset(range.start);
                let location = Location::at_offset(
                    &self.source.path,
                    self.text,
                    offset,
                    self.source.body_line,
                );
                let index = self.out.math.len();
                self.out.math.push(MathSpan {
                    tex: tex.to_string(),
                    display,
                    location,
                });
                let placeholder = format!("{MATH_OPEN}{index}{MATH_CLOSE}");
                if display && self.paragraph != Paragraph::Closed {
                    // A block inside <p> is invalid HTML: close the paragraph around it.
                    if self.paragraph == Paragraph::Open {
                        self.emit(Event::Html("</p>\n".into()));
                    }
                    self.paragraph = Paragraph::Pending;
                }
                let html = if display {
                    format!("<div class=\"math-display\">{placeholder}</div>\n")
                } else {
                    self.open_paragraph();
                    placeholder
                };
                self.emit(Event::InlineHtml(html.into()));
            }
            Event::SoftBreak | Event::HardBreak if self.paragraph == Paragraph::Pending => {}
            Event::Text(text) => {
                self.open_paragraph();
                self.count_words(&text);
                self.emit(Event::Text(text));
            }
            Event::Code(text) => {
                self.open_paragraph();
                self.count_words(&text);
                self.emit(Event::Code(text));
            }
            Event::Html(html) | Event::InlineHtml(html)
                if html.trim() == MORE_DIVIDER && !self.summary_placed =>
            {
                self.summary_placed = true;
                self.emit(Event::Html(SUMMARY_MARK.into()));
            }
            other => {
                if !matches!(other, Event::Html(_)) {
                    self.open_paragraph();
                }
                self.emit(other);
            }
        }
    }

    /// Hugo's automatic summary ends after the first top-level paragraph at which the
    /// running word count reaches `summary_length`.
    fn block_ended(&mut self, paragraph: bool) {
        if paragraph
            && self.depth == 0
            && !self.summary_placed
            && self.words >= self.options.summary_length
        {
            self.summary_placed = true;
            self.emit(Event::Html(SUMMARY_MARK.into()));
        }
    }

    fn finish_heading(&mut self) {
        let Some(h) = self.heading.take() else { return };
        let title = h.text.trim().to_string();
        let base = h.id.unwrap_or_else(|| {
            let s = slug::slugify(&title);
            if s.is_empty() { "section".into() } else { s }
        });
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let class = if h.classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape_html(&h.classes.join(" ")))
        };
        let mut inner = String::new();
        pulldown_cmark::html::push_html(&mut inner, h.events.into_iter());
        let level = h.level;
        self.events.push(Event::Html(
            format!(
                "<h{level} id=\"{id}\"{class}>{inner} <a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h{level}>\n",
                id = escape_html(&id)
            )
            .into(),
        ));
        if (2..=4).contains(&level) {
            self.headings.push((level, id, title));
        }
    }

    fn finish_code_block(&mut self) {
        let Some((lang, code)) = self.code.take() else {
            return;
        };
        self.words += code.split_whitespace().count();
        let highlighted = self
            .options
            .highlighter
            .and_then(|h| h.highlight(&lang, &code));
        let html = match highlighted {
            Some(html) => html,
            None if lang.is_empty() => format!("<pre><code>{}</code></pre>\n", escape_html(&code)),
            None => format!(
                "<pre><code class=\"language-{}\">{}</code></pre>\n",
                escape_html(&lang),
                escape_html(&code)
            ),
        };
        self.emit(Event::Html(CowStr::from(html)));
        self.block_ended(false);
    }
}

/// `s` escaped for HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// Nests the flat list of (level, id, title) into a tree.
fn build_toc(headings: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
        match list.last_mut() {
            Some(last) if last.level < entry.level => insert(&mut last.children, entry),
            _ => list.push(entry),
        }
    }
    let mut toc = Vec::new();
    for (level, id, title) in headings {
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
