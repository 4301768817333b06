//! Hugo's list settings that folio has: the pager size (`pagination.pagerSize`, before
//! Hugo 0.128 `paginate`) and the feeds' limit (`services.rss.limit`, before 0.114
//! `rssLimit`). Anything else of `pagination` is left for `leftovers`, except a
//! `pagination.path` of `"page"`, which is what folio does anyway.

use toml::{Table, Value};

use super::folio::Feeds;
use super::report::Notes;
use super::tree::{KeyPath, get_at, take, take_at};

/// `paginate_by` from the site's or a language's `table`, at `at`.
pub fn pager_size(table: &mut Table, at: &KeyPath, notes: &mut Notes) -> Option<i64> {
    if get_at(table, &["pagination", "path"]).and_then(Value::as_str) == Some("page") {
        take_at(table, &["pagination", "path"]);
    }
    if get_at(table, &["paginatePath"]).and_then(Value::as_str) == Some("page") {
        take(table, "paginatePath");
    }
    let size = take_at(table, &["pagination", "pagerSize"])
        .map(|(key, value)| (at.key("pagination").key(&key), value))
        .or_else(|| take(table, "paginate").map(|(key, value)| (at.key(&key), value)));
    let empty = |v: &Value| v.as_table().is_some_and(Table::is_empty);
    if get_at(table, &["pagination"]).is_some_and(empty) {
        take(table, "pagination");
    }
    let (path, value) = size?;
    match value.as_integer() {
        Some(n) if n > 0 => Some(n),
        _ => {
            notes.wrong_type(&path, &value, "a whole number above 0");
            None
        }
    }
}

/// `[feeds]` from the site's settings: `limit` from Hugo's RSS limit (-1, Hugo's default,
/// is folio's: no limit).
pub fn feeds(hugo: &mut Table, notes: &mut Notes) -> Option<Feeds> {
    let top = KeyPath::default();
    let limit = take_at(hugo, &["services", "rss", "limit"])
        .map(|(key, value)| (top.key("services").key("rss").key(&key), value))
        .or_else(|| take(hugo, "rssLimit").map(|(key, value)| (top.key(&key), value)));
    for parents in [&["services", "rss"][..], &["services"]] {
        if get_at(hugo, parents)
            .and_then(Value::as_table)
            .is_some_and(Table::is_empty)
        {
            take_at(hugo, parents);
        }
    }
    let (path, value) = limit?;
    match value.as_integer() {
        Some(n) if n > 0 => Some(Feeds { limit: n }),
        Some(n) if n < 0 => None,
        _ => {
            notes.wrong_type(&path, &value, "a whole number above 0, or -1 for no limit");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<i64>, Option<Feeds>, Table, Vec<String>) {
        let mut table: Table = toml::from_str(text).unwrap();
        let mut notes = Notes::default();
        let size = pager_size(&mut table, &KeyPath::default(), &mut notes);
        let feeds = feeds(&mut table, &mut notes);
        (size, feeds, table, notes.lines())
    }

    #[test]
    fn pager_size_and_rss_limit_are_carried_over() {
        let (size, feeds, left, lines) =
            run("[pagination]\npagerSize = 5\npath = 'page'\n[services.rss]\nlimit = 20\n");
        assert_eq!((size, feeds.map(|f| f.limit)), (Some(5), Some(20)));
        assert!(left.is_empty() && lines.is_empty(), "{left:?} {lines:?}");
        let (size, feeds, left, _) = run("paginate = 7\nrssLimit = -1\n");
        assert_eq!(
            (size, feeds.is_none(), left.is_empty()),
            (Some(7), true, true)
        );
    }

    #[test]
    fn another_pager_path_is_left_for_the_report() {
        let (size, _, left, _) = run("[pagination]\npagerSize = 5\npath = 'seite'\n");
        assert_eq!(size, Some(5));
        assert_eq!(left.to_string().trim(), "[pagination]\npath = \"seite\"");
    }

    #[test]
    fn a_size_of_zero_is_reported() {
        let (size, _, _, lines) = run("[pagination]\npagerSize = 0\n");
        assert_eq!(size, None);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("pagination.pagerSize = 0"), "{lines:?}");
    }
}
