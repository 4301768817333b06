//! Images. A local image's `<img>` gets a slot for its attributes (its size, lazy
//! loading), which the site fills in once it knows where the file is; an image with a
//! title alone in its paragraph becomes a `<figure>` captioned with the title. Labelled
//! figures (`{#fig-…}`) are `figures`'s.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::super::escape_html;
use super::super::slots::Slot;
use super::Writer;
use crate::error::Location;

/// An image being written: its text, which becomes the `alt` attribute, waits here.
pub(super) struct OpenImage<'a> {
    dest_url: CowStr<'a>,
    title: CowStr<'a>,
    events: Vec<Event<'a>>,
    /// The placeholder of its attributes' slot, for a local image.
    slot: Option<String>,
}

impl<'a> OpenImage<'a> {
    pub fn push(&mut self, event: Event<'a>) {
        self.events.push(event);
    }

    /// pulldown-cmark's `<img …>` of the image, its slot before the end, with or without
    /// its title.
    fn html(&self, with_title: bool) -> String {
        let tag = Tag::Image {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: self.dest_url.clone(),
            title: if with_title {
                self.title.clone()
            } else {
                "".into()
            },
            id: "".into(),
        };
        let events = std::iter::once(Event::Start(tag))
            .chain(self.events.iter().cloned())
            .chain(std::iter::once(Event::End(TagEnd::Image)));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events);
        match (&self.slot, html.strip_suffix(" />")) {
            (Some(slot), Some(open)) => format!("{open}{slot}>"),
            (None, Some(open)) => format!("{open}>"),
            (_, None) => html,
        }
    }
}

/// The last image written straight into the body: where, and its figure if its
/// paragraph turns out to hold nothing else.
pub(super) struct LoneImage {
    at: usize,
    figure: String,
}

/// Whether `src` names a file of the site: not an absolute URL (`https:`, `data:`) and
/// not protocol-relative (`//cdn…`).
pub fn is_local(src: &str) -> bool {
    !src.is_empty()
        && !src.starts_with("//")
        && matches!(
            url::Url::parse(src),
            Err(url::ParseError::RelativeUrlWithoutBase)
        )
}

impl<'a> Writer<'a, '_> {
    /// The location of byte `at` of the prepared text in the author's file.
    pub(super) fn location(&self, at: usize) -> Location {
        let offset = self.prepared.original_offset(at);
        Location::at_offset(&self.source.path, self.text, offset, self.source.body_line)
    }

    /// The slot of the attributes of the image at `src`, written at `at`, if it is local.
    pub(super) fn image_slot(&mut self, src: &str, at: usize) -> Option<String> {
        is_local(src).then(|| {
            let location = self.location(at);
            let src = src.to_string();
            self.push_slot(Slot::Image { src, location })
        })
    }

    pub(super) fn start_image(&mut self, dest_url: CowStr<'a>, title: CowStr<'a>, at: usize) {
        self.open_paragraph();
        let slot = self.image_slot(&dest_url, at);
        self.depth += 1;
        self.phrasing += 1;
        self.image.push(OpenImage {
            dest_url,
            title,
            events: Vec::new(),
            slot,
        });
    }

    /// The image is complete: its `<img>` is written.
    pub(super) fn end_image(&mut self) {
        let Some(image) = self.image.pop() else {
            return;
        };
        self.phrasing -= 1;
        let before = self.events.len();
        self.emit(Event::InlineHtml(image.html(true).into()));
        // Only an image in the body's own paragraphs (not a heading, note or caption).
        self.lone = (self.events.len() > before && !image.title.is_empty()).then(|| LoneImage {
            at: before,
            figure: format!(
                "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                image.html(false),
                escape_html(&image.title)
            ),
        });
    }

    /// At the end of a paragraph: if it holds a titled image alone, it becomes that
    /// image's figure (and true is returned).
    pub(super) fn lone_image_figure(&mut self) -> bool {
        let Some(lone) = self.lone.take() else {
            return false;
        };
        let alone = lone.at + 1 == self.events.len()
            && lone.at >= 1
            && matches!(&self.events[lone.at - 1], Event::Html(p) if p.as_ref() == "<p>");
        if alone {
            self.events.truncate(lone.at - 1);
            self.events.push(Event::Html(lone.figure.into()));
        }
        alone
    }
}

#[cfg(test)]
mod tests {
    use super::is_local;

    #[test]
    fn files_of_the_site_are_local_addresses_elsewhere_are_not() {
        for local in [
            "fig.png",
            "./a/b.jpg",
            "../other/x.gif",
            "/img/logo.png",
            "my%20fig.png",
        ] {
            assert!(is_local(local), "{local}");
        }
        for other in [
            "https://x.org/a.png",
            "http://x.org/a.png",
            "//cdn.x.org/a.png",
            "data:image/png;base64,AAAA",
            "",
        ] {
            assert!(!is_local(other), "{other}");
        }
    }
}
