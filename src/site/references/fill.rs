//! What each slot of a page becomes: a caption's number, a link to a label, a
//! citation, the reference list; and each formula's final TeX, with its number as a
//! `\tag` and its references as `\href` links.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::cite::Cited;
use crate::config::Config;
use crate::crossref::{self, Document, Index, Numbers};
use crate::markdown::slots::{Label, Problem, Reference, SLOT_CLOSE, SLOT_OPEN, Slot};
use crate::markdown::{self, MathSpan, escape_html};
use crate::site::images::LocalFiles;

/// What a fragment leaves unescaped: the URL standard's fragment set.
const FRAGMENT: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`');

/// Shown where a reference could not be resolved (the build fails with its error).
const UNRESOLVED: &str = "??";

pub(super) struct Filler<'a> {
    pub config: &'a Config,
    /// The page being filled, by index into `docs`.
    pub doc: usize,
    pub docs: &'a [Document<'a>],
    pub numbers: &'a Numbers,
    pub index: &'a Index<'a>,
    pub labels: &'a [Label],
    pub cited: &'a Cited,
    /// Each image slot's attributes, by slot.
    pub images: Vec<String>,
}

/// A resolved reference: where it links and what it shows.
pub(super) struct Link {
    href: String,
    text: String,
}

impl Filler<'_> {
    /// Every reference among `slots` resolved, by slot; one that resolves to nothing
    /// is a problem.
    pub fn links(&self, slots: &[Slot], problems: &mut Vec<Problem>) -> Vec<Option<Link>> {
        slots
            .iter()
            .map(|slot| match slot {
                Slot::Ref(reference) => self.link(reference, problems),
                _ => None,
            })
            .collect()
    }

    /// The HTML of slot `n`, given the page's resolved `links`.
    pub fn slot(&self, n: usize, slot: &Slot, links: &[Option<Link>]) -> String {
        match slot {
            Slot::Caption(label) => {
                let kind = self.labels[*label].kind;
                let number = self.numbers.get(self.doc, *label);
                format!(
                    "<span class=\"caption-number\">{}</span>",
                    escape_html(&crossref::caption(&self.config.references, kind, number))
                )
            }
            Slot::Ref(_) => match &links[n] {
                Some(link) => format!(
                    "<a class=\"xref\" href=\"{}\">{}</a>",
                    escape_html(&link.href),
                    escape_html(&link.text)
                ),
                None => UNRESOLVED.into(),
            },
            Slot::Cite(_) => self.cited.citations.get(&n).cloned().unwrap_or_default(),
            Slot::Bibliography { placed } => self.bibliography(*placed),
            Slot::Image { .. } => self.images.get(n).cloned().unwrap_or_default(),
        }
    }

    fn link(&self, reference: &Reference, problems: &mut Vec<Problem>) -> Option<Link> {
        let found = self
            .index
            .find(self.doc, &reference.name, reference.page.as_deref());
        let target = match found {
            Ok(target) => target,
            Err(message) => {
                problems.push(Problem {
                    location: reference.location.clone(),
                    message,
                });
                return None;
            }
        };
        let label = &self.docs[target.doc].labels[target.label];
        let number = self.numbers.get(target.doc, target.label);
        let page = if target.doc == self.doc {
            ""
        } else {
            &self.docs[target.doc].url
        };
        Some(Link {
            href: format!("{page}#{}", utf8_percent_encode(&label.name, FRAGMENT)),
            text: crossref::shown(&self.config.references, label.kind, reference.form, number),
        })
    }

    /// The reference list: where the author placed it, or at the end under a heading.
    fn bibliography(&self, placed: bool) -> String {
        let list = format!(
            "<div class=\"references\" role=\"list\">\n{}</div>",
            self.cited.entries
        );
        if placed {
            return format!("<div id=\"refs\">\n{list}\n</div>");
        }
        format!(
            "<section id=\"refs\" class=\"references-section\">\n<h2>{}</h2>\n{list}\n</section>",
            escape_html(&self.config.bibliography.title)
        )
    }

    /// The formula's TeX as KaTeX gets it: its references as links (or text where they
    /// do not resolve), its number as a `\tag` unless the author wrote one.
    pub fn math(&self, span: &MathSpan, links: &[Option<Link>]) -> MathSpan {
        let mut tex = span.tex.clone();
        for r in span.refs.iter().rev() {
            let text = match &links[r.slot] {
                Some(link) => format!(
                    "\\href{{{}}}{{\\text{{{}}}}}",
                    link.href,
                    tex_text(&link.text)
                ),
                None => format!("\\text{{{UNRESOLVED}}}"),
            };
            tex.replace_range(r.start..r.end, &text);
        }
        if let Some(label) = span.label.filter(|&l| self.labels[l].manual.is_none()) {
            tex.push_str(&format!("\n\\tag{{{}}}", self.numbers.get(self.doc, label)));
        }
        MathSpan {
            tex,
            ..span.clone()
        }
    }
}

/// The attributes of each image among `slots` of the page at `url` (empty for other
/// slots); an image that is not there is a problem.
pub(super) fn images(
    local: &LocalFiles,
    url: &str,
    slots: &[Slot],
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let attributes = |slot: &Slot| {
        let Slot::Image { src, location } = slot else {
            return Ok(String::new());
        };
        local.attributes(url, src).map_err(|message| Problem {
            location: location.clone(),
            message,
        })
    };
    (slots.iter().map(attributes))
        .map(|a| {
            a.unwrap_or_else(|problem| {
                problems.push(problem);
                String::new()
            })
        })
        .collect()
}

/// `text` safe inside `\text{…}`: the words and numbers folio writes hold no TeX
/// specials but these.
fn tex_text(text: &str) -> String {
    text.replace('\\', "\\textbackslash{}")
        .replace('{', "\\{")
        .replace('}', "\\}")
        .replace('#', "\\#")
        .replace('%', "\\%")
        .replace('&', "\\&")
        .replace('_', "\\_")
        .replace('$', "\\$")
}

/// `html` with every slot placeholder replaced by its slot's HTML.
pub(super) fn placeholders(html: &str, slots: &[String]) -> String {
    markdown::fill_placeholders(html, (SLOT_OPEN, SLOT_CLOSE), |i, out| {
        if let Some(slot) = slots.get(i) {
            out.push_str(slot);
        }
    })
}
