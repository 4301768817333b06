//! Hugo's config files merged into one tree as Hugo merges them: each file is set over the
//! ones before, tables key by key (in any case), any other value (arrays too) replacing
//! what was there. Each setting remembers the file it came from, for the report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

use super::error::Result;
use super::files::ConfigFile;
use super::parse;
use super::tree::{KeyPath, find_key, take};
use crate::error::Location;

/// The file each setting came from (the last one to set it), by its lowercased dotted key.
#[derive(Debug, Clone, Default)]
pub struct Origins(BTreeMap<String, PathBuf>);

impl Origins {
    /// The file of the setting at `path`, of the table it sits in, or of a setting below it.
    pub fn file_of(&self, path: &KeyPath) -> Option<String> {
        let key = path.keys().join(".");
        let mut probe = key.as_str();
        loop {
            if let Some(file) = self.0.get(probe) {
                return Some(file.display().to_string());
            }
            match probe.rfind('.') {
                Some(dot) => probe = &probe[..dot],
                None => break,
            }
        }
        let below = format!("{key}.");
        self.0
            .range(below.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&below))
            .map(|(_, file)| file.display().to_string())
    }

    /// Where the setting at `path` is written: the first line of its file that sets a key
    /// of its name, else the file's start.
    pub fn locate(&self, path: &KeyPath, fallback: &Path) -> Location {
        let file = self
            .file_of(path)
            .map_or(fallback.to_path_buf(), PathBuf::from);
        let name = path.keys().pop().unwrap_or_default();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let line = text.lines().enumerate().find_map(|(i, line)| {
            let indent = line.len() - line.trim_start().len();
            let rest = line.trim_start().trim_start_matches(['"', '\'']);
            let after = rest
                .get(..name.len())?
                .eq_ignore_ascii_case(&name)
                .then(|| {
                    rest[name.len()..]
                        .trim_start_matches(['"', '\''])
                        .trim_start()
                })?;
            (after.starts_with('=') || after.starts_with(':')).then_some((i + 1, indent + 1))
        });
        let (line, col) = line.unwrap_or((1, 1));
        Location::new(&file, line, col)
    }

    fn record(&mut self, keys: &[String], value: &Value, file: &Path) {
        self.0.insert(keys.join("."), file.to_path_buf());
        if let Value::Table(table) = value {
            for (k, v) in table {
                let mut below = keys.to_vec();
                below.push(k.to_ascii_lowercase());
                self.record(&below, v, file);
            }
        }
    }

    fn forget(&mut self, keys: &[String]) {
        let key = keys.join(".");
        let below = format!("{key}.");
        self.0.retain(|k, _| *k != key && !k.starts_with(&below));
    }
}

/// Reads and merges `files`, in order.
pub fn load(files: &[ConfigFile]) -> Result<(Table, Origins)> {
    let mut tree = Table::new();
    let mut origins = Origins::default();
    for file in files {
        let mut table = parse::read(&file.path)?;
        for key in file.under.iter().rev() {
            table = Table::from_iter([(key.clone(), Value::Table(table))]);
        }
        rename_menu(&mut table);
        set(&mut tree, table, &[], &file.path, &mut origins);
    }
    // Hugo's old name for taxonomies.
    if find_key(&tree, "taxonomies").is_none()
        && let Some((_, indexes)) = take(&mut tree, "indexes")
    {
        tree.insert("taxonomies".into(), indexes);
    }
    Ok((tree, origins))
}

fn set(dst: &mut Table, src: Table, at: &[String], file: &Path, origins: &mut Origins) {
    for (key, value) in src {
        let mut keys = at.to_vec();
        keys.push(key.to_ascii_lowercase());
        let existing = find_key(dst, &key);
        match (existing.as_ref().and_then(|k| dst.get_mut(k)), value) {
            (Some(Value::Table(old)), Value::Table(new)) => set(old, new, &keys, file, origins),
            (_, value) => {
                if let Some(existing) = &existing {
                    dst.remove(existing);
                    origins.forget(&keys);
                }
                origins.record(&keys, &value, file);
                dst.insert(key, value);
            }
        }
    }
}

/// Before Hugo 0.53 menus were `menu`; Hugo still reads that name, at the top and in a
/// language.
fn rename_menu(table: &mut Table) {
    rename(table, "menu", "menus");
    let languages = find_key(table, "languages").and_then(|k| table.get_mut(&k));
    if let Some(Value::Table(languages)) = languages {
        for (_, language) in languages.iter_mut() {
            let Some(language) = language.as_table_mut() else {
                continue;
            };
            rename(language, "menu", "menus");
        }
    }
}

fn rename(table: &mut Table, old: &str, new: &str) {
    if let Some((_, value)) = take(table, old) {
        let mut origins = Origins::default();
        let renamed = Table::from_iter([(new.to_string(), value)]);
        set(table, renamed, &[], Path::new(""), &mut origins);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(files: &[(&str, &str)]) -> (Table, Origins) {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<ConfigFile> = files
            .iter()
            .map(|(name, text)| {
                let path = dir.path().join(name);
                std::fs::write(&path, text).unwrap();
                ConfigFile {
                    path,
                    under: Vec::new(),
                }
            })
            .collect();
        load(&files).unwrap()
    }

    #[test]
    fn later_files_win_key_by_key_in_any_case() {
        let (tree, origins) = merged(&[
            (
                "a.toml",
                "title = 'A'\n[Params]\nx = 1\nkeep = 'a'\n[[menu.main]]\nname = 'Old'\n",
            ),
            (
                "b.yaml",
                "params:\n  X: 2\nmenus:\n  main:\n    - name: New\n",
            ),
        ]);
        assert_eq!(tree["title"].as_str(), Some("A"));
        let params = tree["Params"].as_table().unwrap();
        assert_eq!(params.get("X"), Some(&Value::Integer(2)));
        assert_eq!(params.get("keep"), Some(&Value::String("a".into())));
        assert!(!params.contains_key("x"), "{params:?}");
        let main = tree["menus"]["main"].as_array().unwrap();
        assert_eq!(main.len(), 1, "arrays are replaced, not appended");
        let x = KeyPath::default().key("params").key("x");
        assert!(origins.file_of(&x).unwrap().ends_with("b.yaml"));
        let title = KeyPath::default().key("title");
        assert!(origins.file_of(&title).unwrap().ends_with("a.toml"));
        let location = origins.locate(&title, Path::new("?"));
        assert_eq!((location.line, location.col), (1, 1));
    }
}
