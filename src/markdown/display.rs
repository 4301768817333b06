//! Display math that opens a line (`$$` or `\[`), found before pulldown-cmark sees the
//! text. As in Hugo's passthrough, such a formula runs to its closing delimiter whatever
//! the lines between look like: pulldown-cmark parses blocks before inline math, and
//! would make a line of `=` a heading underline and a line starting `- ` a list item.
//! Each block is held aside whole and replaced by a one-line placeholder.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::prepared::{DISPLAY_PLACEHOLDER, Origin, Prepared};
use crate::config::MathConfig;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delimiter {
    /// `$$ … $$`
    Dollars,
    /// `\[ … \]`
    Brackets,
}

impl Delimiter {
    fn close(self) -> &'static str {
        match self {
            Delimiter::Dollars => "$$",
            Delimiter::Brackets => "\\]",
        }
    }
}

/// What a line opens with before its content: block quote markers and the indentation of
/// list items (marker and spaces), in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    Indent(usize),
}

#[derive(Debug, PartialEq, Eq)]
struct Block {
    /// From the opening delimiter to the end of the closing one.
    range: Range<usize>,
    tex: String,
}

/// Replaces every display block of `prepared` with a placeholder holding its TeX.
pub fn protect(prepared: &mut Prepared, math: &MathConfig, options: Options) {
    let mut from = 0;
    loop {
        let structure = Structure::of(&prepared.text, options);
        let (blocks, torn) = find_blocks(&prepared.text, from, math, &structure);
        let mut shift = 0isize;
        for block in &blocks {
            let start = block.range.start.saturating_add_signed(shift);
            let end = block.range.end.saturating_add_signed(shift);
            let placeholder = placeholder_before(&prepared.text[end..]);
            prepared.replace(
                start..end,
                placeholder,
                Some(Origin::Verbatim(block.tex.clone())),
            );
            shift += placeholder.len() as isize - block.range.len() as isize;
            from = start + placeholder.len();
        }
        // Lines a torn block made into code or HTML may hide openers further on; parse
        // again without it.
        if !torn {
            return;
        }
    }
}

/// A placeholder followed by `$` would run into it.
fn placeholder_before(rest: &str) -> &'static str {
    if rest.starts_with('$') {
        "$$\u{E003}$$ "
    } else {
        DISPLAY_PLACEHOLDER
    }
}

/// Display blocks from offset `from` on, and whether the last one was torn apart in
/// `structure` (so that what follows it must be parsed again).
fn find_blocks(
    text: &str,
    from: usize,
    math: &MathConfig,
    structure: &Structure,
) -> (Vec<Block>, bool) {
    let mut blocks = Vec::new();
    let mut line_start = from;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let opener = opener(&text[line_start..line_end], math)
            .map(|(containers, at, d)| (containers, line_start + at, d));
        let block = opener
            .filter(|(_, at, _)| !structure.excludes(*at))
            .and_then(|(containers, at, d)| block_at(text, at, d, &containers));
        match block {
            Some(block) => {
                let torn = structure.tears(&block.range);
                // What follows the closer on its line does not open a line.
                line_start = text[block.range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| block.range.end + i + 1);
                blocks.push(block);
                if torn {
                    return (blocks, true);
                }
            }
            None => line_start = line_end,
        }
    }
    (blocks, false)
}

/// If `line` opens with a display delimiter after its containers' markers: the
/// containers, the delimiter's offset in the line, and the delimiter.
fn opener(line: &str, math: &MathConfig) -> Option<(Vec<Container>, usize, Delimiter)> {
    let (containers, at) = containers(line);
    let rest = &line[at..];
    let delimiter = if rest.starts_with("$$") && math.display_dollar {
        Delimiter::Dollars
    } else if rest.starts_with("\\[") && math.display_backslash {
        Delimiter::Brackets
    } else {
        return None;
    };
    Some((containers, at, delimiter))
}

/// The container markers a line starts with, and where its content begins.
fn containers(line: &str) -> (Vec<Container>, usize) {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    loop {
        let indent_start = i;
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        let marker = list_marker(&bytes[i..]);
        if bytes.get(i) == Some(&b'>') {
            if i > indent_start {
                found.push(Container::Indent(i - indent_start));
            }
            found.push(Container::Quote);
            i += 1;
            if bytes.get(i) == Some(&b' ') {
                i += 1;
            }
        } else if marker > 0 {
            found.push(Container::Indent(i - indent_start + marker));
            i += marker;
        } else {
            if i > indent_start {
                found.push(Container::Indent(i - indent_start));
            }
            return (found, i);
        }
    }
}

/// The length of a list marker and its space (`- `, `+ `, `* `, `12. `, `3) `), or 0.
fn list_marker(bytes: &[u8]) -> usize {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = match bytes.first() {
        Some(b'-' | b'+' | b'*') => 1,
        _ if (1..=9).contains(&digits) && matches!(bytes.get(digits), Some(b'.' | b')')) => {
            digits + 1
        }
        _ => return 0,
    };
    match bytes.get(marker) {
        Some(b' ' | b'\t') => marker + 1,
        _ => 0,
    }
}

/// The line's content with the opener's container markers removed, where present.
fn strip_containers<'t>(mut line: &'t str, containers: &[Container]) -> &'t str {
    for container in containers {
        match container {
            Container::Quote => {
                let trimmed = line.trim_start_matches([' ', '\t']);
                let Some(after) = trimmed.strip_prefix('>') else {
                    return line;
                };
                line = after.strip_prefix(' ').unwrap_or(after);
            }
            Container::Indent(width) => {
                let spaces = line
                    .bytes()
                    .take(*width)
                    .take_while(|b| matches!(b, b' ' | b'\t'));
                line = &line[spaces.count()..];
            }
        }
    }
    line
}

/// The block opened at `at`, if it is closed on a later line. A blank line ends the
/// search unless it is inside `\begin…\end`, so a stray `$$` does not swallow the page.
fn block_at(
    text: &str,
    at: usize,
    delimiter: Delimiter,
    containers: &[Container],
) -> Option<Block> {
    let content_start = at + 2;
    let first_end = text[content_start..]
        .find('\n')
        .map_or(text.len(), |i| content_start + i);
    if closer(&text[content_start..first_end], delimiter).is_some() {
        // Closed on its own line: pulldown-cmark reads that as it is.
        return None;
    }
    let mut tex = text[content_start..first_end].to_string();
    let mut environments = environment_depth(&tex);
    let mut line_start = first_end + 1;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        let content = strip_containers(line, containers);
        let content_at = line_start + (line.len() - content.len());
        tex.push('\n');
        if let Some(close) = closer(content, delimiter) {
            tex.push_str(&content[..close]);
            let end = content_at + close + delimiter.close().len();
            // `\[…\]` always reached KaTeX trimmed; `$$…$$` as written.
            if delimiter == Delimiter::Brackets {
                tex = tex.trim().to_string();
            }
            return Some(Block {
                range: at..end,
                tex,
            });
        }
        if content.trim().is_empty() && environments <= 0 {
            return None;
        }
        environments += environment_depth(content);
        tex.push_str(content);
        line_start = line_end + 1;
    }
    None
}

/// The offset of the closing delimiter in `line`; a `$` after a backslash is TeX's dollar.
fn closer(line: &str, delimiter: Delimiter) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], delimiter) {
            (b'\\', Delimiter::Brackets) if bytes.get(i + 1) == Some(&b']') => return Some(i),
            (b'\\', _) => i += 2,
            (b'$', Delimiter::Dollars) if bytes.get(i + 1) == Some(&b'$') => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn environment_depth(tex: &str) -> isize {
    tex.matches("\\begin{").count() as isize - tex.matches("\\end{").count() as isize
}

/// What pulldown-cmark made of the text: where a delimiter is not an opener (code, raw
/// HTML, inside other math), and where blocks start.
struct Structure {
    excluded: Vec<Range<usize>>,
    /// Math spans: a delimiter strictly inside one closes it rather than opening.
    math: Vec<Range<usize>>,
    block_starts: Vec<usize>,
}

impl Structure {
    fn of(text: &str, options: Options) -> Self {
        let mut structure = Structure {
            excluded: Vec::new(),
            math: Vec::new(),
            block_starts: Vec::new(),
        };
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                    structure.block_starts.push(range.start);
                    structure.excluded.push(range);
                }
                Event::Start(tag) if is_block(&tag) => structure.block_starts.push(range.start),
                Event::Rule => structure.block_starts.push(range.start),
                Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => {
                    structure.excluded.push(range)
                }
                Event::InlineMath(_) | Event::DisplayMath(_) => structure.math.push(range),
                _ => {}
            }
        }
        structure.block_starts.sort_unstable();
        structure
    }

    fn excludes(&self, at: usize) -> bool {
        self.excluded.iter().any(|r| r.contains(&at))
            || self.math.iter().any(|r| r.start < at && at < r.end)
    }

    /// Whether pulldown-cmark started a block inside `range` (past its opening line's start).
    fn tears(&self, range: &Range<usize>) -> bool {
        let i = self.block_starts.partition_point(|&s| s <= range.start);
        self.block_starts.get(i).is_some_and(|&s| s < range.end)
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<String> {
        let options = super::super::parser_options();
        let structure = Structure::of(text, options);
        find_blocks(text, 0, &MathConfig::default(), &structure)
            .0
            .into_iter()
            .map(|b| b.tex)
            .collect()
    }

    #[test]
    fn containers_are_read_and_stripped() {
        assert_eq!(
            containers("> - $$"),
            (vec![Container::Quote, Container::Indent(2)], 4)
        );
        assert_eq!(containers("  12. $$").1, 6);
        let c = containers("> 1. $$").0;
        assert_eq!(strip_containers(">    x = 1", &c), "x = 1");
        assert_eq!(strip_containers("lazy", &c), "lazy");
    }

    #[test]
    fn blocks_run_to_their_closer() {
        assert_eq!(blocks("$$\na\n=\nb\n$$\n"), ["\na\n=\nb\n"]);
        assert_eq!(blocks("- $$\n  x\n  - y\n  $$\n"), ["\nx\n- y\n"]);
        assert_eq!(blocks("> \\[\n> a\n> \\]"), ["a"]);
        assert_eq!(blocks("$$x$$\n"), Vec::<String>::new());
        assert_eq!(blocks("$$\na\n\nb\n$$\n"), Vec::<String>::new());
        assert_eq!(
            blocks("$$\n\\begin{a}\n\nb\\end{a}\n$$"),
            ["\n\\begin{a}\n\nb\\end{a}\n"]
        );
        assert_eq!(blocks("```\n$$\nx\n$$\n```\n"), Vec::<String>::new());
    }
}
