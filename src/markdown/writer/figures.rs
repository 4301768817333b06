//! Paragraphs that are more than paragraphs: a labelled image becomes a `<figure>` with a
//! numbered caption, the caption paragraph after a labelled table closes the table's
//! `<figure>`, and `::: {#refs}` places the reference list.

use pulldown_cmark::{CowStr, Event};

use super::super::escape_html;
use super::super::marks::Attached;
use super::super::slots::{self, LabelKind, Slot};
use super::{Paragraph, Writer};

/// What the paragraph being written becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Role {
    #[default]
    Plain,
    Figure,
    Caption,
}

/// A labelled image being written: its caption's events wait here for the `<img>`.
pub(super) struct OpenFigure<'a> {
    id: String,
    label: Option<usize>,
    /// Set once the image starts: its source, title and attributes' slot (see `images`).
    image: Option<(CowStr<'a>, CowStr<'a>, String)>,
    pub alt: String,
    pub events: Vec<Event<'a>>,
}

impl<'a> OpenFigure<'a> {
    /// Whether the image's text is being collected.
    pub fn collecting(&self) -> bool {
        self.image.is_some()
    }
}

/// What the writer knows about the special paragraphs.
#[derive(Default)]
pub(super) struct Special<'a> {
    /// What the paragraph being written becomes.
    pub role: Role,
    pub figure: Option<OpenFigure<'a>>,
    /// The caption number of the labelled table just written, for its caption paragraph.
    pub caption_slot: Option<usize>,
    /// A table caption's `: ` is still to be removed from its first text.
    pub strip_colon: bool,
    pub bibliography_placed: bool,
}

const REFS_DIV: &str = "<div id=\"refs\"></div>";

impl<'a> Writer<'a, '_> {
    /// Starts a paragraph that has an attachment; false if it has none.
    pub(super) fn start_attached(&mut self, at: usize) -> bool {
        let Some(attached) = self.attachments.paragraphs.remove(&at) else {
            return false;
        };
        match attached {
            Attached::Figure { name, location } => {
                let label = self.define(&name, LabelKind::Figure, None, location);
                self.special.figure = Some(OpenFigure {
                    id: name,
                    label,
                    image: None,
                    alt: String::new(),
                    events: Vec::new(),
                });
                self.special.role = Role::Figure;
            }
            Attached::Caption => {
                let number = self
                    .special
                    .caption_slot
                    .take()
                    .map(|s| format!("{} ", slots::placeholder(s)))
                    .unwrap_or_default();
                self.emit(Event::Html(format!("<figcaption>{number}").into()));
                self.special.role = Role::Caption;
                self.special.strip_colon = true;
            }
            Attached::Bibliography => {
                self.place_bibliography();
                // The marker's own text is dropped.
                self.skipping = 1;
                return true;
            }
        }
        self.depth += 1;
        self.paragraph = Paragraph::Open;
        true
    }

    /// `<div id="refs"></div>` in raw HTML places the reference list.
    pub(super) fn refs_marker(&mut self, html: &str) -> bool {
        if html.trim() != REFS_DIV {
            return false;
        }
        self.place_bibliography();
        true
    }

    fn place_bibliography(&mut self) {
        self.special.bibliography_placed = true;
        let slot = self.push_slot(Slot::Bibliography { placed: true });
        self.emit(Event::Html(format!("{slot}\n").into()));
    }

    /// The placeholder of a new slot.
    pub(super) fn push_slot(&mut self, slot: Slot) -> String {
        self.out.slots.push(slot);
        slots::placeholder(self.out.slots.len() - 1)
    }

    /// The end tag of a paragraph in its role.
    pub(super) fn paragraph_end(&mut self) -> &'static str {
        match std::mem::take(&mut self.special.role) {
            Role::Plain => "</p>\n",
            Role::Figure => "</figure>\n",
            Role::Caption => "</figcaption>\n</figure>\n",
        }
    }

    /// The image of a figure paragraph starts: its text is the caption.
    pub(super) fn start_figure_image(
        &mut self,
        src: CowStr<'a>,
        title: CowStr<'a>,
        at: usize,
    ) -> bool {
        let starts = matches!(&self.special.figure,
            Some(figure) if self.special.role == Role::Figure && !figure.collecting());
        if starts {
            let slot = self.image_slot(&src, at).unwrap_or_default();
            if let Some(figure) = &mut self.special.figure {
                figure.image = Some((src, title, slot));
            }
        }
        starts
    }

    /// The image of a figure paragraph ends: the figure is written.
    pub(super) fn end_figure_image(&mut self) -> bool {
        if !self
            .special
            .figure
            .as_ref()
            .is_some_and(OpenFigure::collecting)
        {
            return false;
        }
        let Some(OpenFigure {
            image: Some((src, title, slot)),
            ..
        }) = &self.special.figure
        else {
            return false;
        };
        let (src, title, slot) = (src.clone(), title.clone(), slot.clone());
        let Some(figure) = self.special.figure.take() else {
            return false;
        };
        let mut caption = String::new();
        pulldown_cmark::html::push_html(&mut caption, figure.events.into_iter());
        let number = figure
            .label
            .map(|l| self.push_slot(Slot::Caption(l)) + " ")
            .unwrap_or_default();
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape_html(&title))
        };
        let mut href = String::new();
        pulldown_cmark_escape::escape_href(&mut href, &src)
            .expect("writing to a String cannot fail");
        self.emit(Event::Html(
            format!(
                "<figure id=\"{}\">\n<img src=\"{href}\" alt=\"{}\"{title}{slot}>\n<figcaption>{number}{caption}</figcaption>\n",
                escape_html(&figure.id),
                escape_html(figure.alt.trim()),
            )
            .into(),
        ));
        true
    }

    /// A labelled table opens its `<figure>`; its caption paragraph closes it.
    pub(super) fn start_table(&mut self, at: usize) {
        let Some((name, location)) = self.attachments.tables.remove(&at) else {
            return;
        };
        let label = self.define(&name, LabelKind::Table, None, location);
        self.special.caption_slot = label.map(|l| {
            self.out.slots.push(Slot::Caption(l));
            self.out.slots.len() - 1
        });
        self.emit(Event::Html(
            format!("<figure class=\"table\" id=\"{}\">\n", escape_html(&name)).into(),
        ));
    }

    /// A table caption's first text loses its `: `.
    pub(super) fn strip_caption_colon(&mut self, text: CowStr<'a>) -> CowStr<'a> {
        if !std::mem::take(&mut self.special.strip_colon) {
            return text;
        }
        text.strip_prefix(':')
            .map_or(text.to_string(), |t| t.trim_start().to_string())
            .into()
    }
}
