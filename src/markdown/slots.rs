//! What a page's Markdown leaves for the site to fill in: label definitions (numbered
//! only once every page is known), references to them, citations and the reference
//! list. Each is a slot, written into the HTML as a placeholder.

use std::fmt;

use crate::error::Location;

/// Marks slot N in rendered HTML as `\u{E004}N\u{E005}`, characters no author types.
pub const SLOT_OPEN: char = '\u{E004}';
pub const SLOT_CLOSE: char = '\u{E005}';

/// The placeholder of slot `index`.
pub fn placeholder(index: usize) -> String {
    format!("{SLOT_OPEN}{index}{SLOT_CLOSE}")
}

/// `text` without slot placeholders, for headings' titles and ids.
pub fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(SLOT_OPEN) {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find(SLOT_CLOSE) {
            Some(end) => &rest[start + end + SLOT_CLOSE.len_utf8()..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LabelKind {
    Equation,
    Figure,
    Table,
}

impl LabelKind {
    /// The kind a Quarto-style name (`eq-…`, `fig-…`, `tbl-…`) declares.
    pub fn of_prefixed(name: &str) -> Option<Self> {
        let (prefix, rest) = name.split_once('-')?;
        let kind = match prefix {
            "eq" => LabelKind::Equation,
            "fig" => LabelKind::Figure,
            "tbl" => LabelKind::Table,
            _ => return None,
        };
        (!rest.is_empty()).then_some(kind)
    }
}

impl fmt::Display for LabelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LabelKind::Equation => "equation",
            LabelKind::Figure => "figure",
            LabelKind::Table => "table",
        })
    }
}

/// A labelled equation, figure or table of a page, in the order written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label {
    /// As written: `eq:kd` (from `\label{eq:kd}`) or `eq-kd` (from `{#eq-kd}`); also
    /// the element's id.
    pub name: String,
    pub kind: LabelKind,
    /// The author's `\tag{…}`, shown instead of a number and not counted.
    pub manual: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefForm {
    /// `\eqref{…}`: the number in parentheses.
    Eqref,
    /// `\ref{…}`: the number alone.
    Ref,
    /// Quarto's `@eq-…` (`(3)`), `@fig-…` (`Figure 3`), `@tbl-…` (`Table 3`).
    Quarto,
    /// Quarto's `[-@…]`: the number alone.
    Bare,
}

/// A reference to a label, on this page or another.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    pub name: String,
    /// The page named by the explicit form `[@eq-kd](../other-page/)`, as written.
    pub page: Option<String>,
    pub form: RefForm,
    pub location: Location,
}

/// One work in a citation: `see @key, p. 4`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CiteItem {
    pub key: String,
    /// Text before the key inside brackets (`see`).
    pub prefix: String,
    /// Text after the key (`p. 4`), without the comma.
    pub suffix: String,
    /// `-@key`: the year without the author.
    pub suppress_author: bool,
    pub location: Location,
}

/// A citation: `[@a; @b]` in brackets, or `@a` in the sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Citation {
    pub items: Vec<CiteItem>,
    /// Written without brackets, as part of the sentence: "Hinton et al. (2015) show".
    pub in_text: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Slot {
    /// "Figure 3:" at the start of a caption; the label by index.
    Caption(usize),
    Ref(Reference),
    Cite(Citation),
    /// The reference list: where the author marked it, or (`placed: false`) at the end.
    Bibliography {
        placed: bool,
    },
    /// The attributes of a local image's `<img>` (its size), from its `src` as written;
    /// a missing file is an error at `location`.
    Image {
        src: String,
        location: Location,
    },
}

/// A `\eqref{…}` or `\ref{…}` inside a formula: its byte range in the formula's TeX and
/// the slot it resolves through.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MathRef {
    pub start: usize,
    pub end: usize,
    pub slot: usize,
}

/// Bad input the Markdown pass found; the site reports it with every other error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_strip_and_prefixes_give_kinds() {
        assert_eq!(
            strip(&format!("A {} b{}", placeholder(3), placeholder(12))),
            "A  b"
        );
        assert_eq!(LabelKind::of_prefixed("eq-kd"), Some(LabelKind::Equation));
        assert_eq!(LabelKind::of_prefixed("tbl-x"), Some(LabelKind::Table));
        assert_eq!(LabelKind::of_prefixed("eq-"), None);
        assert_eq!(LabelKind::of_prefixed("sec-x"), None);
    }
}
