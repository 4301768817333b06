//! How many characters of HTML Hugo writes for one character of text: goldmark escapes
//! `&<>"` and its typographer writes quotes, dashes and ellipses as entities; Chroma
//! escapes code with Go's `html.EscapeString`. Hugo counts words in that HTML, so an
//! entity counts as its characters, all ASCII.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// goldmark's typographer state within one block: how many `"` it opened.
#[derive(Debug, Default)]
pub struct Typographer {
    open_doubles: usize,
}

impl Typographer {
    /// A block ends: goldmark forgets unclosed quotes (`CloseBlock`).
    pub fn reset(&mut self) {
        self.open_doubles = 0;
    }

    /// Characters goldmark writes for `c`. `at` is where `c` (or the ASCII it was made
    /// from by smart punctuation) stands in the Markdown `doc`, when known.
    pub fn width(&mut self, c: char, doc: &str, at: Option<usize>) -> usize {
        let written = at.and_then(|i| doc.get(i..)).unwrap_or_default();
        let from = |ascii: &str| written.starts_with(ascii);
        match c {
            '&' => "&amp;".len(),
            '<' | '>' => "&lt;".len(),
            '"' | '“' | '”' if from("\"") => self.double_quote(doc, at.unwrap_or_default()),
            '"' => "&quot;".len(),
            '\'' | '‘' | '’' if from("'") => "&rsquo;".len(),
            '–' if from("--") => "&ndash;".len(),
            '—' if from("---") => "&mdash;".len(),
            '…' if from("...") => "&hellip;".len(),
            _ => 1,
        }
    }

    /// goldmark's rule for `"` (`extension/typographer.go` with `parser.ScanDelimiter`):
    /// an opening quote where only a left-flanking delimiter could stand, a closing one
    /// where a quote is open and the delimiter can close; otherwise `&quot;`.
    fn double_quote(&mut self, doc: &str, at: usize) -> usize {
        const CURLY: usize = "&ldquo;".len();
        let before = doc[..at].chars().next_back().unwrap_or('\n');
        let line = doc[at..].split_inclusive('\n').next().unwrap_or_default();
        let after = line.trim_start_matches('"').chars().next().unwrap_or(' ');
        let left = !is_space(after) && (!is_punct(after) || is_space(before) || is_punct(before));
        let right = !is_space(before) && (!is_punct(before) || is_space(after) || is_punct(after));
        if left && !right {
            self.open_doubles += 1;
            return CURLY;
        }
        let next = line[1..].chars().next();
        let third = line.as_bytes().get(2);
        let maybe_close = left
            && right
            && next
                .is_some_and(|c| c.general_category_group() == GeneralCategoryGroup::Punctuation)
            && (line.len() == 2
                || third.is_some_and(|b| b.is_ascii_punctuation() || b.is_ascii_whitespace()));
        // `Monitor 21""` keeps its inch marks.
        let inches = next == Some('"') && before.is_ascii_digit();
        if self.open_doubles > 0 && ((right && !left) || maybe_close) && !inches {
            self.open_doubles -= 1;
            return CURLY;
        }
        "&quot;".len()
    }
}

/// Characters Chroma writes for `c` in highlighted code.
pub fn code_width(c: char) -> usize {
    match c {
        '&' | '\'' | '"' => "&#39;".len(),
        '<' | '>' => "&lt;".len(),
        _ => 1,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// goldmark's `util.IsPunctRune`: Unicode punctuation or symbol.
fn is_punct(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote_widths(doc: &str) -> Vec<usize> {
        let mut t = Typographer::default();
        doc.match_indices('"')
            .map(|(i, _)| t.width('"', doc, Some(i)))
            .collect()
    }

    /// Hugo 0.168 wrote `&ldquo;…&rdquo;` around a quotation after a space, and `&quot;`
    /// for quotes between CJK characters.
    #[test]
    fn double_quotes_as_goldmark_writes_them() {
        assert_eq!(quote_widths("他说 \"你好\" 了"), [7, 7]);
        assert_eq!(quote_widths("他说\"你好\"。"), [6, 6]);
        assert_eq!(quote_widths("a \"quoted.\" b"), [7, 7]);
        assert_eq!(quote_widths("Monitor 21\"\" wide"), [6, 6]);
    }

    #[test]
    fn entities() {
        let mut t = Typographer::default();
        assert_eq!(t.width('&', "&", Some(0)), 5);
        assert_eq!(t.width('’', "it's", Some(2)), 7);
        assert_eq!(t.width('’', "it’s", Some(2)), 1);
        assert_eq!(t.width('…', "wait...", Some(4)), 8);
        assert_eq!(t.width('—', "a---b", Some(1)), 7);
        assert_eq!(code_width('"'), 5);
    }
}
