//! pandoc-crossref and Quarto label attributes: `$$ … $$ {#eq-kd}` after a display
//! formula, `![Caption](x.png){#fig-x}` as a paragraph, `: Caption {#tbl-x}` as the
//! paragraph after a table; and pandoc's `::: {#refs}` for where the reference list goes.

use std::ops::Range;

use super::{ByOffset, Context, Walk};
use crate::error::Location;
use crate::markdown::prepared::Prepared;
use crate::markdown::slots::{LabelKind, Problem};

/// What a paragraph becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attached {
    /// An image paragraph labelled `{#fig-…}`: a figure with a numbered caption.
    Figure { name: String, location: Location },
    /// The caption of the table before it.
    Caption,
    /// `::: {#refs}`: the reference list goes here.
    Bibliography,
}

/// Label attributes by where their element starts in the prepared text.
#[derive(Debug, Default)]
pub struct Attachments {
    /// Display formulas labelled `{#eq-…}`: name and where the label is.
    pub equations: ByOffset<(String, Location)>,
    pub paragraphs: ByOffset<Attached>,
    /// Tables with a labelled caption: name and where the label is.
    pub tables: ByOffset<(String, Location)>,
}

impl Attachments {
    pub(super) fn moved(&mut self, shift: impl Fn(usize) -> usize) {
        fn move_keys<T>(map: &mut ByOffset<T>, shift: &impl Fn(usize) -> usize) {
            *map = std::mem::take(map)
                .into_iter()
                .map(|(at, v)| (shift(at), v))
                .collect();
        }
        move_keys(&mut self.equations, &shift);
        move_keys(&mut self.paragraphs, &shift);
        move_keys(&mut self.tables, &shift);
    }
}

pub(super) struct Found {
    pub attachments: Attachments,
    /// Attribute text to remove from the prepared text.
    pub removed: Vec<Range<usize>>,
}

/// A `{#name}` at the start of `text` after spaces: its range (from the first space)
/// and the name.
fn attribute(text: &str) -> Option<(Range<usize>, &str)> {
    let lead = text.len() - text.trim_start_matches([' ', '\t']).len();
    let rest = text[lead..].strip_prefix("{#")?;
    let close = rest.find('}')?;
    let name = &rest[..close];
    if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c == '{') {
        return None;
    }
    Some((0..lead + 2 + close + 1, name))
}

pub(super) fn find(
    prepared: &Prepared,
    walk: &Walk,
    context: &Context,
    problems: &mut Vec<Problem>,
) -> Found {
    let mut finder = Finder {
        text: &prepared.text,
        prepared,
        context,
        problems,
        found: Found {
            attachments: Attachments::default(),
            removed: Vec::new(),
        },
    };
    for math in &walk.display_math {
        finder.equation(math);
    }
    for (paragraph, image) in &walk.paragraphs {
        if let Some(image) = image {
            finder.figure(paragraph, image);
        }
        finder.bibliography(paragraph);
    }
    for (table, paragraph) in &walk.tables {
        if let Some(paragraph) = paragraph {
            finder.caption(table, paragraph);
        }
    }
    for run in &walk.runs {
        finder.strays(run);
    }
    finder.found
}

struct Finder<'a> {
    text: &'a str,
    prepared: &'a Prepared,
    context: &'a Context<'a>,
    problems: &'a mut Vec<Problem>,
    found: Found,
}

impl Finder<'_> {
    /// The attribute in `text[at..]` if it names a label of `kind`; a label of another
    /// kind there is a problem.
    fn labelled(
        &mut self,
        at: usize,
        kind: LabelKind,
        place: &str,
    ) -> Option<(Range<usize>, String, Location)> {
        let (range, name) = attribute(&self.text[at..])?;
        let brace = at + range.end - name.len() - 3;
        let location = self.context.location(self.prepared, brace);
        match LabelKind::of_prefixed(name) {
            Some(k) if k == kind => {}
            Some(other) => {
                self.problems.push(Problem {
                    location,
                    message: format!(
                        "`{{#{name}}}` labels a {other}, but it follows {place}: here the label must start with `{}`",
                        prefix(kind)
                    ),
                });
                self.found.removed.push(at + range.start..at + range.end);
                return None;
            }
            None => return None,
        }
        let range = at + range.start..at + range.end;
        self.found.removed.push(range.clone());
        Some((range, name.to_string(), location))
    }

    fn equation(&mut self, math: &Range<usize>) {
        if let Some((_, name, location)) =
            self.labelled(math.end, LabelKind::Equation, "a display formula")
        {
            self.found
                .attachments
                .equations
                .insert(math.start, (name, location));
        }
    }

    fn figure(&mut self, paragraph: &Range<usize>, image: &Range<usize>) {
        let tail = &self.text[image.end..paragraph.end];
        let Some((range, _)) = attribute(tail) else {
            return;
        };
        if !tail[range.end..].trim().is_empty() {
            return;
        }
        if let Some((_, name, location)) = self.labelled(image.end, LabelKind::Figure, "an image") {
            let figure = Attached::Figure { name, location };
            self.found
                .attachments
                .paragraphs
                .insert(paragraph.start, figure);
        }
    }

    fn caption(&mut self, table: &Range<usize>, paragraph: &Range<usize>) {
        let text = self.text[paragraph.clone()].trim_end();
        let Some(open) = text.rfind("{#") else { return };
        if !text.starts_with(": ")
            || attribute(&text[open..]).is_none_or(|(r, _)| r.end != text.len() - open)
        {
            return;
        }
        let before = text[..open].trim_end_matches([' ', '\t']).len();
        if let Some((_, name, location)) = self.labelled(
            paragraph.start + before,
            LabelKind::Table,
            "a table caption",
        ) {
            self.found
                .attachments
                .tables
                .insert(table.start, (name, location));
            self.found
                .attachments
                .paragraphs
                .insert(paragraph.start, Attached::Caption);
        }
    }

    fn bibliography(&mut self, paragraph: &Range<usize>) {
        let lines: Vec<String> = self.text[paragraph.clone()]
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        if lines == [":::{#refs}", ":::"] {
            self.found
                .attachments
                .paragraphs
                .insert(paragraph.start, Attached::Bibliography);
        }
    }

    /// A label attribute anywhere else would show as text: it is a problem.
    fn strays(&mut self, run: &Range<usize>) {
        let text = &self.text[run.clone()];
        for (i, _) in text.match_indices("{#") {
            let at = run.start + i;
            let Some((_, name)) = attribute(&text[i..]) else {
                continue;
            };
            let taken = self.found.removed.iter().any(|r| r.contains(&at));
            let Some(kind) = LabelKind::of_prefixed(name).filter(|_| !taken) else {
                continue;
            };
            self.problems.push(Problem {
                location: self.context.location(self.prepared, at),
                message: format!("`{{#{name}}}` labels nothing here: {}", placement(kind)),
            });
        }
    }
}

fn prefix(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Equation => "eq-",
        LabelKind::Figure => "fig-",
        LabelKind::Table => "tbl-",
    }
}

fn placement(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Equation => {
            "put it after the closing `$$` of a display formula, on the same line"
        }
        LabelKind::Figure => {
            "put it right after an image that stands alone in its paragraph: `![Caption](file.png){#fig-x}`"
        }
        LabelKind::Table => {
            "put it at the end of a caption paragraph right after a table: `: Caption {#tbl-x}`"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read() {
        assert_eq!(attribute(" {#eq-kd} rest"), Some((0..9, "eq-kd")));
        assert_eq!(attribute("{#fig-x}"), Some((0..8, "fig-x")));
        assert_eq!(attribute("{# x}"), None);
        assert_eq!(attribute("x {#a}"), None);
    }
}
