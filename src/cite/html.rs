//! hayagriva's formatted output as HTML, escaped (its own HTML writer escapes nothing),
//! each cited work a link to its entry in the reference list.

use hayagriva::citationberg::{
    Display, FontStyle, FontVariant, FontWeight, TextDecoration, VerticalAlign,
};
use hayagriva::{BibliographyItem, ElemChild, ElemChildren, ElemMeta, Formatted, Formatting};

use crate::markdown::escape_html;

/// What the author wrote around one cited work: `[see @key, p. 4, emphasis added]`.
pub struct ItemText<'a> {
    pub key: &'a str,
    pub prefix: &'a str,
    /// What follows the locator.
    pub suffix: &'a str,
}

/// The id of a work's entry in the reference list.
pub fn entry_id(key: &str) -> String {
    format!("ref-{key}")
}

/// One citation, inside `open` and `close` (the style's brackets, when hayagriva left
/// them out).
pub fn citation(
    children: &ElemChildren,
    items: &[ItemText],
    (open, close): (&str, &str),
) -> String {
    let mut out = format!("<span class=\"citation\">{}", escape_html(open));
    let mut writer = Writer {
        out: &mut out,
        items,
        in_link: false,
    };
    writer.children(children);
    out.push_str(&escape_html(close));
    out.push_str("</span>");
    out
}

/// The entries of a reference list, each with its id.
pub fn entries(items: &[BibliographyItem]) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(&format!(
            "<div class=\"csl-entry\" id=\"{}\" role=\"listitem\">",
            escape_html(&entry_id(&item.key))
        ));
        let mut writer = Writer {
            out: &mut out,
            items: &[],
            in_link: false,
        };
        if let Some(first) = &item.first_field {
            writer.out.push_str("<span class=\"csl-left-margin\">");
            writer.child(first);
            writer
                .out
                .push_str("</span><span class=\"csl-right-inline\">");
            writer.children(&item.content);
            writer.out.push_str("</span>");
        } else {
            writer.children(&item.content);
        }
        out.push_str("</div>\n");
    }
    out
}

struct Writer<'w, 'i> {
    out: &'w mut String,
    items: &'i [ItemText<'i>],
    /// Inside a link, where another link may not start.
    in_link: bool,
}

impl Writer<'_, '_> {
    fn children(&mut self, children: &ElemChildren) {
        for child in &children.0 {
            self.child(child);
        }
    }

    fn child(&mut self, child: &ElemChild) {
        match child {
            ElemChild::Text(text) => self.text(text),
            ElemChild::Elem(elem) => match (&elem.meta, elem.display) {
                (Some(ElemMeta::Entry(i)), _) if *i < self.items.len() => {
                    self.entry(*i, &elem.children)
                }
                (_, Some(display)) => {
                    self.out
                        .push_str(&format!("<span class=\"{}\">", display_class(display)));
                    self.children(&elem.children);
                    self.out.push_str("</span>");
                }
                _ => self.children(&elem.children),
            },
            ElemChild::Link { text, url } if !self.in_link => {
                self.out
                    .push_str(&format!("<a href=\"{}\">", escape_html(url)));
                self.text(text);
                self.out.push_str("</a>");
            }
            ElemChild::Link { text, .. } => self.text(text),
            ElemChild::Markup(markup) => self.out.push_str(&escape_html(markup)),
            ElemChild::Transparent { .. } => {}
        }
    }

    /// A cited work: its prefix, a link to its entry, its suffix.
    fn entry(&mut self, i: usize, children: &ElemChildren) {
        let item = &self.items[i];
        if !item.prefix.is_empty() {
            self.out.push_str(&escape_html(item.prefix));
            self.out.push(' ');
        }
        self.out.push_str(&format!(
            "<a href=\"#{}\" role=\"doc-biblioref\">",
            escape_html(&entry_id(item.key))
        ));
        self.in_link = true;
        self.children(children);
        self.in_link = false;
        self.out.push_str("</a>");
        if !item.suffix.is_empty() {
            self.out.push_str(", ");
            self.out.push_str(&escape_html(item.suffix));
        }
    }

    fn text(&mut self, text: &Formatted) {
        let tags = tags(&text.formatting);
        for (open, _) in &tags {
            self.out.push_str(open);
        }
        self.out.push_str(&escape_html(&text.text));
        for (_, close) in tags.iter().rev() {
            self.out.push_str(close);
        }
    }
}

fn display_class(display: Display) -> &'static str {
    match display {
        Display::Block => "csl-block",
        Display::LeftMargin => "csl-left-margin",
        Display::RightInline => "csl-right-inline",
        Display::Indent => "csl-indent",
    }
}

/// The HTML tags that give `formatting`, opening and closing.
fn tags(formatting: &Formatting) -> Vec<(&'static str, &'static str)> {
    let mut tags = Vec::new();
    if formatting.font_style == FontStyle::Italic {
        tags.push(("<i>", "</i>"));
    }
    if formatting.font_weight == FontWeight::Bold {
        tags.push(("<b>", "</b>"));
    }
    if formatting.font_variant == FontVariant::SmallCaps {
        tags.push(("<span class=\"small-caps\">", "</span>"));
    }
    if formatting.text_decoration == TextDecoration::Underline {
        tags.push(("<u>", "</u>"));
    }
    match formatting.vertical_align {
        VerticalAlign::Sup => tags.push(("<sup>", "</sup>")),
        VerticalAlign::Sub => tags.push(("<sub>", "</sub>")),
        _ => {}
    }
    tags
}
