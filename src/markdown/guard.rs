//! The last look at a page's text: a math delimiter still there after rendering means a
//! formula reached the reader as raw TeX, which no other check would notice.

use crate::config::MathConfig;

/// A delimiter left in the text, at an offset of the prepared text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leftover {
    pub offset: usize,
    pub kind: LeftoverKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftoverKind {
    DisplayDollars,
    DisplayBracket,
    InlineParen,
    /// A `$` with TeX after it (`$\frac`, `$x^2`) that nothing closed.
    LoneDollar,
}

impl LeftoverKind {
    pub fn message(self) -> &'static str {
        match self {
            LeftoverKind::DisplayDollars => {
                "`$$` is left on the page as text: a display formula did not render; close it with `$$` (a blank line ends it outside \\begin…\\end)"
            }
            LeftoverKind::DisplayBracket => {
                "`\\[` is left on the page as text: a display formula did not render; close it with `\\]`"
            }
            LeftoverKind::InlineParen => {
                "`\\(` is left on the page as text: a formula did not render; close it with `\\)` (in Markdown, `\\\\(` is an escaped backslash)"
            }
            LeftoverKind::LoneDollar => {
                "a `$` followed by TeX is left on the page as text: a formula did not render; close it with `$`, or write `\\$` for a dollar sign"
            }
        }
    }
}

/// Collects runs of text (the text between two non-text events) and looks at each whole.
pub struct Guard<'c> {
    math: &'c MathConfig,
    run: String,
    /// Where each piece of the run starts: (offset in `run`, offset in the prepared text).
    pieces: Vec<(usize, usize)>,
    found: Vec<Leftover>,
}

impl<'c> Guard<'c> {
    pub fn new(math: &'c MathConfig) -> Self {
        Self {
            math,
            run: String::new(),
            pieces: Vec::new(),
            found: Vec::new(),
        }
    }

    pub fn text(&mut self, text: &str, at: usize) {
        self.pieces.push((self.run.len(), at));
        self.run.push_str(text);
    }

    /// Ends the current run of text and looks at it.
    pub fn end_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        for (i, kind) in leftovers(&self.run, self.math) {
            let piece = self.pieces.partition_point(|&(start, _)| start <= i);
            let (start, at) = self.pieces[piece.saturating_sub(1)];
            self.found.push(Leftover {
                offset: at + (i - start),
                kind,
            });
        }
        self.run.clear();
        self.pieces.clear();
    }

    pub fn finish(mut self) -> Vec<Leftover> {
        self.end_run();
        self.found
    }
}

/// Offsets in `text` of delimiters of the enabled kinds.
fn leftovers(text: &str, math: &MathConfig) -> Vec<(usize, LeftoverKind)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let next = bytes.get(i + 1).copied();
        if (bytes[i], next) == (b'$', Some(b'$')) {
            if math.display_dollar {
                found.push((i, LeftoverKind::DisplayDollars));
            }
            i += 2;
            continue;
        }
        let kind = match (bytes[i], next) {
            (b'$', _) if math.inline_dollar && looks_like_tex(&text[i + 1..]) => {
                Some(LeftoverKind::LoneDollar)
            }
            (b'\\', Some(b'[')) if math.display_backslash => Some(LeftoverKind::DisplayBracket),
            (b'\\', Some(b'(')) if math.inline_backslash => Some(LeftoverKind::InlineParen),
            _ => None,
        };
        if let Some(kind) = kind {
            found.push((i, kind));
            i += 1;
        }
        i += 1;
    }
    found
}

/// Whether the word after a `$` is TeX rather than an amount or a name.
fn looks_like_tex(after: &str) -> bool {
    let word = after.split(char::is_whitespace).next().unwrap_or_default();
    !word.is_empty() && word.contains(['\\', '^', '_', '{'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(usize, LeftoverKind)> {
        leftovers(text, &MathConfig::default())
    }

    #[test]
    fn finds_raw_delimiters_and_tex_after_a_dollar() {
        use LeftoverKind::*;
        assert_eq!(kinds("a $$ b"), [(2, DisplayDollars)]);
        assert_eq!(kinds("\\[x"), [(0, DisplayBracket)]);
        assert_eq!(kinds("see $\\frac{1}{ here"), [(4, LoneDollar)]);
        assert!(kinds("It cost $15,000 + $48,000, or $5.").is_empty());
        let off = MathConfig {
            display_dollar: false,
            ..MathConfig::default()
        };
        assert!(leftovers("$$c$$", &off).is_empty());
    }

    #[test]
    fn offsets_point_into_the_prepared_text() {
        let math = MathConfig::default();
        let mut guard = Guard::new(&math);
        guard.text("See ", 100);
        guard.text("$$", 110);
        let found = guard.finish();
        assert_eq!(found[0].offset, 110);
    }
}
