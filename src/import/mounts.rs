//! Hugo's `module.mounts`: the content folder of each language (`lang = "en"` before Hugo
//! 0.153, `sites.matrix.languages = ["en"]` since). Mounts of Hugo's own folders onto
//! themselves change nothing; any other mount is reported.

use std::collections::BTreeMap;

use toml::{Table, Value};

use super::languages::clean_dir;
use super::report::Notes;
use super::tree::{KeyPath, get, take_at};

/// Hugo's folders that a mount onto itself leaves as they are.
const HUGO_FOLDERS: [&str; 7] = [
    "content",
    "static",
    "layouts",
    "assets",
    "data",
    "i18n",
    "archetypes",
];

#[derive(Debug, Default)]
pub struct ContentMounts {
    /// Language key → the folder mounted as its content, and its mount.
    pub by_language: BTreeMap<String, (String, KeyPath)>,
    /// A folder other than `content` mounted as every language's content, and its mount.
    pub shared: Option<(String, KeyPath)>,
}

pub fn content_mounts(hugo: &mut Table, notes: &mut Notes) -> ContentMounts {
    let mut mounts = ContentMounts::default();
    let Some((key, value)) = take_at(hugo, &["module", "mounts"]) else {
        return mounts;
    };
    let at = KeyPath::default().key("module").key(&key);
    let Value::Array(items) = value else {
        notes.wrong_type(&at, &value, "a list of mounts");
        return mounts;
    };
    for (i, item) in items.into_iter().enumerate() {
        let path = at.index(i);
        match item {
            Value::Table(mount) => mounts.add(mount, &path, notes),
            other => notes.wrong_type(&path, &other, "a mount"),
        }
    }
    mounts
}

impl ContentMounts {
    fn add(&mut self, mount: Table, path: &KeyPath, notes: &mut Notes) {
        let text = |name: &str| get(&mount, name).and_then(Value::as_str).map(clean_dir);
        let (Some(source), Some(target)) = (text("source"), text("target")) else {
            let why = "a mount needs a source and a target";
            return notes.not_carried(path, Some(&Value::Table(mount)), why);
        };
        let languages = mount_languages(&mount);
        let filtered = ["includeFiles", "excludeFiles"]
            .iter()
            .any(|k| get(&mount, k).is_some());
        let why = if target != "content" {
            if source == target && HUGO_FOLDERS.contains(&target.as_str()) {
                return;
            }
            "folio reads content, templates/ and static/ where they are; it mounts nothing"
        } else if filtered {
            "folio reads every file of a content folder"
        } else {
            match languages.as_slice() {
                [] if source == "content" => return,
                [] if self.shared.is_none() => return self.shared = Some((source, path.clone())),
                [lang] if !self.by_language.contains_key(lang) => {
                    self.by_language
                        .insert(lang.clone(), (source, path.clone()));
                    return;
                }
                [_] | [] => "folio reads one content folder per language",
                _ => "folio gives a content folder to one language only",
            }
        };
        notes.not_carried(path, Some(&Value::Table(mount)), why);
    }
}

/// The languages a mount is for: `lang`, or `sites.matrix.languages`.
fn mount_languages(mount: &Table) -> Vec<String> {
    if let Some(lang) = get(mount, "lang").and_then(Value::as_str) {
        return vec![lang.to_lowercase()];
    }
    let matrix = get(mount, "sites")
        .and_then(Value::as_table)
        .and_then(|sites| get(sites, "matrix"))
        .and_then(Value::as_table)
        .and_then(|matrix| get(matrix, "languages"));
    match matrix {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_lowercase))
            .collect(),
        Some(Value::String(lang)) => vec![lang.to_lowercase()],
        _ => Vec::new(),
    }
}
