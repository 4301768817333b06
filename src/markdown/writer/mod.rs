//! pulldown-cmark's events to folio's HTML: paragraphs that make way for display math,
//! headings with ids, highlighted code, math as placeholders, and the summary mark.

use std::collections::HashSet;
use std::ops::Range;

mod blocks;
mod figures;
mod footnotes;
mod images;
mod labels;
mod math;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::guard::Guard;
use super::marks::{self, Attachments};
use super::prepared::{Origin, Prepared};
use super::slots;
use super::{
    MORE_DIVIDER, MarkdownOptions, Rendered, SUMMARY_MARK, Warning, parser_options, words,
};
use crate::content::Source;
use crate::error::Location;
use blocks::{is_inline, is_inline_end};
use figures::Special;
use footnotes::Footnotes;
use images::{LoneImage, OpenImage};

/// Which text is written: only the body gets the summary mark and the table of contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Body,
    /// The `summary` of the front matter.
    Summary,
}

/// A heading of the table of contents, in document order.
#[derive(Debug, Clone)]
pub struct HeadingEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The HTML of one text, math as placeholders, and its word count.
pub struct Written {
    pub html: String,
    /// What follows the text: the reference list (unless placed), the footnotes.
    pub end: String,
    /// The footnotes the summary refers to.
    pub summary_end: String,
    pub words: usize,
    pub headings: Vec<HeadingEntry>,
}

#[derive(PartialEq)]
enum Paragraph {
    Closed,
    /// Started in Markdown, but `<p>` not yet written (it may begin with display math).
    Pending,
    Open,
}

/// What just ended: Hugo's automatic summary ends only after a paragraph.
#[derive(PartialEq)]
enum Ended {
    Paragraph,
    OtherBlock,
}

/// A heading being written: its events wait here until its id is known.
struct OpenHeading<'a> {
    level: u8,
    id: Option<String>,
    classes: Vec<String>,
    text: String,
    events: Vec<Event<'a>>,
}

/// A code block being collected for the highlighter.
struct OpenCode {
    lang: String,
    text: String,
}

/// Renders `text` (the body or the summary of `source`), adding its math spans and
/// warnings to `out`.
pub fn write(
    out: &mut Rendered,
    text: &str,
    source: &Source,
    options: &MarkdownOptions,
    part: Part,
) -> Written {
    let parser_options = parser_options();
    let (prepared, attachments) = marks::prepare(out, text, source, options);
    let cjk = out.cjk;
    let mut writer = Writer {
        out,
        options,
        source,
        text,
        prepared: &prepared,
        part,
        attachments,
        special: Special::default(),
        notes: Footnotes::default(),
        events: Vec::new(),
        words: words::Counter::new(cjk),
        depth: 0,
        paragraph: Paragraph::Closed,
        summary_placed: part == Part::Summary,
        ids: HashSet::new(),
        headings: Vec::new(),
        heading: None,
        code: None,
        skipping: 0,
        phrasing: 0,
        image: Vec::new(),
        lone: None,
        guard: Guard::new(options.math),
    };
    for (event, range) in Parser::new_ext(&prepared.text, parser_options).into_offset_iter() {
        writer.event(event, range);
    }
    let (end, summary_end) = writer.finish();
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, writer.events.into_iter());
    if let Some(names) = options.boxes {
        // pulldown-cmark writes every table's start tag so.
        html = html.replace("<table>", &format!("<table{}>", names.table_attributes()));
    }
    for leftover in writer.guard.finish() {
        let offset = prepared.original_offset(leftover.offset);
        writer.out.warnings.push(Warning {
            location: Location::at_offset(&source.path, text, offset, source.body_line),
            message: leftover.kind.message(),
        });
    }
    Written {
        html,
        end,
        summary_end,
        words: writer.words.words(),
        headings: writer.headings,
    }
}

struct Writer<'a, 'o> {
    out: &'o mut Rendered,
    options: &'o MarkdownOptions<'o>,
    source: &'o Source,
    /// The author's text, for locations.
    text: &'o str,
    prepared: &'o Prepared,
    part: Part,
    /// Label attributes, by where their element starts.
    attachments: Attachments,
    special: Special<'a>,
    notes: Footnotes<'a>,
    events: Vec<Event<'a>>,
    words: words::Counter,
    depth: usize,
    paragraph: Paragraph,
    summary_placed: bool,
    ids: HashSet<String>,
    headings: Vec<HeadingEntry>,
    heading: Option<OpenHeading<'a>>,
    code: Option<OpenCode>,
    /// Inside a definition that is dropped: how many tags are open in it.
    skipping: usize,
    /// Open inline tags (emphasis, links…), where a block may not start.
    phrasing: usize,
    /// The images being written, innermost last: their text becomes an `alt` attribute.
    image: Vec<OpenImage<'a>>,
    /// The titled image last written into the body, which may be its paragraph's figure.
    lone: Option<LoneImage>,
    guard: Guard<'o>,
}

impl<'a> Writer<'a, '_> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.skipping > 0 {
            match event {
                Event::Start(_) => self.skipping += 1,
                Event::End(_) => self.skipping -= 1,
                _ => {}
            }
            return;
        }
        if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
            self.start_footnote(label, range.start);
            return;
        }
        self.count_words(&event, range.clone());
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(t) => code.text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.finish_code_block(),
                _ => {}
            }
            return;
        }
        self.look_at(&event, range.start);
        match event {
            Event::Start(Tag::Paragraph) if self.start_attached(range.start) => {}
            Event::Start(tag) => self.start(tag, range.start),
            Event::End(TagEnd::FootnoteDefinition) => self.end_footnote(),
            Event::End(tag) => self.end(tag),
            Event::InlineMath(tex) | Event::DisplayMath(tex) => self.math(&tex, range),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::SoftBreak | Event::HardBreak if self.paragraph == Paragraph::Pending => {}
            Event::Text(text) => {
                let text = self.strip_caption_colon(text);
                self.heading_text(&text);
                self.inline(Event::Text(text));
            }
            Event::Code(text) => {
                self.heading_text(&text);
                self.inline(Event::Code(text));
            }
            Event::Html(html) | Event::InlineHtml(html)
                if html.trim() == MORE_DIVIDER && !self.summary_placed =>
            {
                self.summary_placed = true;
                self.emit(Event::Html(SUMMARY_MARK.into()));
            }
            Event::Html(html) if self.refs_marker(&html) => {}
            Event::Html(html) => self.emit(Event::Html(html)),
            other => self.inline(other),
        }
    }

    fn warn(&mut self, at: usize, message: &'static str) {
        let location = self.location(at);
        self.out.warnings.push(Warning { location, message });
    }

    /// Hands the page's text to the guard; anything else ends a run of text.
    fn look_at(&mut self, event: &Event, at: usize) {
        match event {
            Event::Text(text) => self.guard.text(text, at),
            Event::SoftBreak | Event::HardBreak => self.guard.text("\n", at),
            _ => self.guard.end_run(),
        }
    }

    fn start(&mut self, tag: Tag<'a>, at: usize) {
        match tag {
            Tag::Paragraph => {
                self.depth += 1;
                self.paragraph = Paragraph::Pending;
            }
            Tag::Heading {
                level, id, classes, ..
            } => {
                self.depth += 1;
                self.heading = Some(OpenHeading {
                    level: level as u8,
                    id: id.map(|s| s.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    text: String::new(),
                    events: Vec::new(),
                });
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(OpenCode {
                    lang,
                    text: String::new(),
                });
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                if self.start_figure_image(dest_url.clone(), title.clone(), at) {
                    self.depth += 1;
                    self.phrasing += 1;
                } else {
                    self.start_image(dest_url, title, at);
                }
            }
            tag => {
                if let Tag::Table(_) = tag {
                    self.start_table(at);
                }
                // Inside a paragraph every tag is inline (emphasis, links…), so it opens the `<p>`.
                self.open_paragraph();
                self.depth += 1;
                self.phrasing += usize::from(is_inline(&tag));
                self.emit(Event::Start(tag));
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        self.depth -= 1;
        match tag {
            TagEnd::Paragraph => {
                if self.paragraph == Paragraph::Open && !self.lone_image_figure() {
                    let end = self.paragraph_end();
                    self.emit(Event::Html(end.into()));
                }
                self.paragraph = Paragraph::Closed;
                self.block_ended(Ended::Paragraph);
            }
            TagEnd::Heading(_) => {
                self.finish_heading();
                self.block_ended(Ended::OtherBlock);
            }
            TagEnd::Image if self.end_figure_image() => self.phrasing -= 1,
            TagEnd::Image => self.end_image(),
            tag => {
                self.phrasing -= usize::from(is_inline_end(tag));
                self.emit(Event::End(tag));
                self.block_ended(Ended::OtherBlock);
            }
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        if let Some(image) = self.image.last_mut() {
            image.push(event);
        } else if let Some(h) = &mut self.heading {
            h.events.push(event);
        } else if let Some(figure) = self.special.figure.as_mut().filter(|f| f.collecting()) {
            figure.events.push(event);
        } else if let Some(events) = self.notes.sink() {
            events.push(event);
        } else {
            self.events.push(event);
        }
    }

    /// Inline content: opens the paragraph's `<p>` first.
    fn inline(&mut self, event: Event<'a>) {
        self.open_paragraph();
        self.emit(event);
    }

    /// Words as Hugo counts them; a formula held aside counts as the author wrote it,
    /// not as its placeholder.
    fn count_words(&mut self, event: &Event, range: Range<usize>) {
        let verbatim = match (event, self.prepared.origin(range.start)) {
            (Event::InlineMath(_) | Event::DisplayMath(_), Some(Origin::Verbatim(tex))) => {
                Some(format!("$${tex}$$"))
            }
            _ => None,
        };
        match verbatim {
            Some(raw) => self.words.event(event, &raw, 0..raw.len()),
            None => self.words.event(event, &self.prepared.text, range),
        }
    }

    fn heading_text(&mut self, text: &str) {
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        }
        if let Some(figure) = self.special.figure.as_mut().filter(|f| f.collecting()) {
            figure.alt.push_str(&slots::strip(text));
        }
    }

    /// Writes the `<p>` of a paragraph on its first inline content.
    fn open_paragraph(&mut self) {
        if self.paragraph == Paragraph::Pending {
            self.emit(Event::Html("<p>".into()));
            self.paragraph = Paragraph::Open;
        }
    }

    /// Hugo's automatic summary ends after the first top-level paragraph at which the
    /// running word count reaches `summary_length`.
    fn block_ended(&mut self, ended: Ended) {
        let words = self.words.summary_words();
        self.summary_may_end(ended == Ended::Paragraph && self.depth == 0, words);
    }

    fn summary_may_end(&mut self, top_level_paragraph: bool, words: usize) {
        if top_level_paragraph && !self.summary_placed && words >= self.options.summary_length {
            self.summary_placed = true;
            self.emit(Event::Html(SUMMARY_MARK.into()));
        }
    }
}
