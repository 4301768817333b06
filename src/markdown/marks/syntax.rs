//! Finding references and citations in a run of Markdown text: LaTeX's `\eqref{…}` and
//! `\ref{…}`, Quarto's `@eq-…`, `@fig-…`, `@tbl-…`, and pandoc's citations `[@key]`,
//! `[see @a, p. 4; -@b]` and `@key` in a sentence.

use std::ops::Range;

use crate::markdown::slots::{LabelKind, RefForm};

/// Something found in the text, at `range` of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub what: Mark,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Ref {
        name: String,
        form: RefForm,
    },
    Cite {
        items: Vec<Item>,
        in_text: bool,
    },
    /// Brackets mixing references with citations, or several references.
    Mixed,
}

/// One `prefix -@key suffix` of a citation; `at` is the offset of its `@`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub key: String,
    pub prefix: String,
    pub suffix: String,
    pub suppress_author: bool,
    pub at: usize,
}

/// Every reference and citation in `text`, in order. Citations other than references
/// are looked for only when `citations` is on (the page has a bibliography); without
/// one, an `@name` in a sentence stays text, while brackets still give citations so
/// that the missing bibliography is reported.
pub fn scan(text: &str, citations: bool) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let next = match bytes[i] {
            b'\\' => {
                let found = latex_ref(text, i);
                if found.is_none() {
                    // An escaped character (`\@`, `\[`) is text: skip it too.
                    i += 1;
                }
                found
            }
            b'[' => bracket(text, i),
            b'@' if starts_word(bytes, i) => in_text(text, i, citations),
            _ => None,
        };
        match next {
            Some(f) => {
                i = f.range.end;
                found.push(f);
            }
            None => i += 1,
        }
    }
    found
}

/// `\eqref{name}` or `\ref{name}` at `at`.
fn latex_ref(text: &str, at: usize) -> Option<Found> {
    let (name, form, end) = latex_command(text, at)?;
    Some(Found {
        range: at..end,
        what: Mark::Ref { name, form },
    })
}

/// `\eqref{name}` or `\ref{name}` at `at` in text or TeX: the name, the form, the end.
pub fn latex_command(text: &str, at: usize) -> Option<(String, RefForm, usize)> {
    let rest = &text[at..];
    let (form, after) = if let Some(after) = rest.strip_prefix("\\eqref{") {
        (RefForm::Eqref, after)
    } else {
        (RefForm::Ref, rest.strip_prefix("\\ref{")?)
    };
    let close = after.find('}')?;
    let name = after[..close].trim();
    if name.is_empty() || name.contains(char::is_whitespace) || name.contains('{') {
        return None;
    }
    let end = text.len() - after.len() + close + 1;
    Some((name.to_string(), form, end))
}

/// Whether the `@` at `at` may start a citation: not inside a word (an email address).
fn starts_word(bytes: &[u8], at: usize) -> bool {
    let Some(&before) = at.checked_sub(1).map(|i| &bytes[i]) else {
        return true;
    };
    !(before.is_ascii_alphanumeric() || before >= 0x80 || before == b'_' || before == b'\\')
}

/// An `@key` in a sentence.
fn in_text(text: &str, at: usize, citations: bool) -> Option<Found> {
    let key = key_at(text, at + 1)?;
    let end = at + 1 + key.len();
    let what = if LabelKind::of_prefixed(key).is_some() {
        Mark::Ref {
            name: key.to_string(),
            form: RefForm::Quarto,
        }
    } else if citations {
        Mark::Cite {
            items: vec![Item {
                key: key.to_string(),
                prefix: String::new(),
                suffix: String::new(),
                suppress_author: false,
                at,
            }],
            in_text: true,
        }
    } else {
        return None;
    };
    Some(Found {
        range: at..end,
        what,
    })
}

/// Pandoc's citation key at `from`: a letter, digit or `_`, then those and internal
/// punctuation (`:.#$%&-+?<>~/` followed by another key character).
fn key_at(text: &str, from: usize) -> Option<&str> {
    let is_key_char = |c: char| c.is_alphanumeric() || c == '_';
    let rest = &text[from..];
    let mut chars = rest.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !is_key_char(first) {
        return None;
    }
    let mut end = first.len_utf8();
    while let Some((i, c)) = chars.next() {
        let continues = is_key_char(c)
            || (":.#$%&-+?<>~/".contains(c) && chars.peek().is_some_and(|&(_, n)| is_key_char(n)));
        if !continues {
            break;
        }
        end = i + c.len_utf8();
    }
    Some(&rest[..end])
}

/// `[…]` at `at` holding one or more `;`-separated citation items.
fn bracket(text: &str, at: usize) -> Option<Found> {
    let close = matching_bracket(text, at)?;
    let inner = &text[at + 1..close];
    if !inner.contains('@') {
        return None;
    }
    let mut items = Vec::new();
    let mut start = at + 1;
    for part in inner.split(';') {
        items.push(item(part, start)?);
        start += part.len() + 1;
    }
    let refs = items
        .iter()
        .filter(|i| LabelKind::of_prefixed(&i.key).is_some())
        .count();
    let what = match (refs, items.as_slice()) {
        (0, _) => Mark::Cite {
            items,
            in_text: false,
        },
        (1, [only]) if only.prefix.is_empty() && only.suffix.is_empty() => Mark::Ref {
            name: only.key.clone(),
            form: if only.suppress_author {
                RefForm::Bare
            } else {
                RefForm::Quarto
            },
        },
        _ => Mark::Mixed,
    };
    Some(Found {
        range: at..close + 1,
        what,
    })
}

/// The `]` closing the `[` at `at`, if no other bracket comes between.
fn matching_bracket(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b']' => return Some(i),
            b'[' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// One item, `part` starting at offset `start` of the text.
fn item(part: &str, start: usize) -> Option<Item> {
    let bytes = part.as_bytes();
    let at = (0..bytes.len()).find(|&i| bytes[i] == b'@' && starts_word(bytes, i))?;
    let suppress_author = at > 0 && bytes[at - 1] == b'-';
    let prefix_end = if suppress_author { at - 1 } else { at };
    let prefix = &part[..prefix_end];
    if !(prefix.is_empty() || prefix.ends_with(char::is_whitespace)) {
        return None;
    }
    let key = key_at(part, at + 1)?;
    let suffix = part[at + 1 + key.len()..].trim();
    let suffix = suffix.strip_prefix(',').unwrap_or(suffix).trim();
    if suffix.contains('@') {
        return None;
    }
    Some(Item {
        key: key.to_string(),
        prefix: prefix.trim().to_string(),
        suffix: suffix.to_string(),
        suppress_author,
        at: start + at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        scan(text, true)
            .into_iter()
            .map(|f| match f.what {
                Mark::Ref { name, form } => format!("ref {name} {form:?}"),
                Mark::Cite { items, in_text } => {
                    let items: Vec<String> = items
                        .iter()
                        .map(|i| {
                            format!("{}|{}|{}|{}", i.prefix, i.key, i.suffix, i.suppress_author)
                        })
                        .collect();
                    format!("cite {} {}", items.join(" ; "), in_text)
                }
                Mark::Mixed => "mixed".into(),
            })
            .collect()
    }

    #[test]
    fn citations_in_their_forms() {
        assert_eq!(
            keys("as [@hinton2015] shows"),
            ["cite |hinton2015||false false"]
        );
        assert_eq!(
            keys("[@hu2021, p. 4; @houlsby2019]"),
            ["cite |hu2021|p. 4|false ; |houlsby2019||false false"]
        );
        assert_eq!(keys("[-@key]"), ["cite |key||true false"]);
        assert_eq!(keys("[see @a, ch. 2]"), ["cite see|a|ch. 2|false false"]);
        assert_eq!(keys("@hinton2015 shows."), ["cite |hinton2015||false true"]);
        assert_eq!(keys("as in @doe99."), ["cite |doe99||false true"]);
    }

    #[test]
    fn emails_escapes_and_plain_brackets_are_not_citations() {
        assert!(keys("mail me@example.com or [me@example.com]").is_empty());
        assert!(keys("an array [1, 2] and \\@handle").is_empty());
        assert!(keys("a link [text](x) and [a; b]").is_empty());
        assert!(scan("@someone on social media", false).is_empty());
    }

    #[test]
    fn references_in_their_forms() {
        assert_eq!(
            keys(r"see \eqref{eq:kd} and \ref{fig:a}, @eq-kd. [@fig-x] [-@tbl-y]"),
            [
                "ref eq:kd Eqref",
                "ref fig:a Ref",
                "ref eq-kd Quarto",
                "ref fig-x Quarto",
                "ref tbl-y Bare"
            ]
        );
        assert_eq!(keys("[@eq-a; @eq-b]"), ["mixed"]);
        assert_eq!(scan("@eq-kd", false).len(), 1);
        assert!(keys(r"\reflectbox{x} \ref{} \eqref{a b}").is_empty());
    }
}
