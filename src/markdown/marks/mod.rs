//! References, citations and label attributes, found in the prepared Markdown before
//! pulldown-cmark renders it. Inline ones become slot placeholders in the text; the
//! `{#…}` attributes that label a display formula, a figure or a table are removed and
//! handed to the writer, keyed by where their element starts.

mod attributes;
mod syntax;

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub use attributes::{Attached, Attachments};
pub use syntax::latex_command;

use super::prepared::Prepared;
use super::slots::{self, Citation, CiteItem, Problem, Reference, Slot};
use super::{MarkdownOptions, Rendered, delimiters, parser_options};
use crate::content::Source;
use crate::error::Location;
use syntax::{Found, Mark};

/// Where the text being marked comes from, for locations.
struct Context<'a> {
    path: &'a std::path::Path,
    /// The author's text.
    text: &'a str,
    first_line: usize,
    /// Whether the page has a bibliography, so that `@key` in a sentence is a citation.
    citations: bool,
}

impl Context<'_> {
    fn location(&self, prepared: &Prepared, offset: usize) -> Location {
        let original = prepared.original_offset(offset);
        Location::at_offset(self.path, self.text, original, self.first_line)
    }
}

/// The text as pulldown-cmark parses it: math delimiters rewritten, references and
/// citations as slot placeholders, label attributes taken out and returned.
pub fn prepare(
    out: &mut Rendered,
    text: &str,
    source: &Source,
    options: &MarkdownOptions,
) -> (Prepared, Attachments) {
    let mut prepared = delimiters::prepare(text, options.math, parser_options());
    let context = Context {
        path: &source.path,
        text,
        first_line: source.body_line,
        citations: options.bibliography || !source.meta.bibliography.is_empty(),
    };
    let attachments = mark(
        &mut prepared,
        parser_options(),
        &context,
        &mut out.slots,
        &mut out.problems,
    );
    (prepared, attachments)
}

/// One replacement of the prepared text.
struct Edit {
    range: Range<usize>,
    with: String,
}

/// Marks `prepared`: placeholders for references and citations (their slots appended
/// to `slots`), attributes removed. Returns what the writer attaches to elements.
fn mark(
    prepared: &mut Prepared,
    options: Options,
    context: &Context,
    slots: &mut Vec<Slot>,
    problems: &mut Vec<Problem>,
) -> Attachments {
    let walk = Walk::of(&prepared.text, options);
    let mut edits = Vec::new();
    let mut found = attributes::find(prepared, &walk, context, problems);
    for removed in found.removed.drain(..) {
        edits.push(Edit {
            range: removed,
            with: String::new(),
        });
    }
    for run in &walk.runs {
        for f in syntax::scan(&prepared.text[run.clone()], context.citations) {
            let range = run.start + f.range.start..run.start + f.range.end;
            if let Some(slot) = slot_of(prepared, context, f, run.start, problems) {
                edits.push(Edit {
                    range,
                    with: slots::placeholder(slots.len()),
                });
                slots.push(slot);
            }
        }
    }
    for link in &walk.links {
        if let Some(slot) = link_ref(prepared, context, link) {
            edits.push(Edit {
                range: link.range.clone(),
                with: slots::placeholder(slots.len()),
            });
            slots.push(slot);
        }
    }
    apply(prepared, edits, &mut found.attachments);
    found.attachments
}

/// The slot of something found in a run starting at `run_start`.
fn slot_of(
    prepared: &Prepared,
    context: &Context,
    found: Found,
    run_start: usize,
    problems: &mut Vec<Problem>,
) -> Option<Slot> {
    let at = run_start + found.range.start;
    match found.what {
        Mark::Ref { name, form } => Some(Slot::Ref(Reference {
            name,
            page: None,
            form,
            location: context.location(prepared, at),
        })),
        Mark::Cite { items, in_text } => Some(Slot::Cite(Citation {
            items: items
                .into_iter()
                .map(|i| CiteItem {
                    key: i.key,
                    prefix: i.prefix,
                    suffix: i.suffix,
                    suppress_author: i.suppress_author,
                    location: context.location(prepared, run_start + i.at),
                })
                .collect(),
            in_text,
        })),
        Mark::Mixed => {
            problems.push(Problem {
                location: context.location(prepared, at),
                message: "brackets hold one reference (`[@eq-kd]`) or citations (`[@a; @b]`), not several references or both: write each reference on its own, as `@eq-a` and `@eq-b`".into(),
            });
            None
        }
    }
}

/// `[@eq-kd](../other-page/)`: a link whose whole text is one reference names the page
/// the label is on.
fn link_ref(prepared: &Prepared, context: &Context, link: &LinkText) -> Option<Slot> {
    let inner = &prepared.text[link.text.clone()];
    let mut found = syntax::scan(inner.trim(), false);
    let lead = inner.len() - inner.trim_start().len();
    match found.as_slice() {
        [only] if only.range == (0..inner.trim().len()) => {}
        _ => return None,
    }
    let Mark::Ref { name, form } = found.remove(0).what else {
        return None;
    };
    Some(Slot::Ref(Reference {
        name,
        page: Some(link.destination.clone()),
        form,
        location: context.location(prepared, link.text.start + lead),
    }))
}

/// Applies `edits` (which never overlap an attachment's start) and moves the
/// attachments' offsets with them.
fn apply(prepared: &mut Prepared, mut edits: Vec<Edit>, attachments: &mut Attachments) {
    edits.sort_by_key(|e| e.range.start);
    let shift = |offset: usize| {
        let delta: isize = edits
            .iter()
            .take_while(|e| e.range.end <= offset)
            .map(|e| e.with.len() as isize - e.range.len() as isize)
            .sum();
        offset.saturating_add_signed(delta)
    };
    attachments.moved(shift);
    for edit in edits.into_iter().rev() {
        prepared.replace(edit.range, &edit.with, None);
    }
}

/// A link's text and where it points, from pulldown-cmark.
struct LinkText {
    /// The whole link, `[…](…)`.
    range: Range<usize>,
    /// Between the brackets.
    text: Range<usize>,
    destination: String,
}

/// What the marks need of pulldown-cmark's parse: runs of text outside links and
/// images, links that hold only text, and the blocks attributes attach to.
#[derive(Default)]
pub struct Walk {
    runs: Vec<Range<usize>>,
    links: Vec<LinkText>,
    /// Display formulas, by range.
    display_math: Vec<Range<usize>>,
    /// Paragraphs: range, and the range of the image that opens it, if one does.
    paragraphs: Vec<(Range<usize>, Option<Range<usize>>)>,
    /// Tables, with the range of the paragraph right after each, if one is.
    tables: Vec<(Range<usize>, Option<Range<usize>>)>,
}

impl Walk {
    fn of(text: &str, options: Options) -> Self {
        let mut walk = Walk::default();
        let mut state = WalkState::default();
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            walk.step(&mut state, event, range);
        }
        walk.end_run(&mut state);
        walk
    }

    fn step(&mut self, state: &mut WalkState, event: Event, range: Range<usize>) {
        let after_table = std::mem::take(&mut state.after_table);
        let first_in_paragraph = std::mem::take(&mut state.paragraph_opened);
        if let Event::Text(_) | Event::SoftBreak = event {
            match (&mut state.run, &mut state.link) {
                (Some(run), _) if state.hidden == 0 && run.end == range.start => {
                    run.end = range.end
                }
                (_, _) if state.hidden == 0 => {
                    self.end_run(state);
                    state.run = Some(range);
                }
                (_, Some(link)) if state.hidden == 1 => link.texts.push(range),
                _ => {}
            }
            return;
        }
        self.end_run(state);
        if let Some(link) = &mut state.link
            && !matches!(event, Event::End(TagEnd::Link))
        {
            link.only_text = false;
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                if let Some(table) = after_table {
                    self.tables[table].1 = Some(range.clone());
                }
                self.paragraphs.push((range, None));
                state.paragraph_opened = true;
            }
            Event::Start(Tag::Image { .. }) if first_in_paragraph => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.1 = Some(range);
                }
                state.hidden += 1;
            }
            Event::Start(Tag::Link { dest_url, .. }) if state.hidden == 0 => {
                state.link = Some(OpenLink {
                    range,
                    texts: Vec::new(),
                    destination: dest_url.to_string(),
                    only_text: true,
                });
                state.hidden += 1;
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => state.hidden += 1,
            Event::End(TagEnd::Link) => self.end_link(state),
            Event::End(TagEnd::Image) => state.hidden -= 1,
            Event::Start(Tag::Table(_)) => self.tables.push((range, None)),
            Event::End(TagEnd::Table) => state.after_table = Some(self.tables.len() - 1),
            Event::DisplayMath(_) => self.display_math.push(range),
            _ => {}
        }
    }

    fn end_link(&mut self, state: &mut WalkState) {
        state.hidden -= 1;
        if state.hidden > 0 {
            return;
        }
        let Some(link) = state.link.take() else {
            return;
        };
        let texts = &link.texts;
        let contiguous = texts.windows(2).all(|w| w[0].end == w[1].start);
        if let (Some(first), Some(last), true) =
            (texts.first(), texts.last(), contiguous && link.only_text)
        {
            self.links.push(LinkText {
                range: link.range,
                text: first.start..last.end,
                destination: link.destination,
            });
        }
    }

    fn end_run(&mut self, state: &mut WalkState) {
        if let Some(run) = state.run.take() {
            self.runs.push(run);
        }
    }
}

/// A link being read.
struct OpenLink {
    range: Range<usize>,
    /// Its text events' ranges.
    texts: Vec<Range<usize>>,
    destination: String,
    /// Whether it holds nothing but text.
    only_text: bool,
}

#[derive(Default)]
struct WalkState {
    run: Option<Range<usize>>,
    /// Inside a link or image: how many are open.
    hidden: usize,
    link: Option<OpenLink>,
    /// The index of the table that just ended.
    after_table: Option<usize>,
    paragraph_opened: bool,
}

/// Attachments by offset, as the writer looks them up.
pub(crate) type ByOffset<T> = BTreeMap<usize, T>;
