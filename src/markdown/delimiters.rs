//! Math delimiters on top of pulldown-cmark's `$` extension: adds pandoc's rule that a
//! closing `$` is not followed by a digit, and the `\(…\)` and `\[…\]` forms. Rewrites the
//! Markdown so pulldown-cmark sees only `$` forms, and keeps a map back to the author's
//! offsets for error messages.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::config::MathConfig;

/// The body as pulldown-cmark will parse it, with a way back to the original offsets.
#[derive(Debug)]
pub struct Prepared {
    pub text: String,
    /// `(offset in text, offset in the original)` at every edit, ascending.
    anchors: Vec<(usize, usize)>,
    /// Starts (in `text`) of spans that were written with backslash delimiters.
    backslash_spans: Vec<usize>,
}

impl Prepared {
    /// The offset in the author's text of `offset` in the prepared text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let i = self.anchors.partition_point(|&(new, _)| new <= offset);
        match i {
            0 => offset,
            _ => {
                let (new, old) = self.anchors[i - 1];
                old + (offset - new)
            }
        }
    }

    /// Whether the math span starting at `offset` came from `\(` or `\[`.
    pub fn is_backslash_span(&self, offset: usize) -> bool {
        self.backslash_spans.binary_search(&offset).is_ok()
    }

    fn insert(&mut self, at: usize, s: &str) {
        let old = self.original_offset(at);
        self.text.insert_str(at, s);
        for anchor in &mut self.anchors {
            if anchor.0 > at {
                anchor.0 += s.len();
            }
        }
        for start in &mut self.backslash_spans {
            if *start > at {
                *start += s.len();
            }
        }
        let i = self
            .anchors
            .partition_point(|&(new, _)| new <= at + s.len());
        self.anchors.insert(i, (at + s.len(), old));
    }
}

pub fn prepare(body: &str, math: &MathConfig, options: Options) -> Prepared {
    let mut prepared = if math.inline_backslash || math.display_backslash {
        convert_backslash_forms(body, math, options)
    } else {
        Prepared {
            text: body.to_string(),
            anchors: Vec::new(),
            backslash_spans: Vec::new(),
        }
    };
    // Each pass escapes one closing `$` that is followed by a digit ("$500 + ($200"),
    // then parses again, since the opener may now pair with a later `$`.
    while let Some(closer) = first_digit_closer(&prepared, options) {
        prepared.insert(closer, "\\");
    }
    prepared
}

fn first_digit_closer(prepared: &Prepared, options: Options) -> Option<usize> {
    let bytes = prepared.text.as_bytes();
    Parser::new_ext(&prepared.text, options)
        .into_offset_iter()
        .find_map(|(event, range)| match event {
            Event::InlineMath(_)
                if !prepared.is_backslash_span(range.start)
                    && bytes.get(range.end).is_some_and(u8::is_ascii_digit) =>
            {
                Some(range.end - 1)
            }
            _ => None,
        })
}

/// Byte ranges where a backslash is not a math delimiter: code, raw HTML and `$` math.
fn protected_ranges(text: &str, options: Options) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut code_block_start = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                ranges.push(code_block_start.take().unwrap_or(range.start)..range.end)
            }
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

fn convert_backslash_forms(body: &str, math: &MathConfig, options: Options) -> Prepared {
    let protected = protected_ranges(body, options);
    let is_protected = |i: usize| protected.iter().any(|r| r.contains(&i));
    let bytes = body.as_bytes();
    let mut prepared = Prepared {
        text: String::with_capacity(body.len()),
        anchors: Vec::new(),
        backslash_spans: Vec::new(),
    };
    let mut copied = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let (close, display) = match (bytes[i], bytes[i + 1]) {
            (b'\\', b'(') if math.inline_backslash => (b')', false),
            (b'\\', b'[') if math.display_backslash => (b']', true),
            (b'\\', _) => {
                i += 2;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if is_protected(i) {
            i += 2;
            continue;
        }
        let Some(end) = find_closer(body, i + 2, close, display, &is_protected) else {
            i += 2;
            continue;
        };
        let inner = body[i + 2..end].trim();
        if inner.is_empty() || inner.contains('$') {
            i = end + 2;
            continue;
        }
        let delimiter = if display { "$$" } else { "$" };
        prepared.text.push_str(&body[copied..i]);
        prepared.anchors.push((prepared.text.len(), i));
        prepared.backslash_spans.push(prepared.text.len());
        prepared.text.push_str(delimiter);
        let inner_start = i + 2 + (body[i + 2..end].len() - body[i + 2..end].trim_start().len());
        prepared.anchors.push((prepared.text.len(), inner_start));
        prepared.text.push_str(inner);
        prepared.text.push_str(delimiter);
        copied = end + 2;
        prepared.anchors.push((prepared.text.len(), copied));
        i = copied;
    }
    prepared.text.push_str(&body[copied..]);
    prepared
}

/// The matching `\)` or `\]`; inline math does not cross a blank line.
fn find_closer(
    body: &str,
    from: usize,
    close: u8,
    display: bool,
    is_protected: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut j = from;
    while j + 1 < bytes.len() {
        if bytes[j] == b'\\' {
            if bytes[j + 1] == close && !is_protected(j) {
                return Some(j);
            }
            j += 2;
            continue;
        }
        if !display
            && bytes[j] == b'\n'
            && body[j + 1..]
                .trim_start_matches([' ', '\t'])
                .starts_with('\n')
        {
            return None;
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options::ENABLE_MATH | Options::ENABLE_TABLES
    }

    fn math_of(text: &str) -> Vec<String> {
        let p = prepare(text, &MathConfig::default(), opts());
        Parser::new_ext(&p.text, opts())
            .filter_map(|e| match e {
                Event::InlineMath(m) => Some(format!("i:{m}")),
                Event::DisplayMath(m) => Some(format!("d:{m}")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn dollar_amounts_are_not_math() {
        assert!(math_of("It cost $15,000 + $48,000 in total.").is_empty());
        assert!(math_of("From $500 + ($200 off) today.").is_empty());
        assert!(math_of("Escaped \\$5 and \\$6.").is_empty());
        assert_eq!(math_of("$z$2 but $x$ and $y$."), ["i:x", "i:y"]);
    }

    #[test]
    fn backslash_forms_become_math() {
        assert_eq!(
            math_of("Let \\( a_1 * b_1 \\) and\n\\[\nx^2\n\\]\ndone"),
            ["i:a_1 * b_1", "d:x^2"]
        );
        assert!(math_of("`\\(x\\)` and \\\\(y\\\\)").is_empty());
    }

    #[test]
    fn offsets_map_back() {
        let text = "ab \\( x \\) cd $5$1";
        let p = prepare(text, &MathConfig::default(), opts());
        let pos = p.text.find("cd").unwrap();
        assert_eq!(p.original_offset(pos), text.find("cd").unwrap());
        let pos = p.text.find('x').unwrap();
        assert_eq!(p.original_offset(pos), text.find('x').unwrap());
    }
}
