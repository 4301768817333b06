//! The Markdown as pulldown-cmark will parse it: the author's text with math rewritten
//! into forms pulldown-cmark cannot misread, and the way back to the author's offsets.

use std::ops::Range;

/// Where a math span of the prepared text came from, when not from plain `$` or `$$`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Written as `\(…\)` or `\[…\]`.
    Backslash,
    /// Held aside whole, because pulldown-cmark would tear it apart or not see it as math;
    /// the prepared text has a placeholder.
    Verbatim(String),
}

/// The placeholders for math held aside: pulldown-cmark reads them as math, and they hold
/// a character no author types, so nothing else in the text looks like them.
pub const DISPLAY_PLACEHOLDER: &str = "$$\u{E003}$$";
pub const INLINE_PLACEHOLDER: &str = "$\u{E003}$";

#[derive(Debug, Clone, Copy)]
struct Anchor {
    prepared: usize,
    original: usize,
}

#[derive(Debug)]
struct Mark {
    at: usize,
    origin: Origin,
}

#[derive(Debug)]
pub struct Prepared {
    pub text: String,
    /// At every edit, ascending: from here on, offsets run on from `original`.
    anchors: Vec<Anchor>,
    /// Math spans that start at `at` in the prepared text, ascending.
    marks: Vec<Mark>,
}

impl Prepared {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            anchors: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// The offset in the author's text of `offset` in the prepared text. Offsets inside a
    /// replacement map into the text it replaced, never past it.
    pub fn original_offset(&self, offset: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.prepared <= offset);
        if i == 0 {
            return offset;
        }
        let anchor = self.anchors[i - 1];
        let mapped = anchor.original + (offset - anchor.prepared);
        match self.anchors.get(i) {
            Some(next) => mapped.min(next.original),
            None => mapped,
        }
    }

    /// Where the math span starting at `offset` came from, if not from `$` or `$$`.
    pub fn origin(&self, offset: usize) -> Option<&Origin> {
        let i = self.marks.binary_search_by_key(&offset, |m| m.at).ok()?;
        Some(&self.marks[i].origin)
    }

    /// Replaces `range` of the prepared text by `with`, keeping the offset map; `origin`
    /// marks a math span starting at `range.start`.
    pub fn replace(&mut self, range: Range<usize>, with: &str, origin: Option<Origin>) {
        let original_start = self.original_offset(range.start);
        let original_end = self.original_offset(range.end);
        self.text.replace_range(range.clone(), with);
        let shift = |at: usize| at - range.end + range.start + with.len();
        self.anchors
            .retain(|a| a.prepared < range.start || a.prepared > range.end);
        for anchor in self.anchors.iter_mut().filter(|a| a.prepared > range.end) {
            anchor.prepared = shift(anchor.prepared);
        }
        let i = self.anchors.partition_point(|a| a.prepared < range.start);
        let end = Anchor {
            prepared: range.start + with.len(),
            original: original_end,
        };
        let start = Anchor {
            prepared: range.start,
            original: original_start,
        };
        self.anchors.splice(i..i, [start, end]);

        self.marks
            .retain(|m| m.at < range.start || m.at >= range.end);
        for mark in self.marks.iter_mut().filter(|m| m.at >= range.end) {
            mark.at = shift(mark.at);
        }
        if let Some(origin) = origin {
            let i = self.marks.partition_point(|m| m.at < range.start);
            self.marks.insert(
                i,
                Mark {
                    at: range.start,
                    origin,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_replacements() {
        let original = "ab \\( x \\) cd";
        let mut p = Prepared::new(original);
        p.replace(7..10, "$", None);
        p.replace(3..6, "$", Some(Origin::Backslash));
        assert_eq!(p.text, "ab $x$ cd");
        assert_eq!(p.original_offset(p.text.find('x').unwrap()), 6);
        assert_eq!(p.original_offset(p.text.find("cd").unwrap()), 11);
        assert_eq!(p.origin(3), Some(&Origin::Backslash));
        assert_eq!(p.origin(5), None);
    }

    #[test]
    fn offsets_inside_a_longer_replacement_stay_inside_what_it_replaced() {
        let mut p = Prepared::new("a$$b$$c");
        p.replace(1..6, "$$\u{E003}$$ and more", None);
        let last = p.text.len() - 1;
        assert_eq!(p.original_offset(last), 6);
        assert_eq!(p.original_offset(3), 3);
    }
}
