//! Hugo's `permalinks` against folio's one URL rule, `BASE/[LANG/]SECTION/SLUG/` with the
//! slug falling back to the file name: Hugo's `/:sections/:slugorfilename/`.

use toml::{Table, Value};

use super::report::Notes;
use super::tree::{KeyPath, take};

/// Hugo's kinds in its newer form, `[permalinks.page]`, `[permalinks.section]`, ….
const KINDS: [&str; 4] = ["page", "section", "taxonomy", "term"];

pub fn compare(hugo: &mut Table, notes: &mut Notes) {
    let Some((key, value)) = take(hugo, "permalinks") else {
        return;
    };
    let at = KeyPath::default().key(&key);
    let Value::Table(entries) = value else {
        return notes.wrong_type(&at, &value, "a table");
    };
    for (name, value) in entries {
        let path = at.key(&name);
        match value {
            Value::Table(sections) if KINDS.iter().any(|k| k.eq_ignore_ascii_case(&name)) => {
                let is_page = name.eq_ignore_ascii_case("page");
                for (section, pattern) in sections {
                    check(&path.key(&section), &pattern, is_page, notes);
                }
            }
            pattern => check(&path, &pattern, true, notes),
        }
    }
}

fn check(path: &KeyPath, pattern: &Value, is_page: bool, notes: &mut Notes) {
    let Some(text) = pattern.as_str() else {
        return notes.wrong_type(path, pattern, "a URL pattern");
    };
    let normal = format!("/{}/", text.trim_matches('/'));
    let why = match normal.as_str() {
        "/:sections/:slugorfilename/" if is_page => return,
        "/:section/:slugorfilename/" | "/:section/:slug/" if is_page => {
            "folio's URLs keep every level of nested sections, Hugo's :section only the first"
        }
        "/:sections/:slug/" if is_page => {
            "a page without `slug` gets its file name in folio's URL, its title in Hugo's: give such pages a slug"
        }
        _ if is_page => "folio's page URLs are BASE/[LANG/]SECTION/SLUG/",
        _ => "folio's section and taxonomy URLs are fixed",
    };
    notes.not_carried(path, Some(pattern), why);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        let mut hugo: Table = toml::from_str(text).unwrap();
        let mut notes = Notes::default();
        compare(&mut hugo, &mut notes);
        notes.lines()
    }

    #[test]
    fn folios_rule_says_nothing_others_are_listed() {
        assert!(lines("[permalinks]\nposts = '/:sections/:slugorfilename/'\n").is_empty());
        assert!(lines("[permalinks.page]\nposts = ':sections/:slugorfilename'\n").is_empty());
        let slug = lines("[permalinks]\nposts = '/:sections/:slug/'\n");
        assert!(slug[0].contains("its title in Hugo's"), "{slug:?}");
        let dated = lines(
            "[permalinks.page]\nposts = '/:year/:month/:slug/'\n[permalinks.term]\ntags = '/t/:slug/'\n",
        );
        assert_eq!(
            dated,
            [
                "permalinks.page.posts = \"/:year/:month/:slug/\": not carried over: folio's page URLs are BASE/[LANG/]SECTION/SLUG/",
                "permalinks.term.tags = \"/t/:slug/\": not carried over: folio's section and taxonomy URLs are fixed",
            ]
        );
    }
}
