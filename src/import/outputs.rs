//! Hugo's `outputs` against what folio writes for each kind of page: HTML everywhere, and
//! RSS for the home page, sections and taxonomy terms. Only a difference is reported.

use toml::{Table, Value};

use super::report::Notes;
use super::tree::{KeyPath, take};

const FOLIO: [(&str, &[&str]); 5] = [
    ("home", &["html", "rss"]),
    ("section", &["html", "rss"]),
    ("taxonomy", &["html"]),
    ("term", &["html", "rss"]),
    ("page", &["html"]),
];

pub fn compare(hugo: &mut Table, notes: &mut Notes) {
    let Some((key, value)) = take(hugo, "outputs") else {
        return;
    };
    let at = KeyPath::default().key(&key);
    let Value::Table(kinds) = value else {
        return notes.wrong_type(&at, &value, "a table of page kinds");
    };
    for (kind, formats) in kinds {
        let path = at.key(&kind);
        let folio = FOLIO
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&kind))
            .map(|(_, f)| *f);
        let Some(folio) = folio else {
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
    use crate::import::merge::Origins;

    #[test]
    fn only_differences_are_reported() {
        let mut hugo: Table = toml::from_str(
            "[outputs]\nhome = ['HTML', 'RSS', 'JSON']\nsection = ['html', 'rss']\n\
             taxonomy = ['HTML']\nterm = ['HTML']\n",
        )
        .unwrap();
        let mut notes = Notes::new(Origins::default());
        compare(&mut hugo, &mut notes);
        let lines: Vec<String> = notes.items.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "outputs.home = [\"HTML\", \"RSS\", \"JSON\"]: not carried over: folio writes no JSON",
                "outputs.term = [\"HTML\"]: not carried over: folio writes RSS here too",
            ]
        );
    }
}
