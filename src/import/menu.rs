//! Hugo's `menus.main` → folio's `[[menu]]`: each entry's `name`, and its `url` as `path`,
//! in Hugo's order (by weight, entries without one last, then by name).

use std::cmp::Ordering;

use toml::{Table, Value};

use super::folio::MenuItem;
use super::leftovers;
use super::report::Notes;
use super::tree::{KeyPath, Taker, take};

/// `lang_root` (`/zh/`) is taken off a URL that starts with it: folio's menu paths are
/// relative to the language's root.
pub fn menus(
    value: Value,
    at: &KeyPath,
    lang_root: Option<&str>,
    notes: &mut Notes,
) -> Vec<MenuItem> {
    let Value::Table(menus) = value else {
        notes.wrong_type(at, &value, "a table of menus");
        return Vec::new();
    };
    let mut main = Vec::new();
    for (name, entries) in menus {
        let path = at.key(&name);
        if name.eq_ignore_ascii_case("main") {
            main = entries_of(entries, &path, lang_root, notes);
        } else {
            let why = "folio has one menu, made from Hugo's main menu";
            notes.not_carried(&path, None, why);
        }
    }
    main
}

fn entries_of(
    value: Value,
    at: &KeyPath,
    lang_root: Option<&str>,
    notes: &mut Notes,
) -> Vec<MenuItem> {
    let Value::Array(items) = value else {
        notes.wrong_type(at, &value, "a list of menu entries");
        return Vec::new();
    };
    let mut entries: Vec<(i64, MenuItem)> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let path = at.index(i);
        match item {
            Value::Table(table) => entries.extend(entry(table, &path, lang_root, notes)),
            other => notes.wrong_type(&path, &other, "a menu entry"),
        }
    }
    entries.sort_by(|(wa, a), (wb, b)| hugo_order(*wa, *wb).then_with(|| by_name(a, b)));
    entries.into_iter().map(|(_, item)| item).collect()
}

fn entry(
    mut table: Table,
    at: &KeyPath,
    lang_root: Option<&str>,
    notes: &mut Notes,
) -> Option<(i64, MenuItem)> {
    let mut take_entry = Taker {
        table: &mut table,
        path: at,
    };
    let name = take_entry.string("name", notes);
    let url = take_entry.string("url", notes);
    let weight = take_entry.int("weight", notes).unwrap_or(0);
    // An identifier only names the entry for `parent`, which is reported below.
    take(&mut table, "identifier");
    let page_ref = take(&mut table, "pageRef");
    if let Some((key, parent)) = take(&mut table, "parent") {
        let why = "folio's menu is flat: this entry is at the top level";
        notes.not_carried(&at.key(&key), Some(&parent), why);
    }
    leftovers::report(table, at, notes);
    let Some(url) = url else {
        let why = match page_ref {
            Some(_) => "folio's menu needs a path, not a page reference: add this entry by hand",
            None => "an entry without a url",
        };
        notes.not_carried(at, name.map(Value::String).as_ref(), why);
        return None;
    };
    if url.contains("://") || url.starts_with("//") || url.starts_with("mailto:") {
        let why = "folio's menu paths lead into the site: put links elsewhere in templates/";
        notes.not_carried(&at.key("url"), Some(&Value::String(url)), why);
        return None;
    }
    let Some(name) = name else {
        notes.not_carried(at, Some(&Value::String(url)), "an entry without a name");
        return None;
    };
    Some((
        weight,
        MenuItem {
            name,
            path: relative(&url, lang_root),
        },
    ))
}

fn relative(url: &str, lang_root: Option<&str>) -> String {
    match lang_root.and_then(|root| url.strip_prefix(root.trim_end_matches('/'))) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            if rest.is_empty() {
                "/".into()
            } else {
                rest.into()
            }
        }
        _ => url.to_string(),
    }
}

/// Hugo sorts entries by weight, with weight 0 (none) after all others.
fn hugo_order(a: i64, b: i64) -> Ordering {
    (a == 0, a).cmp(&(b == 0, b))
}

fn by_name(a: &MenuItem, b: &MenuItem) -> Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.name.cmp(&b.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn main_menu(text: &str, lang_root: Option<&str>) -> (Vec<String>, Vec<String>) {
        let table: Table = toml::from_str(text).unwrap();
        let mut notes = Notes::default();
        let at = KeyPath::default().key("menus");
        let items = menus(Value::Table(table), &at, lang_root, &mut notes);
        let items = items.into_iter().map(|m| format!("{}={}", m.name, m.path));
        let notes = notes.lines();
        (items.collect(), notes)
    }

    #[test]
    fn entries_follow_hugo_order() {
        let (items, notes) = main_menu(
            "[[main]]\nname='Zero'\nurl='/z/'\n[[main]]\nname='b'\nurl='/b/'\nweight=2\n\
             [[main]]\nname='A'\nurl='/a/'\nweight=2\n[[main]]\nname='One'\nurl='/one/'\nweight=1\n",
            None,
        );
        assert_eq!(items, ["One=/one/", "A=/a/", "b=/b/", "Zero=/z/"]);
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn language_roots_go_and_what_cannot_be_carried_is_said() {
        let (items, notes) = main_menu(
            "[[main]]\nname='Über'\nurl='/de/about/'\n[[main]]\nname='Home'\nurl='/de'\n\
             [[main]]\nname='GitHub'\nurl='https://github.com/'\n[[main]]\nname='Post'\npageRef='/post'\n\
             [[main]]\nname='Sub'\nurl='/sub/'\nparent='Über'\npre='<i></i>'\n[[footer]]\nname='F'\nurl='/f/'\n",
            Some("/de/"),
        );
        assert_eq!(items, ["Home=/", "Sub=/sub/", "Über=/about/"]);
        let notes = notes.join("\n");
        for expected in [
            "menus.main[2].url = \"https://github.com/\": not carried over: folio's menu paths lead into the site",
            "menus.main[3] = \"Post\": not carried over: folio's menu needs a path, not a page reference",
            "menus.main[4].parent = \"Über\": not carried over: folio's menu is flat",
            "menus.main[4].pre = \"<i></i>\": not carried over:",
            "menus.footer: not carried over: folio has one menu",
        ] {
            assert!(notes.contains(expected), "{expected}\n---\n{notes}");
        }
    }
}
