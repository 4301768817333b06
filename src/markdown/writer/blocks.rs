//! Headings (ids, anchors, the table of contents) and code blocks (highlighted), written
//! once they are complete.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::super::escape_html;
use super::super::{BoxNames, slots};
use super::{Ended, HeadingEntry, OpenCode, Writer};
use crate::content::slugs;

impl Writer<'_, '_> {
    pub(super) fn finish_heading(&mut self) {
        let Some(h) = self.heading.take() else { return };
        let title = slots::strip(&h.text).trim().to_string();
        let id = self.unique_id(h.id.unwrap_or_else(|| slugs::anchor(self.options.slugs, &title)));
        let class = if h.classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape_html(&h.classes.join(" ")))
        };
        let mut inner = String::new();
        pulldown_cmark::html::push_html(&mut inner, h.events.into_iter());
        let level = h.level;
        self.emit(Event::Html(
            format!(
                "<h{level} id=\"{id}\"{class}>{inner} <a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h{level}>\n",
                id = escape_html(&id)
            )
            .into(),
        ));
        if (2..=4).contains(&level) {
            self.headings.push(HeadingEntry { level, id, title });
        }
    }

    /// `base`, or `base-1`, `base-2`… if an earlier heading has it.
    fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    pub(super) fn finish_code_block(&mut self) {
        let Some(OpenCode { lang, text }) = self.code.take() else {
            return;
        };
        let highlighted = self
            .options
            .highlighter
            .and_then(|h| h.highlight(&lang, &text));
        let html = match highlighted {
            Some(html) => html,
            None if lang.is_empty() => format!("<pre><code>{}</code></pre>\n", escape_html(&text)),
            None => format!(
                "<pre><code class=\"language-{}\">{}</code></pre>\n",
                escape_html(&lang),
                escape_html(&text)
            ),
        };
        let mut html = html;
        if let (Some(names), Some(end)) = (self.options.boxes, html.find('>')) {
            // Into the `<pre …>` start tag, the first tag of the block.
            html.insert_str(end, &BoxNames::attributes(&names.code));
        }
        self.emit(Event::Html(CowStr::from(html)));
        self.block_ended(Ended::OtherBlock);
    }
}

pub(super) fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

pub(super) fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}
