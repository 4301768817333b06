//! Math delimiters on top of pulldown-cmark's `$` extension: display blocks that Markdown
//! must not tear apart, pandoc's rule that a closing `$` is not followed by a digit, spans
//! with unbalanced braces, and the `\(…\)` and `\[…\]` forms. Rewrites the Markdown so
//! pulldown-cmark sees only `$` forms, and keeps a map back to the author's offsets for
//! error messages.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::display;
use super::prepared::{INLINE_PLACEHOLDER, Origin, Prepared};
use crate::config::MathConfig;

pub fn prepare(body: &str, math: &MathConfig, options: Options) -> Prepared {
    let mut prepared = Prepared::new(body);
    display::protect(&mut prepared, math, options);
    if math.inline_backslash || math.display_backslash {
        convert_backslash_forms(&mut prepared, math, options);
    }
    // Each pass escapes one closing `$` that is followed by a digit ("$500 + ($200"),
    // then parses again, since the opener may now pair with a later `$`.
    while let Some(closer) = first_digit_closer(&prepared, options) {
        prepared.replace(closer..closer, "\\", None);
    }
    if math.inline_dollar {
        protect_unbalanced(&mut prepared, options);
    }
    prepared
}

fn first_digit_closer(prepared: &Prepared, options: Options) -> Option<usize> {
    let bytes = prepared.text.as_bytes();
    Parser::new_ext(&prepared.text, options)
        .into_offset_iter()
        .find_map(|(event, range)| match event {
            Event::InlineMath(_)
                if prepared.origin(range.start).is_none()
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

/// Rewrites `\(…\)` as `$…$` and `\[…\]` as `$$…$$`, marking them as backslash forms.
fn convert_backslash_forms(prepared: &mut Prepared, math: &MathConfig, options: Options) {
    let body = prepared.text.as_str();
    let protected = protected_ranges(body, options);
    let is_protected = |i: usize| protected.iter().any(|r| r.contains(&i));
    let bytes = body.as_bytes();
    let mut conversions = Vec::new();
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
        let inner = &body[i + 2..end];
        let trimmed = inner.trim();
        if !trimmed.is_empty() && !trimmed.contains('$') {
            let inner_start = i + 2 + (inner.len() - inner.trim_start().len());
            conversions.push(Conversion {
                open: i..inner_start,
                close: inner_start + trimmed.len()..end + 2,
                display,
            });
        }
        i = end + 2;
    }
    // From the end, so that the ranges still to apply stay where they were.
    for c in conversions.into_iter().rev() {
        let delimiter = if c.display { "$$" } else { "$" };
        prepared.replace(c.close, delimiter, None);
        prepared.replace(c.open, delimiter, Some(Origin::Backslash));
    }
}

/// One `\(…\)` or `\[…\]`: its opening delimiter with the spaces after it, and its
/// closing delimiter with the spaces before it.
struct Conversion {
    open: Range<usize>,
    close: Range<usize>,
    display: bool,
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

/// pulldown-cmark does not close a `$` inside an open `{`, so `$\frac{1}{$` would stay
/// text without a word. Pandoc and Hugo hand such a span to KaTeX, which rejects it; so
/// does folio, holding the span aside so that pulldown-cmark sees math.
fn protect_unbalanced(prepared: &mut Prepared, options: Options) {
    let spans = unbalanced_spans(&prepared.text, options);
    for (range, tex) in spans.into_iter().rev() {
        prepared.replace(range, INLINE_PLACEHOLDER, Some(Origin::Verbatim(tex)));
    }
}

/// Spans between two dollars that pulldown-cmark left as text, paired by pandoc's rules
/// (the opener not followed by a space, the closer not after a space nor before a digit),
/// whose braces do not balance.
fn unbalanced_spans(text: &str, options: Options) -> Vec<(Range<usize>, String)> {
    let dollars = text_dollars(text, options);
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < dollars.len() {
        let (run, open) = dollars[i];
        let close = opens(bytes, open)
            .then(|| {
                dollars[i + 1..]
                    .iter()
                    .take_while(|(r, _)| *r == run)
                    .position(|&(_, at)| closes(bytes, at))
            })
            .flatten()
            .map(|k| i + 1 + k);
        match close {
            Some(j) if !balanced(&text[open + 1..dollars[j].1]) => {
                let end = dollars[j].1;
                spans.push((open..end + 1, text[open + 1..end].to_string()));
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    spans
}

/// Every unescaped `$` that pulldown-cmark left in text, with the number of the run of
/// text it is in (a run ends at anything but text and line breaks).
fn text_dollars(text: &str, options: Options) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut dollars = Vec::new();
    let mut run = 0;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Text(_) => dollars.extend(
                (range.start..range.end.min(bytes.len()))
                    .filter(|&at| bytes[at] == b'$' && !escaped(bytes, at))
                    .map(|at| (run, at)),
            ),
            Event::SoftBreak | Event::HardBreak => {}
            _ => run += 1,
        }
    }
    dollars
}

fn escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

fn opens(bytes: &[u8], at: usize) -> bool {
    let next = bytes.get(at + 1);
    next.is_some_and(|b| !b.is_ascii_whitespace() && *b != b'$')
        && (at == 0 || bytes[at - 1] != b'$')
}

fn closes(bytes: &[u8], at: usize) -> bool {
    let next = bytes.get(at + 1);
    at > 0
        && !bytes[at - 1].is_ascii_whitespace()
        && bytes[at - 1] != b'$'
        && !next.is_some_and(|b| b.is_ascii_digit() || *b == b'$')
}

/// Whether `{` and `}` (not `\{`, `\}`) pair up in `tex`.
fn balanced(tex: &str) -> bool {
    let bytes = tex.as_bytes();
    let mut depth = 0isize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' if depth == 0 => return false,
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options::ENABLE_MATH | Options::ENABLE_TABLES
    }

    fn math_of(text: &str) -> Vec<String> {
        let p = prepare(text, &MathConfig::default(), opts());
        let tex = |m: &str, at: usize| match p.origin(at) {
            Some(Origin::Verbatim(tex)) => tex.clone(),
            _ => m.to_string(),
        };
        Parser::new_ext(&p.text, opts())
            .into_offset_iter()
            .filter_map(|(e, range)| match e {
                Event::InlineMath(m) => Some(format!("i:{}", tex(&m, range.start))),
                Event::DisplayMath(m) => Some(format!("d:{}", tex(&m, range.start))),
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
    fn unbalanced_braces_become_math() {
        assert_eq!(math_of("See $\\frac{1}{$ here."), ["i:\\frac{1}{"]);
        assert!(math_of("Shell ${HOME} and ${PATH}.").is_empty());
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
