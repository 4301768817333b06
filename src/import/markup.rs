//! Hugo's `markup` settings that folio has: highlighting, and the table of contents (fixed
//! to levels 2–4 in folio). Goldmark settings that say what folio does anyway are dropped
//! without a word; `leftovers` reports the rest.

use toml::{Table, Value};

use super::folio::Highlight;
use super::report::Notes;
use super::tree::{KeyPath, get_at, take_at};

const TOC: [&str; 2] = ["markup", "tableOfContents"];
const HIGHLIGHT: [&str; 2] = ["markup", "highlight"];

enum Same {
    Bool(bool),
    Text(&'static str),
}

/// Settings whose value is what folio does anyway.
const SAME: [(&[&str], Same); 16] = [
    (
        &["markup", "defaultMarkdownHandler"],
        Same::Text("goldmark"),
    ),
    (
        &["markup", "goldmark", "renderer", "unsafe"],
        Same::Bool(true),
    ),
    (
        &["markup", "goldmark", "renderer", "hardWraps"],
        Same::Bool(false),
    ),
    (
        &["markup", "goldmark", "renderer", "xhtml"],
        Same::Bool(false),
    ),
    (
        &["markup", "goldmark", "extensions", "footnote"],
        Same::Bool(true),
    ),
    (
        &["markup", "goldmark", "extensions", "table"],
        Same::Bool(true),
    ),
    (
        &["markup", "goldmark", "extensions", "strikethrough"],
        Same::Bool(true),
    ),
    (
        &["markup", "goldmark", "extensions", "taskList"],
        Same::Bool(true),
    ),
    (
        &["markup", "goldmark", "extensions", "linkify"],
        Same::Bool(false),
    ),
    (
        &["markup", "goldmark", "extensions", "typographer"],
        Same::Bool(true),
    ),
    (
        &["markup", "goldmark", "extensions", "typographer", "disable"],
        Same::Bool(false),
    ),
    (
        &["markup", "goldmark", "parser", "attribute", "title"],
        Same::Bool(true),
    ),
    (
        &["markup", "goldmark", "parser", "autoHeadingID"],
        Same::Bool(true),
    ),
    (&["markup", "highlight", "guessSyntax"], Same::Bool(false)),
    (&["markup", "highlight", "lineNos"], Same::Bool(false)),
    (&["enableRobotsTXT"], Same::Bool(true)),
];

pub fn settings(hugo: &mut Table, notes: &mut Notes) -> Highlight {
    drop_same(hugo);
    table_of_contents(hugo, notes);
    highlight(hugo, notes)
}

fn drop_same(hugo: &mut Table) {
    for (names, same) in SAME {
        let matches = match (get_at(hugo, names), same) {
            (Some(Value::Boolean(b)), Same::Bool(expected)) => *b == expected,
            (Some(Value::String(s)), Same::Text(expected)) => s.eq_ignore_ascii_case(expected),
            _ => false,
        };
        if matches {
            take_at(hugo, names);
        }
    }
}

fn path_of(names: &[&str]) -> KeyPath {
    names.iter().fold(KeyPath::default(), |path, k| path.key(k))
}

fn table_of_contents(hugo: &mut Table, notes: &mut Notes) {
    const WHY: &str = "folio's table of contents has the levels 2 to 4";
    let at = path_of(&TOC);
    for (name, hugo_default, folio) in [("startLevel", 2, 2), ("endLevel", 3, 4)] {
        match take_at(hugo, &[TOC[0], TOC[1], name]) {
            Some((_, value)) if value.as_integer() == Some(folio) => {}
            Some((key, value)) => notes.not_carried(&at.key(&key), Some(&value), WHY),
            None if hugo_default != folio => {
                let subject = format!("{} = {hugo_default} (Hugo's default)", at.key(name));
                notes.default_differs(subject, WHY);
            }
            None => {}
        }
    }
    match take_at(hugo, &[TOC[0], TOC[1], "ordered"]) {
        Some((_, Value::Boolean(false))) | None => {}
        Some((key, value)) => notes.not_carried(
            &at.key(&key),
            Some(&value),
            "folio gives templates the entries; a template decides how they are listed",
        ),
    }
}

/// folio highlights fenced code with CSS classes unless `[highlight] enabled = false`.
fn highlight(hugo: &mut Table, notes: &mut Notes) -> Highlight {
    let at = path_of(&HIGHLIGHT);
    match take_at(hugo, &[HIGHLIGHT[0], HIGHLIGHT[1], "noClasses"]) {
        Some((_, Value::Boolean(false))) | None => {}
        Some((key, value)) => notes.not_carried(
            &at.key(&key),
            Some(&value),
            "folio highlights with CSS classes, coloured by highlight.css",
        ),
    }
    let enabled = match take_at(hugo, &[HIGHLIGHT[0], HIGHLIGHT[1], "codeFences"]) {
        Some((_, Value::Boolean(on))) => on,
        Some((key, value)) => {
            notes.wrong_type(&at.key(&key), &value, "true or false");
            true
        }
        None => true,
    };
    Highlight { enabled }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Highlight, Table, String) {
        let mut hugo: Table = toml::from_str(text).unwrap();
        let mut notes = Notes::default();
        let highlight = settings(&mut hugo, &mut notes);
        let lines = notes.lines();
        (highlight, hugo, lines.join("\n"))
    }

    #[test]
    fn toc_levels_of_folio_say_nothing_others_are_listed() {
        let (_, _, notes) = run("[markup.tableOfContents]\nstartLevel = 2\nendLevel = 4\n");
        assert!(notes.is_empty(), "{notes}");
        let (_, _, notes) = run("");
        assert_eq!(
            notes,
            "markup.tableOfContents.endLevel = 3 (Hugo's default): not carried over: folio's table of contents has the levels 2 to 4"
        );
        let (_, _, notes) =
            run("[markup.tableOfContents]\nstartLevel = 1\nendLevel = 4\nordered = true\n");
        assert!(
            notes.contains("startLevel = 1: not carried over"),
            "{notes}"
        );
        assert!(
            notes.contains("ordered = true: not carried over"),
            "{notes}"
        );
    }

    #[test]
    fn highlighting_and_settings_folio_shares() {
        let (on, rest, _) = run(
            "[markup.highlight]\nnoClasses = false\nstyle = 'monokai'\n[markup.goldmark.renderer]\nunsafe = true\n",
        );
        assert!(on.enabled);
        assert_eq!(
            get_at(&rest, &["markup", "highlight", "style"])
                .unwrap()
                .as_str(),
            Some("monokai")
        );
        assert!(get_at(&rest, &["markup", "goldmark", "renderer", "unsafe"]).is_none());
        let (off, _, notes) = run("[markup.highlight]\ncodeFences = false\nnoClasses = true\n");
        assert!(!off.enabled);
        assert!(
            notes.contains("noClasses = true: not carried over: folio highlights with CSS classes"),
            "{notes}"
        );
    }
}
