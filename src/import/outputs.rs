//! Hugo's `outputs` against what folio writes for each kind of page: HTML everywhere, and
//! RSS for the home page, sections and taxonomy terms. Only a difference is reported.

use toml::{Table, Value};

use super::report::Notes;
use super::tree::{KeyPath, find_key, take};

/// Kind of page, what folio writes for it, what Hugo writes without an `outputs` setting.
const KINDS: [(&str, &[&str], &[&str]); 5] = [
    ("home", &["html", "rss"], &["html", "rss"]),
    ("section", &["html", "rss"], &["html", "rss"]),
    ("taxonomy", &["html"], &["html", "rss"]),
    ("term", &["html", "rss"], &["html", "rss"]),
    ("page", &["html"], &["html"]),
];

pub fn compare(hugo: &mut Table, notes: &mut Notes) {
    let (at, kinds) = match take(hugo, "outputs") {
        Some((key, Value::Table(kinds))) => (KeyPath::default().key(&key), kinds),
        Some((key, other)) => {
            let at = KeyPath::default().key(&key);
            return notes.wrong_type(&at, &other, "a table of page kinds");
        }
        None => (KeyPath::default().key("outputs"), Table::new()),
    };
    defaults(&kinds, &at, notes);
    for (kind, formats) in kinds {
        let path = at.key(&kind);
        let Some(folio) = folio_of(&kind) else {
            notes.not_carried(&path, Some(&formats), "folio has no such kind of page");
            continue;
        };
        let hugo: Option<Vec<String>> = formats.as_array().map(|items| {
            items
                .iter()
                .filter_map(|f| f.as_str().map(str::to_ascii_lowercase))
                .collect()
        });
        match hugo {
            Some(hugo) => {
                if let Some(why) = difference(&hugo, folio) {
                    notes.not_carried(&path, Some(&formats), why);
                }
            }
            None => notes.wrong_type(&path, &formats, "a list of output formats"),
        }
    }
}

/// The kinds without a setting get Hugo's default outputs, which may differ from folio's.
fn defaults(kinds: &Table, at: &KeyPath, notes: &mut Notes) {
    for (kind, folio, hugo) in KINDS {
        if find_key(kinds, kind).is_some() {
            continue;
        }
        let hugo: Vec<String> = hugo.iter().map(|f| f.to_string()).collect();
        if let Some(why) = difference(&hugo, folio) {
            let shown: Vec<String> = hugo
                .iter()
                .map(|f| format!("\"{}\"", f.to_ascii_uppercase()))
                .collect();
            let subject = format!("{} = [{}] (Hugo's default)", at.key(kind), shown.join(", "));
            notes.default_differs(subject, why);
        }
    }
}

fn folio_of(kind: &str) -> Option<&'static [&'static str]> {
    KINDS
        .iter()
        .find(|(k, _, _)| k.eq_ignore_ascii_case(kind))
        .map(|(_, folio, _)| *folio)
}

fn difference(hugo: &[String], folio: &[&str]) -> Option<String> {
    let upper = |f: &str| f.to_ascii_uppercase();
    let missing: Vec<String> = hugo
        .iter()
        .filter(|f| !folio.contains(&f.as_str()))
        .map(|f| upper(f))
        .collect();
    let added: Vec<String> = folio
        .iter()
        .filter(|f| !hugo.iter().any(|h| h == *f))
        .map(|f| upper(f))
        .collect();
    let mut why = Vec::new();
    if !missing.is_empty() {
        why.push(format!("folio writes no {}", missing.join(" or ")));
    }
    if !added.is_empty() {
        why.push(format!("folio writes {} here too", added.join(" and ")));
    }
    (!why.is_empty()).then(|| why.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_differences_are_reported() {
        let mut hugo: Table = toml::from_str(
            "[outputs]\nhome = ['HTML', 'RSS', 'JSON']\nsection = ['html', 'rss']\nterm = ['HTML']\n",
        )
        .unwrap();
        let mut notes = Notes::default();
        compare(&mut hugo, &mut notes);
        let lines = notes.lines();
        assert_eq!(
            lines,
            [
                "outputs.taxonomy = [\"HTML\", \"RSS\"] (Hugo's default): not carried over: folio writes no RSS",
                "outputs.home = [\"HTML\", \"RSS\", \"JSON\"]: not carried over: folio writes no JSON",
                "outputs.term = [\"HTML\"]: not carried over: folio writes RSS here too",
            ]
        );
        let mut taxonomy: Table = toml::from_str("[outputs]\ntaxonomy = ['html']\n").unwrap();
        let mut notes = Notes::default();
        compare(&mut taxonomy, &mut notes);
        assert!(notes.items.is_empty());
    }
}
