//! Reading Hugo's config tree the way Hugo does: keys are case-insensitive (`baseURL`,
//! `baseurl` and `BaseURL` are one setting). The tree keeps the author's spelling, so that
//! `[extra]` and the report show keys as written. Every setting is *taken* out of the tree
//! once it is carried over, so whatever remains at the end is what was not.

use std::fmt;

use toml::{Table, Value};

use super::report::Notes;

/// Where a setting sits in Hugo's config: `markup.highlight.style`, `menus.main[2].url`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(Vec<Segment>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

impl KeyPath {
    pub fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_string()));
        path
    }

    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }

    /// The keys, lowercased, without array indices: the form Hugo matches settings by.
    pub fn keys(&self) -> Vec<String> {
        self.0
            .iter()
            .filter_map(|s| match s {
                Segment::Key(k) => Some(k.to_ascii_lowercase()),
                Segment::Index(_) => None,
            })
            .collect()
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// The key of `table` that is `name` ignoring ASCII case.
pub fn find_key(table: &Table, name: &str) -> Option<String> {
    table.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned()
}

pub fn get<'a>(table: &'a Table, name: &str) -> Option<&'a Value> {
    find_key(table, name).and_then(|k| table.get(&k))
}

/// The setting at `names` below `table`.
pub fn get_at<'a>(table: &'a Table, names: &[&str]) -> Option<&'a Value> {
    let (last, parents) = names.split_last()?;
    let mut table = table;
    for name in parents {
        table = get(table, name)?.as_table()?;
    }
    get(table, last)
}

/// Removes `name` (any case) from `table`, returning its key as written and its value.
pub fn take(table: &mut Table, name: &str) -> Option<(String, Value)> {
    let key = find_key(table, name)?;
    table.remove(&key).map(|v| (key, v))
}

/// Removes the setting at `names` below `table`, leaving the tables on the way (perhaps
/// empty) in place.
pub fn take_at(table: &mut Table, names: &[&str]) -> Option<(String, Value)> {
    let (last, parents) = names.split_last()?;
    let mut table = table;
    for name in parents {
        let key = find_key(table, name)?;
        table = table.get_mut(&key)?.as_table_mut()?;
    }
    take(table, last)
}

/// A typed setting taken from `table`; a value of the wrong type is reported, not carried.
pub struct Taker<'a> {
    pub table: &'a mut Table,
    pub path: &'a KeyPath,
}

impl Taker<'_> {
    pub fn string(&mut self, name: &str, notes: &mut Notes) -> Option<String> {
        self.typed(name, notes, "a string", |v| v.as_str().map(str::to_string))
    }

    pub fn bool(&mut self, name: &str, notes: &mut Notes) -> Option<bool> {
        self.typed(name, notes, "true or false", Value::as_bool)
    }

    pub fn int(&mut self, name: &str, notes: &mut Notes) -> Option<i64> {
        self.typed(name, notes, "a whole number", Value::as_integer)
    }

    pub fn table(&mut self, name: &str, notes: &mut Notes) -> Option<(String, Table)> {
        let (key, value) = take(self.table, name)?;
        match value {
            Value::Table(table) => Some((key, table)),
            other => {
                notes.wrong_type(&self.path.key(&key), &other, "a table");
                None
            }
        }
    }

    fn typed<T>(
        &mut self,
        name: &str,
        notes: &mut Notes,
        expected: &str,
        convert: impl Fn(&Value) -> Option<T>,
    ) -> Option<T> {
        let (key, value) = take(self.table, name)?;
        let converted = convert(&value);
        if converted.is_none() {
            notes.wrong_type(&self.path.key(&key), &value, expected);
        }
        converted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_in_any_case_and_keep_their_spelling() {
        let mut table: Table =
            toml::from_str("baseURL = 'x'\n[Markup.highlight]\nnoClasses = false").unwrap();
        assert_eq!(find_key(&table, "baseurl").as_deref(), Some("baseURL"));
        let (key, value) = take_at(&mut table, &["markup", "HIGHLIGHT", "noclasses"]).unwrap();
        assert_eq!((key.as_str(), value), ("noClasses", Value::Boolean(false)));
        assert!(table["Markup"]["highlight"].as_table().unwrap().is_empty());
    }

    #[test]
    fn key_paths_show_indices() {
        let path = KeyPath::default()
            .key("menus")
            .key("main")
            .index(2)
            .key("url");
        assert_eq!(path.to_string(), "menus.main[2].url");
        assert_eq!(path.keys(), ["menus", "main", "url"]);
    }
}
