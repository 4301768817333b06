//! Goldmark's passthrough delimiters → folio's `[math]` switches. Hugo only kept the math
//! intact for the browser to render, so no formula was ever checked: `errors = "warn"`.

use toml::{Table, Value};

use super::folio::{Math, MathErrors};
use super::leftovers;
use super::report::Notes;
use super::tree::{KeyPath, Taker, take_at};

const PASSTHROUGH: [&str; 4] = ["markup", "goldmark", "extensions", "passthrough"];

pub fn from_passthrough(hugo: &mut Table, notes: &mut Notes) -> Math {
    let mut math = Math {
        errors: MathErrors::Warn,
        inline_dollar: false,
        display_dollar: false,
        inline_backslash: false,
        display_backslash: false,
    };
    let at = PASSTHROUGH
        .iter()
        .fold(KeyPath::default(), |path, key| path.key(key));
    let enabled = match take_at(hugo, &PASSTHROUGH) {
        Some((_, Value::Table(passthrough))) => read(passthrough, &at, &mut math, notes),
        Some((_, other)) => {
            notes.wrong_type(&at, &other, "a table");
            false
        }
        None => false,
    };
    if !(math.inline_dollar
        || math.display_dollar
        || math.inline_backslash
        || math.display_backslash)
    {
        let why = if enabled {
            "none of Hugo's passthrough delimiters is one of folio's (above)"
        } else {
            "Hugo's goldmark passthrough is off, so Hugo kept no math intact"
        };
        notes.set(
            "[math] inline_dollar, display_dollar, inline_backslash, display_backslash = false",
            format!("{why}; turn on the delimiters the pages use"),
        );
    }
    notes.set(
        "[math] errors = \"warn\"",
        "Hugo's math was rendered in the browser, where no formula was ever checked; `folio build` warns about each one KaTeX rejects: fix them, then set errors = \"error\"",
    );
    math
}

/// Whether the passthrough is on.
fn read(mut passthrough: Table, at: &KeyPath, math: &mut Math, notes: &mut Notes) -> bool {
    let mut take = Taker {
        table: &mut passthrough,
        path: at,
    };
    let enabled = take.bool("enable", notes) == Some(true);
    let delimiters = take.table("delimiters", notes);
    // Delimiters of a passthrough that is off did nothing in Hugo: nothing to carry.
    if let (true, Some((key, mut delimiters))) = (enabled, delimiters) {
        let at = at.key(&key);
        for kind in ["inline", "block"] {
            let Some((key, value)) = take_at(&mut delimiters, &[kind]) else {
                continue;
            };
            pairs(kind, value, &at.key(&key), math, notes);
        }
        leftovers::report(delimiters, &at, notes);
    }
    leftovers::report(passthrough, at, notes);
    enabled
}

fn pairs(kind: &str, value: Value, at: &KeyPath, math: &mut Math, notes: &mut Notes) {
    let Value::Array(pairs) = value else {
        return notes.wrong_type(at, &value, "a list of [open, close] pairs");
    };
    for (i, pair) in pairs.into_iter().enumerate() {
        let texts: Vec<&str> = pair
            .as_array()
            .map_or(Vec::new(), |p| p.iter().filter_map(Value::as_str).collect());
        let switch = match (kind, texts.as_slice()) {
            ("inline", ["$", "$"]) => &mut math.inline_dollar,
            ("inline", ["\\(", "\\)"]) => &mut math.inline_backslash,
            ("block", ["$$", "$$"]) => &mut math.display_dollar,
            ("block", ["\\[", "\\]"]) => &mut math.display_backslash,
            _ => {
                notes.not_carried(&at.index(i), Some(&pair), why_not(&texts));
                continue;
            }
        };
        *switch = true;
    }
}

fn why_not(pair: &[&str]) -> String {
    let folio = "folio's math is $…$ and \\(…\\) inline, $$…$$ and \\[…\\] on their own";
    match pair {
        [open, _] if open.starts_with("\\\\") => format!(
            "Hugo matched {open} with two backslashes (a TOML literal string such as '{open}' keeps both); {folio}"
        ),
        _ => folio.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn math_of(text: &str) -> (Math, String) {
        let mut hugo: Table = toml::from_str(text).unwrap();
        let mut notes = Notes::default();
        let math = from_passthrough(&mut hugo, &mut notes);
        let lines = notes.lines();
        (math, lines.join("\n"))
    }

    const ON: &str = "[markup.goldmark.extensions.passthrough]\nenable = true\n\
                      [markup.goldmark.extensions.passthrough.delimiters]\n";

    #[test]
    fn each_delimiter_pair_turns_on_its_switch() {
        let (math, notes) = math_of(&format!(
            "{ON}block = [['$$', '$$'], ['\\[', '\\]']]\ninline = [['$', '$'], ['\\(', '\\)']]\n"
        ));
        assert!(math.inline_dollar && math.display_dollar);
        assert!(math.inline_backslash && math.display_backslash);
        assert_eq!(math.errors, MathErrors::Warn);
        assert!(!notes.contains("not carried"), "{notes}");
        assert!(notes.contains("set [math] errors = \"warn\""), "{notes}");
    }

    #[test]
    fn doubled_backslashes_are_not_folios_delimiters() {
        let (math, notes) = math_of(&format!(
            "{ON}block = [['$$', '$$'], ['\\\\[', '\\\\]']]\ninline = [['$', '$'], ['@', '@']]\n"
        ));
        assert!(math.inline_dollar && math.display_dollar);
        assert!(!math.inline_backslash && !math.display_backslash);
        assert!(
            notes.contains("delimiters.block[1] = ['\\\\[', '\\\\]']: not carried over: Hugo matched \\\\[ with two backslashes"),
            "{notes}"
        );
        assert!(
            notes.contains("delimiters.inline[1] = [\"@\", \"@\"]"),
            "{notes}"
        );
    }

    #[test]
    fn passthrough_off_or_absent_turns_all_math_off_and_says_so() {
        for text in [
            "",
            "[markup.goldmark.extensions.passthrough]\nenable = false\n[markup.goldmark.extensions.passthrough.delimiters]\ninline = [['$', '$']]\n",
        ] {
            let (math, notes) = math_of(text);
            assert!(!(math.inline_dollar || math.display_dollar));
            assert!(!(math.inline_backslash || math.display_backslash));
            assert!(notes.contains("passthrough is off"), "{notes}");
            assert!(!notes.contains("not carried"), "{notes}");
        }
    }
}
